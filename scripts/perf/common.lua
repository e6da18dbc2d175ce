-- Shared by the wrk scripts of scripts/bench: the bearer token, and a done() that prints one
-- JSON line (requests/s, latency percentiles in ms, errors) for the script to collect.
-- Environment: TOKEN (admin bearer token).
local M = {}

M.token = os.getenv("TOKEN") or ""

function M.headers()
  wrk.headers["Authorization"] = "Bearer " .. M.token
  wrk.headers["Content-Type"] = "application/json"
end

-- Reads a file of lines into a table.
function M.lines(path)
  local t = {}
  for line in io.lines(path) do
    if line ~= "" then t[#t + 1] = line end
  end
  return t
end

function M.done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"rps":%.1f,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"p999_ms":%.3f,"max_ms":%.3f,"non2xx":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,"timeouts":%d}\n',
    summary.requests, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, latency.max / 1000,
    e.status, e.connect, e.read, e.write, e.timeout))
end

return M
