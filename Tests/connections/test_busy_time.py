"""Busy time read from real CalDAV servers blocks exactly the opaque events' slots."""
import datetime

from calendars import (BERLIN, SAO_PAULO, at, calendar, event, local_slots, mkcalendar, put, set_up_expert, next_monday)

DAY_SLOTS = [f"{h:02d}:{m:02d}" for h in range(9, 18) for m in (0, 30)]


def connect(api, url, username, password, provider="caldav"):
    status, body = api.json("POST", f"/api/availability/calendars/connect/{provider}", {"url": url, "username": username, "password": password})
    assert status == 201, body
    return body


def test_radicale_events_block_exactly_the_opaque_times(horario, radicale):
    day = next_monday()
    owner, password = "ana@example.org", "app-pass-1"
    radicale.add_user(owner, password)
    dav = radicale.client(owner, password)
    collection = f"/{owner}/office/"
    mkcalendar(dav, collection)
    z = SAO_PAULO
    put(dav, collection, calendar(event(start=at(day, 10), end=at(day, 11), zone=z), zones=[z.key]))
    put(dav, collection, calendar(event(start=at(day, 11), end=at(day, 12), zone=z, extra=["TRANSP:TRANSPARENT"]), zones=[z.key]))
    put(dav, collection, calendar(event(start=at(day, 12), end=at(day, 13), zone=z, extra=["STATUS:CANCELLED"]), zones=[z.key]))
    master = event("daily-standup", at(day, 14), at(day, 14, 30), zone=z, rrule="FREQ=DAILY;COUNT=5",
                   exdates=[at(day + datetime.timedelta(days=1), 14)])
    moved = event("daily-standup", at(day, 15), at(day, 15, 30), zone=z, recurrence_id=at(day, 14))
    put(dav, collection, calendar(master, moved, zones=[z.key]))
    put(dav, collection, calendar(event(start=at(day, 16), end=at(day, 16, 30), floating=True)))
    put(dav, collection, calendar(event(start=at(day, 9), end=at(day, 9, 30), zone=z,
                                        extra=[f"ATTENDEE;PARTSTAT=DECLINED:mailto:{owner}", "ORGANIZER:mailto:boss@example.org"]),
                                  zones=[z.key]))
    put(dav, collection, calendar(event(start=at(day, 17), end=at(day, 17, 30), zone=z, extra=["X-MICROSOFT-CDO-INTENDEDSTATUS:FREE"]),
                                  zones=[z.key]))
    put(dav, collection, calendar(event(all_day=day + datetime.timedelta(days=3))))

    user, api, _ = set_up_expert(horario)
    before = local_slots(horario, user, day)
    assert before == DAY_SLOTS
    connection = connect(api, radicale.base, owner, password)
    assert connection["status"] == "ok", connection
    assert connection["email"] == owner
    assert [c["name"].split("/")[-1] for c in connection["calendars"]] == ["office"]
    assert connection["calendars"][0]["canWrite"] is True
    assert "password" not in str(connection) and password not in str(connection)

    blocked = {"10:00", "10:30", "15:00", "16:00"}
    assert local_slots(horario, user, day) == [s for s in DAY_SLOTS if s not in blocked]
    assert local_slots(horario, user, day + datetime.timedelta(days=1)) == DAY_SLOTS  # EXDATE
    assert "14:00" not in local_slots(horario, user, day + datetime.timedelta(days=2))  # the rule's third day
    assert local_slots(horario, user, day + datetime.timedelta(days=3)) == []  # all day

    # The database holds the password only sealed.
    raw = open(horario.database, "rb").read() + open(horario.database + "-wal", "rb").read()
    assert password.encode() not in raw


def test_xandikos_events_in_berlin_block_the_same_instant_in_sao_paulo(horario, xandikos):
    day = next_monday() + datetime.timedelta(days=1)
    dav = xandikos["client"]
    collection = "/user/calendars/calendar/"
    put(dav, collection, calendar(event(start=at(day, 15), end=at(day, 16), zone=BERLIN), zones=[BERLIN.key]))
    user, api, _ = set_up_expert(horario)
    connection = connect(api, xandikos["base"] + "/", "user", "unused")
    assert connection["status"] == "ok", connection
    local = datetime.datetime.combine(day, datetime.time(15), BERLIN).astimezone(SAO_PAULO)
    first = local.strftime("%H:%M")
    second = (local + datetime.timedelta(minutes=30)).strftime("%H:%M")
    slots = local_slots(horario, user, day)
    assert first not in slots and second not in slots
    assert len(slots) == len(DAY_SLOTS) - 2


def test_a_second_horario_is_an_external_calendar(horario, peer_horario):
    day = next_monday() + datetime.timedelta(days=2)
    peer_user = peer_horario.add_user("peer")
    peer_api = peer_horario.client(peer_user)
    status, schedule = peer_api.json("POST", "/api/availability/schedules", {
        "name": "Hospital", "timezone": "America/Sao_Paulo",
        "availability": [{"day": "monday", "slots": [{"startTime": "09:00", "endTime": "10:00"}]}]})
    assert status == 201, schedule
    status, _, body = peer_api.request("PROPFIND", f"/dav/calendars/{peer_user}/", headers={"Depth": "1"})
    assert status == 207, body
    import re
    hrefs = [h for h in re.findall(r"<D:href>([^<]+)</D:href>", body) if h.rstrip("/") != f"/dav/calendars/{peer_user}"]
    assert hrefs, body
    put(peer_api, hrefs[0], calendar(event(start=at(day, 13), end=at(day, 14), zone=SAO_PAULO), zones=[SAO_PAULO.key]))

    user, api, _ = set_up_expert(horario)
    connection = connect(api, peer_horario.base + "/", peer_user, "connections-test-password")
    assert connection["status"] == "ok", connection
    slots = local_slots(horario, user, day)
    assert "13:00" not in slots and "13:30" not in slots and "12:30" in slots and "14:00" in slots
