-- POST /api/v1/auth/refresh as a chain per connection: each response's new refresh token is the next
-- request's (rotation; a token is never presented twice). Start tokens, one per thread, come from the
-- file named by SEED_BENCH_REFRESH_TOKENS (one per line). Run with as many threads as connections.
package.path = package.path .. ";./bench/wrk/?.lua"
local report = require("report")
local tokens = {}
for line in io.lines(os.getenv("SEED_BENCH_REFRESH_TOKENS")) do tokens[#tokens + 1] = line end
local next_thread = 1

function setup(thread)
  thread:set("token", tokens[next_thread])
  next_thread = next_thread + 1
end

function request()
  return wrk.format("POST", "/api/v1/auth/refresh", { ["Content-Type"] = "application/json" },
                    '{"refreshToken":"' .. token .. '"}')
end

function response(status, headers, body)
  local fresh = body:match('"refreshToken":"([^"]+)"')
  if fresh then token = fresh end
end

done = report.done("gateway.refresh")
