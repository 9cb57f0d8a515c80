#!/usr/bin/env python3
"""Durable bookings per second on SQLite and on PostgreSQL with one and two instances, on
distinct experts and on one expert; and, on PostgreSQL, what each booking costs the database
(statements and execution time, from pg_stat_statements). Used by bench/postgres.sh.

Each configuration gets a new database: `experts` users (horario user add), each with a
schedule open round the clock in UTC and a 5-minute event type, made through the admin API.
Then `threads` keep-alive connections (split evenly over the instances) POST `count`
bookings to the public API, every one on a distinct free slot, each re-checked under the
expert's lock and committed with its CalDAV object. Every answer must be 201.

Usage: postgres_bookings.py --binary PATH --cluster-url URL --out results.jsonl
"""

import argparse
import base64
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone

PASSWORD = "bench-password-1"
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


class Server:
    def __init__(self, binary, database_args, port, env):
        self.port = port
        self.log = tempfile.NamedTemporaryFile(prefix="horario-bench-", suffix=".log", delete=False)
        self.process = subprocess.Popen([binary, "serve", *database_args, "--port", str(port)], env=env, stdout=self.log,
                                        stderr=subprocess.STDOUT)
        for _ in range(600):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
                return
            except OSError:
                if self.process.poll() is not None:
                    sys.exit(f"server exited: {open(self.log.name).read()[-2000:]}")
                time.sleep(0.05)
        sys.exit("server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        os.unlink(self.log.name)


def call(connection, method, path, body=None, user=None):
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if user:
        headers["Authorization"] = "Basic " + base64.b64encode(f"{user}:{PASSWORD}".encode()).decode()
    connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    response = connection.getresponse()
    return response.status, response.read()


def seed(binary, database_args, port, experts, env):
    names = []
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for number in range(experts):
        name = f"expert{number}"
        subprocess.run([binary, "user", "add", name, "--email", f"{name}@example.org", "--password-stdin", *database_args], input=PASSWORD + "\n",
                       text=True, check=True, capture_output=True, env=env)
        status, body = call(connection, "POST", "/api/availability/schedules", {
            "name": "Round the clock", "timezone": "UTC",
            "availability": [{"day": day, "slots": [{"startTime": "00:00", "endTime": "24:00"}]} for day in DAYS],
            "location": {"type": "phone", "phoneNumber": "+55 11 5555-0100"}}, user=name)
        assert status == 201, body
        schedule = json.loads(body)["id"]
        status, body = call(connection, "POST", "/api/event-types",
                            {"title": "Quick call", "slug": "quick", "duration": 5, "scheduleId": schedule}, user=name)
        assert status == 201, body
        names.append(name)
    return names


def load(ports, experts, count, threads):
    """POSTs `count` bookings on distinct slots, round-robin over the experts, from `threads`
    connections spread over the ports. Returns (seconds, latencies, failures)."""
    base = (datetime.now(timezone.utc) + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    plan = []
    for number in range(count):
        expert = experts[number % len(experts)]
        start = base + timedelta(minutes=5 * (number // len(experts)))
        plan.append((expert, start.strftime("%Y-%m-%dT%H:%M:%SZ"), number))
    latencies, failures, lock = [], [], threading.Lock()

    def worker(index):
        connection = http.client.HTTPConnection("127.0.0.1", ports[index % len(ports)], timeout=120)
        for expert, start, number in plan[index::threads]:
            body = {"start": start, "attendee": {"name": f"Booker {number}", "email": f"b{number}@example.org", "timeZone": "UTC"}}
            began = time.perf_counter()
            status, answer = call(connection, "POST", f"/api/public/{expert}/quick/bookings", body)
            elapsed = time.perf_counter() - began
            with lock:
                latencies.append(elapsed)
                if status != 201:
                    failures.append((expert, start, status, answer[:200]))

    began = time.perf_counter()
    workers = [threading.Thread(target=worker, args=(index,)) for index in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return time.perf_counter() - began, latencies, failures


def psql(cluster, database, sql):
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(cluster).query)
    out = subprocess.run(["psql", "-X", "-q", "-t", "-A", "-F", "|", "-v", "ON_ERROR_STOP=1", "-h", query["host"][0], "-p", query["port"][0],
                          "-U", "horario", "-d", database, "-c", sql], check=True, capture_output=True, text=True)
    return out.stdout.strip()


def run(args, store, instances, experts):
    env = dict(os.environ, HORARIO_ADMIN_PASSWORD=PASSWORD, HORARIO_SECRET_KEY=base64.b64encode(os.urandom(32)).decode())
    folder = tempfile.mkdtemp(prefix="horario-bench-")
    name = f"bench_{store}_{instances}_{experts}_{int(time.time())}"
    if store == "sqlite":
        database_args = ["--data", os.path.join(folder, "bench.sqlite")]
    else:
        psql(args.cluster_url, "postgres", f'CREATE DATABASE "{name}"')
        database_args = ["--database", args.cluster_url.replace("/postgres?", f"/{name}?")]
    ports = [args.port + index for index in range(instances)]
    servers = [Server(args.binary, database_args, ports[0], env)]
    try:
        names = seed(args.binary, database_args, ports[0], experts, env)
        servers += [Server(args.binary, database_args, port, env) for port in ports[1:]]
        if store == "postgres":
            psql(args.cluster_url, name, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()")
        seconds, latencies, failures = load(ports, names, args.count, args.threads)
        if failures:
            sys.exit(f"{len(failures)} of {args.count} bookings failed; first: {failures[0]}")
        latencies.sort()
        result = {"store": store, "instances": instances, "experts": experts, "bookings": args.count, "threads": args.threads,
                  "seconds": round(seconds, 3), "per_second": round(args.count / seconds, 1),
                  "p50_ms": round(statistics.median(latencies) * 1000, 1), "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 1)}
        if store == "postgres":
            confirmed = int(psql(args.cluster_url, name, "SELECT count(*) FROM bookings WHERE status = 'confirmed'"))
            assert confirmed == args.count, confirmed
            calls, exec_ms = psql(args.cluster_url, name, """
                SELECT sum(calls), sum(total_exec_time) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                WHERE d.datname = current_database() AND query NOT ILIKE '%pg_stat_statements%'""").split("|")
            result["statements_per_booking"] = round(int(calls) / args.count, 1)
            result["db_exec_ms_per_booking"] = round(float(exec_ms) / args.count, 3)
            top = psql(args.cluster_url, name, """
                SELECT calls, round(mean_exec_time::numeric, 3), left(regexp_replace(query, '\\s+', ' ', 'g'), 70)
                FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                WHERE d.datname = current_database() AND query NOT ILIKE '%pg_stat_statements%'
                ORDER BY total_exec_time DESC LIMIT 6""")
            result["top_statements"] = top.splitlines()
        return result
    finally:
        for server in servers:
            server.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--cluster-url", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--experts", type=int, default=20)
    parser.add_argument("--port", type=int, default=18300)
    args = parser.parse_args()
    configurations = [("sqlite", 1), ("postgres", 1), ("postgres", 2)]
    with open(args.out, "w") as out:
        for store, instances in configurations:
            for experts in (args.experts, 1):
                result = run(args, store, instances, experts)
                print(json.dumps(result), flush=True)
                out.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
