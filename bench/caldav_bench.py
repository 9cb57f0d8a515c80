#!/usr/bin/env python3
"""CalDAV benchmark driver; bench/caldav.sh runs it with the right interpreter and binaries.

For each server in turn (alone on the machine): start it on 127.0.0.1 with temporary
storage, create a calendar, load the 10,000 events of caldav_data.py with 8 concurrent PUTs,
check the answer of each request of caldav_requests.py once, then drive each with wrk at
every concurrency for --duration seconds, read its peak RSS and stop it. Writes JSON lines
and the Markdown report.

Usage: caldav_bench.py [--horario BINARY] [--radicale-python PY] [--xandikos EXE]
                       [--duration S] [--load-seconds S] [--connections 1,8]
                       [--jsonl FILE] [--report FILE] [--work DIR]
"""

import argparse
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import caldav_data  # noqa: E402
import caldav_requests  # noqa: E402
import caldav_servers  # noqa: E402
from caldav_requests import MEASUREMENTS  # noqa: E402
from caldav_servers import AUTHORIZATION, Horario, Radicale, Xandikos, request  # noqa: E402

LOAD_CONCURRENCY = 8
SETTLE_LIMIT_SECONDS = 180
MAX_DURATION_SECONDS = 20


def say(text):
    print(text, flush=True)


def put_events(server, events, seconds):
    """PUTs events in order with LOAD_CONCURRENCY connections until all are stored or
    `seconds` pass (None: no limit). Returns (how many were stored, elapsed seconds)."""
    import http.client

    lock = threading.Lock()
    state = {"next": 0, "stored": 0, "error": None}
    started = time.monotonic()
    deadline = None if seconds is None else started + seconds

    def worker():
        connection = None
        while True:
            with lock:
                if state["error"] or state["next"] >= len(events) or (deadline and time.monotonic() > deadline):
                    break
                event = events[state["next"]]
                state["next"] += 1
            try:
                if connection is None:
                    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=300)
                connection.request(
                    "PUT",
                    server.calendar_path + event.name,
                    body=event.text.encode(),
                    headers={"Authorization": AUTHORIZATION, "Content-Type": "text/calendar; charset=utf-8", "If-None-Match": "*"},
                )
                response = connection.getresponse()
                body = response.read()
                if response.will_close:
                    connection.close()
                    connection = None
                if response.status not in (201, 204):
                    raise RuntimeError(f"PUT {event.name}: {response.status} {body[:300]!r}")
                with lock:
                    state["stored"] += 1
            except Exception as error:  # stop every worker and report the first failure
                with lock:
                    state["error"] = state["error"] or f"{type(error).__name__}: {error}"
                break
        if connection:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(LOAD_CONCURRENCY)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if state["error"]:
        raise RuntimeError(f"loading {server.name}: {state['error']}")
    # Requests were handed out in order and all succeeded, so events[:stored] are stored.
    return state["stored"], time.monotonic() - started


def check_answer(server, measurement):
    """One request outside wrk: its status, what it counts and how long it took."""
    headers = {}
    if measurement.depth is not None:
        headers["Depth"] = measurement.depth
    body = measurement.body(server.calendar_path)
    path = server.calendar_path + measurement.target
    if measurement.put:
        path += "check-put.ics"
        body = body.replace("@UID@", "check-put")
        headers["Content-Type"] = "text/calendar; charset=utf-8"
        headers["If-None-Match"] = "*"
    elif body is not None:
        headers["Content-Type"] = caldav_requests.XML
    started = time.monotonic()
    status, _, answer = request(server.port, measurement.method, path, body.encode() if body else None, headers)
    elapsed = time.monotonic() - started
    return {"status": status, "count": measurement.count(answer), "bytes": len(answer), "seconds": round(elapsed, 4)}


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def settle(server):
    """Waits until the server stops using CPU: a server that does not notice closed connections
    (Radicale) still works through the requests wrk left behind, which would slow the next
    measurement. Returns the seconds waited."""
    started = time.monotonic()
    while time.monotonic() - started < SETTLE_LIMIT_SECONDS:
        before = cpu_seconds(server.process.pid)
        time.sleep(0.5)
        if cpu_seconds(server.process.pid) - before < 0.025:
            break
    return time.monotonic() - started


def duration_for(connections, duration, single_seconds):
    """Long enough for the requests in flight to finish about twice (so a slow server at
    8 connections does not show 0 req/s only because each answer waits for 7 others), but
    no longer than MAX_DURATION_SECONDS."""
    return int(min(max(duration, 2 * connections * single_seconds + 1), max(duration, MAX_DURATION_SECONDS)))


def run_wrk(server, measurement, connections, duration, work_dir):
    body_file = work_dir / f"{measurement.key}.body"
    body = measurement.body(server.calendar_path)
    environment = dict(os.environ)
    environment.update(
        {
            "BENCH_METHOD": measurement.method,
            "BENCH_PATH": server.calendar_path + measurement.target,
            "BENCH_DEPTH": measurement.depth or "",
            "BENCH_AUTH": AUTHORIZATION,
            "BENCH_EXPECT": ",".join(str(code) for code in measurement.expect),
            "BENCH_BODY_FILE": "",
            "BENCH_CONTENT_TYPE": "",
            "BENCH_PUT_PREFIX": f"put-c{connections}" if measurement.put else "",
        }
    )
    if body is not None:
        body_file.write_bytes(body.encode())
        environment["BENCH_BODY_FILE"] = str(body_file)
        environment["BENCH_CONTENT_TYPE"] = "text/calendar; charset=utf-8" if measurement.put else caldav_requests.XML
    command = [
        "wrk", "-t1", f"-c{connections}", f"-d{duration}s", f"--timeout={max(duration, 10)}s",
        "-s", str(HERE / "caldav_wrk.lua"), f"http://127.0.0.1:{server.port}",
    ]  # fmt: skip
    finished = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=duration + 120)
    for line in finished.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            result = json.loads(line[len("BENCH_JSON ") :])
            seconds = result["duration_us"] / 1e6
            result["req_per_s"] = result["ok"] / seconds if seconds else 0.0
            result["errors"] = (
                result["bad_status"] + result["connect_errors"] + result["read_errors"] + result["write_errors"] + result["timeouts"]
            )
            return result
    raise RuntimeError(f"wrk gave no result (exit {finished.returncode}): {finished.stdout[-500:]} {finished.stderr[-500:]}")


def bench_server(server, events, args, emit):
    """Everything for one server; returns its summary record."""
    say(f"== {server.name} on port {server.port} (storage and log in {server.work_dir})")
    load_before = open("/proc/loadavg").read().split()[0]
    say(f"load average before: {load_before}")
    server.start()
    try:
        if isinstance(server, Horario):
            missing = server.caldav_missing()
            if missing:
                say(f"SKIP Horario: this build has no CalDAV server yet ({missing})")
                return {"server": server.name, "skipped": missing}
        record = {"server": server.name, "version": server.version(), "load_method": server.load_method, "loadavg_before": load_before}
        server.create_calendar()
        limit = None if isinstance(server, Horario) else args.load_seconds
        put_count, put_seconds = put_events(server, events, limit)
        record.update(put_count=put_count, put_seconds=round(put_seconds, 3), put_per_s=put_count / put_seconds)
        say(f"load: {put_count} PUTs in {put_seconds:.1f} s = {put_count / put_seconds:,.1f}/s ({LOAD_CONCURRENCY} concurrent)")
        if put_count < len(events):
            started = time.monotonic()
            server.finish_loading(events, put_count)
            record["finish_seconds"] = round(time.monotonic() - started, 3)
            say(f"load: the other {len(events) - put_count} by {server.load_method.split(', then ')[1]} in {record['finish_seconds']:.1f} s")
        for measurement in MEASUREMENTS:
            answer = check_answer(server, measurement)
            ok = answer["status"] in measurement.expect
            say(
                f"{measurement.key}: {answer['status']}, {answer['count']} {measurement.counted}, "
                f"{answer['bytes']:,} bytes, {answer['seconds'] * 1000:.1f} ms" + ("" if ok else "  <-- UNEXPECTED STATUS")
            )
            single = answer["seconds"]
            if ok and single > 1 and not measurement.put:
                single = check_answer(server, measurement)["seconds"]  # the first may have filled caches
                say(f"  again: {single * 1000:.1f} ms")
            for connections in args.connections:
                result = {"status": answer["status"], "count": answer["count"], "first_seconds": single}
                if not ok:
                    pass
                elif single > args.duration / 2:
                    # wrk would finish one request or none: report the single request instead.
                    if connections == 1:
                        result.update(single=True, ok=1, errors=0, req_per_s=1 / single, p50_us=single * 1e6, p99_us=single * 1e6)
                        say(f"  c=1: one request takes {single:.1f} s; not driven with wrk")
                    else:
                        result.update(skipped=f"one request takes {single:.1f} s")
                        say(f"  c={connections}: not measured (one request takes {single:.1f} s)")
                else:
                    seconds = duration_for(connections, args.duration, single)
                    result.update(run_wrk(server, measurement, connections, seconds, server.work_dir), wrk_seconds=seconds)
                    errors = f", {result['errors']} ERRORS (last bad status {result['last_bad_status']})" if result["errors"] else ""
                    say(
                        f"  c={connections}: {result['req_per_s']:,.1f} req/s, p50 {result['p50_us'] / 1000:.1f} ms, "
                        f"p99 {result['p99_us'] / 1000:.1f} ms ({result['ok']} ok in {seconds} s){errors}"
                    )
                    waited = settle(server)
                    if waited > 2:
                        result["settle_seconds"] = round(waited, 1)
                        say(f"  (waited {waited:.1f} s for the server to finish requests left by wrk)")
                emit({"server": server.name, "measurement": measurement.key, "connections": connections, **result})
        peak, current = server.memory_kib()
        record.update(peak_rss_kib=peak, rss_kib=current)
        say(f"memory: peak RSS {peak / 1024:.0f} MiB, at the end {current / 1024:.0f} MiB")
        return record
    finally:
        server.stop()


def machine():
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "wrk": (wrk.stdout or wrk.stderr).split("\n")[0].strip(),
    }


def main():
    parser = argparse.ArgumentParser(description="CalDAV benchmark: Horario, Radicale and Xandikos on the same calendar.")
    parser.add_argument("--horario", help="horario release binary (omit to skip Horario)")
    parser.add_argument("--radicale-python", help="python of a venv with radicale (omit to skip Radicale)")
    parser.add_argument("--xandikos", help="xandikos executable (omit to skip Xandikos)")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per measurement and concurrency")
    parser.add_argument("--load-seconds", type=int, default=20, help="time limit of the PUT load for Radicale and Xandikos")
    parser.add_argument("--connections", default="1,8", help="comma-separated wrk concurrencies")
    parser.add_argument("--jsonl", default=str(HERE / "results" / "caldav.jsonl"))
    parser.add_argument("--report", default=str(HERE / "RESULTS-caldav.md"))
    parser.add_argument("--work", help="directory for the servers' storage (default: a new temporary one, removed after)")
    args = parser.parse_args()
    # SIGTERM (e.g. from timeout) unwinds like Ctrl-C, so the servers are stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    args.connections = [int(value) for value in args.connections.split(",")]

    if shutil.which("wrk") is None:
        sys.exit("caldav_bench: wrk not found (scripts/install-test-deps --bench installs it)")
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="caldav-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    jsonl = Path(args.jsonl)
    jsonl.parent.mkdir(parents=True, exist_ok=True)
    jsonl.write_text("")

    def emit(record):
        with jsonl.open("a") as file:
            file.write(json.dumps(record, sort_keys=True) + "\n")

    events = caldav_data.generate()
    say(f"== data: {len(events)} events, {sum(len(e.text) for e in events) / 1e6:.1f} MB (seed {caldav_data.SEED})")
    reference = caldav_requests.reference_counts(events, HERE / "results" / "caldav-reference.json")
    say("reference (recurring-ical-events): " + ", ".join(f"{key} {value}" for key, value in reference.items()))

    servers = []
    if args.horario:
        servers.append(Horario(work, args.horario))
    else:
        say("SKIP Horario: no binary given")
    if args.radicale_python:
        servers.append(Radicale(work, args.radicale_python))
    if args.xandikos:
        servers.append(Xandikos(work, args.xandikos))

    summaries = []
    try:
        for server in servers:
            summary = bench_server(server, events, args, emit)
            emit({"summary": summary})
            summaries.append(summary)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)

    import caldav_report

    text = caldav_report.render(machine(), args, summaries, [json.loads(line) for line in jsonl.read_text().splitlines()], reference)
    Path(args.report).write_text(text)
    say(f"== report: {args.report}")
    print(text)


if __name__ == "__main__":
    main()
