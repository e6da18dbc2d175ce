-- GET of one path (PATHS: a file of paths, taken in turn), e.g. the queue or a ticket page.
package.path = os.getenv("LUA_DIR") .. "/?.lua;" .. package.path
local c = require("common")
local paths = c.lines(os.getenv("PATHS"))
local n = 0
c.headers()
function request()
  n = n % #paths + 1
  return wrk.format("GET", paths[n])
end
done = c.done
