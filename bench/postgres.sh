#!/usr/bin/env bash
# Durable bookings per second, SQLite beside PostgreSQL with one and with two instances, on 20
# distinct experts and on one expert (bench/postgres_bookings.py), on a release build and a
# throwaway PostgreSQL cluster with fsync and synchronous commits on (scripts/postgres-cluster
# start --durable). On PostgreSQL it also reads, from pg_stat_statements, the statements and
# the database's execution time each booking costs.
#
# Usage: ./bench/postgres.sh          COUNT=3000 bookings per configuration, THREADS=16 connections
#   HORARIO_BIN=PATH   use this binary instead of building `swift build -c release`
# Writes bench/results/postgres.jsonl. About 3 minutes after the build on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-test-deps >/dev/null
if [ -z "${HORARIO_BIN:-}" ]; then
    swift build -c release --product horario >&2
    HORARIO_BIN=$(swift build -c release --show-bin-path)/horario
fi
cluster=$(./scripts/postgres-cluster start --durable)
trap './scripts/postgres-cluster stop "$(echo "$cluster" | sed -n 1p)"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(psql --version); checkout $(git rev-parse --short HEAD)"
mkdir -p bench/results
python3 bench/postgres_bookings.py --binary "$HORARIO_BIN" --cluster-url "$(echo "$cluster" | sed -n 2p)" \
    --out bench/results/postgres.jsonl --count "${COUNT:-3000}" --threads "${THREADS:-16}"
