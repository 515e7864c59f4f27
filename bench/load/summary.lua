-- summary.lua - wrk script for bench/load/run.sh: sends the session cookie
-- (FM_COOKIE, "fm_session=...") with every request and prints one
-- machine-readable RESULT line with requests/s, latency percentiles and every
-- kind of error wrk counts (non-2xx/3xx answers are "status" errors).
-- It does not look at bodies: a response() hook would slow wrk down on 2 cores.
local cookie = os.getenv("FM_COOKIE")
if cookie and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
    "errors=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.status + e.timeout,
    e.connect, e.read, e.write, e.status, e.timeout))
end
