#!/usr/bin/env python3
"""Python side of the ICalendar benchmark: the measurements of `ical-bench`, done with
`icalendar` (parse with Calendar.from_ical, serialize with to_ical) and
`recurring-ical-events` (of(calendar).between(start, end)) on the same inputs.

Usage (bench/ical.sh runs it for you, with the venv it creates):
    python bench/ical_bench.py [CORPUS_DIR] [--files LIST] [--events DIR]
                               [--reps N] [--warmup N] [--only parse|expand] [--list-accepted]

JSON lines go to stdout, the human summary to stderr.
"""

import argparse
import datetime as dt
import json
import math
import statistics
import sys
import time
import warnings
from importlib import metadata
from pathlib import Path

import icalendar
import recurring_ical_events

ROOT = Path(__file__).resolve().parent.parent


def emit(fields):
    """Prints one JSON line with sorted keys."""
    print(json.dumps(fields, sort_keys=True), flush=True)


def say(text):
    print(text, file=sys.stderr, flush=True)


def rounded(value, digits=6):
    return float(f"{value:.{digits}g}")


MINIMUM_SECONDS = 0.2


def measure(body, warmups, reps):
    """Runs body `warmups` times untimed (at least once, to size the repetitions), then `reps`
    timed repetitions of enough runs to last MINIMUM_SECONDS; returns (seconds per run of each
    repetition, runs per repetition)."""
    warmup = 0.0
    for _ in range(max(1, warmups)):
        start = time.perf_counter()
        body()
        warmup = time.perf_counter() - start
    runs = max(1, math.ceil(MINIMUM_SECONDS / max(warmup, 1e-9)))
    seconds = []
    for _ in range(reps):
        start = time.perf_counter()
        for _ in range(runs):
            body()
        seconds.append((time.perf_counter() - start) / runs)
    return seconds, runs


# -- parse + serialize -------------------------------------------------------------------


def manifest_paths(corpus):
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    return [f["path"] for f in manifest["files"] if f["kind"] == "ics" and f["path"].endswith(".ics")]


def listed_paths(list_file):
    lines = Path(list_file).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


def round_trip(data):
    """Parses every top-level component of `data` and serializes them; returns the output size."""
    components = icalendar.Calendar.from_ical(data, multiple=True)
    return sum(len(component.to_ical()) for component in components)


def try_round_trip(data):
    try:
        round_trip(data)
        return None
    except Exception as error:  # noqa: BLE001 - any failure means "not accepted"
        return f"{type(error).__name__}: {error}".replace("\n", " ")[:300]


def load(corpus, paths):
    return [(path, (corpus / path).read_bytes()) for path in paths]


def list_accepted(args):
    paths = listed_paths(args.files) if args.files else manifest_paths(args.corpus)
    for path, data in load(args.corpus, paths):
        error = try_round_trip(data)
        if error is None:
            print(path)
        else:
            say(f"{path}\t{error}")


def run_parse(args):
    paths = listed_paths(args.files) if args.files else manifest_paths(args.corpus)
    files = load(args.corpus, paths)
    accepted = []
    for path, data in files:
        error = try_round_trip(data)
        if error is None:
            accepted.append((path, data))
        else:
            emit({"tool": "python", "bench": "parse_rejected", "path": path, "error": error})
    input_bytes = sum(len(data) for _, data in accepted)
    output = [0]

    def body():
        output[0] = sum(round_trip(data) for _, data in accepted)

    seconds, runs = measure(body, args.warmup, args.reps)
    best = min(seconds)
    files_per_s = len(accepted) / best
    mb_per_s = input_bytes / 1e6 / best
    emit({
        "tool": "python", "bench": "parse_serialize",
        "file_set": args.files or "manifest (all .ics)",
        "files": len(accepted), "rejected": len(files) - len(accepted),
        "input_bytes": input_bytes, "output_bytes": output[0],
        "warmups": args.warmup, "reps": args.reps, "runs_per_rep": runs,
        "best_s": rounded(best), "median_s": rounded(statistics.median(seconds)),
        "files_per_s": rounded(files_per_s), "mb_per_s": rounded(mb_per_s),
    })
    say(f"parse+serialize: {len(accepted)} files, {input_bytes / 1e6:,.2f} MB ({len(files) - len(accepted)} rejected);"
        f" best of {args.reps}: {best * 1000:,.1f} ms -> {files_per_s:,.0f} files/s, {mb_per_s:,.2f} MB/s")


# -- expansion ---------------------------------------------------------------------------


def utc(text):
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(dt.timezone.utc)


def start_seconds(instance):
    """The instance's start as seconds since 1970 (DATE values at midnight UTC)."""
    start = instance["DTSTART"].dt
    if not isinstance(start, dt.datetime):
        start = dt.datetime(start.year, start.month, start.day, tzinfo=dt.timezone.utc)
    elif start.tzinfo is None:
        start = start.replace(tzinfo=dt.timezone.utc)
    return int(start.timestamp())


def iso(seconds):
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def run_expand(args):
    spec = json.loads((args.events / "events.json").read_text(encoding="utf-8"))
    events = []
    for event in spec["events"]:
        calendar = icalendar.Calendar.from_ical((args.events / event["file"]).read_bytes())
        events.append((event, calendar, utc(event["start"]), utc(event["end"])))

    total = 0
    all_seconds = []
    for event, calendar, start, end in events:
        instances = recurring_ical_events.of(calendar).between(start, end)
        starts = sorted(start_seconds(instance) for instance in instances)
        seconds, runs = measure(lambda: recurring_ical_events.of(calendar).between(start, end), args.warmup, args.reps)
        all_seconds.append(seconds)
        best = min(seconds)
        total += len(starts)
        emit({
            "tool": "python", "bench": "expand", "event": event["name"],
            "occurrences": len(starts), "expected": event["expected"],
            "first": iso(starts[0]) if starts else None, "last": iso(starts[-1]) if starts else None,
            "start_sum": sum(starts),
            "reps": args.reps, "runs_per_rep": runs, "best_s": rounded(best), "occurrences_per_s": rounded(len(starts) / best),
        })
        flag = "" if len(starts) == event["expected"] else f"  (expected {event['expected']}!)"
        say(f"expand {event['name']}: {len(starts):,} occurrences in {best * 1000:,.2f} ms"
            f" -> {len(starts) / best:,.0f} occurrences/s{flag}")

    def body():
        for _, calendar, start, end in events:
            recurring_ical_events.of(calendar).between(start, end)

    seconds, runs = measure(body, args.warmup, args.reps)
    best = min(seconds)
    emit({
        "tool": "python", "bench": "expand_total", "events": len(events), "occurrences": total,
        "warmups": args.warmup, "reps": args.reps, "runs_per_rep": runs,
        "best_s": rounded(best), "median_s": rounded(statistics.median(seconds)),
        "occurrences_per_s": rounded(total / best),
    })
    say(f"expand all {len(events)} events: {total:,} occurrences, best of {args.reps}: {best * 1000:,.1f} ms"
        f" -> {total / best:,.0f} occurrences/s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=ROOT / "../shared/fixtures/ics",
                        help="the ICS corpus with manifest.json (default: ../shared/fixtures/ics next to the repo)")
    parser.add_argument("--corpus", dest="corpus_flag", type=Path, help="same as CORPUS")
    parser.add_argument("--files", help="use only the corpus paths listed in this file (one per line)")
    parser.add_argument("--events", type=Path, default=ROOT / "bench/events", help="recurring events and events.json")
    parser.add_argument("--reps", type=int, default=5, help="timed repetitions, best reported (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed repetitions first (default 1)")
    parser.add_argument("--only", choices=["parse", "expand"], help="run only one measurement")
    parser.add_argument("--list-accepted", action="store_true",
                        help="print the manifest .ics files python icalendar accepts, then exit")
    args = parser.parse_args()
    # Deprecation and parse warnings of icalendar would only clutter the summary.
    warnings.simplefilter("ignore")
    args.corpus = (args.corpus_flag or args.corpus).resolve()
    args.reps = max(1, args.reps)

    if args.list_accepted:
        list_accepted(args)
        return
    emit({
        "tool": "python", "bench": "meta", "corpus": str(args.corpus), "events": str(args.events),
        "python": sys.version.split()[0],
        "icalendar": metadata.version("icalendar"),
        "recurring_ical_events": metadata.version("recurring-ical-events"),
    })
    if args.only != "expand":
        run_parse(args)
    if args.only != "parse":
        run_expand(args)


if __name__ == "__main__":
    main()
