"""A connected calendar that is down, refuses its password, answers slowly or answers garbage:
slots keep working from the cache, then fail closed, and say why; nothing crashes."""
import datetime
import time

from calendars import SAO_PAULO, at, calendar, event, local_slots, mkcalendar, next_monday, put, set_up_expert, wait_until
from fake_caldav import FakeCalDAV
from test_busy_time import DAY_SLOTS, connect
from test_destination import iso


def connection_of(api):
    status, body = api.json("GET", "/api/availability/calendars")
    assert status == 200, body
    return body[0]


def test_a_server_that_stops_is_used_from_the_cache_then_fails_closed_then_recovers(horario, own_radicale):
    owner, password = "eva@example.org", "eva-pass"
    own_radicale.add_user(owner, password)
    dav = own_radicale.client(owner, password)
    mkcalendar(dav, f"/{owner}/office/")
    day = next_monday()
    put(dav, f"/{owner}/office/", calendar(event(start=at(day, 10), end=at(day, 11), zone=SAO_PAULO), zones=[SAO_PAULO.key]))
    user, api, _ = set_up_expert(horario)
    connection = connect(api, own_radicale.base, owner, password)
    expected = [s for s in DAY_SLOTS if s not in ("10:00", "10:30")]
    assert local_slots(horario, user, day) == expected

    own_radicale.stop()
    assert local_slots(horario, user, day) == expected  # the cache still counts
    wait_until(lambda: connection_of(api)["status"] == "stale", timeout=20, message="status stale")
    assert local_slots(horario, user, day) == expected
    wait_until(lambda: connection_of(api).get("lastError", {}).get("code") == "unreachable", timeout=10, message="the error recorded")
    # Past the grace period nothing is offered, and a booking says why.
    wait_until(lambda: local_slots(horario, user, day) == [], timeout=20, message="fail closed")
    status, body = horario.client().json(
        "POST", f"/api/public/{user}/consulta/bookings",
        {"start": iso(day, 9), "attendee": {"name": "Carla", "email": "carla@example.org", "timeZone": "America/Sao_Paulo"}})
    assert status == 503 and body["title"] == "calendar_unavailable", body
    status, report = api.json("GET", "/api/availability/schedules")
    assert status == 200

    own_radicale.start()
    status, body = api.json("POST", f"/api/availability/calendars/{connection['id']}/refresh")
    assert status == 200 and body["status"] == "ok", body
    assert local_slots(horario, user, day) == expected


def test_a_refused_password_is_reported_and_blocks_until_fixed(horario, own_radicale):
    owner = "fabio@example.org"
    own_radicale.add_user(owner, "right")
    mkcalendar(own_radicale.client(owner, "right"), f"/{owner}/office/")
    user, api, _ = set_up_expert(horario)
    status, body = api.json("POST", "/api/availability/calendars/connect/caldav",
                            {"url": own_radicale.base, "username": owner, "password": "wrong"})
    assert status == 422 and body["errors"][0]["path"] == "password", body
    status, body = api.json("GET", "/api/availability/calendars")
    assert body == []

    connection = connect(api, own_radicale.base, owner, "right")
    own_radicale.set_password(owner, "changed")
    status, body = api.json("POST", f"/api/availability/calendars/{connection['id']}/refresh")
    assert status == 200 and body["status"] == "reauth_required", body
    assert body["lastError"]["code"] == "unauthorized"
    assert local_slots(horario, user, next_monday()) == []
    # Connecting again with the new password fixes the same connection in place.
    fixed = connect(api, own_radicale.base, owner, "changed")
    assert fixed["id"] == connection["id"] and fixed["status"] == "ok"
    assert local_slots(horario, user, next_monday()) == DAY_SLOTS


def test_a_slow_server_does_not_slow_the_booking_page(horario):
    fake = FakeCalDAV()
    try:
        user, api, _ = set_up_expert(horario)
        connect(api, fake.base, "slow", "pass")
        fake.report_delay = 20
        day = next_monday() + datetime.timedelta(days=2)
        started = time.monotonic()
        assert local_slots(horario, user, day) == DAY_SLOTS
        assert time.monotonic() - started < 2
        started = time.monotonic()
        status, body = horario.client().json(
            "POST", f"/api/public/{user}/consulta/bookings",
            {"start": iso(day, 9), "attendee": {"name": "Carla", "email": "carla@example.org", "timeZone": "America/Sao_Paulo"}})
        assert time.monotonic() - started < 8, "the live check is bounded by its 4-second deadline"
        assert status in (201, 503), body
    finally:
        fake.report_delay = 0
        fake.close()


def test_a_server_answering_garbage_gets_a_clear_error(horario):
    fake = FakeCalDAV()
    try:
        user, api, _ = set_up_expert(horario)
        fake.garbage = (207, "application/xml", "<<<this is not XML")
        status, body = api.json("POST", "/api/availability/calendars/connect/caldav", {"url": fake.base, "username": "u", "password": "p"})
        assert status == 422 and body["errors"][0]["path"] == "url" and "not XML" in body["detail"], body
        fake.garbage = (200, "text/html", "<html>Welcome to my blog</html>")
        status, body = api.json("POST", "/api/availability/calendars/connect/caldav", {"url": fake.base, "username": "u", "password": "p"})
        assert status == 422 and "CalDAV" in body["detail"], body
        status, body = api.json("POST", "/api/availability/calendars/connect/caldav", {"url": "http://10.1.2.3/", "username": "u", "password": "p"})
        assert status == 422 and body["title"] == "not_allowed", body
        status, body = api.json("POST", "/api/availability/calendars/connect/caldav", {"url": "ftp://example.org/", "username": "u", "password": "p"})
        assert status == 422 and body["errors"][0]["path"] == "url", body
        status, body = api.json("POST", "/api/availability/calendars/connect/caldav", {"username": "u", "password": "p"})
        assert status == 422 and body["errors"][0]["path"] == "url", body
        status, body = api.json("GET", "/api/availability/calendars")
        assert body == []
        assert horario.client().request("GET", "/healthz")[0] == 200
    finally:
        fake.close()
