#!/usr/bin/env python3
"""Runs caldav-server-tester (the python caldav project's feature checker) against a running
Horario server, and counts the features it finds fully supported.

Usage:
    python3 Tests/clients/run_server_tester.py --tester .build/tester-venv/bin/caldav-server-tester \
        --url http://127.0.0.2:PORT/ --user admin --password secret --minimum 93 \
        --attendee bruno@example.org --attendee-password secret \
        --output .build/client-tests/server-tester.txt

With --attendee, a second user's account is given to the checker (in a config file section
next to the report), so its RFC 6638 checks invite that user and watch their inbox.

Runs the checker with --verbose, which lists every feature it checked, and saves that report to
--output (what it wrote on stderr goes to OUTPUT.stderr). Then prints one summary line,
"caldav-server-tester: N of M fully supported", and each feature whose level is not "full",
with its level and the checker's extra information (behaviour=..., description=...).
Exit status: 0 when at least --minimum features are "full"; 1 when fewer are, when the checker
failed (non-zero exit, time-out) or when its report lists no feature at all.

The checker's own exit status is 0 whatever it finds; its "ERROR:root:Server checker found
something unexpected" lines on stderr only compare with the library's default profile, and are
not failures. The verbose report has one block per feature:

    ## search.time-range.comp-type-optional
    Feature support level found: unsupported
    Extra check information:
      description=server rejects a time-range filter ...
    Description of the feature: ...

Some features can never be "full" in a local run: get-current-user-principal.has-calendar is an
observation (level "?"), and the checker does not probe well-known on a URL whose host is
localhost, 127.0.0.1 or ::1 (it reports "unknown"); use another loopback address such as
127.0.0.2 for that one.

Python 3 standard library only; the checker itself runs from its own venv (--tester).
"""

import argparse
import json
import os
import subprocess
import sys
import time
from urllib.parse import urlsplit

FEATURE_PREFIX = "## "
LEVEL_PREFIX = "Feature support level found: "
EXTRA_HEADER = "Extra check information:"
DESCRIPTION_PREFIX = "Description of the feature: "
# Hosts for which the checker reports well-known "unknown" without sending anything.
WELL_KNOWN_SKIPPED_HOSTS = ("localhost", "127.0.0.1", "::1")


def parse_report(text):
    """Returns [(feature, level, [extra lines])] in report order."""
    features = []
    current = None
    in_extra = False
    for line in text.splitlines():
        if line.startswith(FEATURE_PREFIX):
            current = [line[len(FEATURE_PREFIX) :].strip(), None, []]
            features.append(current)
            in_extra = False
        elif current is None:
            continue
        elif line.startswith(LEVEL_PREFIX):
            current[1] = line[len(LEVEL_PREFIX) :].strip()
        elif line.startswith(EXTRA_HEADER):
            in_extra = True
        elif line.startswith(DESCRIPTION_PREFIX) or not line.strip():
            in_extra = False
        elif in_extra and line.startswith(" "):
            current[2].append(line.strip())
    return [(name, level or "(no level)", extra) for name, level, extra in features]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tester", required=True, help="path to the caldav-server-tester executable")
    parser.add_argument("--url", required=True, help="server URL, e.g. http://127.0.0.2:8080/")
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--minimum", type=int, required=True, help="fewest features that must be 'full'")
    parser.add_argument("--output", required=True, help="file for the checker's verbose report")
    parser.add_argument("--timeout", type=float, default=600, help="seconds the checker may run (default 600)")
    parser.add_argument("--attendee", help="a second user, for the checker's multi-user scheduling checks (RFC 6638)")
    parser.add_argument("--attendee-password")
    args = parser.parse_args()

    command = [
        args.tester,
        "--caldav-url",
        args.url,
        "--caldav-username",
        args.user,
        "--caldav-password",
        args.password,
        "--verbose",
    ]
    # Only the arguments above may configure the client: caldav also reads CALDAV_* variables,
    # and PYTHON_CALDAV_DEBUGMODE turns its logged assertions into exceptions.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CALDAV_", "PYTHON_CALDAV_", "CALENDARING_"))}
    if args.attendee:
        # The second account comes from a config file section (the checker reads no other way).
        config = os.path.join(os.path.dirname(os.path.abspath(args.output)), "server-tester-users.json")
        os.makedirs(os.path.dirname(config), exist_ok=True)
        with open(config, "w", encoding="utf-8") as f:
            section = {"caldav_url": args.url, "caldav_username": args.attendee, "caldav_password": args.attendee_password}
            json.dump({"attendee": section}, f)
        env["CALDAV_CONFIG_FILE"] = config
        command += ["--config-section", "attendee"]
    host = urlsplit(args.url).hostname or ""
    if host in WELL_KNOWN_SKIPPED_HOSTS:
        print(f"note: the checker does not probe well-known on host {host}; it will be 'unknown'")

    started = time.monotonic()
    problem = None
    try:
        result = subprocess.run(
            command, stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env, timeout=args.timeout
        )
        stdout, stderr, status = result.stdout, result.stderr, result.returncode
    except subprocess.TimeoutExpired as error:
        stdout = error.stdout.decode(errors="replace") if isinstance(error.stdout, bytes) else (error.stdout or "")
        stderr = error.stderr.decode(errors="replace") if isinstance(error.stderr, bytes) else (error.stderr or "")
        status = None
        problem = f"the checker did not finish within {args.timeout:g} s"
    except OSError as error:
        print(f"caldav-server-tester: could not run {args.tester}: {error}")
        return 1
    elapsed = time.monotonic() - started

    output_dir = os.path.dirname(os.path.abspath(args.output))
    os.makedirs(output_dir, exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(stdout)
    with open(args.output + ".stderr", "w", encoding="utf-8") as f:
        f.write(stderr)

    if status not in (0, None):
        problem = f"the checker exited with status {status}"
    features = parse_report(stdout)
    if not features and problem is None:
        problem = "the checker's report lists no feature"

    full = [name for name, level, _ in features if level == "full"]
    print(f"caldav-server-tester: {len(full)} of {len(features)} fully supported ({elapsed:.0f} s; report in {args.output})")
    for name, level, extra in features:
        if level != "full":
            print(f"  {level:<12} {name}")
            for line in extra:
                print(f"               {line}")

    if problem is not None:
        tail = [line for line in stderr.splitlines() if line.strip()][-20:]
        print(f"caldav-server-tester: FAILED: {problem}")
        if tail:
            print("--- last lines of its stderr")
            print("\n".join(tail))
            print("---")
        return 1
    if len(full) < args.minimum:
        print(f"caldav-server-tester: FAILED: {len(full)} fully supported, fewer than the minimum of {args.minimum}")
        return 1
    print(f"caldav-server-tester: at least {args.minimum} fully supported, as required")
    return 0


if __name__ == "__main__":
    sys.exit(main())
