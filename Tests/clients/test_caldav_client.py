#!/usr/bin/env python3
"""A CalDAV client session with the python `caldav` library against a running server.

Usage:
    python Tests/clients/test_caldav_client.py --url http://127.0.0.1:PORT/ \
        --user admin --password secret [--server horario|radicale|xandikos]

Starts from the bare server URL, as a user would type it: discovers the principal and the
calendar home, creates a calendar, writes three events (weekly with an override, one in
America/Sao_Paulo with a VTIMEZONE, one all-day), runs time-range queries with and without
expansion, free-busy, multiget, sync-collection (RFC 6578) after an edit and a delete,
conditional PUTs, and deletes what it made. Each check prints PASS or FAIL with its name; a
FAIL also prints the HTTP exchanges of that check. Exit status 1 if any check failed.

--server names the implementation under test only to apply the few allowances listed in
KNOWN_DIFFERENCES (used to validate this script against other servers); Horario gets none.
"""

import argparse
import sys
import traceback
import uuid
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import caldav  # noqa: E402
from caldav.elements import dav  # noqa: E402
from icalendar.prop import vDDDTypes, vDuration  # noqa: E402

import sample_events as events  # noqa: E402
from http_log import HTTPLog, RawHTTP  # noqa: E402


def query_check(case):
    return f"calendar-query: {case.name}"


def client_expand_check(case):
    return f"client-side expand: {case.name}"


def server_expand_check(case):
    return f"server-side expand: {case.name}"


# Checks another server is known to fail, with the reason. A listed check that fails is
# reported as KNOWN and does not fail the run; one that passes is reported as PASS.
# Horario gets no allowances.
XANDIKOS_INDEX = "Xandikos's time-range index (built after a few queries) reads TZID times as UTC"
KNOWN_DIFFERENCES = {
    "horario": {},
    "radicale": {
        # RFC 4791 section 9.6.5: expand returns the instances that overlap the range; the
        # override was moved away from the range, so nothing overlaps.
        server_expand_check(events.CASES["moved-slot"]): "Radicale's expand returns an override moved out of the range",
    },
    "xandikos": {
        # RFC 6764 section 5 allows any redirect, but Horario is meant to answer 301 (TbSync
        # needs a permanent one).
        "well-known: 301 redirect": "Xandikos redirects with 302",
        client_expand_check(events.CASES["sao-paulo-in-utc"]): XANDIKOS_INDEX,
        server_expand_check(events.CASES["sao-paulo-in-utc"]): XANDIKOS_INDEX,
        server_expand_check(events.CASES["sao-paulo-as-utc"]): XANDIKOS_INDEX,
        # It answers with an empty VCALENDAR for the object, so the library loads the whole
        # recurring event instead.
        server_expand_check(events.CASES["moved-slot"]): "Xandikos's expand keeps the object with no instance in it",
        # RFC 4918 section 9.1 expects 404; Xandikos answers 207 with a 404 response inside.
        "delete calendar": "Xandikos answers PROPFIND on a deleted collection with 207",
    },
}

NS = {"D": "DAV:", "C": "urn:ietf:params:xml:ns:caldav"}


class CheckFailed(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


def path_of(url):
    """The percent-decoded path of an href or URL, so hrefs written differently compare equal."""
    return unquote(urlsplit(str(url)).path)


class Checks:
    """Runs named checks in order; remembers results; prints the HTTP exchanges of a failure."""

    SHOWN_EXCHANGES = 4

    def __init__(self, log, known):
        self.log = log
        self.known = known
        self.passed = []
        self.failed = []
        self.known_failed = []

    def run(self, name, function, essential=False):
        """Runs `function`; its return value (if any) is printed as detail. An essential check
        that fails stops the run, since later checks need what it makes."""
        mark = self.log.mark()
        try:
            detail = function()
        except Exception as error:  # every error is a failed check, reported with its exchanges
            message = str(error) if isinstance(error, CheckFailed) else f"{type(error).__name__}: {error}"
            if name in self.known:
                self.known_failed.append(name)
                print(f"KNOWN {name}: {message} [allowed: {self.known[name]}]")
                return False
            self.failed.append(name)
            print(f"FAIL {name}: {message}")
            if not isinstance(error, CheckFailed):
                ours = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename == __file__]
                if ours:
                    print(f"  raised in {ours[-1].name} (line {ours[-1].lineno}): {ours[-1].line}")
            exchanges = self.log.since(mark)
            if len(exchanges) > self.SHOWN_EXCHANGES:
                print(f"  ({len(exchanges) - self.SHOWN_EXCHANGES} earlier exchanges of this check not shown)")
            for exchange in exchanges[-self.SHOWN_EXCHANGES :]:
                print("  " + exchange.format().replace("\n", "\n  "))
            if essential:
                print(f"stopping: later checks need '{name}'")
                raise SystemExit(self.finish())
            return False
        print(f"PASS {name}" + (f" ({detail})" if detail else ""))
        self.passed.append(name)
        return True

    def finish(self):
        known = f", {len(self.known_failed)} known differences" if self.known_failed else ""
        print(f"caldav client: {len(self.passed)} passed, {len(self.failed)} failed{known}")
        return 1 if self.failed else 0


def instance_start(component):
    """DTSTART of a VEVENT as a UTC datetime, or a date for all-day events."""
    value = component.decoded("DTSTART")
    if isinstance(value, datetime):
        expect(value.tzinfo is not None, f"floating DTSTART {value} in {component.get('UID')}")
        return value.astimezone(timezone.utc)
    return value


def components_of(objects):
    found = []
    for obj in objects:
        for component in obj.icalendar_instance.walk("VEVENT"):
            found.append(component)
    return found


def describe(pairs):
    return ", ".join(f"{uid.split('@')[0]} {start.isoformat()}" for uid, start in sorted(pairs, key=str)) or "nothing"


def parse_multistatus(body):
    """{decoded href path: (status or None, {property tag: element})} of a 207 body."""
    root = ET.fromstring(body)
    result = {}
    for response in root.findall("D:response", NS):
        href = path_of(response.findtext("D:href", default="", namespaces=NS))
        status = response.findtext("D:status", default=None, namespaces=NS)
        props = {}
        for propstat in response.findall("D:propstat", NS):
            if " 200 " not in propstat.findtext("D:status", default="", namespaces=NS) + " ":
                continue
            prop_element = propstat.find("D:prop", NS)
            for prop in [] if prop_element is None else prop_element:
                props[prop.tag] = prop
        result[href] = (status, props)
    return result


def free_busy_periods(text):
    """The FREEBUSY periods (RFC 5545 section 3.8.2.6) of a VFREEBUSY, as UTC (start, end)."""
    unfolded = text.replace("\r\n ", "").replace("\n ", "")
    periods = []
    for line in unfolded.splitlines():
        name, _, value = line.partition(":")
        if name.split(";")[0].upper() != "FREEBUSY":
            continue
        if "FBTYPE=FREE" in name.upper():
            continue
        for period in value.split(","):
            start_text, _, end_text = period.partition("/")
            start = vDDDTypes.from_ical(start_text)
            end = start + vDuration.from_ical(end_text) if end_text.startswith(("P", "+P")) else vDDDTypes.from_ical(end_text)
            periods.append((start.astimezone(timezone.utc), end.astimezone(timezone.utc)))
    return periods


class ClientSession:
    """The checks, in the order a client would do these things."""

    def __init__(self, args):
        self.url = args.url
        self.log = HTTPLog()
        self.checks = Checks(self.log, KNOWN_DIFFERENCES[args.server])
        self.raw = RawHTTP(args.url, args.user, args.password, self.log)
        self.client = caldav.DAVClient(url=args.url, username=args.user, password=args.password, timeout=30)
        self.log.attach(self.client)
        self.suffix = uuid.uuid4().hex[:8]
        self.urls = {}  # UID -> object URL path
        self.etags = {}

    def run(self):
        c = self.checks
        c.run("well-known: 301 redirect", self.well_known)
        c.run("discover principal from the bare URL", self.discover_principal, essential=True)
        c.run("calendar-home-set of the principal", self.calendar_home)
        c.run("list calendars", self.list_calendars)
        c.run("make calendar", self.make_calendar, essential=True)
        c.run("new calendar listed by calendars()", self.new_calendar_listed)
        c.run("new calendar properties", self.calendar_properties)
        c.run("write 3 events", self.write_events, essential=True)
        c.run("events() returns the 3 events", self.list_events)
        for case in events.TIME_RANGES:
            c.run(query_check(case), lambda case=case: self.query(case))
        for case in events.TIME_RANGES:
            c.run(client_expand_check(case), lambda case=case: self.expanded(case, server_expand=False))
        for case in events.TIME_RANGES:
            c.run(server_expand_check(case), lambda case=case: self.expanded(case, server_expand=True))
        c.run("free-busy-query", self.free_busy)
        c.run("calendar-multiget of 2 events", self.multiget)
        c.run("initial sync token", self.initial_sync, essential=True)
        c.run("GET and PROPFIND agree on the ETag", self.etag_agrees)
        c.run("edit event: new summary, new ETag", self.edit_event)
        c.run("conditional PUT: stale If-Match is refused with 412", self.stale_if_match)
        c.run("conditional PUT: If-None-Match * on an existing event is refused with 412", self.if_none_match)
        c.run("delete event", self.delete_event)
        c.run("sync by token reports exactly the edit and the delete", self.sync_changes)
        c.run("sync-collection REPORT: deleted member has status 404, edited has new ETag", self.raw_sync)
        c.run("sync from the newest token reports nothing", self.sync_nothing)
        c.run("delete calendar", self.delete_calendar)
        return c.finish()

    # -- discovery --------------------------------------------------------------------------

    def well_known(self):
        status, headers, _ = self.raw.request("PROPFIND", urljoin(self.url, "/.well-known/caldav"), headers={"Depth": "0"})
        expect(status == 301, f"expected 301, got {status}")
        expect("location" in headers, "no Location header")
        return f"Location: {headers['location']}"

    def discover_principal(self):
        self.principal = self.client.principal()
        expect(str(self.principal.url).endswith("/"), f"principal URL {self.principal.url} has no trailing slash")
        return str(self.principal.url)

    def calendar_home(self):
        home = self.principal.calendar_home_set
        expect(home is not None, "no calendar-home-set")
        expect(str(home.url).endswith("/"), f"calendar home {home.url} has no trailing slash")
        return str(home.url)

    def list_calendars(self):
        names = [str(calendar.url) for calendar in self.principal.calendars()]
        return f"{len(names)} before the test: {', '.join(names) or 'none'}"

    def make_calendar(self):
        self.name = f"Client test {self.suffix}"
        self.calendar = self.principal.make_calendar(name=self.name, cal_id=f"client-test-{self.suffix}")
        self.calendar_path = path_of(self.calendar.url)
        return str(self.calendar.url)

    def new_calendar_listed(self):
        listed = {path_of(calendar.url): calendar for calendar in self.principal.calendars()}
        expect(self.calendar_path in listed, f"{self.calendar_path} not among {sorted(listed)}")
        name = listed[self.calendar_path].get_display_name()
        expect(name == self.name, f"displayname {name!r}, expected {self.name!r}")

    def calendar_properties(self):
        status, _, body = self.raw.request(
            "PROPFIND",
            self.calendar.url,
            """<?xml version="1.0" encoding="utf-8"?>
<D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:CS="http://calendarserver.org/ns/">
  <D:prop><D:resourcetype/><D:displayname/><D:sync-token/><CS:getctag/><D:supported-report-set/>
    <C:supported-calendar-component-set/></D:prop>
</D:propfind>""",
            {"Depth": "0", "Content-Type": "application/xml; charset=utf-8"},
        )
        expect(status == 207, f"PROPFIND status {status}")
        _, props = parse_multistatus(body)[self.calendar_path]
        resourcetype = props.get("{DAV:}resourcetype")
        expect(resourcetype is not None and resourcetype.find("C:calendar", NS) is not None, "resourcetype lacks C:calendar")
        expect(props.get("{DAV:}sync-token") is not None, "no DAV:sync-token")
        expect(props.get("{http://calendarserver.org/ns/}getctag") is not None, "no CS:getctag")
        reports = props.get("{DAV:}supported-report-set")
        expect(reports is not None, "no supported-report-set")
        names = {element.tag.split("}")[1] for element in reports.iter() if len(element) == 0}
        missing = {"calendar-query", "calendar-multiget", "sync-collection"} - names
        expect(not missing, f"supported-report-set lacks {sorted(missing)} (has {sorted(names)})")
        components = props.get("{urn:ietf:params:xml:ns:caldav}supported-calendar-component-set")
        expect(components is not None, "no supported-calendar-component-set")
        expect("VEVENT" in {comp.get("name") for comp in components}, "VEVENT not a supported component")
        return f"reports: {', '.join(sorted(names))}"

    # -- writing and reading ----------------------------------------------------------------

    def write_events(self):
        for uid, text in events.ALL.items():
            saved = self.calendar.save_event(text)
            self.urls[uid] = path_of(saved.url)
        return ", ".join(sorted(self.urls.values()))

    def list_events(self):
        found = {str(obj.icalendar_component["UID"]) for obj in self.calendar.events()}
        expect(found == set(events.ALL), f"events() gave {sorted(found)}")

    def query(self, case):
        """The server's own time-range filtering: no expansion, no client-side filtering."""
        objects = self.calendar.search(start=case.start, end=case.end, event=True, expand=False, post_filter=False)
        uids = [str(obj.icalendar_component["UID"]) for obj in objects]
        expect(len(uids) == len(set(uids)), f"duplicate results: {uids}")
        expect(set(uids) == case.uids, f"got {sorted(uids)}, expected {sorted(case.uids)}")
        return ", ".join(sorted(u.split("@")[0] for u in uids)) or "nothing"

    def expanded(self, case, server_expand):
        """Occurrences after expansion: by the library (server only filters) or by the server
        (RFC 4791 section 9.6.5: instances without RRULE, times in UTC)."""
        if server_expand:
            objects = self.calendar.search(start=case.start, end=case.end, event=True, server_expand=True, post_filter=False)
        else:
            objects = self.calendar.search(start=case.start, end=case.end, event=True, expand=True)
        components = components_of(objects)
        if server_expand:
            with_rule = [str(c["UID"]) for c in components if "RRULE" in c]
            expect(not with_rule, f"expanded instances still carry RRULE: {with_rule}")
        found = [(str(c["UID"]), instance_start(c)) for c in components]
        expect(len(found) == len(set(found)), f"duplicate occurrences: {describe(found)}")
        expect(set(found) == case.occurrences, f"got {describe(found)}; expected {describe(case.occurrences)}")
        return describe(found)

    def free_busy(self):
        start, end = events.FREE_BUSY_RANGE
        answer = self.calendar.freebusy_request(start, end)
        periods = free_busy_periods(answer.data)
        for busy_start, busy_end in events.FREE_BUSY_MUST_BE_BUSY:
            covered = any(s <= busy_start and busy_end <= e for s, e in periods)
            expect(covered, f"{busy_start:%d %b %H:%M}-{busy_end:%H:%M} UTC not busy in {periods}")
        free_start, free_end = events.FREE_BUSY_MUST_BE_FREE
        overlapping = [(s, e) for s, e in periods if s < free_end and free_start < e]
        expect(not overlapping, f"busy periods where nothing is scheduled: {overlapping}")
        return f"{len(periods)} busy periods"

    def multiget(self):
        wanted = [events.WEEKLY_UID, events.ALL_DAY_UID]
        urls = [self.calendar.url.join(self.urls[uid]) for uid in wanted]
        objects = list(self.calendar.multiget(urls))
        found = {str(obj.icalendar_component["UID"]) for obj in objects}
        expect(found == set(wanted), f"got {sorted(found)}")

    # -- sync, edits and deletes ------------------------------------------------------------

    def initial_sync(self):
        collection = self.calendar.objects_by_sync_token(disable_fallback=True)
        self.sync_token = collection.sync_token
        expect(self.sync_token, "no sync token")
        paths = {path_of(obj.url) for obj in collection}
        expect(paths == set(self.urls.values()), f"initial sync gave {sorted(paths)}")
        return f"token {self.sync_token}"

    def event_etag(self, uid):
        event = self.calendar.event_by_url(self.calendar.url.join(self.urls[uid]))
        return event.get_property(dav.GetEtag())

    def etag_agrees(self):
        propfind_etag = self.event_etag(events.SAO_PAULO_UID)
        status, headers, _ = self.raw.request("GET", self.urls[events.SAO_PAULO_UID])
        expect(status == 200, f"GET status {status}")
        expect(headers.get("etag") == propfind_etag, f"GET ETag {headers.get('etag')} vs PROPFIND {propfind_etag}")
        self.etags[events.SAO_PAULO_UID] = propfind_etag
        return propfind_etag

    def edit_event(self):
        uid = events.SAO_PAULO_UID
        event = self.calendar.event_by_url(self.calendar.url.join(self.urls[uid]))
        event.load()
        component = event.icalendar_component
        del component["SUMMARY"]
        component.add("SUMMARY", "Consultation moved online")
        event.save()
        new_etag = self.event_etag(uid)
        expect(new_etag and new_etag != self.etags[uid], f"ETag did not change: {new_etag}")
        status, headers, body = self.raw.request("GET", self.urls[uid])
        expect(status == 200, f"GET status {status}")
        expect("SUMMARY:Consultation moved online" in body.replace("\r\n ", ""), "GET does not return the new summary")
        expect(headers.get("etag") == new_etag, f"GET ETag {headers.get('etag')} vs PROPFIND {new_etag}")
        self.old_etag, self.etags[uid] = self.etags[uid], new_etag
        return f"{self.old_etag} -> {new_etag}"

    def stale_if_match(self):
        uid = events.SAO_PAULO_UID
        status, _, _ = self.raw.request(
            "PUT", self.urls[uid], events.SAO_PAULO, {"Content-Type": "text/calendar; charset=utf-8", "If-Match": self.old_etag}
        )
        expect(status == 412, f"status {status}")
        _, _, body = self.raw.request("GET", self.urls[uid])
        expect("Consultation moved online" in body, "the refused PUT changed the event")

    def if_none_match(self):
        uid = events.SAO_PAULO_UID
        status, _, _ = self.raw.request(
            "PUT", self.urls[uid], events.SAO_PAULO, {"Content-Type": "text/calendar; charset=utf-8", "If-None-Match": "*"}
        )
        expect(status == 412, f"status {status}")
        expect(self.event_etag(uid) == self.etags[uid], "the refused PUT changed the ETag")

    def delete_event(self):
        uid = events.ALL_DAY_UID
        self.calendar.event_by_url(self.calendar.url.join(self.urls[uid])).delete()
        status, _, _ = self.raw.request("GET", self.urls[uid])
        expect(status == 404, f"GET after DELETE: {status}")

    def sync_changes(self):
        collection = self.calendar.objects_by_sync_token(sync_token=self.sync_token, disable_fallback=True)
        paths = {path_of(obj.url) for obj in collection}
        expected = {self.urls[events.SAO_PAULO_UID], self.urls[events.ALL_DAY_UID]}
        expect(paths == expected, f"reported {sorted(paths)}, expected {sorted(expected)}")
        expect(collection.sync_token and collection.sync_token != self.sync_token, "sync token did not change")
        self.new_sync_token = collection.sync_token
        return f"new token {self.new_sync_token}"

    def sync_report(self, token):
        body = f"""<?xml version="1.0" encoding="utf-8"?>
<D:sync-collection xmlns:D="DAV:">
  <D:sync-token>{token}</D:sync-token><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop>
</D:sync-collection>"""
        status, _, text = self.raw.request(
            "REPORT", self.calendar.url, body, {"Depth": "0", "Content-Type": "application/xml; charset=utf-8"}
        )
        expect(status == 207, f"status {status}")
        return parse_multistatus(text)

    def raw_sync(self):
        responses = self.sync_report(self.sync_token)
        deleted, edited = self.urls[events.ALL_DAY_UID], self.urls[events.SAO_PAULO_UID]
        expect(set(responses) == {deleted, edited}, f"members reported: {sorted(responses)}")
        status, _ = responses[deleted]
        expect(status is not None and " 404 " in status + " ", f"deleted member status {status}")
        _, props = responses[edited]
        etag = props.get("{DAV:}getetag")
        expect(etag is not None and etag.text == self.etags[events.SAO_PAULO_UID], "edited member without its new ETag")

    def sync_nothing(self):
        collection = self.calendar.objects_by_sync_token(sync_token=self.new_sync_token, disable_fallback=True)
        paths = sorted(path_of(obj.url) for obj in collection)
        expect(not paths, f"reported {paths}")

    def delete_calendar(self):
        self.calendar.delete()
        listed = {path_of(calendar.url) for calendar in self.principal.calendars()}
        expect(self.calendar_path not in listed, "still listed by calendars()")
        status, _, _ = self.raw.request("PROPFIND", self.calendar.url, headers={"Depth": "0"})
        expect(status == 404, f"PROPFIND after DELETE: {status}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="bare server URL, e.g. http://127.0.0.1:8080/")
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--server", choices=sorted(KNOWN_DIFFERENCES), default="horario")
    args = parser.parse_args()
    return ClientSession(args).run()


if __name__ == "__main__":
    sys.exit(main())
