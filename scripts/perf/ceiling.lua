-- POST /echo on bench-ceiling with the same body as preview.lua.
package.path = os.getenv("LUA_DIR") .. "/?.lua;" .. package.path
local c = require("common")
wrk.method = "POST"
wrk.path = "/echo"
wrk.body = '{"vendor":"storeconnect","plan":"small","priority":"critical","received_at":"2026-11-24T01:00:00Z"}'
c.headers()
done = c.done
