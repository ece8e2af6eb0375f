-- GET /health/live: the gateway's HTTP stack and middleware with no Redis call and no bus request, the
-- floor under every API route's cost.
package.path = package.path .. ";./bench/wrk/?.lua"
local report = require("report")
done = report.done("gateway.http_floor")
