-- wrk script for bench/compare: the client-credentials token request, a POST with a form body.
-- The body comes from BENCH_FORM (grant_type=client_credentials&client_id=...&client_secret=...),
-- so the credentials appear in no command line.
wrk.method = "POST"
wrk.body = os.getenv("BENCH_FORM") or "grant_type=client_credentials"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"

dofile((debug.getinfo(1, "S").source:sub(2):match("^(.*/)") or "./") .. "report.lua")
