"""The requests bench/caldav.sh measures, the same for every server (only the calendar's path
differs), and what a correct answer contains, worked out from the data with
recurring-ical-events so the servers' answers can be compared with a reference."""

import json
import random
import re
from datetime import datetime, timezone
from pathlib import Path

from caldav_data import EVENT_COUNT, SEED, new_event_template

WEEK = (datetime(2025, 10, 6, tzinfo=timezone.utc), datetime(2025, 10, 13, tzinfo=timezone.utc))
MONTH = (datetime(2025, 10, 1, tzinfo=timezone.utc), datetime(2025, 11, 1, tzinfo=timezone.utc))
GET_EVENT = "bench-04242.ics"
MULTIGET_COUNT = 50
XML = "application/xml; charset=utf-8"


def _stamp(moment):
    return f"{moment:%Y%m%dT%H%M%SZ}"


def multiget_names():
    rng = random.Random(SEED + 1)
    return [f"bench-{index:05d}.ics" for index in sorted(rng.sample(range(EVENT_COUNT), MULTIGET_COUNT))]


RESPONSE = re.compile(rb"<(?:[A-Za-z][\w.-]*:)?response[\s>]")


def count_responses(body):
    return len(RESPONSE.findall(body))


def count_instances(body):
    return body.count(b"BEGIN:VEVENT")


def count_busy_periods(body):
    unfolded = body.replace(b"\r\n ", b"").replace(b"\n ", b"")
    periods = 0
    for line in unfolded.splitlines():
        name, _, value = line.partition(b":")
        if name.split(b";")[0].upper() == b"FREEBUSY":
            periods += len(value.split(b","))
    return periods


class Measurement:
    """One kind of request. `body(calendar_path)` gives the request body; `count(body)` the
    number reported as its answer (responses, instances, busy periods or bytes)."""

    def __init__(self, key, label, method, depth, expect, body=None, count=None, counted="", target="", put=False):
        self.key = key
        self.label = label
        self.method = method
        self.depth = depth
        self.expect = expect
        self._body = body
        self.count = count or len
        self.counted = counted or "bytes"
        self.target = target  # appended to the calendar path
        self.put = put

    def body(self, calendar_path):
        if self._body is None:
            return None
        return self._body(calendar_path) if callable(self._body) else self._body


def _multiget_body(calendar_path):
    hrefs = "".join(f"<D:href>{calendar_path}{name}</D:href>" for name in multiget_names())
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
        f"<D:prop><D:getetag/><C:calendar-data/></D:prop>{hrefs}</C:calendar-multiget>"
    )


MEASUREMENTS = [
    Measurement(
        "propfind",
        "PROPFIND Depth 1 on the calendar (getetag, getcontenttype, resourcetype)",
        "PROPFIND",
        "1",
        (207,),
        '<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:">'
        "<D:prop><D:getetag/><D:getcontenttype/><D:resourcetype/></D:prop></D:propfind>",
        count_responses,
        "responses",
    ),
    Measurement(
        "query-week",
        "calendar-query, one week, with calendar-data",
        "REPORT",
        "1",
        (207,),
        '<?xml version="1.0" encoding="utf-8"?>'
        '<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
        "<D:prop><D:getetag/><C:calendar-data/></D:prop>"
        '<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">'
        f'<C:time-range start="{_stamp(WEEK[0])}" end="{_stamp(WEEK[1])}"/>'
        "</C:comp-filter></C:comp-filter></C:filter></C:calendar-query>",
        count_responses,
        "objects",
    ),
    Measurement(
        "query-month-expand",
        "calendar-query, one month, expanded",
        "REPORT",
        "1",
        (207,),
        '<?xml version="1.0" encoding="utf-8"?>'
        '<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
        f'<D:prop><D:getetag/><C:calendar-data><C:expand start="{_stamp(MONTH[0])}" end="{_stamp(MONTH[1])}"/>'
        "</C:calendar-data></D:prop>"
        '<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">'
        f'<C:time-range start="{_stamp(MONTH[0])}" end="{_stamp(MONTH[1])}"/>'
        "</C:comp-filter></C:comp-filter></C:filter></C:calendar-query>",
        count_instances,
        "instances",
    ),
    Measurement(
        "multiget-50",
        f"calendar-multiget of {MULTIGET_COUNT} hrefs",
        "REPORT",
        "1",
        (207,),
        _multiget_body,
        count_responses,
        "responses",
    ),
    Measurement(
        "sync-initial",
        "sync-collection, empty token (getetag)",
        "REPORT",
        "0",
        (207,),
        '<?xml version="1.0" encoding="utf-8"?><D:sync-collection xmlns:D="DAV:">'
        "<D:sync-token/><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>",
        count_responses,
        "responses",
    ),
    Measurement(
        "free-busy-month",
        "free-busy-query, one month",
        "REPORT",
        "1",
        (200,),
        '<?xml version="1.0" encoding="utf-8"?><C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav">'
        f'<C:time-range start="{_stamp(MONTH[0])}" end="{_stamp(MONTH[1])}"/></C:free-busy-query>',
        count_busy_periods,
        "busy periods",
    ),
    Measurement("get", f"GET of one event ({GET_EVENT})", "GET", None, (200,), target=GET_EVENT),
    Measurement(
        "put",
        "PUT of a new event (If-None-Match: *)",
        "PUT",
        None,
        (201, 204),
        new_event_template(),
        put=True,
    ),
]


def reference_counts(events, cache_path):
    """What correct answers count, from recurring-ical-events (cached: it takes a while)."""
    key = f"{SEED}-{len(events)}-{WEEK}-{MONTH}-v1"
    cache_path = Path(cache_path)
    if cache_path.exists():
        cached = json.loads(cache_path.read_text())
        if cached.get("key") == key:
            return cached["counts"]
    import icalendar
    import recurring_ical_events

    week_objects = 0
    month_instances = 0
    for event in events:
        calendar = icalendar.Calendar.from_ical(event.text)
        if recurring_ical_events.of(calendar).between(*WEEK):
            week_objects += 1
        month_instances += len(recurring_ical_events.of(calendar).between(*MONTH))
    counts = {
        "propfind": len(events) + 1,
        "query-week": week_objects,
        "query-month-expand": month_instances,
        "multiget-50": MULTIGET_COUNT,
        "sync-initial": len(events),
    }
    cache_path.parent.mkdir(parents=True, exist_ok=True)
    cache_path.write_text(json.dumps({"key": key, "counts": counts}))
    return counts
