#!/usr/bin/env bash
# What connected calendars cost the booking page: the public slots request of an expert with
# three connected calendars of 2,000 events each, against the same expert without them (release
# build; the calendars live on a second Horario). Writes bench/RESULTS-connections.md.
# Usage: bench/connections.sh [PORT_A] [PORT_B]
set -euo pipefail
cd "$(dirname "$0")/.."
port_a=${1:-8098}
port_b=${2:-8099}
swift build -c release --product horario >&2
BIN=$(swift build -c release --show-bin-path)/horario
work=$(mktemp -d)
export HORARIO_ADMIN_PASSWORD=bench-password HORARIO_CALDAV_ALLOWED_HOSTS=127.0.0.1
"$BIN" serve --port "$port_b" --data "$work/peer.sqlite" >"$work/peer.log" 2>&1 &
peer=$!
# The refresher keeps to its 5-minute interval: the measured requests read only the cache.
"$BIN" serve --port "$port_a" --data "$work/bench.sqlite" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server $peer 2>/dev/null || true; rm -rf "$work"' EXIT
for port in "$port_a" "$port_b"; do
    for _ in $(seq 50); do curl -sf "localhost:$port/healthz" >/dev/null && break; sleep 0.2; done
done
for name in plain connected; do
    echo bench-password | "$BIN" user add "$name" --email "$name@example.org" --time-zone America/Sao_Paulo --password-stdin \
        --data "$work/bench.sqlite" >/dev/null
done
echo bench-password | "$BIN" user add source --email source@example.org --password-stdin --data "$work/peer.sqlite" >/dev/null
python3 bench/connections.py "$port_a" "$port_b" | tee bench/RESULTS-connections.md
