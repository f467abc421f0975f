-- Requests from many voters: each request carries the next session cookie from COOKIES (one per
-- line). METHOD is GET (default) or POST (empty form body, for the K-code issue). The requests are
-- formatted once per thread in init(), so the load generator spends its share of the two cores
-- sending, not building strings.
local cookies = {}
for line in io.lines(os.getenv("COOKIES")) do cookies[#cookies + 1] = line end
local method = os.getenv("METHOD") or "GET"
local requests, counter, id = {}, 0, 0
function setup(thread) id = id + 1; thread:set("tid", id) end
function init(args)
  for i = 1, #cookies do
    local headers = { ["Cookie"] = cookies[((i * 2 + tid) % #cookies) + 1] }
    if method == "POST" then headers["Content-Type"] = "application/x-www-form-urlencoded" end
    requests[i] = wrk.format(method, nil, headers, method == "POST" and "" or nil)
  end
end
function request()
  counter = counter % #requests + 1
  return requests[counter]
end
function done(summary, latency, requests)
  io.write(string.format("non2xx %d\n", summary.errors.status))
end
