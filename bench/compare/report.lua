-- Shared by token.lua and get.lua (bench/compare): prints one line, "WRK_JSON {...}", with what
-- compare reads from a wrk run. Latencies are in microseconds. wrk counts a response with a
-- status of 400 or more in errors.status; compare checks each workload answers 200 before it
-- is driven, so a 3xx would be caught there.
function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_s":%.6f,"requests_per_s":%.3f,"bytes":%d,' ..
    '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f},' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}}\n',
    summary.requests, seconds, summary.requests / seconds, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    latency.mean, e.connect, e.read, e.write, e.status, e.timeout))
end
