-- Counting load: each request registers BATCH counted ballots (default 100) through
-- /registration/ballots, K-codes taken in turn from KCODES (one per line), each with a fresh entry
-- id. Env: KCODES, BATCH, KEY (a counting credential), RING (requests formatted in advance per
-- thread, default 1500, so that a run never resends an entry id). Requests are formatted once in
-- init(), as in receipts.lua; each run starts at a random place in the file, so most codes are
-- registered for the first time and a few are copies, as in a real count.
local codes = {}
local batch = tonumber(os.getenv("BATCH") or "100")
local ring = tonumber(os.getenv("RING") or "1500")
for line in io.lines(os.getenv("KCODES")) do codes[#codes + 1] = line end
local id, requests, sent = 0, {}, 0
local threads = {}
function setup(thread) id = id + 1; thread:set("tid", id); threads[#threads + 1] = thread end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Bureau-Key"] = os.getenv("KEY")
function init(args)
  math.randomseed(os.time() * 100 + tid)
  local run = string.format("%d%06d", os.time(), math.random(0, 999999))
  local classes = { "valid", "valid", "valid", "valid", "valid", "valid", "doubtful-validated", "blank-or-invalid" }
  -- Thread t takes every other code from a random start, so that two threads never register the same code.
  local n = tid + 2 * math.random(0, math.floor(#codes / 2))
  for i = 1, ring do
    local items = {}
    for j = 1, batch do
      local code = codes[((n - 1) % #codes) + 1]
      n = n + 2
      items[j] = string.format('{"kCode":"%s","classification":"%s","entryId":"w%d-%s-%d-%d"}', code, classes[(j % #classes) + 1], tid, run, i, j)
    end
    requests[i] = wrk.format(nil, "/registration/ballots", nil, '{"ballots":[' .. table.concat(items, ",") .. ']}')
  end
end
function request()
  sent = sent % ring + 1
  return requests[sent]
end
