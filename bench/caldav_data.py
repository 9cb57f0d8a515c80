"""The calendar every server in bench/caldav.sh is loaded with: 10,000 events made by a seeded
random generator, so each run and each server gets byte-for-byte the same objects.

- 80% single events spread over 2025 and 2026, 15 to 120 minutes long, in working hours;
- 20% recurring: weekly or daily, ending by COUNT or UNTIL; a third of those move one
  occurrence with an override (RECURRENCE-ID), another third drop occurrences with EXDATE;
- every other event is in America/Sao_Paulo (with its VTIMEZONE), the rest in UTC.
"""

import random
from datetime import datetime, timedelta, timezone

SEED = 20250101
EVENT_COUNT = 10_000
FIRST_DAY = datetime(2025, 1, 1)
DAYS = 730
SAO_PAULO = timezone(timedelta(hours=-3))  # no daylight saving time since 2019

VTIMEZONE = """BEGIN:VTIMEZONE
TZID:America/Sao_Paulo
BEGIN:STANDARD
DTSTART:19700101T000000
TZOFFSETFROM:-0300
TZOFFSETTO:-0300
TZNAME:-03
END:STANDARD
END:VTIMEZONE
"""

WORDS = (
    "consultation follow-up review planning call visit session check-up therapy meeting "
    "interview workshop onboarding retrospective training lunch exam support demo sync"
).split()
PLACES = ["Room 1", "Room 2", "Clinic A", "Clinic B", "Video call", "Office 3rd floor", "Reception"]


class BenchEvent:
    def __init__(self, name, uid, text):
        # File name inside the calendar collection: the UID plus ".ics", the name Radicale
        # gives an object it splits out of a whole-calendar PUT, so every server has the
        # same hrefs whichever way it was loaded.
        self.name = name
        self.uid = uid
        self.text = text


def _stamp(moment, in_sao_paulo):
    """A DTSTART/DTEND-style value: local time with TZID, or UTC with Z."""
    if in_sao_paulo:
        return f";TZID=America/Sao_Paulo:{moment:%Y%m%dT%H%M%S}"
    return f":{moment:%Y%m%dT%H%M%S}Z"


def _utc_of(local, in_sao_paulo):
    if in_sao_paulo:
        return local.replace(tzinfo=SAO_PAULO).astimezone(timezone.utc).replace(tzinfo=None)
    return local


def _description(rng):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30)))


def _fold(line):
    """RFC 5545 section 3.1: lines longer than 75 octets continue on lines starting with a space."""
    parts = []
    while len(line) > 75:
        parts.append(line[:75])
        line = " " + line[75:]
    parts.append(line)
    return "\r\n".join(parts)


def make_event(index, rng):
    in_sao_paulo = index % 2 == 0
    recurring = rng.random() < 0.2
    uid = f"bench-{index:05d}"
    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    start = day.replace(hour=rng.randint(7, 18), minute=rng.choice([0, 15, 30, 45]))
    length = timedelta(minutes=rng.choice([15, 30, 45, 60, 90, 120]))
    summary = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} #{index}"
    master = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        "DTSTAMP:20250101T000000Z",
        f"DTSTART{_stamp(start, in_sao_paulo)}",
        f"DTEND{_stamp(start + length, in_sao_paulo)}",
        f"SUMMARY:{summary}",
        f"LOCATION:{rng.choice(PLACES)}",
        f"DESCRIPTION:{_description(rng)}",
    ]
    overrides = []
    if recurring:
        frequency = rng.choice(["WEEKLY", "WEEKLY", "DAILY"])
        step = timedelta(weeks=1) if frequency == "WEEKLY" else timedelta(days=1)
        if rng.random() < 0.5:
            count = rng.randint(3, 52 if frequency == "WEEKLY" else 60)
            master.append(f"RRULE:FREQ={frequency};COUNT={count}")
        else:
            count = rng.randint(3, 40)
            until = _utc_of(start + step * (count - 1), in_sao_paulo)
            master.append(f"RRULE:FREQ={frequency};UNTIL={until:%Y%m%dT%H%M%S}Z")
        variant = rng.random()
        if variant < 1 / 3 and count > 2:
            moved = start + step * rng.randint(1, count - 1)
            new_start = moved + timedelta(hours=rng.choice([-2, -1, 1, 2, 3]))
            overrides = [
                "BEGIN:VEVENT",
                f"UID:{uid}",
                "DTSTAMP:20250101T000000Z",
                f"RECURRENCE-ID{_stamp(moved, in_sao_paulo)}",
                f"DTSTART{_stamp(new_start, in_sao_paulo)}",
                f"DTEND{_stamp(new_start + length, in_sao_paulo)}",
                f"SUMMARY:{summary} (moved)",
                "END:VEVENT",
            ]
        elif variant < 2 / 3 and count > 2:
            skipped = sorted({rng.randint(1, count - 1) for _ in range(rng.randint(1, 3))})
            values = ",".join(f"{start + step * k:%Y%m%dT%H%M%S}" for k in skipped)
            if in_sao_paulo:
                master.append(f"EXDATE;TZID=America/Sao_Paulo:{values}")
            else:
                master.append("EXDATE:" + ",".join(f"{start + step * k:%Y%m%dT%H%M%S}Z" for k in skipped))
    master.append("END:VEVENT")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Horario//caldav bench//EN"]
    text = "\r\n".join(lines) + "\r\n"
    if in_sao_paulo:
        text += VTIMEZONE.replace("\n", "\r\n")
    text += "\r\n".join(_fold(line) for line in master + overrides + ["END:VCALENDAR"]) + "\r\n"
    return BenchEvent(f"{uid}.ics", uid, text)


def generate(count=EVENT_COUNT, seed=SEED):
    rng = random.Random(seed)
    return [make_event(index, rng) for index in range(count)]


def whole_calendar(events):
    """All events in one VCALENDAR (one VTIMEZONE), for a server that imports a whole calendar."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Horario//caldav bench//EN"]
    lines += VTIMEZONE.splitlines()
    for event in events:
        inner = event.text.split("\r\n")
        begin = inner.index("BEGIN:VEVENT")
        lines += inner[begin : inner.index("END:VCALENDAR")]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


def new_event_template():
    """The body PUT creates during the PUT measurement; @UID@ is replaced per request."""
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Horario//caldav bench//EN\r\n"
        "BEGIN:VEVENT\r\nUID:@UID@\r\nDTSTAMP:20250101T000000Z\r\n"
        "DTSTART:20250615T140000Z\r\nDTEND:20250615T150000Z\r\n"
        "SUMMARY:Created during the PUT measurement\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


if __name__ == "__main__":
    events = generate()
    recurring = sum("RRULE" in e.text for e in events)
    print(
        f"{len(events)} events, {recurring} recurring, "
        f"{sum('RECURRENCE-ID' in e.text for e in events)} with an override, "
        f"{sum('EXDATE' in e.text for e in events)} with EXDATE, "
        f"{sum('TZID=America' in e.text for e in events)} in Sao Paulo, "
        f"{sum(len(e.text) for e in events) / 1e6:.1f} MB"
    )
