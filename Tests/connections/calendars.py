"""Expert set-up and iCalendar text for the connection tests."""
import datetime
import uuid
from zoneinfo import ZoneInfo

SAO_PAULO = ZoneInfo("America/Sao_Paulo")
BERLIN = ZoneInfo("Europe/Berlin")
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday"]


def next_monday(weeks_ahead=2):
    """A Monday at least a week ahead (no notice or window rule in the way)."""
    today = datetime.date.today()
    monday = today + datetime.timedelta(days=(7 - today.weekday()) % 7 or 7)
    return monday + datetime.timedelta(weeks=weeks_ahead - 1)


def set_up_expert(horario, destination=None):
    """A new expert with a Mon–Fri 09:00–18:00 São Paulo schedule and a 30-minute event type."""
    user = horario.add_user()
    api = horario.client(user)
    schedule = {
        "name": "Consultório",
        "timezone": "America/Sao_Paulo",
        "isDefault": True,
        "availability": [{"day": day, "slots": [{"startTime": "09:00", "endTime": "18:00"}]} for day in WEEKDAYS],
        "location": {"type": "phone", "phoneNumber": "+55 11 5555-0100"},
    }
    status, body = api.json("POST", "/api/availability/schedules", schedule)
    assert status == 201, body
    event_type = {"title": "Consulta", "slug": "consulta", "duration": 30, "scheduleId": body["id"]}
    status, body = api.json("POST", "/api/event-types", event_type)
    assert status == 201, body
    return user, api, body


def local_slots(horario, user, day, zone=SAO_PAULO, slug="consulta"):
    """The free slot start times of `day` as local "HH:MM" strings."""
    start = datetime.datetime.combine(day, datetime.time(0, 0), zone).astimezone(datetime.timezone.utc)
    end = start + datetime.timedelta(days=1)
    fmt = "%Y-%m-%dT%H:%M:%SZ"
    status, body = horario.client().json("GET", f"/api/public/{user}/{slug}/slots?start={start.strftime(fmt)}&end={end.strftime(fmt)}")
    assert status == 200, body
    return [datetime.datetime.fromisoformat(slot["start"].replace("Z", "+00:00")).astimezone(zone).strftime("%H:%M") for slot in body["slots"]]


def stamp(moment):
    return moment.astimezone(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def event(uid=None, start=None, end=None, *, zone=None, floating=False, all_day=None, extra=(), rrule=None, exdates=(), recurrence_id=None):
    """One VEVENT's lines."""
    lines = ["BEGIN:VEVENT", f"UID:{uid or uuid.uuid4()}", "DTSTAMP:20250101T000000Z", "SUMMARY:Private"]
    if all_day:
        lines += [f"DTSTART;VALUE=DATE:{all_day.strftime('%Y%m%d')}", f"DTEND;VALUE=DATE:{(all_day + datetime.timedelta(days=1)).strftime('%Y%m%d')}"]
    elif floating:
        lines += [f"DTSTART:{start.strftime('%Y%m%dT%H%M%S')}", f"DTEND:{end.strftime('%Y%m%dT%H%M%S')}"]
    elif zone:
        name = zone.key
        lines += [f"DTSTART;TZID={name}:{start.strftime('%Y%m%dT%H%M%S')}", f"DTEND;TZID={name}:{end.strftime('%Y%m%dT%H%M%S')}"]
    else:
        lines += [f"DTSTART:{stamp(start)}", f"DTEND:{stamp(end)}"]
    if recurrence_id:
        lines.append(f"RECURRENCE-ID;TZID={zone.key}:{recurrence_id.strftime('%Y%m%dT%H%M%S')}")
    if rrule:
        lines.append(f"RRULE:{rrule}")
    for exdate in exdates:
        lines.append(f"EXDATE;TZID={zone.key}:{exdate.strftime('%Y%m%dT%H%M%S')}")
    lines += list(extra)
    lines.append("END:VEVENT")
    return lines


VTIMEZONES = {
    "America/Sao_Paulo": ["BEGIN:VTIMEZONE", "TZID:America/Sao_Paulo", "BEGIN:STANDARD", "DTSTART:19700101T000000",
                          "TZOFFSETFROM:-0300", "TZOFFSETTO:-0300", "TZNAME:-03", "END:STANDARD", "END:VTIMEZONE"],
    "Europe/Berlin": ["BEGIN:VTIMEZONE", "TZID:Europe/Berlin", "BEGIN:DAYLIGHT", "DTSTART:19700329T020000",
                      "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "END:DAYLIGHT",
                      "BEGIN:STANDARD", "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "TZOFFSETFROM:+0200",
                      "TZOFFSETTO:+0100", "TZNAME:CET", "END:STANDARD", "END:VTIMEZONE"],
}


def calendar(*events, zones=()):
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Horario tests//EN"]
    for zone in zones:
        lines += VTIMEZONES[zone]
    for lines_of_event in events:
        lines += lines_of_event
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


def at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute))


def put(client, collection, text, name=None):
    name = name or f"{uuid.uuid4()}.ics"
    status, _, body = client.request("PUT", collection + name, text, {"Content-Type": "text/calendar; charset=utf-8"})
    assert status in (201, 204), f"PUT {collection}{name}: {status} {body}"
    return collection + name


def mkcalendar(client, path):
    status, _, body = client.request("MKCALENDAR", path)
    assert status in (201, 405), f"MKCALENDAR {path}: {status} {body}"


def wait_until(predicate, timeout=30, interval=0.3, message="condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {message}")


import time  # noqa: E402  (used by wait_until)
