-- SPDX-License-Identifier: GPL-3.0-or-later
-- wrk's script for the members' API: each request is a random member of those bench/members_load.py signed in.
--   SOTAY_LOAD_DATA=members.lua SOTAY_LOAD_MODE=acts|feed wrk -s bench/members_load.lua ...
-- acts: the participation events of a handbook app, in a realistic mix: 50 % open an item, 20 % mark a lesson
-- studied, 20 % take a quiz, 10 % confirm attending a meeting (an item opened instead when the cell has none).
-- feed: the first page of the member's feed.
local members = dofile(os.getenv("SOTAY_LOAD_DATA"))
local mode = os.getenv("SOTAY_LOAD_MODE") or "acts"

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

local function pick(list)
  return list[math.random(#list)]
end

local function headers(member)
  return { ["Authorization"] = "Bearer " .. member.token, ["Content-Type"] = "application/json" }
end

function request()
  local member = pick(members)
  local h = headers(member)
  if mode == "feed" then
    return wrk.format("GET", "/api/v1/me/feed?limit=20", h)
  end
  local roll = math.random(100)
  if roll <= 20 then
    return wrk.format("POST", "/api/v1/me/studies", h, '{"contentId":' .. pick(member.lessons).id .. '}')
  elseif roll <= 40 then
    return wrk.format("POST", "/api/v1/me/quiz-attempts", h, pick(member.lessons).attempt)
  elseif roll <= 50 and #member.meetings > 0 then
    return wrk.format("POST", "/api/v1/me/meetings/" .. pick(member.meetings) .. "/confirm", h)
  end
  return wrk.format("GET", "/api/v1/me/feed/" .. pick(member.items), h)
end
