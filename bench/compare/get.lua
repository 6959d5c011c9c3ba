-- wrk script for bench/compare: a GET (discovery, or a REST query with the bearer token from
-- BENCH_AUTHORIZATION when set, so the token appears in no command line).
wrk.method = "GET"
wrk.headers["Accept"] = "application/json"
local authorization = os.getenv("BENCH_AUTHORIZATION")
if authorization and authorization ~= "" then
  wrk.headers["Authorization"] = authorization
end

dofile((debug.getinfo(1, "S").source:sub(2):match("^(.*/)") or "./") .. "report.lua")
