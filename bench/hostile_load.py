#!/usr/bin/env python3
"""Recurrence bombs against a running Horario server: how long the booking re-check holds the
single writer, and what another user's writes see meanwhile.

Usage: python3 bench/hostile_load.py --port PORT --password PASSWORD --other-password PASSWORD

As `admin` (the expert, with the `consultation` event type bench/hostile.sh made) it stores,
in a personal calendar, the densest recurring events PUT accepts, counted from years ago:
one every minute since 2015 (COUNT=999,999,999), 288 a day with BYHOUR/BYMINUTE since 2000
(COUNT=50,000, walked from DTSTART), hourly since 2000 and weekly since 1900. Then:
  1. each bomb kind alone: a day's calendar-query, expanded, and a month's free-busy;
  2. 40 booking attempts (each is re-checked inside the write transaction; every slot is
     busy, so each answers 409 after the full re-check), and 40 slot listings of 7 days;
  3. user `other` PUTs 100 events while two threads keep booking and listing slots of the
     bomb user: their latency against the same PUTs on an idle server.
Prints one line per figure (ms: p50 / p99 / max).
"""

import argparse
import base64
import http.client
import statistics
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone


def request(port, method, path, user=None, password=None, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    fields = dict(headers or {})
    if user:
        fields["Authorization"] = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
    started = time.perf_counter()
    connection.request(method, path, body=body, headers=fields)
    response = connection.getresponse()
    data = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    connection.close()
    return response.status, data, elapsed


def event(uid, start, end, rule):
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN", "BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20250101T000000Z",
             f"DTSTART:{start}", f"DTEND:{end}", f"RRULE:{rule}", "SUMMARY:busy", "END:VEVENT", "END:VCALENDAR"]
    return ("\r\n".join(lines) + "\r\n").encode()


def figures(name, values):
    values = sorted(values)
    p99 = values[min(len(values) - 1, int(len(values) * 0.99))]
    print(f"{name}: {statistics.median(values):.1f} / {p99:.1f} / {values[-1]:.1f} ms ({len(values)} requests)", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--other-password", required=True)
    args = parser.parse_args()
    port, password = args.port, args.password
    admin = dict(user="admin", password=password)
    other = dict(user="other", password=args.other_password)
    ics = {"Content-Type": "text/calendar"}

    # The other user's PUTs on an idle server, for comparison.
    request(port, "MKCALENDAR", "/dav/calendars/other/own/", **other)
    idle = [request(port, "PUT", f"/dav/calendars/other/own/idle-{i}.ics", body=event(f"idle-{i}", "20251117T120000Z", "20251117T130000Z", "FREQ=WEEKLY;COUNT=3"), headers=ics, **other)[2] for i in range(100)]
    figures("other user's PUT, idle server", idle)

    request(port, "MKCALENDAR", "/dav/calendars/admin/bombs/", **admin)
    bombs = {
        "minutely-since-2015": event("m", "20150101T000000Z", "20150101T000100Z", "FREQ=MINUTELY;COUNT=999999999"),
        "288-a-day-walked": event("w", "20000101T000000Z", "20000101T000100Z",
                                  "FREQ=DAILY;BYHOUR=" + ",".join(map(str, range(24))) + ";BYMINUTE=0,5,10,15,20,25,30,35,40,45,50,55;COUNT=50000"),
        "hourly-since-2000": event("h", "20000101T000000Z", "20000101T003000Z", "FREQ=HOURLY;COUNT=999999999"),
        "weekly-since-1900": event("k", "19000101T090000Z", "19000101T100000Z", "FREQ=WEEKLY;COUNT=999999999"),
    }
    for name, body in bombs.items():
        status, data, _ = request(port, "PUT", f"/dav/calendars/admin/bombs/{name}.ics", body=body, headers=ics, **admin)
        assert status == 201, (name, status, data[:300])
    dense = event("s", "20150101T000000Z", "20150101T000001Z", "FREQ=SECONDLY;COUNT=999999999")
    status, _, elapsed = request(port, "PUT", "/dav/calendars/admin/bombs/secondly.ics", body=dense, headers=ics, **admin)
    print(f"FREQ=SECONDLY;COUNT=999999999 PUT: {status} in {elapsed:.1f} ms", flush=True)

    day = (datetime.now(timezone.utc) + timedelta(days=3)).strftime("%Y%m%d")
    query = f"""<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/>
<C:calendar-data><C:expand start="{day}T000000Z" end="{day}T235959Z"/></C:calendar-data></D:prop><C:filter><C:comp-filter name="VCALENDAR">
<C:comp-filter name="VEVENT"><C:time-range start="{day}T000000Z" end="{day}T235959Z"/></C:comp-filter></C:comp-filter></C:filter></C:calendar-query>"""
    month_end = (datetime.now(timezone.utc) + timedelta(days=33)).strftime("%Y%m%d")
    freebusy = f"""<C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav"><C:time-range start="{day}T000000Z" end="{month_end}T000000Z"/></C:free-busy-query>"""
    report = {"Content-Type": "application/xml", "Depth": "1"}
    figures("a day's expanded calendar-query over the bombs", [request(port, "REPORT", "/dav/calendars/admin/bombs/", body=query, headers=report, **admin)[2] for _ in range(10)])
    figures("a month's free-busy-query over the bombs", [request(port, "REPORT", "/dav/calendars/admin/bombs/", body=freebusy, headers=report, **admin)[2] for _ in range(10)])

    start = (datetime.now(timezone.utc) + timedelta(days=2)).replace(hour=12, minute=0, second=0, microsecond=0)
    slots_path = "/api/public/admin/consultation/slots?start=" + start.strftime("%Y-%m-%d") + "&end=" + (start + timedelta(days=7)).strftime("%Y-%m-%d")

    def book(index):
        body = f'{{"start": "{(start + timedelta(minutes=30 * index)).strftime("%Y-%m-%dT%H:%M:%SZ")}", "attendee": {{"name": "B", "email": "b{index}@example.org", "timeZone": "UTC"}}}}'
        return request(port, "POST", "/api/public/admin/consultation/bookings", body=body.encode(), headers={"Content-Type": "application/json"})

    attempts = [book(i) for i in range(40)]
    statuses = sorted({status for status, _, _ in attempts})
    figures(f"booking attempt with the re-check over the bombs (statuses {statuses})", [elapsed for _, _, elapsed in attempts])
    figures("slots of 7 days over the bombs", [request(port, "GET", slots_path)[2] for _ in range(40)])

    stop = threading.Event()

    def hammer(kind):
        index = 0
        while not stop.is_set():
            if kind == "book":
                book(index % 200)
            else:
                request(port, "GET", slots_path)
            index += 1

    threads = [threading.Thread(target=hammer, args=(kind,)) for kind in ("book", "slots")]
    for thread in threads:
        thread.start()
    busy = []
    for i in range(100):
        status, _, elapsed = request(port, "PUT", f"/dav/calendars/other/own/busy-{i}.ics", body=event(f"busy-{i}", "20251117T120000Z", "20251117T130000Z", "FREQ=WEEKLY;COUNT=3"), headers=ics, **other)
        assert status == 201, status
        busy.append(elapsed)
    stop.set()
    for thread in threads:
        thread.join()
    figures("other user's PUT while the bomb user books and lists slots", busy)


if __name__ == "__main__":
    main()
