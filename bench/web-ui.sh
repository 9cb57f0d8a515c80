#!/usr/bin/env bash
# Server time of every web UI page on the demo data plus 2,000 bookings (release build).
# Writes bench/RESULTS-web-ui.md.  Usage: bench/web-ui.sh [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-8097}
swift build -c release --product horario >&2
BIN=$(swift build -c release --show-bin-path)/horario
work=$(mktemp -d)
HORARIO_ADMIN_PASSWORD=bench-password "$BIN" serve --demo --port "$port" --data "$work/bench.sqlite" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -sf "localhost:$port/healthz" >/dev/null && break; sleep 0.2; done
python3 bench/web_ui.py "$port" | tee bench/RESULTS-web-ui.md
