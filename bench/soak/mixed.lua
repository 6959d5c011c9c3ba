-- wrk script for bench/soak: what a busy integration sends, over keep-alive connections. Of
-- every five requests one is a client-credentials token POST (body from BENCH_FORM) and four are
-- REST reads (a SOQL query, the limits, a describe, the versions) with the bearer token from
-- the thread's latest token answer (at first BENCH_AUTHORIZATION), so the credentials appear in
-- no command line and no read uses a token the org has forgotten. Every answer must be 200;
-- done() prints one line, "SOAK_JSON {...}", with the counts soak reads.
local form = os.getenv("BENCH_FORM")
local authorization = os.getenv("BENCH_AUTHORIZATION")
local reads = {
  "/services/data/v67.0/query?q=SELECT+Id%2C+Name+FROM+Account",
  "/services/data/v67.0/limits",
  "/services/data/v67.0/sobjects/Account/describe",
  "/services/data/",
}
local counter = 0
local threads = {}
-- Globals, so that done() can read each thread's with thread:get.
answered = 0
not_200 = 0
first_not_200 = ""

function setup(thread)
  table.insert(threads, thread)
end

function request()
  counter = counter + 1
  if counter % 5 == 0 then
    return wrk.format("POST", "/services/oauth2/token",
                      {["Content-Type"] = "application/x-www-form-urlencoded",
                       ["Accept"] = "application/json"}, form)
  end
  return wrk.format("GET", reads[counter % 5], {["Authorization"] = authorization,
                                                ["Accept"] = "application/json"})
end

function response(status, headers, body)
  answered = answered + 1
  if status ~= 200 then
    not_200 = not_200 + 1
    if first_not_200 == "" then first_not_200 = status .. " " .. body:sub(1, 120) end
    return
  end
  local token = body:match('"access_token":"([^"]+)"')
  if token then authorization = "Bearer " .. token end
end

function done(summary, latency, requests)
  local answered_total, not_200_total, first = 0, 0, ""
  for _, thread in ipairs(threads) do
    answered_total = answered_total + thread:get("answered")
    not_200_total = not_200_total + thread:get("not_200")
    local f = thread:get("first_not_200")
    if first == "" and f ~= "" then first = f end
  end
  local e = summary.errors
  io.write(string.format(
    'SOAK_JSON {"requests":%d,"answered":%d,"not_200":%d,"duration_s":%.3f,' ..
    '"latency_us":{"p50":%d,"p99":%d,"max":%d},' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},"first_not_200":"%s"}\n',
    summary.requests, answered_total, not_200_total, summary.duration / 1e6,
    latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.timeout, first:gsub('[%c"\\]', " ")))
end
