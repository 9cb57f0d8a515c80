#!/usr/bin/env python3
"""Seeds an expert's event type with bookings through the public booking API and reports the
durable booking rate. Used by bench/booking.sh.

Usage: booking_load.py --port PORT --slug SLUG --count 2000 --per-day 20 --threads 8

Reads the free slots of the next days from the API, picks `per-day` of each day's slots,
spread over the day, until `count` are chosen, then POSTs them from `threads` keep-alive
connections at once. Every answer must be 201. Prints the bookings per second and the
p50/p99 latency of one booking.
"""

import argparse
import http.client
import json
import statistics
import sys
import threading
import time
from datetime import datetime, timedelta, timezone


def request(connection, method, path, body=None):
    headers = {"Content-Type": "application/json"} if body is not None else {}
    connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    response = connection.getresponse()
    return response.status, response.read()


def free_slots(port, slug, days):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    start = (datetime.now(timezone.utc) + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    by_day = {}
    for offset in range(0, days, 60):
        window_start = start + timedelta(days=offset)
        window_end = window_start + timedelta(days=min(60, days - offset))
        query = f"start={window_start:%Y-%m-%dT%H:%M:%SZ}&end={window_end:%Y-%m-%dT%H:%M:%SZ}&timeZone=UTC"
        status, body = request(connection, "GET", f"/api/public/admin/{slug}/slots?{query}")
        if status != 200:
            sys.exit(f"slots: {status} {body[:300]!r}")
        for day in json.loads(body)["days"]:
            by_day[day["date"]] = [slot["start"] for slot in day["slots"]]
    return by_day


def choose(by_day, count, per_day):
    chosen = []
    for date in sorted(by_day):
        slots = by_day[date]
        step = max(1, len(slots) // per_day)
        chosen += slots[::step][:per_day]
        if len(chosen) >= count:
            return chosen[:count]
    sys.exit(f"only {len(chosen)} slots found for {count} bookings")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--slug", required=True)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--per-day", type=int, default=20)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()

    days = args.count // args.per_day + 10
    starts = choose(free_slots(args.port, args.slug, days), args.count, args.per_day)
    latencies, failures, lock = [], [], threading.Lock()

    def worker(index):
        connection = http.client.HTTPConnection("127.0.0.1", args.port, timeout=60)
        for number in range(index, len(starts), args.threads):
            body = {"start": starts[number], "attendee": {"name": f"Booker {number}", "email": f"b{number}@example.org", "timeZone": "UTC"}}
            began = time.perf_counter()
            status, answer = request(connection, "POST", f"/api/public/admin/{args.slug}/bookings", body)
            elapsed = time.perf_counter() - began
            with lock:
                latencies.append(elapsed)
                if status != 201:
                    failures.append((starts[number], status, answer[:200]))

    began = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(index,)) for index in range(args.threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total = time.perf_counter() - began
    if failures:
        sys.exit(f"{len(failures)} bookings failed, first: {failures[0]}")
    latencies.sort()
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000
    print(f"bookings: {len(starts)} in {total:.2f} s = {len(starts) / total:.0f} bookings/s "
          f"({args.threads} connections), p50 {p50:.1f} ms, p99 {p99:.1f} ms")
    print(f"first {starts[0]}, last {starts[-1]}")


if __name__ == "__main__":
    main()
