-- GET /api/v1/tickets/{id}: ids taken at random from TICKET_IDS (one per line).
package.path = os.getenv("LUA_DIR") .. "/?.lua;" .. package.path
local c = require("common")
local ids = c.lines(os.getenv("TICKET_IDS"))
c.headers()
function request()
  return wrk.format("GET", "/api/v1/tickets/" .. ids[math.random(1, #ids)])
end
done = c.done
