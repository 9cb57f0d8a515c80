#!/usr/bin/env python3
"""A booking made through Horario's public API, seen and cancelled with the python `caldav`
library.

Usage:
    python Tests/clients/test_booking_flow.py --url http://127.0.0.1:PORT/ --user admin --password secret

As the expert (admin API, Basic credentials) it creates a schedule open round the clock in UTC
and a 30-minute event type; as a booker (no credentials) it reads the slots and books the
first one. Then, as a CalDAV client would: the schedule's calendar is discovered from the bare
URL, an incremental sync-collection reports the booking's object with the booker as ATTENDEE,
and deleting that object through CalDAV cancels the booking in the API, frees the slot, and
shows as a removal in the next sync. Each check prints PASS or FAIL; exit status 1 if any
check failed.
"""

import argparse
import base64
import http.client
import json
import sys
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import caldav  # noqa: E402

from http_log import Exchange, HTTPLog  # noqa: E402
from test_caldav_client import Checks, expect, path_of  # noqa: E402


class JSONHTTP:
    """JSON requests, with the expert's credentials or none, recorded into the log."""

    def __init__(self, base_url, user, password, log):
        parts = urlsplit(base_url)
        self.host, self.port, self.log = parts.hostname, parts.port or 80, log
        self.authorization = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()

    def request(self, method, path, body=None, expert=False, headers=None):
        """Returns (status, headers as a lower-cased dict, parsed JSON or None)."""
        sent = dict(headers or {})
        if expert:
            sent["Authorization"] = self.authorization
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            sent["Content-Type"] = "application/json"
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            connection.request(method, path, body=data, headers=sent)
            response = connection.getresponse()
            text = response.read().decode("utf-8", errors="replace")
            received = {name.lower(): value for name, value in response.getheaders()}
            status, reason = response.status, response.reason
        finally:
            connection.close()
        self.log.add(Exchange(method, f"http://{self.host}:{self.port}{path}", sent, data, f"{status} {reason}", received, text))
        try:
            parsed = json.loads(text) if text else None
        except ValueError:
            parsed = None
        return status, received, parsed


class BookingSession:
    def __init__(self, args):
        self.log = HTTPLog()
        self.checks = Checks(self.log, {})
        self.http = JSONHTTP(args.url, args.user, args.password, self.log)
        self.client = caldav.DAVClient(url=args.url, username=args.user, password=args.password, timeout=30)
        self.log.attach(self.client)
        self.suffix = uuid.uuid4().hex[:8]
        self.schedule_name = f"Booking flow {self.suffix}"

    def run(self):
        c = self.checks
        c.run("expert creates a schedule and an event type (admin API)", self.set_up, essential=True)
        c.run("CalDAV: the schedule's calendar is discovered from the bare URL", self.find_calendar, essential=True)
        c.run("CalDAV: initial sync token of the schedule's calendar", self.initial_sync, essential=True)
        c.run("booker reads slots and books the first one (public API)", self.book, essential=True)
        c.run("CalDAV: incremental sync reports the booking's object", self.sync_shows_booking)
        c.run("CalDAV: the object is the booking (UID, DTSTART, ATTENDEE, STATUS)", self.object_is_booking)
        c.run("CalDAV: delete the booking's object", self.delete_object)
        c.run("API: the booking is cancelled", self.booking_cancelled)
        c.run("API: the slot is offered again", self.slot_free_again)
        c.run("CalDAV: incremental sync reports the removal", self.sync_shows_removal)
        return c.finish()

    def set_up(self):
        days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        schedule = {
            "name": self.schedule_name,
            "timezone": "UTC",
            "availability": [{"day": day, "slots": [{"startTime": "00:00", "endTime": "24:00"}]} for day in days],
            "location": {"type": "phone", "phoneNumber": "+55 11 5555-0100"},
        }
        status, _, body = self.http.request("POST", "/api/availability/schedules", schedule, expert=True)
        expect(status == 201, f"schedule: {status} {body}")
        self.schedule_id = body["id"]
        event_type = {"title": "Quick Call", "slug": f"quick-call-{self.suffix}", "duration": 30, "scheduleId": self.schedule_id}
        status, _, body = self.http.request("POST", "/api/event-types", event_type, expert=True)
        expect(status == 201, f"event type: {status} {body}")
        self.slug = body["slug"]
        return f"schedule {self.schedule_id}, event type {self.slug}"

    def find_calendar(self):
        principal = self.client.principal()
        named = [calendar for calendar in principal.calendars() if calendar.get_display_name() == self.schedule_name]
        expect(len(named) == 1, f"calendars named {self.schedule_name!r}: {len(named)}")
        self.calendar = named[0]
        return path_of(self.calendar.url)

    def initial_sync(self):
        collection = self.calendar.objects_by_sync_token(disable_fallback=True)
        expect(len(list(collection)) == 0, "a new schedule's calendar is not empty")
        self.sync_token = collection.sync_token
        expect(self.sync_token, "no sync token")
        return self.sync_token

    def slots(self):
        start = datetime.now(timezone.utc) + timedelta(hours=1)
        end = start + timedelta(days=1)
        query = f"start={start.strftime('%Y-%m-%dT%H:%M:%SZ')}&end={end.strftime('%Y-%m-%dT%H:%M:%SZ')}"
        status, _, body = self.http.request("GET", f"/api/public/admin/{self.slug}/slots?{query}")
        expect(status == 200, f"slots: {status} {body}")
        return [slot["start"] for slot in body["slots"]]

    def book(self):
        starts = self.slots()
        expect(len(starts) >= 40, f"a round-the-clock schedule offers {len(starts)} half-hour slots in a day")
        self.start = starts[0]
        booking = {"start": self.start, "attendee": {"name": "Carla Souza", "email": "carla@example.org", "timeZone": "America/Sao_Paulo"}}
        status, headers, body = self.http.request("POST", f"/api/public/admin/{self.slug}/bookings", booking)
        expect(status == 201, f"booking: {status} {body}")
        self.uid = body["booking"]["uid"]
        self.manage = body["links"]["manage"]
        expect(self.start not in self.slots(), "the booked slot is still offered")
        return f"{self.uid} at {self.start}"

    def sync_shows_booking(self):
        collection = self.calendar.objects_by_sync_token(sync_token=self.sync_token, load_objects=True, disable_fallback=True)
        objects = list(collection)
        expect(len(objects) == 1, f"sync reported {len(objects)} objects")
        self.event = objects[0]
        expect(path_of(self.event.url).endswith(f"/{self.uid}.ics"), f"object URL {self.event.url}")
        expect(collection.sync_token != self.sync_token, "sync token did not change")
        self.sync_token = collection.sync_token
        return path_of(self.event.url)

    def object_is_booking(self):
        vevent = self.event.icalendar_component
        expect(str(vevent["UID"]) == self.uid, f"UID {vevent['UID']}")
        start = vevent["DTSTART"].dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        expect(start == self.start, f"DTSTART {start}, booked {self.start}")
        expect(str(vevent["ATTENDEE"]) == "mailto:carla@example.org", f"ATTENDEE {vevent['ATTENDEE']}")
        expect(vevent["ATTENDEE"].params.get("PARTSTAT") == "ACCEPTED", "ATTENDEE is not PARTSTAT=ACCEPTED")
        expect(str(vevent["STATUS"]) == "CONFIRMED", f"STATUS {vevent['STATUS']}")
        expect("+55 11 5555-0100" in str(vevent["LOCATION"]), f"LOCATION {vevent['LOCATION']}")

    def delete_object(self):
        self.event.delete()

    def booking_cancelled(self):
        status, _, body = self.http.request("GET", "/api/bookings?status=cancelled", expert=True)
        expect(status == 200, f"bookings: {status}")
        expect(self.uid in [booking["uid"] for booking in body], "the booking is not listed as cancelled")
        status, _, body = self.http.request("GET", self.manage)
        expect(status == 200 and body["status"] == "cancelled", f"the booker's link shows {status} {body}")

    def slot_free_again(self):
        expect(self.start in self.slots(), f"{self.start} is not offered after the cancellation")

    def sync_shows_removal(self):
        removed = self.sync_removals()
        expect(removed == [f"{self.uid}.ics"], f"removed members reported: {removed}")
        expect(self.calendar.events() == [], "the calendar still lists objects")

    def sync_removals(self):
        """The members a sync-collection REPORT from the last token reports as 404."""
        body = f"""<?xml version="1.0" encoding="utf-8"?>
<D:sync-collection xmlns:D="DAV:"><D:sync-token>{self.sync_token}</D:sync-token><D:sync-level>1</D:sync-level>
<D:prop><D:getetag/></D:prop></D:sync-collection>"""
        response = self.client.request(str(self.calendar.url), "REPORT", body, {"Depth": "1", "Content-Type": "application/xml"})
        expect(response.status == 207, f"sync-collection answered {response.status}")
        removed = []
        for element in response.tree.iter("{DAV:}response"):
            status = element.findtext("{DAV:}status") or ""
            if " 404 " in status + " ":
                removed.append(path_of(element.findtext("{DAV:}href")).rsplit("/", 1)[-1])
        return removed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="bare server URL, e.g. http://127.0.0.1:8080/")
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    args = parser.parse_args()
    return BookingSession(args).run()


if __name__ == "__main__":
    sys.exit(main())
