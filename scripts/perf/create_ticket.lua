-- POST /api/v1/tickets: customers taken in turn from CUSTOMERS (a "vendor<TAB>id" file).
-- With IDEMPOTENCY=1 every request carries a fresh Idempotency-Key.
package.path = os.getenv("LUA_DIR") .. "/?.lua;" .. package.path
local c = require("common")
local customers = {}
for _, line in ipairs(c.lines(os.getenv("CUSTOMERS"))) do
  local v, id = line:match("^(%S+)\t(%S+)$")
  customers[#customers + 1] = { v, id }
end
local keyed = os.getenv("IDEMPOTENCY") == "1"
local n = 0
local tid = 0
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end

function init(args)
  math.randomseed(os.time() + (tid or 0) * 7919)
  n = math.random(1, #customers)
end

function request()
  n = n % #customers + 1
  local cust = customers[n]
  local body = string.format(
    '{"vendor":"%s","customer_id":"%s","subject":"Orders not syncing %d","description":"Order %d is missing in the accounting system since this morning; the sync log shows a timeout.","channel":"email"}',
    cust[1], cust[2], n, n)
  local headers = {
    ["Authorization"] = "Bearer " .. c.token,
    ["Content-Type"] = "application/json",
  }
  if keyed then
    headers["Idempotency-Key"] = string.format("bench-%d-%d-%d", os.time(), tid or 0, math.random(1, 2147483647))
  end
  return wrk.format("POST", "/api/v1/tickets", headers, body)
end

done = c.done
