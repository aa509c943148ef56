-- wrk script for the POST figures. Each wrk thread posts its own pre-signed comments, one per
-- line of <prefix><thread>.txt (made by the bench), to <path>, and counts the answers:
-- 201 (written and fsynced), 200 (already stored: only if a thread ran out of comments and
-- started over), anything else.
--   wrk ... -s post.lua http://ip:port -- <prefix> <path>
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  bodies = {}
  for line in io.lines(args[1] .. id .. ".txt") do
    bodies[#bodies + 1] = line
  end
  path = args[2]
  nexti = 1
  created, existed, other, wrapped = 0, 0, 0, 0
end

function request()
  local body = bodies[nexti]
  nexti = nexti + 1
  if nexti > #bodies then
    nexti = 1
    wrapped = wrapped + 1
  end
  return wrk.format("POST", path, { ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  elseif status == 200 then
    existed = existed + 1
  else
    other = other + 1
  end
end

done = function(summary, latency, requests)
  local c, x, o, w = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    x = x + t:get("existed")
    o = o + t:get("other")
    w = w + t:get("wrapped")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH-JSON {"requests":%d,"duration_us":%d,"created":%d,"existed":%d,"other_status":%d,"wrapped":%d,' ..
    '"errors_connect":%d,"errors_read":%d,"errors_write":%d,"errors_timeout":%d,' ..
    '"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, c, x, o, w, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
