-- Shared by the identity benchmark's wrk scripts: prints `name value unit` lines at the end.
-- The caller sets `bench_name` before loading this file.
local report = {}

function report.done(name)
  return function(summary, latency, requests)
    local seconds = summary.duration / 1e6
    local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
    io.write(string.format("%s.throughput %.1f requests/s\n", name, (summary.requests - errors) / seconds))
    io.write(string.format("%s.p50 %.2f ms\n", name, latency:percentile(50) / 1000))
    io.write(string.format("%s.p99 %.2f ms\n", name, latency:percentile(99) / 1000))
    io.write(string.format("%s.errors %d requests\n", name, errors))
  end
end

return report
