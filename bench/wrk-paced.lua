-- As wrk-replay.lua, at a fixed rate: each thread hands out send times on a schedule and a connection waits for
-- its slot, so the server is offered RATE requests a second (all threads together) rather than as many as it can
-- take. A slot already past is sent at once, so a stall is caught up rather than skipped. Latency is measured from
-- the moment a request is sent.
-- Usage: wrk -t2 -c64 -d20s -s bench/wrk-paced.lua URL -- REQUESTS_FILE THREADS RATE
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "wrk-replay.lua")

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } paced_timespec;
  int clock_gettime(int clock_id, paced_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local clock = ffi.new("paced_timespec")

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, clock)
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

local replay_init = init
local slot_ms, next_slot

function init(args)
  replay_init(args)
  local threads, rate = tonumber(args[2]), tonumber(args[3])
  assert(rate and rate > 0, "RATE (requests a second) is required")
  slot_ms = 1000 * threads / rate
end

function delay()
  local now = now_ms()
  next_slot = next_slot or now
  local slot = next_slot
  next_slot = next_slot + slot_ms
  return math.max(0, slot - now)
end
