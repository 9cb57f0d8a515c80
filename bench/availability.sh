#!/usr/bin/env bash
# Benchmarks the availability engine: slots of a 31-day window against 2,000 busy intervals,
# and a schedule's free/busy for a year (bench/availability-bench/).
#
# Usage (from the repo root): ./bench/availability.sh
#   REPS=N      timed repetitions, the best is reported (default 5)
#   WARMUP=N    untimed repetitions first (default 1)
#   SCRATCH=DIR  build in DIR instead of .build (to leave a shared .build alone)
# Writes bench/results/availability.jsonl and bench/results/availability-machine.txt (gitignored).
set -euo pipefail
cd "$(dirname "$0")/.."

reps="${REPS:-5}"
warmup="${WARMUP:-1}"
out=bench/results
mkdir -p "$out"

scratch=()
[ -n "${SCRATCH:-}" ] && scratch=(--scratch-path "$SCRATCH")

echo "== swift build -c release --product availability-bench ${scratch[*]}"
swift build -c release "${scratch[@]}" --product availability-bench
bin="$(swift build -c release "${scratch[@]}" --show-bin-path)/availability-bench"

echo "== machine"
{
    echo "nproc: $(nproc)"
    echo "load average before the run: $(cut -d" " -f1-3 /proc/loadavg)"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "swift: $(swift --version 2>/dev/null | head -1)"
} | tee "$out/availability-machine.txt"

echo "== availability-bench (reps $reps, warm-up $warmup)"
"$bin" --reps "$reps" --warmup "$warmup" | tee "$out/availability.jsonl"
