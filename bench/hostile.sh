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
# Open round the clock in UTC, so the bombs below make every slot busy.
make_consultation "$PORT" UTC 00:00 24:00
printf 'other-password\n' | "$BIN" user add other --email other@example.org --password-stdin --data "$work/bench.sqlite" >/dev/null

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1 /proc/loadavg); checkout $(git rev-parse --short HEAD)"
python3 bench/hostile_load.py --port "$PORT" --password bench-password --other-password other-password
