#!/usr/bin/env bash
# Recurrence bombs on a release build and a temporary SQLite file (bench/hostile_load.py):
# how long the booking re-check holds the writer with the densest accepted recurrences in the
# expert's calendar, and another user's PUT latency meanwhile against an idle server.
# Usage: ./bench/hostile.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18093}

. bench/release-server.sh
start_release_server "$PORT"
auth=(-u admin:bench-password -H "Content-Type: application/json")
days='["monday","tuesday","wednesday","thursday","friday","saturday","sunday"]'
schedule=$(curl -sf "${auth[@]}" -X POST "localhost:$PORT/api/availability/schedules" -d "{\"name\": \"Bench\",
  \"timezone\": \"UTC\", \"location\": {\"type\": \"remote\"},
  \"availability\": $(python3 -c "import json; print(json.dumps([{'day': d, 'slots': [{'startTime': '00:00', 'endTime': '24:00'}]} for d in json.loads('$days')]))")}")
schedule_id=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' <<<"$schedule")
curl -sf "${auth[@]}" -X POST "localhost:$PORT/api/event-types" \
  -d "{\"title\": \"Consultation\", \"slug\": \"consultation\", \"duration\": 30, \"scheduleId\": \"$schedule_id\"}" >/dev/null
printf 'other-password\n' | "$BIN" user add other --email other@example.org --password-stdin --data "$work/bench.sqlite" >/dev/null

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1 /proc/loadavg); checkout $(git rev-parse --short HEAD)"
python3 bench/hostile_load.py --port "$PORT" --password bench-password --other-password other-password
