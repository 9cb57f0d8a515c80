-- One CalDAV request, repeated by wrk, for bench/caldav_bench.py. Configured by environment:
--   BENCH_METHOD        PROPFIND, REPORT, GET or PUT
--   BENCH_PATH          request path (for PUT with BENCH_PUT_PREFIX: the collection path)
--   BENCH_BODY_FILE     file whose content is the request body (optional)
--   BENCH_DEPTH         Depth header (optional)
--   BENCH_CONTENT_TYPE  Content-Type header (optional)
--   BENCH_AUTH          Authorization header value (optional)
--   BENCH_EXPECT        comma-separated status codes that count as success, e.g. "207"
--   BENCH_PUT_PREFIX    if set, every request PUTs a new resource PREFIX-THREAD-N.ics whose
--                       body is BENCH_BODY_FILE with @UID@ replaced by PREFIX-THREAD-N,
--                       sent with If-None-Match: * as clients do for new objects
-- At the end it prints one line "BENCH_JSON {...}" with the counts and latency percentiles.

local threads = {}
local next_id = 1

function setup(thread)
    thread:set("thread_id", next_id)
    next_id = next_id + 1
    table.insert(threads, thread)
end

local function read_file(path)
    if path == nil or path == "" then
        return nil
    end
    local file = assert(io.open(path, "rb"))
    local content = file:read("*a")
    file:close()
    return content
end

function init(args)
    ok = 0
    bad = 0
    last_bad_status = 0
    sent = 0
    method = os.getenv("BENCH_METHOD")
    path = os.getenv("BENCH_PATH")
    body = read_file(os.getenv("BENCH_BODY_FILE"))
    put_prefix = os.getenv("BENCH_PUT_PREFIX")
    if put_prefix == "" then
        put_prefix = nil
    end
    expected = {}
    for code in string.gmatch(os.getenv("BENCH_EXPECT") or "200", "%d+") do
        expected[tonumber(code)] = true
    end
    headers = {}
    local depth = os.getenv("BENCH_DEPTH")
    if depth and depth ~= "" then
        headers["Depth"] = depth
    end
    local content_type = os.getenv("BENCH_CONTENT_TYPE")
    if content_type and content_type ~= "" then
        headers["Content-Type"] = content_type
    end
    local auth = os.getenv("BENCH_AUTH")
    if auth and auth ~= "" then
        headers["Authorization"] = auth
    end
    if put_prefix then
        headers["If-None-Match"] = "*"
    else
        fixed_request = wrk.format(method, path, headers, body)
    end
end

function request()
    if put_prefix then
        sent = sent + 1
        local name = string.format("%s-%d-%d", put_prefix, thread_id, sent)
        local this_body = string.gsub(body, "@UID@", name)
        return wrk.format("PUT", path .. name .. ".ics", headers, this_body)
    end
    return fixed_request
end

function response(status, response_headers, response_body)
    if expected[status] then
        ok = ok + 1
    else
        bad = bad + 1
        last_bad_status = status
    end
end

function done(summary, latency, requests)
    local total_ok, total_bad, last_bad = 0, 0, 0
    for _, thread in ipairs(threads) do
        total_ok = total_ok + thread:get("ok")
        total_bad = total_bad + thread:get("bad")
        local status = thread:get("last_bad_status")
        if status ~= 0 then
            last_bad = status
        end
    end
    local errors = summary.errors
    io.write(string.format(
        'BENCH_JSON {"requests": %d, "duration_us": %d, "ok": %d, "bad_status": %d, "last_bad_status": %d, ' ..
        '"p50_us": %d, "p99_us": %d, "mean_us": %.1f, "connect_errors": %d, "read_errors": %d, ' ..
        '"write_errors": %d, "timeouts": %d, "wrk_status_errors": %d}\n',
        summary.requests, summary.duration, total_ok, total_bad, last_bad,
        latency:percentile(50), latency:percentile(99), latency.mean,
        errors.connect, errors.read, errors.write, errors.timeout, errors.status))
end
