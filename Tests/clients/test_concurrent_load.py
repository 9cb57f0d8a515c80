#!/usr/bin/env python3
"""Many CalDAV clients at once against a running server: it must answer every request, in
time, and keep answering.

Usage:
    python Tests/clients/test_concurrent_load.py --url http://127.0.0.1:PORT/ --user admin --password secret

Creates a calendar of a few hundred events (single and weekly), then for a few seconds runs
more connections than the machine has cores, each sending a mix of what synchronising clients
send: PROPFIND Depth 1, the initial sync-collection, calendar-multiget, a calendar-query of a
week, GET, and PUTs that change the calendar under the readers. Each answer must carry its
expected status within the timeout; afterwards the listing must hold every object written.
This is how a server that stalls under concurrent readers and writers shows (lookups waiting
for database connections held by suspended requests): requests time out instead of failing.
Prints PASS or FAIL per check; exit status 1 if any check failed.
"""

import argparse
import base64
import http.client
import sys
import threading
import time
import uuid
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

CONNECTIONS = 24
SECONDS = 6
TIMEOUT = 30
EVENTS = 300
CALDAV = "urn:ietf:params:xml:ns:caldav"


def event(uid, day, weekly=False):
    rule = "RRULE:FREQ=WEEKLY;COUNT=20\r\n" if weekly else ""
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//horario tests//load//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:202601{day:02d}T090000Z\r\n"
        f"DTEND:202601{day:02d}T100000Z\r\n{rule}SUMMARY:load {uid}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


class Client:
    """One keep-alive connection with Basic credentials."""

    def __init__(self, url, user, password):
        parts = urlsplit(url)
        self.host, self.port = parts.hostname, parts.port or 80
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        self.headers = {"Authorization": f"Basic {token}"}
        self.connection = None

    def request(self, method, path, body=None, headers=None):
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)
        all_headers = dict(self.headers, **(headers or {}))
        try:
            self.connection.request(method, path, body=body.encode() if isinstance(body, str) else body, headers=all_headers)
            response = self.connection.getresponse()
            return response.status, response.read()
        except Exception:
            self.connection.close()
            self.connection = None
            raise


def xml(body):
    return {"Content-Type": "application/xml; charset=utf-8", "Depth": "1"}, '<?xml version="1.0" encoding="utf-8"?>' + body


def requests_for(calendar, names):
    """The mix, as (name, method, path, headers, body, expected statuses)."""
    propfind = xml('<D:propfind xmlns:D="DAV:"><D:prop><D:getetag/><D:resourcetype/></D:prop></D:propfind>')
    sync = xml('<D:sync-collection xmlns:D="DAV:"><D:sync-token/><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>')
    hrefs = "".join(f"<D:href>{calendar}{name}</D:href>" for name in names[:40])
    multiget = xml(
        f'<C:calendar-multiget xmlns:D="DAV:" xmlns:C="{CALDAV}"><D:prop><D:getetag/><C:calendar-data/></D:prop>{hrefs}</C:calendar-multiget>'
    )
    query = xml(
        f'<C:calendar-query xmlns:D="DAV:" xmlns:C="{CALDAV}"><D:prop><D:getetag/><C:calendar-data/></D:prop>'
        '<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">'
        '<C:time-range start="20260105T000000Z" end="20260112T000000Z"/></C:comp-filter></C:comp-filter></C:filter></C:calendar-query>'
    )
    return [
        ("PROPFIND Depth 1", "PROPFIND", calendar, *propfind, {207}),
        ("initial sync-collection", "REPORT", calendar, *sync, {207}),
        ("calendar-multiget", "REPORT", calendar, *multiget, {207}),
        ("calendar-query of a week", "REPORT", calendar, *query, {207}),
        ("GET", "GET", calendar + names[7], {}, None, {200}),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    args = parser.parse_args()

    setup = Client(args.url, args.user, args.password)
    calendar = f"/dav/calendars/{args.user}/load-{uuid.uuid4().hex[:8]}/"
    failures = []

    def check(name, ok, detail=""):
        print(f"{'PASS' if ok else 'FAIL'}: {name}{'' if ok else ' — ' + detail}")
        if not ok:
            failures.append(name)

    status, _ = setup.request("MKCALENDAR", calendar)
    check("MKCALENDAR", status == 201, f"status {status}")
    names = [f"load-{index:04d}.ics" for index in range(EVENTS)]
    put_statuses = {setup.request("PUT", calendar + name, event(name, 1 + index % 28, weekly=index % 5 == 0),
                                  {"Content-Type": "text/calendar; charset=utf-8"})[0] for index, name in enumerate(names)}
    check(f"{EVENTS} PUTs", put_statuses == {201}, f"statuses {sorted(put_statuses)}")

    mix = requests_for(calendar, names)
    lock = threading.Lock()
    counts, problems, written = {}, [], []
    deadline = time.monotonic() + SECONDS

    def worker(number):
        client = Client(args.url, args.user, args.password)
        turn = number
        while time.monotonic() < deadline:
            turn += 1
            if turn % 6 == 0:
                name = f"written-{number:02d}-{turn:05d}.ics"
                request = ("PUT", "PUT", calendar + name, {"Content-Type": "text/calendar; charset=utf-8", "If-None-Match": "*"},
                           event(name, 1 + turn % 28), {201})
            else:
                request = mix[turn % len(mix)]
            label, method, path, headers, body, expected = request
            started = time.monotonic()
            try:
                status, _ = client.request(method, path, body, headers)
            except Exception as error:  # a timeout is the failure this test looks for
                with lock:
                    problems.append(f"{label}: no answer after {time.monotonic() - started:.1f} s ({error!r})")
                return
            with lock:
                counts[label] = counts.get(label, 0) + 1
                if status not in expected:
                    problems.append(f"{label}: status {status}")
                elif method == "PUT":
                    written.append(name)

    threads = [threading.Thread(target=worker, args=(number,)) for number in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(SECONDS + TIMEOUT + 10)
    stuck = sum(thread.is_alive() for thread in threads)
    check(f"{CONNECTIONS} connections finished", stuck == 0, f"{stuck} still waiting")
    check("every answer in time with its expected status", not problems, "; ".join(problems[:5]))
    total = sum(counts.values())
    print("  answered: " + ", ".join(f"{label} {count}" for label, count in sorted(counts.items())) + f" (total {total})")
    check("every kind of request answered", len(counts) == len(mix) + 1, f"only {sorted(counts)}")

    headers, listing = xml('<D:propfind xmlns:D="DAV:"><D:prop><D:getetag/></D:prop></D:propfind>')
    try:
        status, body = setup.request("PROPFIND", calendar, listing, headers)
        # The calendar's own response and one per object.
        listed = len(ET.fromstring(body).findall("{DAV:}response")) - 1 if status == 207 else -1
        check("the listing holds every object written", listed == EVENTS + len(written), f"{listed} listed, {EVENTS + len(written)} written")
        status, _ = setup.request("DELETE", calendar)
        check("DELETE of the calendar", status == 204, f"status {status}")
    except Exception as error:
        check("the server answers after the load", False, repr(error))

    print(f"{'FAILED' if failures else 'passed'}: {len(failures)} of the checks failed" if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
