"""The public slots request of an expert whose three connected calendars hold 2,000 events
each, side by side with an identical expert without connections, on one server in one run.

The calendars are three schedules' calendars of user `source` on a second Horario (PORT_B),
filled by CalDAV PUT: 2,000 one-hour events each over the next 180 days (every tenth weekly,
every twentieth transparent). Both experts on PORT_A get the same Mon–Fri 09:00–18:00 schedule
and a 30-minute event type; `connected` connects `source`. Then both slots requests (a week,
and a month) are sent alternately over keep-alive connections and timed.

Usage: python3 bench/connections.py PORT_A PORT_B [ROUNDS] > bench/RESULTS-connections.md
"""
import base64
import datetime
import http.client
import json
import random
import statistics
import sys
import time

port_a, port_b = int(sys.argv[1]), int(sys.argv[2])
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 400
EVENTS = 2000
CALENDARS = 3


def auth(user):
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:bench-password".encode()).decode()}


def request(conn, method, path, body=None, headers=None):
    data = json.dumps(body).encode() if isinstance(body, (dict, list)) else body
    sent = dict(headers or {})
    if isinstance(body, (dict, list)):
        sent["Content-Type"] = "application/json"
    conn.request(method, path, body=data, headers=sent)
    response = conn.getresponse()
    return response.status, response.read()


def fill_source():
    conn = http.client.HTTPConnection("127.0.0.1", port_b)
    hrefs = []
    for index in range(CALENDARS):
        status, body = request(conn, "POST", "/api/availability/schedules", {
            "name": f"Calendar {index + 1}", "timezone": "America/Sao_Paulo",
            "availability": [{"day": "monday", "slots": [{"startTime": "09:00", "endTime": "10:00"}]}]}, auth("source"))
        assert status == 201, body
        hrefs.append(f"/dav/calendars/source/{json.loads(body)['id']}/")
    status, body = request(conn, "PROPFIND", "/dav/calendars/source/", headers={**auth("source"), "Depth": "1"})
    assert status == 207, body
    listed = [h for h in body.decode().split("<D:href>")[1:]]
    calendars = [h.split("</D:href>")[0] for h in listed if h.split("</D:href>")[0].count("/") == 5]
    random.seed(7)
    start = datetime.datetime.now(datetime.timezone.utc).replace(minute=0, second=0, microsecond=0)
    for calendar in calendars[:CALENDARS]:
        for n in range(EVENTS):
            begin = start + datetime.timedelta(hours=random.randrange(24 * 180))
            end = begin + datetime.timedelta(hours=1)
            lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN", "BEGIN:VEVENT", f"UID:bench-{calendar.count('/')}-{n}-{random.random()}",
                     "DTSTAMP:20260101T000000Z", f"DTSTART:{begin:%Y%m%dT%H%M%SZ}", f"DTEND:{end:%Y%m%dT%H%M%SZ}", "SUMMARY:Busy"]
            if n % 10 == 0:
                lines.append("RRULE:FREQ=WEEKLY;COUNT=8")
            if n % 20 == 0:
                lines.append("TRANSP:TRANSPARENT")
            lines += ["END:VEVENT", "END:VCALENDAR"]
            status, body = request(conn, "PUT", f"{calendar}event-{n}.ics", "\r\n".join(lines) + "\r\n",
                                   {**auth("source"), "Content-Type": "text/calendar"})
            assert status in (201, 204), body
    return len(calendars[:CALENDARS])


def set_up_expert(conn, user):
    status, body = request(conn, "POST", "/api/availability/schedules", {
        "name": "Consultório", "timezone": "America/Sao_Paulo", "isDefault": True,
        "availability": [{"day": d, "slots": [{"startTime": "09:00", "endTime": "18:00"}]}
                         for d in ["monday", "tuesday", "wednesday", "thursday", "friday"]]}, auth(user))
    assert status == 201, body
    status, body = request(conn, "POST", "/api/event-types", {"title": "Consulta", "slug": "consulta", "duration": 30,
                                                              "scheduleId": json.loads(body)["id"]}, auth(user))
    assert status == 201, body


def measure(conn, path):
    started = time.perf_counter()
    status, body = request(conn, "GET", path)
    elapsed = (time.perf_counter() - started) * 1000
    assert status == 200, body
    return elapsed, len(json.loads(body)["slots"])


calendars = fill_source()
conn = http.client.HTTPConnection("127.0.0.1", port_a)
for user in ["plain", "connected"]:
    set_up_expert(conn, user)
started = time.perf_counter()
status, body = request(conn, "POST", "/api/availability/calendars/connect/caldav",
                       {"url": f"http://127.0.0.1:{port_b}/", "username": "source", "password": "bench-password"}, auth("connected"))
connect_ms = (time.perf_counter() - started) * 1000
assert status == 201, body
connection = json.loads(body)
assert connection["status"] == "ok" and len(connection["calendars"]) == calendars, connection
started = time.perf_counter()
status, body = request(conn, "POST", f"/api/availability/calendars/{connection['id']}/refresh", headers=auth("connected"))
refresh_ms = (time.perf_counter() - started) * 1000
assert status == 200, body

monday = datetime.date.today() + datetime.timedelta(days=(7 - datetime.date.today().weekday()) % 7 or 7)
windows = {"a week": (monday, monday + datetime.timedelta(days=7)), "a month": (monday, monday + datetime.timedelta(days=30))}
results = {}
for label, (first, last) in windows.items():
    paths = {user: f"/api/public/{user}/consulta/slots?start={first}T03:00:00Z&end={last}T03:00:00Z" for user in ["plain", "connected"]}
    times = {user: [] for user in paths}
    counts = {}
    for user in paths:  # warm-up
        for _ in range(20):
            _, counts[user] = measure(conn, paths[user])
    for _ in range(rounds):
        for user in paths:
            elapsed, _ = measure(conn, paths[user])
            times[user].append(elapsed)
    results[label] = (times, counts)


def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


print("# Connected calendars and the booking page\n")
print(f"Command: `bench/connections.sh` (release build, loopback, {rounds} requests per case sent alternately on one keep-alive "
      "connection after 20 warm-up requests).\n")
print(f"An expert with {calendars} connected calendars of {EVENTS:,} events each (on a second Horario; every tenth event weekly ×8, "
      "every twentieth transparent) against the same expert without connections, on the same server. Slot listings read the "
      "connections' cached busy time only.\n")
print("| slots request | without connections p50 / p95 | with 3 × 2,000 events p50 / p95 | slots offered (without / with) |")
print("|---|---|---|---|")
for label, (times, counts) in results.items():
    plain, connected = times["plain"], times["connected"]
    print(f"| {label} | {statistics.median(plain):.2f} / {pct(plain, 0.95):.2f} ms | {statistics.median(connected):.2f} / "
          f"{pct(connected, 0.95):.2f} ms | {counts['plain']} / {counts['connected']} |")
print(f"\nConnecting the account (discovery, listing, and reading 181 days of the three calendars): {connect_ms:.0f} ms; "
      f"a forced refresh: {refresh_ms:.0f} ms.")
