-- wrk script for loadtests/soak.sh: each connection sends one request every
-- SOAK_DELAY_MS milliseconds (a fixed rate while the server keeps up),
-- cycling through the space-separated paths in SOAK_PATHS.
local delay_ms = tonumber(os.getenv("SOAK_DELAY_MS") or "20")
local paths = {}
for path in string.gmatch(os.getenv("SOAK_PATHS") or "/", "%S+") do
  paths[#paths + 1] = path
end
local next_path = 0

function delay()
  return delay_ms
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end
