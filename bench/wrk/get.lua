-- wrk script for the cached-GET figures: the same request every time; done() prints the
-- figures the bench reads as one JSON line.
--   wrk ... -s get.lua <url> [-- <If-None-Match value>]
-- (No response() callback: it would run Lua for every answer, on both sides; the bench checks
-- the status of the request once before the runs, and wrk counts statuses above 399.)
function init(args)
  if args[1] ~= nil then
    wrk.headers["If-None-Match"] = args[1]
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH-JSON {"requests":%d,"duration_us":%d,"bytes":%d,"errors_connect":%d,"errors_read":%d,' ..
    '"errors_write":%d,"errors_status":%d,"errors_timeout":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,' ..
    '"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
