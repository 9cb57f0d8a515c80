#!/usr/bin/env python3
"""Reads the output of one litmus suite and prints a one-line summary, then every failed test
and every warning, each on its own line.

Usage: python3 Tests/clients/litmus_summary.py SUITE OUTPUT_FILE [DEBUG_LOG]
With DEBUG_LOG (litmus's debug.log of that suite alone), each failure is followed by the HTTP
exchanges of that test, stripped of neon's bookkeeping lines.
Exit status: 0 when litmus reported its summary line with 0 failures, 1 otherwise (including
a suite that stopped before its summary, e.g. because its first test failed).

litmus writes each test as "NN. name....... result" where result is "pass", "pass (with N
warning(s))", "FAIL (reason)" or "SKIPPED"; without a terminal it repeats the "NN. name...."
prefix, and a warning appears as "WARNING: text" between the prefix and the result.
"""

import re
import sys

TEST = re.compile(r"(\d+)\. (\S+?)\.*(?=\s|$)")
SUMMARY = re.compile(r"<- summary for `(\w+)': of (\d+) tests run: (\d+) passed, (\d+) failed")
SKIPPED = re.compile(r"-> (\d+) tests? (?:was|were) skipped")


def parse(text):
    results = {}  # "NN. name" -> result
    warnings = []  # (test, text)
    current = None
    summary = None
    skipped = 0
    for line in text.splitlines():
        tests = TEST.findall(line)
        if tests:
            number, name = tests[-1]
            current = f"{int(number):2d}. {name}"
        rest = TEST.sub("", line).strip(" .")
        if "WARNING:" in rest:
            warnings.append((current, rest.split("WARNING:", 1)[1].strip()))
            continue
        if current and rest:
            if rest.startswith(("pass", "FAIL", "SKIPPED")):
                results[current] = rest
            elif current in results and results[current].count("(") > results[current].count(")"):
                results[current] += " " + line.strip()  # a reason that went on to the next line
        match = SUMMARY.search(line)
        if match:
            summary = tuple(int(value) for value in match.groups()[1:])
        match = SKIPPED.search(line)
        if match:
            skipped = int(match.group(1))
    return results, warnings, summary, skipped


NOISE = re.compile(
    r"^(auth: |req: |sess: |Running |Header Name: |Doing DNS|Request sent|Sending request|Got chunk|Reading |"
    r"Got \d+ bytes|\[chunk\]|\[hdr\] $|End of headers|Request ends|HTTP session|Body block|Read block|Version string|"
    r"\d{3} [A-Z][a-z]|ah_|XML: |ne_xml|Aborted request|Persistent connection|Connection: TE|TE: trailers|Keep-Alive|User-Agent: |Host: )"
)
MAX_TRACE_LINES = 80


def traces(debug_log):
    """{"NN. name": [lines]} of the HTTP traffic of each test in a litmus debug.log."""
    sections = {}
    current = None
    for line in debug_log.splitlines():
        match = re.match(r"\*+ Running test (\d+): (\S+) \*+", line)
        if match:
            current = f"{int(match.group(1)):2d}. {match.group(2)}"
            sections[current] = []
            continue
        if current is None or NOISE.match(line):
            continue
        line = line.replace("[status-line] < ", "<<< ").replace("[hdr] ", "<<< ")
        sections[current].append(line)
    return sections


def main():
    suite, path = sys.argv[1], sys.argv[2]
    trace = {}
    if len(sys.argv) > 3:
        with open(sys.argv[3], encoding="utf-8", errors="replace") as file:
            trace = traces(file.read())
    with open(path, encoding="utf-8", errors="replace") as file:
        results, warnings, summary, skipped = parse(file.read())
    failures = [(test, result) for test, result in results.items() if result.startswith("FAIL")]
    if summary is None:
        print(f"litmus {suite}: INCOMPLETE (no summary line; {len(results)} tests seen, {len(failures)} failed)")
    else:
        run, passed, failed = summary
        print(f"litmus {suite}: {passed} passed, {failed} failed, {skipped} skipped, {len(warnings)} warnings ({run} run)")
    for test, result in failures:
        print(f"  FAIL {test}: {result[4:].strip(' ()')}")
        lines = [line for line in trace.get(test, []) if line.strip()]
        if len(lines) > MAX_TRACE_LINES:
            print(f"      ({len(lines) - MAX_TRACE_LINES} earlier trace lines not shown)")
        for line in lines[-MAX_TRACE_LINES:]:
            print(f"      {line}")
    for test, result in results.items():
        if result.startswith("SKIPPED ("):
            print(f"  SKIPPED {test}: {result[8:].strip(' ()')}")
    for test, text in warnings:
        print(f"  WARNING {test}: {text}")
    return 0 if summary is not None and summary[2] == 0 and not failures else 1


if __name__ == "__main__":
    sys.exit(main())
