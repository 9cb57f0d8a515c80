"""Booking messages end to end: the real server with a real SMTP server (aiosmtpd). Every kind
of change sends the booker and the expert the right message — in the recipient's zone, with
the invitation (same UID, increasing SEQUENCE, REQUEST then CANCEL) and links that work —
whoever made the change; an SMTP server that is down delays them, also across a restart of
Horario, and none is lost or sent twice; reminders go once."""
import datetime
import email
import email.policy
import os
import re
import subprocess
import sys
import tempfile
import time

import icalendar
import pytest
from aiosmtpd.controller import Controller

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "connections"))
from calendars import SAO_PAULO, next_monday, wait_until  # noqa: E402
from peers import PASSWORD, Horario, free_port  # noqa: E402

FROM = "agenda@clinic.example"


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.original_content, policy=email.policy.default))
        return "250 OK"


@pytest.fixture(scope="module")
def smtp_port():
    return free_port()


@pytest.fixture
def inbox(smtp_port):
    box = Inbox()
    controller = Controller(box, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    box.controller = controller
    yield box
    controller.stop()


@pytest.fixture(scope="module")
def horario(smtp_port):
    folder = tempfile.mkdtemp(prefix="horario-mail-")
    server = Horario(folder, {"HORARIO_SMTP_URL": f"smtp://127.0.0.1:{smtp_port}", "HORARIO_MAIL_FROM": FROM, "HORARIO_MAIL_TICK": "0.5",
                              "HORARIO_MAIL_RETRY_BASE": "1"})
    yield server
    server.stop()


def expert(horario, reminder=None):
    """Dr. João in São Paulo with Mon–Fri hours and a one-hour consultation."""
    name = f"joao{os.getpid()}{time.time_ns() % 100000}"
    subprocess.run([horario.binary, "user", "add", name, "--email", f"{name}@example.org", "--display-name", "Dr. João", "--time-zone",
                    "America/Sao_Paulo", "--password-stdin", "--data", horario.database],
                   input=PASSWORD + "\n", text=True, check=True, capture_output=True, env=horario.env)
    api = horario.client(name)
    status, schedule = api.json("POST", "/api/availability/schedules", {
        "name": "Clínica São Paulo", "timezone": "America/Sao_Paulo", "isDefault": True,
        "availability": [{"day": d, "slots": [{"startTime": "09:00", "endTime": "18:00"}]} for d in
                         ["monday", "tuesday", "wednesday", "thursday", "friday"]],
        "location": {"type": "inPerson", "address": {"name": "Clínica São Paulo", "street": "Av. Paulista, 1000", "city": "São Paulo", "state": "SP", "postalCode": "01310-100",
                                                      "country": "Brasil"}}})
    assert status == 201, schedule
    body = {"title": "Consulta", "slug": "consulta", "duration": 60, "scheduleId": schedule["id"]}
    if reminder:
        body["reminderMinutes"] = reminder
    status, event_type = api.json("POST", "/api/event-types", body)
    assert status == 201, event_type
    return name, api


def book(horario, user, day, hour):
    start = datetime.datetime.combine(day, datetime.time(hour), SAO_PAULO).astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    status, body = horario.client().json("POST", f"/api/public/{user}/consulta/bookings", {
        "start": start, "attendee": {"name": "Carla Souza", "email": "carla@example.org", "timeZone": "Europe/Lisbon"}})
    assert status == 201, body
    return body["booking"]["uid"], body["managementToken"], start


def parts(message):
    alternative = message.get_payload()[0]
    plain, html, invitation = alternative.get_payload()
    return plain.get_content(), html.get_content(), invitation


def event_of(invitation):
    calendar = icalendar.Calendar.from_ical(invitation.get_content())
    return calendar, next(iter(calendar.walk("VEVENT")))


def for_(inbox, address, count):
    return wait_until(lambda: (lambda found: found if len(found) >= count else None)(
        [m for m in inbox.messages if m["To"].addresses[0].addr_spec == address]), timeout=30, message=f"{count} message(s) to {address}")


def test_every_change_tells_both_with_the_invitation_and_working_links(horario, inbox):
    user, api = expert(horario)
    day = next_monday()
    uid, token, start = book(horario, user, day, 10)
    (to_booker,) = for_(inbox, "carla@example.org", 1)
    (to_expert,) = for_(inbox, f"{user}@example.org", 1)
    # The booker: their own zone, named; the expert: theirs.
    plain, html, invitation = parts(to_booker)
    assert str(to_booker["Subject"]).startswith("Confirmed: Consulta with Dr. João")
    assert to_booker["From"].addresses[0].display_name == "Dr. João" and to_booker["From"].addresses[0].addr_spec == FROM
    assert "(Europe/Lisbon)" in plain and "1:00" in plain  # 10:00 in São Paulo is 13:00 in Lisbon in winter
    assert "Clínica São Paulo" in plain and "Clínica São Paulo" in html
    links = re.findall(r"https?://\S+", plain)
    manage = next(link for link in links if link.endswith(f"/booking/{uid}?token={token}"))
    assert any(link.endswith(f"/booking/{uid}/cancel?token={token}") for link in links)
    assert any(link.endswith(f"/booking/{uid}/reschedule?token={token}") for link in links)
    status, _, page = horario.client().request("GET", manage[len(horario.base):])
    assert status == 200 and "Consulta" in page
    calendar, event = event_of(invitation)
    assert invitation.get_param("method") == "REQUEST" and str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == uid and int(event["SEQUENCE"]) == 0
    assert to_booker.get_payload()[1].get_filename() == "invite.ics"
    # Horario's own parser reads the attachment too.
    path = os.path.join(tempfile.mkdtemp(), "invite.ics")
    with open(path, "wb") as f:
        f.write(invitation.get_payload(decode=True))
    check = subprocess.run([horario.binary, "ical", "check", path], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    expert_plain, _, _ = parts(to_expert)
    assert str(to_expert["Subject"]).startswith("New booking: Consulta with Carla Souza")
    assert "(America/Sao_Paulo)" in expert_plain and "10:00" in expert_plain
    assert "/appointments/" in expert_plain and token not in expert_plain

    # The booker moves it: both hear, SEQUENCE 1.
    later = datetime.datetime.combine(day, datetime.time(11), SAO_PAULO).astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    status, body = horario.client().json("POST", f"/api/public/bookings/{uid}/reschedule", {"token": token, "start": later})
    assert status == 200, body
    moved = for_(inbox, "carla@example.org", 2)[1]
    for_(inbox, f"{user}@example.org", 2)
    assert str(moved["Subject"]).startswith("Moved:")
    assert int(event_of(parts(moved)[2])[1]["SEQUENCE"]) == 1

    # The expert cancels it through the API: both hear, METHOD:CANCEL, SEQUENCE 2.
    status, bookings = api.json("GET", "/api/bookings")
    booking_id = next(b["id"] for b in bookings if b["uid"] == uid)
    status, body = api.json("POST", f"/api/bookings/{booking_id}/cancel", {"reason": "Doente"})
    assert status == 200, body
    cancelled = for_(inbox, "carla@example.org", 3)[2]
    for_(inbox, f"{user}@example.org", 3)
    invitation = parts(cancelled)[2]
    calendar, event = event_of(invitation)
    assert invitation.get_param("method") == "CANCEL" and str(calendar["METHOD"]) == "CANCEL"
    assert int(event["SEQUENCE"]) == 2 and str(event["STATUS"]) == "CANCELLED"
    assert str(cancelled["Subject"]).startswith("Cancelled:")
    # No message twice.
    ids = [m["Message-ID"] for m in inbox.messages]
    assert len(ids) == len(set(ids)) == 6


def test_a_relay_that_is_down_delays_messages_across_a_restart_and_loses_none(horario, smtp_port):
    user, api = expert(horario)
    day = next_monday() + datetime.timedelta(days=1)
    first = book(horario, user, day, 9)[0]
    second = book(horario, user, day, 14)[0]
    time.sleep(2)  # a few failed attempts
    horario.stop()
    horario.start()
    box = Inbox()
    controller = Controller(box, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        wait_until(lambda: len(box.messages) >= 4, timeout=60, message="the four waiting messages")
        time.sleep(3)
        assert len(box.messages) == 4
        uids = sorted(str(event_of(parts(m)[2])[1]["UID"]) for m in box.messages)
        assert uids == sorted([first, first, second, second])
    finally:
        controller.stop()


def test_reminders_go_once(horario, inbox):
    user, api = expert(horario, reminder=43200)
    book(horario, user, next_monday() + datetime.timedelta(days=2), 15)
    reminders = wait_until(lambda: (lambda found: found if len(found) >= 2 else None)(
        [m for m in inbox.messages if str(m["Subject"]).startswith("Reminder:")]), timeout=30, message="the two reminders")
    horario.stop()
    horario.start()
    time.sleep(3)
    assert len([m for m in inbox.messages if str(m["Subject"]).startswith("Reminder:")]) == 2
    assert sorted(m["To"].addresses[0].addr_spec for m in reminders) == sorted(["carla@example.org", f"{user}@example.org"])


def test_caldav_invitations_to_addresses_elsewhere_go_by_email(horario, inbox):
    """RFC 6638 with iMIP (RFC 6047): an event a user stores through CalDAV with an attendee of
    no user here is e-mailed to that attendee — REQUEST, then CANCEL when deleted — with the
    event attached, the user's name and Reply-To, and the time in the user's zone."""
    user, api = expert(horario)
    calendar = f"/dav/calendars/{user}/trabalho/"
    status, _, _ = api.request("MKCOL", calendar, '<?xml version="1.0"?><D:mkcol xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
                               '<D:set><D:prop><D:resourcetype><D:collection/><C:calendar/></D:resourcetype></D:prop></D:set></D:mkcol>',
                               {"Content-Type": "application/xml"})
    assert status == 201
    uid = f"reuniao-{time.time_ns()}"
    text = "\r\n".join([
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//tests//EN", "BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20261201T120000Z",
        "DTSTART:20310310T130000Z", "DTEND:20310310T140000Z", "SUMMARY:Reunião de equipe", "LOCATION:Sala 2",
        f"ORGANIZER;CN=Dr. João:mailto:{user}@example.org", "ATTENDEE;CN=Ana;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:ana@elsewhere.example",
        "END:VEVENT", "END:VCALENDAR", ""])
    status, headers, _ = api.request("PUT", f"{calendar}{uid}.ics", text, {"Content-Type": "text/calendar"})
    assert status == 201 and headers.get("schedule-tag")
    (invitation,) = for_(inbox, "ana@elsewhere.example", 1)
    assert invitation["Subject"] == "Invitation: Reunião de equipe"
    assert invitation["Reply-To"].addresses[0].addr_spec == f"{user}@example.org"
    assert invitation["From"].addresses[0].display_name == "Dr. João"
    plain, html, attached = parts(invitation)
    assert "10:00" in plain and "America/Sao_Paulo" in plain and "Sala 2" in plain  # 13:00 UTC in São Paulo
    assert attached.get_content_type() == "text/calendar" and attached.get_param("method") == "REQUEST"
    calendar_part, event = event_of(attached)
    assert str(calendar_part["METHOD"]) == "REQUEST" and str(event["UID"]) == uid
    assert "SCHEDULE-STATUS" not in attached.get_content()
    status, _, stored = api.request("GET", f"{calendar}{uid}.ics")
    assert "SCHEDULE-STATUS=1.1" in stored.replace("\r\n ", "")

    status, _, _ = api.request("DELETE", f"{calendar}{uid}.ics")
    assert status == 204
    cancellation = for_(inbox, "ana@elsewhere.example", 2)[1]
    assert cancellation["Subject"] == "Cancelled: Reunião de equipe"
    _, _, attached = parts(cancellation)
    calendar_part, event = event_of(attached)
    assert str(calendar_part["METHOD"]) == "CANCEL" and str(event["STATUS"]) == "CANCELLED"
