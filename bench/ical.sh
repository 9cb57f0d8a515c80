#!/usr/bin/env bash
# Benchmarks the ICalendar module side by side with python icalendar + recurring-ical-events,
# on the same inputs: parse+serialize over the ICS corpus, and expanding 10,000 occurrences
# of the events in bench/events/.
#
# Usage (from the repo root): ./bench/ical.sh [CORPUS_DIR]
#   CORPUS_DIR  default ../shared/fixtures/ics
#   REPS=N      timed repetitions, the best is reported (default 5)
#   WARMUP=N    untimed repetitions first (default 1)
# Writes bench/results/ (gitignored): the input list, both JSON-lines outputs, the table.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus="${1:-../shared/fixtures/ics}"
reps="${REPS:-5}"
warmup="${WARMUP:-1}"
out=bench/results
mkdir -p "$out"

echo "== python venv: bench/.venv"
[ -x bench/.venv/bin/python ] || python3 -m venv bench/.venv
bench/.venv/bin/pip install --quiet --disable-pip-version-check icalendar recurring-ical-events
py=bench/.venv/bin/python

echo "== swift build -c release --product ical-bench"
swift build -c release --product ical-bench
bin="$(swift build -c release --show-bin-path)/ical-bench"

echo "== machine"
{
    echo "nproc: $(nproc)"
    echo "load average before the run: $(cut -d" " -f1-3 /proc/loadavg)"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "swift: $(swift --version 2>/dev/null | head -1)"
    echo "python: $($py --version 2>&1 | cut -d' ' -f2)"
    packages='^(icalendar|recurring-ical-events|x-wr-timezone|python-dateutil|tzdata)$'
    $py -m pip list --disable-pip-version-check 2>/dev/null | awk -v re="$packages" '$1 ~ re {print "  " $1 " " $2}'
} | tee "$out/machine.txt"

echo "== input set: manifest .ics files both parsers accept"
"$bin" "$corpus" --list-accepted >"$out/swift-accepted.txt" 2>"$out/swift-rejected.txt"
$py bench/ical_bench.py "$corpus" --list-accepted >"$out/python-accepted.txt" 2>"$out/python-rejected.txt"
# Keep manifest order: the Swift list is in manifest order.
grep -Fxf "$out/python-accepted.txt" "$out/swift-accepted.txt" >"$out/files.txt" || true
grep -Fxvf "$out/python-accepted.txt" "$out/swift-accepted.txt" >"$out/swift-only.txt" || true
grep -Fxvf "$out/swift-accepted.txt" "$out/python-accepted.txt" >"$out/python-only.txt" || true
echo "swift accepts $(wc -l <"$out/swift-accepted.txt"), python accepts $(wc -l <"$out/python-accepted.txt"),"\
    "both $(wc -l <"$out/files.txt") (list: $out/files.txt)"
echo "accepted by swift only: $(wc -l <"$out/swift-only.txt") ($out/swift-only.txt; python's errors in $out/python-rejected.txt)"
echo "accepted by python only: $(wc -l <"$out/python-only.txt") ($out/python-only.txt; swift's errors in $out/swift-rejected.txt)"

echo "== swift (reps $reps, warm-up $warmup)"
"$bin" "$corpus" --files "$out/files.txt" --reps "$reps" --warmup "$warmup" >"$out/swift.jsonl"
echo "== python (reps $reps, warm-up $warmup)"
$py bench/ical_bench.py "$corpus" --files "$out/files.txt" --reps "$reps" --warmup "$warmup" >"$out/python.jsonl"

echo "== results"
$py - "$out/swift.jsonl" "$out/python.jsonl" <<'EOF' | tee "$out/table.md"
import json, sys

def load(path):
    rows = {}
    for line in open(path, encoding="utf-8"):
        row = json.loads(line)
        key = (row["bench"], row.get("event"))
        rows[key] = row
    return rows

swift, python = load(sys.argv[1]), load(sys.argv[2])
print("| measurement | Swift ICalendar | Python icalendar / recurring-ical-events | Swift/Python | same result |")
print("|---|---:|---:|---:|---|")

def line(label, s, p, field, unit, same):
    a, b = s[field], p[field]
    print(f"| {label} | {a:,.0f} {unit} | {b:,.0f} {unit} | {a / b:,.1f}x | {same} |")

s, p = swift[("parse_serialize", None)], python[("parse_serialize", None)]
same = "same files" if s["files"] == p["files"] and s["input_bytes"] == p["input_bytes"] else "DIFFERENT INPUT"
label = f"parse+serialize, {s['files']} files, {s['input_bytes'] / 1e6:.2f} MB"
line(label, s, p, "files_per_s", "files/s", same)
a, b = s["mb_per_s"], p["mb_per_s"]
print(f"| (same run, in MB/s) | {a:,.2f} MB/s | {b:,.2f} MB/s | {a / b:,.1f}x | |")
for key, s in swift.items():
    if key[0] != "expand":
        continue
    p = python[key]
    checks = ("occurrences", "first", "last", "start_sum")
    same = "yes" if all(s[c] == p[c] for c in checks) else \
        "NO: " + ", ".join(f"{c} {s[c]} vs {p[c]}" for c in checks if s[c] != p[c])
    line(f"expand {key[1]} ({s['occurrences']:,} occ.)", s, p, "occurrences_per_s", "occ/s", same)
s, p = swift[("expand_total", None)], python[("expand_total", None)]
same = "yes" if s["occurrences"] == p["occurrences"] else f"NO: {s['occurrences']} vs {p['occurrences']}"
line(f"expand all {s['events']} events ({s['occurrences']:,} occ.)", s, p, "occurrences_per_s", "occ/s", same)
print(f"\nbest of {s['reps']} after {s['warmups']} warm-up; raw JSON lines: {sys.argv[1]}, {sys.argv[2]}")
EOF
