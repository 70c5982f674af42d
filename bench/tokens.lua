-- wrk script for the token phase: POSTs the request bodies that Prepare signed in advance, one
-- line each, in order. Usage: wrk -t1 ... -s bench/tokens.lua URL -- <bodies file>
-- One wrk thread: every thread would read the whole file and send the same bodies (replays).
local bodies = {}
local next_body = 0
local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }

function init(args)
  for line in io.lines(args[1]) do
    bodies[#bodies + 1] = line
  end
end

function request()
  -- Past the last body it starts again; those are replays, and Sigil's 401s show up in wrk's
  -- "Non-2xx or 3xx responses", which run.sh reports as failed.
  next_body = next_body % #bodies + 1
  return wrk.format("POST", "/api/v1/agents/tokens", headers, bodies[next_body])
end
