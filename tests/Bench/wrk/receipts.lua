-- Scanner load: each request posts BATCH receipts (1 = single POST to /intake/receipt) with
-- unique idempotency keys, label tokens taken in turn from TOKENS (lines "BENCH-n CONTEST").
-- Env: TOKENS, BATCH, KEY (bureau key), CONTEST (only tokens of that constituency), RING (single
-- receipts formatted in advance per thread, default 200000). Single receipts are formatted once in
-- init(), as in sessions.lua, so that the load generator spends its share of the two cores sending;
-- each key is used once per run as long as a thread sends fewer than RING requests.
local tokens = {}
local batch = tonumber(os.getenv("BATCH") or "1")
local ring = tonumber(os.getenv("RING") or "200000")
local contest = os.getenv("CONTEST")
for line in io.lines(os.getenv("TOKENS")) do
  local token, c = line:match("^(%S+) (%S+)$")
  if c == contest then tokens[#tokens + 1] = token end
end
local counter, id = 0, 0
local run, requests, sent = "", {}, 0
function setup(thread) id = id + 1; thread:set("tid", id) end
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
  if batch == 1 then
    for i = 1, ring do requests[i] = wrk.format(nil, "/intake/receipt", nil, receipt()) end
  end
end
function request()
  if batch == 1 then
    sent = sent % ring + 1
    return requests[sent]
  end
  local items = {}
  for i = 1, batch do items[i] = receipt() end
  return wrk.format(nil, "/intake/receipts", nil, '{"receipts":[' .. table.concat(items, ",") .. ']}')
end
