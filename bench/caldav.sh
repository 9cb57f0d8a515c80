#!/usr/bin/env bash
# CalDAV benchmark: Horario (release build), Radicale and Xandikos on the same 10,000-event
# calendar, one server at a time on 127.0.0.1, each with its own port and temporary storage.
#
# Usage (from anywhere): ./bench/caldav.sh
#   DURATION=10       seconds of wrk per measurement and concurrency (default 10)
#   LOAD_SECONDS=20   time limit of the PUT load for Radicale and Xandikos (default 20)
#   CONNECTIONS=1,8   wrk concurrencies (default 1,8)
#   SERVERS="horario radicale xandikos"   which servers to run (default all three)
#   HORARIO_BIN=PATH  use this horario binary instead of building `swift build -c release`
#
# What it measures, per server and concurrency (wrk with bench/caldav_wrk.lua, which checks
# every status code and counts errors):
#   PROPFIND Depth 1 on the calendar; calendar-query of one week with calendar-data;
#   calendar-query of one month with expand; calendar-multiget of 50 hrefs; sync-collection
#   with an empty token; free-busy-query of one month; GET of one event; PUT of new events.
# Each run lasts DURATION seconds (longer, up to 20 s, at 8 connections when single answers
# are slow); a request whose single answer takes more than DURATION/2 is timed once instead.
# Before the measurements: the load of the calendar through 8 concurrent PUTs (the PUT rate),
# and once per request the answer's content, compared with a reference computed from the data
# (bench/caldav_requests.py). After them: the peak RSS (VmHWM) of each server.
# Horario is skipped, with the reason, when the build has no CalDAV server (PROPFIND on the
# calendar home does not answer 207).
#
# Writes bench/RESULTS-caldav.md (the tables) and bench/results/caldav.jsonl (raw numbers).
# With the defaults the whole run takes about 12 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10}
LOAD_SECONDS=${LOAD_SECONDS:-20}
CONNECTIONS=${CONNECTIONS:-1,8}
SERVERS=${SERVERS:-horario radicale xandikos}

echo "== dependencies (scripts/install-test-deps --bench)"
./scripts/install-test-deps --bench
python=bench/.venv/bin/python

arguments=(--duration "$DURATION" --load-seconds "$LOAD_SECONDS" --connections "$CONNECTIONS")
for server in $SERVERS; do
    case "$server" in
    horario)
        if [ -z "${HORARIO_BIN:-}" ]; then
            echo "== swift build -c release --product horario"
            swift build -c release --product horario
            HORARIO_BIN="$(swift build -c release --show-bin-path)/horario"
        fi
        arguments+=(--horario "$HORARIO_BIN")
        ;;
    radicale) arguments+=(--radicale-python "$PWD/$python") ;;
    xandikos) arguments+=(--xandikos "$PWD/bench/.venv/bin/xandikos") ;;
    *)
        echo "caldav.sh: unknown server '$server' in SERVERS" >&2
        exit 2
        ;;
    esac
done

exec "$python" bench/caldav_bench.py "${arguments[@]}"
