-- GET /api/v1/users/me with an access token from the environment (SEED_BENCH_TOKEN).
package.path = package.path .. ";./bench/wrk/?.lua"
local report = require("report")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("SEED_BENCH_TOKEN")
done = report.done("gateway.profile_read")
