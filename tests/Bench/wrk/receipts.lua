-- Scanner load: each request posts BATCH receipts (1 = single POST to /intake/receipt) with
-- unique idempotency keys, label tokens taken in turn from TOKENS (lines "BENCH-n CONTEST").
-- Env: TOKENS, BATCH, KEY (bureau key), CONTEST (only tokens of that constituency), RING (requests
-- formatted in advance per thread; default 200000 single receipts, or 600 batches). Requests are
-- formatted once in init(), as in sessions.lua, so that the load generator spends its share of the
-- two cores sending; each key is used once per run as long as a thread sends fewer than RING
-- requests, and done() warns when a thread went round its ring (its later keys were replays).
local tokens = {}
local batch = tonumber(os.getenv("BATCH") or "1")
local ring = tonumber(os.getenv("RING") or (batch == 1 and "200000" or "600"))
local contest = os.getenv("CONTEST")
for line in io.lines(os.getenv("TOKENS")) do
  local token, c = line:match("^(%S+) (%S+)$")
  if c == contest then tokens[#tokens + 1] = token end
end
local counter, id = 0, 0
local run, requests, sent = "", {}, 0
wrapped = 0 -- global: done() reads it from each thread
local threads = {}
function setup(thread) id = id + 1; thread:set("tid", id); threads[#threads + 1] = thread end
local function receipt()
  counter = counter + 1
  local token = tokens[((counter * 2 + tid) % #tokens) + 1]
  return string.format('{"labelToken":"%s","scannedAt":"2020-01-01T00:00:00Z","idempotencyKey":"w%d-%s-%d"}', token, tid, run, counter)
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Bureau-Key"] = os.getenv("KEY")
function init(args)
  math.randomseed(os.time() * 100 + tid)
  run = string.format("%d%06d", os.time(), math.random(0, 999999))
  counter = 0
  for i = 1, ring do
    if batch == 1 then
      requests[i] = wrk.format(nil, "/intake/receipt", nil, receipt())
    else
      local items = {}
      for j = 1, batch do items[j] = receipt() end
      requests[i] = wrk.format(nil, "/intake/receipts", nil, '{"receipts":[' .. table.concat(items, ",") .. ']}')
    end
  end
end
function request()
  if sent == ring then wrapped = wrapped + 1 end
  sent = sent % ring + 1
  return requests[sent]
end
function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    local w = thread:get("wrapped")
    if w and w > 0 then io.stderr:write(string.format("warning: a load thread went round its ring of %d requests %d times; raise RING\n", ring, w)) end
  end
end
