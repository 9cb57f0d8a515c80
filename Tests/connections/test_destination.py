"""Bookings written to the external calendar their event type names: created, moved and
removed there, never twice, also when the server was down while the booking was made."""
import datetime
import re
from urllib.parse import unquote

from calendars import SAO_PAULO, mkcalendar, next_monday, set_up_expert, wait_until
from test_busy_time import connect


def objects(dav, collection):
    status, _, body = dav.request("PROPFIND", collection, headers={"Depth": "1"})
    assert status == 207, body
    return [unquote(h) for h in re.findall(r"<[^>]*href>([^<]+)</[^>]*href>", body) if h.endswith(".ics")]


def iso(day, hour, minute=0):
    moment = datetime.datetime.combine(day, datetime.time(hour, minute), SAO_PAULO).astimezone(datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def book(horario, user, start, email="carla@example.org"):
    status, body = horario.client().json(
        "POST", f"/api/public/{user}/consulta/bookings",
        {"start": start, "attendee": {"name": "Carla Souza", "email": email, "timeZone": "America/Sao_Paulo"}})
    assert status == 201, body
    return body["booking"]["uid"], body["managementToken"]


def expert_writing_to(horario, radicale, owner, password, calendar_name):
    radicale.add_user(owner, password)
    dav = radicale.client(owner, password)
    collection = f"/{owner}/{calendar_name}/"
    mkcalendar(dav, collection)
    user, api, event_type = set_up_expert(horario)
    connection = connect(api, radicale.base, owner, password)
    calendar_id = connection["calendars"][0]["id"]
    status, body = api.json("PATCH", f"/api/event-types/{event_type['id']}", {
        "calendarDestination": {"type": "external", "connectionId": connection["id"], "calendarId": calendar_id}})
    assert status == 200, body
    assert body["calendarDestination"]["provider"] == "caldav"
    return user, api, dav, collection


def test_a_booking_is_written_moved_and_removed_in_the_external_calendar(horario, radicale):
    user, api, dav, collection = expert_writing_to(horario, radicale, "bea@example.org", "bea-pass", "clinic")
    day = next_monday()
    uid, token = book(horario, user, iso(day, 10))
    href = f"{collection}{uid}.ics"
    text = wait_until(lambda: (lambda r: r[2] if r[0] == 200 else None)(dav.request("GET", href)), message="the booking in Radicale")
    text = text.replace("\r\n ", "").replace("\n ", "")
    assert f"UID:{uid}" in text and "DTSTART:" in text
    # The expert organizes; the only attendee is the booker (never the account itself).
    assert re.findall(r"ATTENDEE[^:]*:mailto:([^\r\n]+)", text) == ["carla@example.org"]
    assert objects(dav, collection) == [href]

    status, body = horario.client().json("POST", f"/api/public/bookings/{uid}/reschedule", {"token": token, "start": iso(day, 11)})
    assert status == 200, body
    wait_until(lambda: iso(day, 11).replace("-", "").replace(":", "") in dav.request("GET", href)[2], message="the move in Radicale")
    assert objects(dav, collection) == [href]

    status, body = horario.client().json("POST", f"/api/public/bookings/{uid}/cancel", {"token": token})
    assert status == 200, body
    wait_until(lambda: dav.request("GET", href)[0] == 404, message="the removal in Radicale")
    assert objects(dav, collection) == []


def test_a_booking_made_while_the_calendar_is_down_arrives_once(horario, own_radicale):
    user, api, dav, collection = expert_writing_to(horario, own_radicale, "dora@example.org", "dora-pass", "clinic")
    day = next_monday() + datetime.timedelta(days=1)
    own_radicale.stop()
    # The cache is seconds old: the booking stands; its write waits.
    uid, _ = book(horario, user, iso(day, 9))
    status, bookings = api.json("GET", "/api/bookings")
    assert status == 200 and uid in [b["uid"] for b in bookings]
    own_radicale.start()
    href = f"{collection}{uid}.ics"
    wait_until(lambda: dav.request("GET", href)[0] == 200, timeout=60, message="the retried write")
    assert objects(dav, collection) == [href]
