#!/usr/bin/env bash
# Admin API throughput with wrk against a release build on a temporary SQLite file.
# Usage: ./bench/api.sh            (DURATION=10s CONNECTIONS=32 THREADS=2 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
PORT=${PORT:-18090}

. bench/release-server.sh
start_release_server "$PORT"
TOKEN=$("$BIN" token create bench --user admin --data "$work/bench.sqlite" 2>/dev/null)
for i in $(seq 10); do
  curl -sf -H "Authorization: Bearer $TOKEN" -X POST "localhost:$PORT/api/availability/schedules" \
    -d "{\"name\": \"Schedule $i\", \"timezone\": \"America/Sao_Paulo\", \"availability\": [{\"day\": \"monday\", \"slots\": [{\"startTime\": \"09:00\", \"endTime\": \"17:00\"}]}]}" >/dev/null
done

cat > "$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"name": "Bench", "timezone": "America/Sao_Paulo", "availability": [{"day": "tuesday", "slots": [{"startTime": "14:00", "endTime": "18:00"}]}], "location": {"type": "remote"}}'
wrk.headers["Content-Type"] = "application/json"
LUA

run() {
  local label=$1; shift
  echo "== $label"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" | grep -E 'Requests/sec|Latency|50%|99%|Non-2xx'
}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1 /proc/loadavg)"
run "GET /healthz" "http://127.0.0.1:$PORT/healthz"
run "GET /api/availability/schedules (10 schedules, Bearer)" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/availability/schedules"
run "GET /api/availability/schedules (Basic, cached verification)" -H "Authorization: Basic $(printf admin:bench-password | base64)" "http://127.0.0.1:$PORT/api/availability/schedules"
run "POST /api/availability/schedules (durable insert, Bearer)" -s "$work/post.lua" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/availability/schedules"
