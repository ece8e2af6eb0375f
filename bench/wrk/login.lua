-- POST /api/v1/auth/login with the benchmark user's credentials.
package.path = package.path .. ";./bench/wrk/?.lua"
local report = require("report")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"email":"bench@example.com","password":"correct horse battery"}'
done = report.done("gateway.login")
