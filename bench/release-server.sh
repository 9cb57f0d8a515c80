# Sourced by the benchmark scripts: wrk installed, a release build of horario, and that
# server started on a temporary SQLite file.
#   start_release_server PORT   sets $BIN, $work (a temporary folder, removed on exit) and
#                               $server (the pid), and waits for /healthz; admin's password
#                               is bench-password.
#   make_consultation PORT ZONE START END
#                               admin's schedule open every day START–END (HH:MM) in ZONE,
#                               and the 30-minute event type `consultation` on it.

ensure_wrk() {
  if ! command -v wrk >/dev/null; then
    echo "installing wrk (Debian package)" >&2
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
  fi
}

start_release_server() {
  local port=$1
  ensure_wrk
  swift build -c release --product horario >&2
  BIN=$(swift build -c release --show-bin-path)/horario
  work=$(mktemp -d)
  trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
  HORARIO_ADMIN_PASSWORD=bench-password "$BIN" serve --port "$port" --data "$work/bench.sqlite" > "$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 50); do curl -sf "localhost:$port/healthz" >/dev/null && break; sleep 0.2; done
}

make_consultation() {
  local port=$1 zone=$2 start=$3 end=$4
  local auth=(-u admin:bench-password -H "Content-Type: application/json")
  local hours schedule schedule_id
  hours=$(python3 -c "import json, sys; print(json.dumps([{'day': d, 'slots': [{'startTime': sys.argv[1], 'endTime': sys.argv[2]}]}
    for d in ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']]))" "$start" "$end")
  schedule=$(curl -sf "${auth[@]}" -X POST "localhost:$port/api/availability/schedules" \
    -d "{\"name\": \"Bench\", \"timezone\": \"$zone\", \"location\": {\"type\": \"remote\"}, \"availability\": $hours}")
  schedule_id=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' <<<"$schedule")
  curl -sf "${auth[@]}" -X POST "localhost:$port/api/event-types" \
    -d "{\"title\": \"Consultation\", \"slug\": \"consultation\", \"duration\": 30, \"scheduleId\": \"$schedule_id\"}" >/dev/null
}
