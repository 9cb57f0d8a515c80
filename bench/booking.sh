#!/usr/bin/env bash
# The booking flow under load, on a release build and a temporary SQLite file:
#   1. durable bookings per second: 2,000 POSTs to the public booking API on distinct free
#      slots from 8 keep-alive connections (bench/booking_load.py), each re-checked and
#      committed (WAL, synchronous=FULL) with its CalDAV object;
#   2. slots requests per second for a 30-day window of that expert (2,000 bookings, plus a
#      weekly personal CalDAV event), with wrk at 1 and 8 connections.
# Usage: ./bench/booking.sh          (DURATION=10s by default; installs wrk from Debian if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
PORT=${PORT:-18091}

. bench/release-server.sh
start_release_server "$PORT"
# Every day 07:00–22:00 in São Paulo, 30-minute consultations: 30 slots a day.
make_consultation "$PORT" America/Sao_Paulo 07:00 22:00
# A weekly opaque event in a personal calendar: busy time the slots must expand.
curl -sf -u admin:bench-password -X MKCALENDAR "localhost:$PORT/dav/calendars/admin/personal/" >/dev/null
tomorrow=$(date -u -d tomorrow +%Y%m%d)
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nBEGIN:VEVENT\r\nUID:gym\r\nDTSTAMP:20250101T000000Z\r\nDTSTART;TZID=America/Sao_Paulo:%sT120000\r\nDTEND;TZID=America/Sao_Paulo:%sT130000\r\nRRULE:FREQ=WEEKLY\r\nSUMMARY:Gym\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' "$tomorrow" "$tomorrow" \
  | curl -sf -u admin:bench-password -X PUT -H "Content-Type: text/calendar" --data-binary @- "localhost:$PORT/dav/calendars/admin/personal/gym.ics" >/dev/null

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1 /proc/loadavg); checkout $(git rev-parse --short HEAD)"
echo "== durable bookings (public API, 2,000 distinct slots, 20 a day)"
python3 bench/booking_load.py --port "$PORT" --slug consultation --count 2000 --per-day 20 --threads 8

start=$(date -u -d '+1 day' +%Y-%m-%dT00:00:00Z)
end=$(date -u -d '+31 days' +%Y-%m-%dT00:00:00Z)
url="http://127.0.0.1:$PORT/api/public/admin/consultation/slots?start=$start&end=$end&timeZone=Europe/Lisbon"
slots=$(curl -sf "$url" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["slots"]))')
echo "== slots of 30 days ($slots free slots; 2,000 bookings in all, about 600 in the window)"
for connections in 1 8; do
  echo "-- $connections connection(s)"
  wrk -t"$(( connections < 2 ? 1 : 2 ))" -c"$connections" -d"$DURATION" --latency "$url" | grep -E 'Requests/sec|50%|99%|Non-2xx'
done
