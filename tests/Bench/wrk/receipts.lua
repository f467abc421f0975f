-- Scanner load: each request posts BATCH receipts (1 = single POST to /intake/receipt) with
-- unique idempotency keys, label tokens taken in turn from TOKENS (lines "BENCH-n CONTEST").
-- Env: TOKENS, BATCH, KEY (bureau key), CONTEST (only tokens of that constituency).
local tokens = {}
local batch = tonumber(os.getenv("BATCH") or "1")
local contest = os.getenv("CONTEST")
for line in io.lines(os.getenv("TOKENS")) do
  local token, c = line:match("^(%S+) (%S+)$")
  if c == contest then tokens[#tokens + 1] = token end
end
local counter, id = 0, 0
function setup(thread) id = id + 1; thread:set("tid", id) end
function init(args) counter = 0 end
local function receipt()
  counter = counter + 1
  local token = tokens[((counter * 2 + tid) % #tokens) + 1]
  return string.format('{"labelToken":"%s","scannedAt":"2020-01-01T00:00:00Z","idempotencyKey":"w%d-%d-%d"}', token, tid, counter, math.random(1, 1e9))
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Bureau-Key"] = os.getenv("KEY")
function request()
  if batch == 1 then
    return wrk.format(nil, "/intake/receipt", nil, receipt())
  end
  local items = {}
  for i = 1, batch do items[i] = receipt() end
  return wrk.format(nil, "/intake/receipts", nil, '{"receipts":[' .. table.concat(items, ",") .. ']}')
end
