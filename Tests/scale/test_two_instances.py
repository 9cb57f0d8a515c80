"""Two instances on one PostgreSQL database keep every guarantee of one (SCALE-OUT.md §9.2):
no double booking under a race split across both, CalDAV sync tokens and If-Match that hold
across instances, a password change honoured by the other instance at once, background work
claimed by one instance at a time, and no acknowledged write lost when an instance dies."""
import os
import re
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "connections"))

from conftest import run_binary  # noqa: E402
from fake_caldav import FakeCalDAV  # noqa: E402
from instances import PASSWORD, Browser, Cluster  # noqa: E402

DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


@pytest.fixture(scope="module")
def booking_page(pair):
    """A schedule open round the clock (UTC) and a 30-minute event type of `admin`, made through A."""
    a, _ = pair
    api = a.client()
    suffix = uuid.uuid4().hex[:6]
    status, _, schedule = api.json("POST", "/api/availability/schedules", {
        "name": f"Scale {suffix}", "timezone": "UTC",
        "availability": [{"day": day, "slots": [{"startTime": "00:00", "endTime": "24:00"}]} for day in DAYS],
        "location": {"type": "phone", "phoneNumber": "+55 11 5555-0100"}})
    assert status == 201, schedule
    status, _, event_type = api.json(
        "POST", "/api/event-types", {"title": "Consulta", "slug": f"consulta-{suffix}", "duration": 30, "scheduleId": schedule["id"]})
    assert status == 201, event_type
    return {"slug": event_type["slug"], "schedule": schedule}


def slots(instance, slug, day_offset):
    """The slot starts offered on the day `day_offset` days ahead (UTC), read through `instance`."""
    day = (datetime.now(timezone.utc) + timedelta(days=day_offset)).replace(hour=0, minute=0, second=0, microsecond=0)
    query = f"start={day:%Y-%m-%dT%H:%M:%SZ}&end={day + timedelta(days=1):%Y-%m-%dT%H:%M:%SZ}"
    status, _, body = instance.anonymous().json("GET", f"/api/public/admin/{slug}/slots?{query}")
    assert status == 200, body
    return [slot["start"] for slot in body["slots"]]


def book(instance, slug, start, name, key=None):
    headers = {"Idempotency-Key": key} if key else None
    body = {"start": start, "attendee": {"name": name, "email": f"{name}@example.org", "timeZone": "UTC"}}
    try:
        status, _, answer = instance.anonymous().json("POST", f"/api/public/admin/{slug}/bookings", body, headers)
    except OSError as error:  # the instance died with the request in flight
        return None, str(error)
    return status, answer


def race(requests, workers=200):
    """Runs the calls at once (as far as threads allow) and returns their results in order."""
    barrier = threading.Barrier(min(workers, len(requests)))

    def call(request):
        try:
            barrier.wait(timeout=30)
        except threading.BrokenBarrierError:
            pass
        return request()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(call, requests))


def confirmed_bookings(instance, day_offset):
    start = (datetime.now(timezone.utc) + timedelta(days=day_offset)).replace(hour=0, minute=0, second=0, microsecond=0)
    end = start + timedelta(days=2)
    status, _, body = instance.client().json(
        "GET", f"/api/bookings?status=confirmed&from={start:%Y-%m-%dT%H:%M:%SZ}&to={end:%Y-%m-%dT%H:%M:%SZ}&limit=500")
    assert status == 200, body
    return body


def test_both_instances_started_together_migrated_once_and_made_one_admin(pair, cluster):
    database = "horario_pair"
    assert cluster.psql("SELECT count(*) FROM horario_migrations", database) == "1"
    assert cluster.psql("SELECT count(*) FROM users WHERE username = 'admin'", database) == "1"
    for instance in pair:
        assert instance.client().request("GET", "/api/me")[0] == 200


def test_horario_migrate_run_twice_at_once_migrates_once(cluster):
    url = cluster.create_database("horario_migrate")
    env = dict(os.environ)
    results = race([lambda: run_binary("migrate", "--database", url, env=env) for _ in range(2)], workers=2)
    for result in results:
        assert result.returncode == 0, result.stderr
        assert "v1-schema" in result.stdout
    assert cluster.psql("SELECT count(*) FROM horario_migrations", "horario_migrate") == "1"


def test_200_bookings_of_one_slot_across_two_instances_give_exactly_one(pair, booking_page, cluster):
    a, b = pair
    start = slots(a, booking_page["slug"], 2)[10]
    results = race([lambda i=i: book(a if i % 2 else b, booking_page["slug"], start, f"racer{i}") for i in range(200)])
    statuses = [status for status, _ in results]
    assert statuses.count(201) == 1, sorted(set(statuses))
    assert statuses.count(409) == 199, [answer for status, answer in results if status != 409][:3]
    confirmed = [booking for booking in confirmed_bookings(b, 2) if booking["start"] == start]
    assert len(confirmed) == 1
    # The database holds exactly one confirmed booking there, and the slot is no longer offered on either instance.
    assert cluster.psql(
        f"SELECT count(*) FROM bookings WHERE status = 'confirmed' AND start_at = '{start}'", "horario_pair") == "1"
    assert start not in slots(a, booking_page["slug"], 2) and start not in slots(b, booking_page["slug"], 2)


def test_200_bookings_over_20_slots_give_exactly_20_without_overlap(pair, booking_page):
    a, b = pair
    starts = slots(a, booking_page["slug"], 3)[:40:2]
    assert len(starts) == 20
    results = race([lambda i=i: book(a if i % 2 else b, booking_page["slug"], starts[i % 20], f"many{i}") for i in range(200)])
    statuses = [status for status, _ in results]
    assert statuses.count(201) == 20 and statuses.count(409) == 180, sorted(set(statuses))
    won = sorted(answer["booking"]["start"] for status, answer in results if status == 201)
    assert won == sorted(starts)
    mine = [booking for booking in confirmed_bookings(b, 3) if booking["start"] in starts]
    assert len(mine) == 20
    intervals = sorted((booking["start"], booking["end"]) for booking in mine)
    assert all(earlier[1] <= later[0] for earlier, later in zip(intervals, intervals[1:]))


def test_one_idempotency_key_split_across_instances_books_once(pair, booking_page):
    a, b = pair
    start = slots(a, booking_page["slug"], 4)[5]
    key = f"key-{uuid.uuid4().hex}"
    results = race([lambda i=i: book(a if i % 2 else b, booking_page["slug"], start, "idem", key=key) for i in range(20)], workers=20)
    statuses = [status for status, _ in results]
    assert statuses.count(201) == 1 and statuses.count(200) == 19, statuses
    assert len({answer["booking"]["uid"] for _, answer in results}) == 1
    assert len([booking for booking in confirmed_bookings(a, 4) if booking["start"] == start]) == 1


# --- CalDAV across instances ------------------------------------------------------------------

def sync(instance, path, token):
    body = ('<?xml version="1.0" encoding="utf-8"?><d:sync-collection xmlns:d="DAV:">'
            f"<d:sync-token>{token}</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>")
    status, _, text = instance.client().request("REPORT", path, body, {"Content-Type": "application/xml", "Depth": "1"})
    assert status == 207, text
    new_token = re.search(r"<[a-zA-Z]*:?sync-token>([^<]+)<", text).group(1)
    responses = re.findall(r"<[a-zA-Z]*:?response>(.*?)</[a-zA-Z]*:?response>", text, re.S)
    listed = {}
    for response in responses:
        href = re.search(r"<[a-zA-Z]*:?href>([^<]+)<", response).group(1)
        listed[href] = "404" if re.search(r"<[a-zA-Z]*:?status>[^<]*404", response) and "getetag>" not in response.replace("getetag/>", "") else "200"
    return new_token, listed


def listing(instance, path):
    """The hrefs of a PROPFIND Depth 1 on the calendar (a listing each instance caches by revision)."""
    status, _, text = instance.client().request(
        "PROPFIND", path, '<d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>', {"Depth": "1"})
    assert status == 207, text
    return re.findall(r"<[a-zA-Z]*:?href>([^<]+)<", text)


def event(uid, hour):
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Horario scale test//EN\r\nBEGIN:VEVENT\r\n"
            f"UID:{uid}\r\nDTSTAMP:20261201T000000Z\r\nDTSTART:20300101T{hour:02d}0000Z\r\nDTEND:20300101T{hour:02d}3000Z\r\n"
            "SUMMARY:Across instances\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


@pytest.fixture(scope="module")
def calendar(pair):
    a, _ = pair
    path = f"/dav/calendars/admin/scale-{uuid.uuid4().hex[:6]}/"
    status, _, text = a.client().request("MKCALENDAR", path)
    assert status == 201, text
    return path


def number(token):
    return int(re.search(r"(\d+)\D*$", token).group(1))


def test_put_on_a_shows_in_sync_on_b_with_a_token_b_issued(pair, calendar):
    a, b = pair
    token, listed = sync(b, calendar, "")
    assert listed == {}
    ctag_before = b.client().request("PROPFIND", calendar, '<d:propfind xmlns:d="DAV:" xmlns:cs="http://calendarserver.org/ns/"><d:prop><cs:getctag/></d:prop></d:propfind>', {"Depth": "0"})[2]
    assert calendar + "one.ics" not in listing(b, calendar)  # B's listing cache now holds the calendar
    status, _, text = a.client().request("PUT", calendar + "one.ics", event("one@scale", 1), {"Content-Type": "text/calendar", "If-None-Match": "*"})
    assert status == 201, text
    assert calendar + "one.ics" in listing(b, calendar)  # ...and is never stale after A's write
    newer, listed = sync(b, calendar, token)
    assert listed == {calendar + "one.ics": "200"}
    assert number(newer) > number(token)
    ctag_after = b.client().request("PROPFIND", calendar, '<d:propfind xmlns:d="DAV:" xmlns:cs="http://calendarserver.org/ns/"><d:prop><cs:getctag/></d:prop></d:propfind>', {"Depth": "0"})[2]
    assert ctag_after != ctag_before
    # DELETE through B; a sync through A from the token B issued reports the removal.
    assert b.client().request("DELETE", calendar + "one.ics")[0] == 204
    _, listed = sync(a, calendar, newer)
    assert listed == {calendar + "one.ics": "404"}


def test_50_puts_split_across_instances_all_land_with_increasing_tokens(pair, calendar):
    a, b = pair
    token, _ = sync(a, calendar, "")
    results = race([
        lambda i=i: (a if i % 2 else b).client().request(
            "PUT", f"{calendar}many-{i}.ics", event(f"many-{i}@scale", i % 24), {"Content-Type": "text/calendar", "If-None-Match": "*"})
        for i in range(50)], workers=50)
    assert [status for status, _, _ in results] == [201] * 50
    newer, listed = sync(b, calendar, token)
    assert len([href for href, state in listed.items() if "many-" in href and state == "200"]) == 50
    assert number(newer) >= number(token) + 50


def test_two_puts_with_one_if_match_on_two_instances_one_wins(pair, calendar):
    a, b = pair
    for round in range(5):
        name = f"{calendar}contested-{round}.ics"
        status, headers, _ = a.client().request("PUT", name, event(f"contested-{round}@scale", 5), {"Content-Type": "text/calendar"})
        assert status == 201
        etag = headers.get("etag") or b.client().request("GET", name)[1]["etag"]
        results = race([
            lambda instance=instance, hour=hour: instance.client().request(
                "PUT", name, event(f"contested-{round}@scale", hour), {"Content-Type": "text/calendar", "If-Match": etag})
            for instance, hour in ((a, 6), (b, 7))], workers=2)
        assert sorted(status for status, _, _ in results) == [204, 412], [status for status, _, _ in results]


# --- credentials, background work, failure ------------------------------------------------------

def test_password_changed_through_a_stops_working_on_b_at_once(pair):
    a, b = pair
    name = f"carol{uuid.uuid4().hex[:6]}"
    added = run_binary("user", "add", name, "--email", f"{name}@example.org", "--password-stdin", "--database", a.url, env=a.env,
                       input=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    old = b.client(name, PASSWORD)
    assert old.request("GET", "/api/me")[0] == 200  # verified on B, and cached there
    browser = Browser(a.base)
    status, url, _ = browser.post("/login", {"username": name, "password": PASSWORD})
    assert status == 200 and "/login" not in url, url
    new_password = "an-entirely-new-password-2"
    status, url, page = browser.post(
        "/account/password", {"current_password": PASSWORD, "new_password": new_password, "confirm_password": new_password})
    assert status == 200 and "notice_password_changed" in url, page[-500:]
    assert old.request("GET", "/api/me")[0] == 401
    assert b.client(name, new_password).request("GET", "/api/me")[0] == 200


def test_a_connection_is_refreshed_by_one_instance_at_a_time(pair):
    a, b = pair
    fake = FakeCalDAV()
    try:
        status, _, body = a.client().json(
            "POST", "/api/availability/calendars/connect/caldav", {"url": fake.base, "username": "someone", "password": "secret"})
        assert status in (200, 201), body
        fake.report_delay = 1.5
        start_reports, fake.most_in_flight = fake.reports, 0
        time.sleep(10)
        rounds = fake.reports - start_reports
        # Both instances tick every second and find the connection due every two: a claim lets only one refresh it.
        assert rounds >= 2, rounds
        assert fake.most_in_flight == 1, fake.most_in_flight
    finally:
        status, _, body = a.client().json("GET", "/api/availability/calendars")
        for connection in (body if isinstance(body, list) else body.get("connections", [])):
            a.client().request("DELETE", f"/api/availability/calendars/{connection['id']}")
        fake.close()


def test_an_instance_killed_mid_load_loses_no_acknowledged_booking(pair, booking_page):
    a, b = pair
    starts = slots(b, booking_page["slug"], 6)[:96:2]
    results = {}

    def attempt(i):
        instance = a if i % 2 else b
        status, answer = book(instance, booking_page["slug"], starts[i], f"survivor{i}")
        results[i] = (instance.name, status, answer)

    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(attempt, i) for i in range(len(starts))]
        time.sleep(0.3)
        a.kill()
        for future in futures:
            future.result()
    acknowledged = {answer["booking"]["uid"] for _, status, answer in results.values() if status == 201}
    stored = {booking["uid"] for booking in confirmed_bookings(b, 6)}
    assert acknowledged <= stored, acknowledged - stored
    # B carried on: every booking sent to it was answered.
    assert all(status in (201, 409) for name, status, _ in results.values() if name == "b")
    assert any(status == 201 for name, status, _ in results.values() if name == "b")
    a.start()
    a.wait_ready()
