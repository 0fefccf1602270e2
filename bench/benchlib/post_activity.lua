-- wrk script: each request creates one meeting (POST /api/v1/activities)
-- in a cell taken in turn from the list given after "--":
--   wrk ... -s post_activity.lua URL -- TOKEN YEAR ORG_ID[,ORG_ID...] [BAD_EVERY]
-- Every BAD_EVERY-th request (0: none) is one the server must refuse (a
-- date outside the dates allowed), so refusals are mixed into the groups.
-- The statuses are counted and printed at the end ("statuses 201=… 400=…").
local token, year, orgs, bad_every
local n, thread_no = 0, 0
local threads = {}

function setup(thread)
   thread_no = thread_no + 1
   thread:set("id", thread_no)
   table.insert(threads, thread)
end

function init(args)
   token, year = args[1], tonumber(args[2])
   orgs = {}
   for id in string.gmatch(args[3], "%d+") do
      table.insert(orgs, tonumber(id))
   end
   bad_every = tonumber(args[4] or "0")
   statuses = {}
   n = id * 7919
   wrk.method = "POST"
   wrk.headers["Authorization"] = "Bearer " .. token
   wrk.headers["Content-Type"] = "application/json"
end

function request()
   n = n + 1
   local org = orgs[(n % #orgs) + 1]
   local date = string.format("%d-%02d-%02d", year, (n % 12) + 1, (n % 28) + 1)
   if bad_every > 0 and n % bad_every == 0 then
      date = "1800-01-01"
   end
   local body = string.format(
      '{"org_id":%d,"kind":"cell_meeting","date":"%s","title":"Sinh hoạt chi bộ %d",' ..
      '"topic_on_agenda":true,"outside_count":0}', org, date, n)
   return wrk.format(nil, "/api/v1/activities", nil, body)
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
   local total = {}
   for _, t in ipairs(threads) do
      local s = t:get("statuses")
      for k, v in pairs(s) do
         total[k] = (total[k] or 0) + v
      end
   end
   local parts = {}
   for k, v in pairs(total) do
      table.insert(parts, k .. "=" .. v)
   end
   table.sort(parts)
   io.write("statuses " .. table.concat(parts, " ") .. "\n")
   io.write(string.format("latency_us p50=%d p99=%d\n",
      latency:percentile(50), latency:percentile(99)))
end
