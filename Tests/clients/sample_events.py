"""The three events the client test writes, and the occurrences a server must find for them.

All times are chosen so that a server that ignores the VTIMEZONE, the override or the COUNT
returns a different set of hits than one that follows RFC 5545 / RFC 4791 section 9.9.
"""

from datetime import date, datetime, timezone

WEEKLY_UID = "horario-client-weekly@example.test"
SAO_PAULO_UID = "horario-client-saopaulo@example.test"
ALL_DAY_UID = "horario-client-allday@example.test"

# Weekly on Mondays 09:00-09:30 UTC, ten times (3 March .. 5 May 2025). The occurrence of
# 17 March is moved to Tuesday 18 March 14:00 UTC by an override (RFC 5545 RECURRENCE-ID).
WEEKLY = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Horario//client test//EN
BEGIN:VEVENT
UID:horario-client-weekly@example.test
DTSTAMP:20250101T000000Z
DTSTART:20250303T090000Z
DTEND:20250303T093000Z
RRULE:FREQ=WEEKLY;COUNT=10
SUMMARY:Weekly standup
END:VEVENT
BEGIN:VEVENT
UID:horario-client-weekly@example.test
DTSTAMP:20250101T000000Z
RECURRENCE-ID:20250317T090000Z
DTSTART:20250318T140000Z
DTEND:20250318T143000Z
SUMMARY:Weekly standup (moved)
END:VEVENT
END:VCALENDAR
"""

# 10:00-11:00 in São Paulo (UTC-3 all year since 2019) = 13:00-14:00 UTC on 12 March 2025.
SAO_PAULO = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Horario//client test//EN
BEGIN:VTIMEZONE
TZID:America/Sao_Paulo
BEGIN:STANDARD
DTSTART:19700101T000000
TZOFFSETFROM:-0300
TZOFFSETTO:-0300
TZNAME:-03
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
UID:horario-client-saopaulo@example.test
DTSTAMP:20250101T000000Z
DTSTART;TZID=America/Sao_Paulo:20250312T100000
DTEND;TZID=America/Sao_Paulo:20250312T110000
SUMMARY:Consultation in Sao Paulo
END:VEVENT
END:VCALENDAR
"""

# Friday 14 March 2025, all day (floating: compared in UTC when the calendar has no time zone).
ALL_DAY = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Horario//client test//EN
BEGIN:VEVENT
UID:horario-client-allday@example.test
DTSTAMP:20250101T000000Z
DTSTART;VALUE=DATE:20250314
DTEND;VALUE=DATE:20250315
SUMMARY:Conference day
END:VEVENT
END:VCALENDAR
"""

ALL = {WEEKLY_UID: WEEKLY, SAO_PAULO_UID: SAO_PAULO, ALL_DAY_UID: ALL_DAY}


def utc(year, month, day, hour=0, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=timezone.utc)


class TimeRangeCase:
    """One calendar-query time range and what it must hit.

    `uids`: the calendar objects the server returns without expansion (RFC 4791 section 9.9: a
    recurring object matches if any of its instances overlaps). `occurrences`: (UID, start)
    of every instance inside the range after expansion; the start is a UTC datetime, or a
    date for all-day events.
    """

    def __init__(self, key, name, start, end, occurrences):
        self.key = key
        self.name = name
        self.start = start
        self.end = end
        self.occurrences = set(occurrences)
        self.uids = {uid for uid, _ in occurrences}


TIME_RANGES = [
    TimeRangeCase(
        "week-10-march",
        "week of 10 March (all three)",
        utc(2025, 3, 10),
        utc(2025, 3, 17),
        [
            (WEEKLY_UID, utc(2025, 3, 10, 9)),
            (SAO_PAULO_UID, utc(2025, 3, 12, 13)),
            (ALL_DAY_UID, date(2025, 3, 14)),
        ],
    ),
    TimeRangeCase(
        "week-17-march",
        "week of 17 March (only the moved occurrence)",
        utc(2025, 3, 17),
        utc(2025, 3, 24),
        [(WEEKLY_UID, utc(2025, 3, 18, 14))],
    ),
    TimeRangeCase(
        "moved-slot",
        "original slot of the moved occurrence (nothing)",
        utc(2025, 3, 17, 8),
        utc(2025, 3, 17, 10),
        [],
    ),
    TimeRangeCase(
        "sao-paulo-in-utc",
        "13:30-13:45 UTC on 12 March (Sao Paulo event in UTC)",
        utc(2025, 3, 12, 13, 30),
        utc(2025, 3, 12, 13, 45),
        [(SAO_PAULO_UID, utc(2025, 3, 12, 13))],
    ),
    TimeRangeCase(
        "sao-paulo-as-utc",
        "10:00-11:00 UTC on 12 March (Sao Paulo wall time read as UTC: nothing)",
        utc(2025, 3, 12, 10),
        utc(2025, 3, 12, 11),
        [],
    ),
    TimeRangeCase(
        "all-day-noon",
        "noon UTC on 14 March (inside the all-day event)",
        utc(2025, 3, 14, 12),
        utc(2025, 3, 14, 13),
        [(ALL_DAY_UID, date(2025, 3, 14))],
    ),
    TimeRangeCase(
        "last-of-count",
        "5 May (last of COUNT=10)",
        utc(2025, 5, 5),
        utc(2025, 5, 6),
        [(WEEKLY_UID, utc(2025, 5, 5, 9))],
    ),
    TimeRangeCase(
        "after-count",
        "after the last occurrence (nothing)",
        utc(2025, 5, 6),
        utc(2025, 6, 1),
        [],
    ),
]

CASES = {case.key: case for case in TIME_RANGES}

# Busy time a free-busy-query (RFC 4791 section 7.10) over the week of 10 March must report,
# and a stretch inside that week where nothing is busy.
FREE_BUSY_RANGE = (utc(2025, 3, 10), utc(2025, 3, 17))
FREE_BUSY_MUST_BE_BUSY = [
    (utc(2025, 3, 10, 9), utc(2025, 3, 10, 9, 30)),
    (utc(2025, 3, 12, 13), utc(2025, 3, 12, 14)),
]
FREE_BUSY_MUST_BE_FREE = (utc(2025, 3, 10, 10), utc(2025, 3, 12, 12))
