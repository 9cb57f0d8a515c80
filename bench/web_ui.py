"""Server time of each web UI page: sign in as the demo's Dr. João (after giving him 2,000
bookings through the public booking API), then request each page many times over one
keep-alive connection and report the median and the 95th percentile. On loopback a request's
round trip is the server's time plus well under 0.1 ms. The calendar's month view is also
measured on a month holding 500 bookings (admin's 15-minute "quick" event type, open 08:00–20:00
every day), and the public booking page on Dr. João's consultation.

Usage: python3 bench/web_ui.py PORT [REQUESTS_PER_PAGE] > bench/RESULTS-web-ui.md
"""
import datetime
import http.client
import json
import re
import statistics
import sys
import time
import urllib.parse

port = int(sys.argv[1])
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 300
BOOKINGS = 2000


def request(conn, method, path, body=None, headers=None):
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    return response, response.read()


def book(conn):
    """2,000 bookings of Dr. João's two event types, week after week."""
    made = 0
    start = datetime.date.today() + datetime.timedelta(days=1)
    while made < BOOKINGS:
        end = start + datetime.timedelta(days=60)
        for slug in ["online-consultation", "in-person-consultation"]:
            _, body = request(conn, "GET", f"/api/public/joao/{slug}/slots?start={start}&end={end}")
            for slot in json.loads(body).get("slots", []):
                if made >= BOOKINGS:
                    break
                payload = json.dumps({"start": slot["start"], "attendee": {"name": f"Client {made}", "email": f"c{made}@example.org", "timeZone": "America/Sao_Paulo"}})
                response, _ = request(conn, "POST", f"/api/public/joao/{slug}/bookings", payload, {"Content-Type": "application/json"})
                if response.status == 201:
                    made += 1
        start = end + datetime.timedelta(days=1)
    return made


def admin_month(conn):
    """500 bookings in one month for admin; returns that month's first day."""
    auth = {"Authorization": "Basic " + __import__("base64").b64encode(b"admin:bench-password").decode(), "Content-Type": "application/json"}
    hours = [{"day": d, "slots": [{"startTime": "08:00", "endTime": "20:00"}]} for d in
             ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]]
    _, body = request(conn, "POST", "/api/availability/schedules",
                      json.dumps({"name": "Bench", "timezone": "America/Sao_Paulo", "location": {"type": "remote"}, "availability": hours}), auth)
    schedule = json.loads(body)["id"]
    request(conn, "POST", "/api/event-types", json.dumps({"title": "Quick", "slug": "quick", "duration": 15, "scheduleId": schedule, "color": "#b45309"}), auth)
    today = datetime.date.today()
    first = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    made = 0
    _, body = request(conn, "GET", f"/api/public/admin/quick/slots?start={first}&end={first + datetime.timedelta(days=27)}")
    for slot in json.loads(body)["slots"]:
        if made >= 500:
            break
        payload = json.dumps({"start": slot["start"], "attendee": {"name": f"Quick {made}", "email": f"q{made}@example.org", "timeZone": "UTC"}})
        response, _ = request(conn, "POST", "/api/public/admin/quick/bookings", payload, {"Content-Type": "application/json"})
        made += response.status == 201
    return first, made


def sign_in(conn, username="joao", password="demo-password"):
    response, body = request(conn, "GET", "/login")
    cookie = response.getheader("Set-Cookie").split(";")[0]
    token = re.search(rb'name="_csrf" value="([^"]+)"', body).group(1).decode()
    form = urllib.parse.urlencode({"_csrf": token, "username": username, "password": password})
    response, _ = request(conn, "POST", "/login", form, {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie, "Sec-Fetch-Site": "same-origin"})
    return response.getheader("Set-Cookie").split(";")[0]


conn = http.client.HTTPConnection("127.0.0.1", port)
made = book(conn)
month, quick = admin_month(conn)
admin_headers = {"Cookie": sign_in(conn, "admin", "bench-password")}
session = sign_in(conn)
headers = {"Cookie": session}
_, page = request(conn, "GET", "/availability/schedules", headers=headers)
schedule = re.search(rb'href="/availability/schedules/([0-9a-f-]{36})"', page).group(1).decode()
_, page = request(conn, "GET", "/event-types", headers=headers)
event_type = re.search(rb'href="/event-types/([0-9a-f-]{36})"', page).group(1).decode()
busy_day = (datetime.date.today() + datetime.timedelta(days=7)).isoformat()
pages = [
    ("sign-in", "/login", {}),
    ("schedules", "/availability/schedules", headers),
    ("schedule details", f"/availability/schedules/{schedule}", headers),
    ("create schedule, step 1", "/availability/schedules/new", headers),
    ("limits", "/availability/limits", headers),
    ("event types", "/event-types", headers),
    ("event type form", f"/event-types/{event_type}", headers),
    ("troubleshooter (a booked day)", f"/troubleshoot?eventType={event_type}&date={busy_day}", headers),
    ("organizations", "/organizations", headers),
    ("account", "/account", headers),
    ("appointments list", "/appointments", headers),
    ("calendar, week", "/appointments/calendar?view=week", headers),
    (f"calendar, month with {quick} bookings", f"/appointments/calendar?view=month&date={month}", admin_headers),
    ("calendar, week of that month", f"/appointments/calendar?view=week&date={month + datetime.timedelta(days=3)}", admin_headers),
    ("booking page (a month of slots, one day listed)", f"/joao/online-consultation?tz=Europe/Lisbon&date={busy_day}&month={busy_day[:7]}", {}),
    ("booking page, first visit (finds the first free month)", "/joao/online-consultation?tz=Europe/Lisbon", {}),
]
print("# Web UI page times\n")
print(f"Dr. João of `serve --demo` with {made} bookings; {rounds} sequential requests per page over one")
print(f"keep-alive connection on loopback, after 20 warm-up requests; release build. {datetime.date.today()}.\n")
print("| page | p50 ms | p95 ms | bytes |")
print("|---|---:|---:|---:|")
for name, path, page_headers in pages:
    for _ in range(20):
        request(conn, "GET", path, headers=page_headers)
    times = []
    size = 0
    for _ in range(rounds):
        began = time.perf_counter()
        response, body = request(conn, "GET", path, headers=page_headers)
        times.append((time.perf_counter() - began) * 1000)
        assert response.status == 200, (path, response.status)
        size = len(body)
    times.sort()
    print(f"| {name} | {statistics.median(times):.2f} | {times[int(len(times) * 0.95)]:.2f} | {size} |")
