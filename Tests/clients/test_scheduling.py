#!/usr/bin/env python3
"""CalDAV scheduling (RFC 6638) between two users of one Horario server, driven with the python
`caldav` library.

Usage:
    python Tests/clients/test_scheduling.py --url http://127.0.0.1:PORT/ \
        --organizer olivia@example.org --attendee bruno@example.org --password secret \
        --expert admin --expert-password secret

The organizer invites the attendee (and an address of no user here); the invitation lands in
the attendee's scheduling inbox and the event in their calendar, with a Schedule-Tag. The
attendee accepts: their tag stays, the organizer's copy shows ACCEPTED and the organizer's
inbox the REPLY. The organizer moves the event (the attendee's copy follows, the tag moves, a
stale If-Schedule-Tag-Match is refused), takes the attendee off another event (cancelled for
them), and deletes the first (cancelled). An attendee deleting their copy declines, unless
Schedule-Reply: F. Finally the expert's booking with the attendee as booker reaches the
attendee's inbox and calendar. Each check prints PASS or FAIL; exit status 1 if any failed.
"""

import argparse
import re
import sys
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import caldav  # noqa: E402
from caldav.lib.error import AuthorizationError, NotFoundError  # noqa: E402

from http_log import HTTPLog  # noqa: E402
from test_booking_flow import JSONHTTP  # noqa: E402
from test_caldav_client import Checks, expect, path_of  # noqa: E402

EXTERNAL = "carol@example.net"


def event_text(uid, organizer, attendees, start, summary="Planning", sequence=0, status=None):
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Horario tests//scheduling//EN",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{datetime.now(timezone.utc).strftime('%Y%m%dT%H%M%SZ')}",
        f"DTSTART:{start.strftime('%Y%m%dT%H%M%SZ')}",
        f"DTEND:{(start + timedelta(hours=1)).strftime('%Y%m%dT%H%M%SZ')}",
        f"SUMMARY:{summary}",
        f"SEQUENCE:{sequence}",
        f"ORGANIZER;CN=Olivia:mailto:{organizer}",
        f"ATTENDEE;CN=Olivia;PARTSTAT=ACCEPTED;ROLE=CHAIR:mailto:{organizer}",
    ]
    lines += [f"ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{address}" for address in attendees]
    if status:
        lines.append(f"STATUS:{status}")
    lines += ["END:VEVENT", "END:VCALENDAR", ""]
    return "\r\n".join(lines)


def schedule_tag(client, url):
    """The Schedule-Tag a GET of the object answers."""
    return client.request(str(url)).headers.get("Schedule-Tag")


def attendee_line(text, address):
    for line in re.sub(r"\r?\n[ \t]", "", text).splitlines():
        if line.startswith("ATTENDEE") and line.lower().endswith(address.lower()):
            return line
    return None


class SchedulingSession:
    def __init__(self, args):
        self.log = HTTPLog()
        self.checks = Checks(self.log, {})
        self.args = args
        self.organizer = self.client(args.organizer, args.password)
        self.attendee = self.client(args.attendee, args.password)
        self.expert_http = JSONHTTP(args.url, args.expert, args.expert_password, self.log)
        self.uid = f"sched-{uuid.uuid4().hex}"
        self.start = datetime(2031, 3, 4, 14, 0, tzinfo=timezone.utc)

    def client(self, user, password):
        client = caldav.DAVClient(url=self.args.url, username=user, password=password, timeout=30)
        self.log.attach(client)
        return client

    def run(self):
        c = self.checks
        c.run("both users have a calendar; the DAV header says calendar-auto-schedule", self.set_up, essential=True)
        c.run("the organizer's PUT of an invitation answers a Schedule-Tag", self.invite, essential=True)
        c.run("the invitation is in the attendee's inbox (METHOD:REQUEST)", self.inbox_has_request)
        c.run("the event is in the attendee's default calendar, with a Schedule-Tag", self.attendee_copy, essential=True)
        c.run("the organizer's copy says where each message went (SCHEDULE-STATUS)", self.schedule_status)
        c.run("the attendee accepts: their Schedule-Tag does not change", self.accept)
        c.run("the organizer's copy shows ACCEPTED, their inbox the REPLY", self.organizer_sees_reply)
        c.run("the organizer moves the event: the attendee's copy follows, its tag changes", self.move)
        c.run("a PUT with a stale If-Schedule-Tag-Match is refused (412)", self.stale_tag)
        c.run("an attendee taken off an event gets its cancellation", self.remove_attendee)
        c.run("the attendee deletes their copy: the organizer sees DECLINED", self.attendee_declines_by_delete)
        c.run("Schedule-Reply: F deletes without a reply", self.delete_without_reply)
        c.run("the organizer deletes the event: the attendee's copy is cancelled", self.organizer_deletes)
        c.run("the attendee deletes a message from their inbox", self.delete_inbox_message)
        c.run("a booking whose booker is a user here reaches their inbox and calendar", self.booking_reaches_booker)
        return c.finish()

    # MARK: - checks

    def set_up(self):
        self.organizer_principal = self.organizer.principal()
        self.attendee_principal = self.attendee.principal()
        self.organizer_calendar = self.calendar(self.organizer_principal, "meetings", "Meetings")
        self.attendee_calendar = self.calendar(self.attendee_principal, "personal", "Personal")
        dav = self.organizer.request(str(self.organizer_calendar.url), "OPTIONS").headers.get("DAV", "")
        expect("calendar-auto-schedule" in dav, f"the DAV header lacks calendar-auto-schedule: {dav}")
        self.attendee_inbox = self.attendee_principal.schedule_inbox()
        self.organizer_inbox = self.organizer_principal.schedule_inbox()
        return f"inboxes {self.attendee_inbox.url.path} and {self.organizer_inbox.url.path}"

    @staticmethod
    def calendar(principal, cal_id, name):
        """The user's calendar `cal_id`, made on the first run (the default for invitations)."""
        existing = [c for c in principal.calendars() if c.url.path.rstrip("/").endswith("/" + cal_id)]
        return existing[0] if existing else principal.make_calendar(name=name, cal_id=cal_id)

    def invite(self):
        text = event_text(self.uid, self.args.organizer, [self.args.attendee, EXTERNAL], self.start)
        response = self.organizer.put(f"{self.organizer_calendar.url}{self.uid}.ics", text, {"Content-Type": "text/calendar"})
        expect(response.status == 201, f"PUT: {response.status}")
        self.organizer_tag = response.headers.get("Schedule-Tag")
        expect(self.organizer_tag, "no Schedule-Tag on the PUT's answer")
        return self.organizer_tag

    def inbox_messages(self, principal_client, inbox):
        """(url, text) of every message, read with PROPFIND Depth 1 and GET."""
        return [(entry[0], principal_client.request(str(entry[0])).raw) for entry in inbox.children()]

    def inbox_has_request(self):
        messages = self.inbox_messages(self.attendee, self.attendee_inbox)
        found = [text for _, text in messages if self.uid in text and "METHOD:REQUEST" in text]
        expect(found, f"{len(messages)} messages, none a REQUEST for {self.uid}")
        expect("SCHEDULE-STATUS" not in found[0], "the request carries the organizer's SCHEDULE-STATUS")
        return f"{len(messages)} message(s)"

    def attendee_copy(self):
        body = (
            '<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
            "<D:prop><C:schedule-default-calendar-URL/></D:prop></D:propfind>"
        )
        answer = self.attendee.propfind(str(self.attendee_inbox.url), body, depth=0).raw
        expect(path_of(self.attendee_calendar.url) in answer, f"schedule-default-calendar-URL is not the attendee's calendar: {answer}")
        event = self.attendee_calendar.event_by_uid(self.uid)
        self.attendee_tag = schedule_tag(self.attendee, event.url)
        expect(self.attendee_tag, "no Schedule-Tag on the attendee's copy")
        expect("METHOD" not in event.data, "the copy carries METHOD")
        self.attendee_event = event
        return self.attendee_tag

    def schedule_status(self):
        stored = self.organizer_calendar.event_by_uid(self.uid).data
        internal = attendee_line(stored, self.args.attendee)
        external = attendee_line(stored, EXTERNAL)
        expect(internal and "SCHEDULE-STATUS=1.2" in internal, f"attendee here: {internal}")
        expect(external and "SCHEDULE-STATUS=1.1" in external, f"attendee elsewhere: {external}")
        return "1.2 delivered here, 1.1 sent by e-mail"

    def accept(self):
        event = self.attendee_event
        event.change_attendee_status(attendee=f"mailto:{self.args.attendee}", partstat="ACCEPTED")
        event.save()
        tag = schedule_tag(self.attendee, event.url)
        expect(tag == self.attendee_tag, f"tag changed: {self.attendee_tag} -> {tag}")
        return tag

    def organizer_sees_reply(self):
        stored = self.organizer_calendar.event_by_uid(self.uid)
        line = attendee_line(stored.data, self.args.attendee)
        expect(line and "PARTSTAT=ACCEPTED" in line, f"organizer's copy: {line}")
        expect(schedule_tag(self.organizer, stored.url) == self.organizer_tag, "merging a reply changed the organizer's Schedule-Tag")
        replies = [t for _, t in self.inbox_messages(self.organizer, self.organizer_inbox) if self.uid in t and "METHOD:REPLY" in t]
        expect(replies, "no REPLY in the organizer's inbox")
        self.organizer_event = stored
        return line

    def move(self):
        stored = self.organizer_calendar.event_by_uid(self.uid)
        moved = stored.data.replace("T140000Z", "T160000Z").replace("T150000Z", "T170000Z").replace("SEQUENCE:0", "SEQUENCE:1")
        response = self.organizer.put(str(stored.url), moved, {"Content-Type": "text/calendar", "If-Schedule-Tag-Match": self.organizer_tag})
        expect(response.status == 204, f"PUT: {response.status}")
        new_tag = response.headers.get("Schedule-Tag")
        expect(new_tag and new_tag != self.organizer_tag, f"organizer's tag after a move: {new_tag}")
        copy = self.attendee_calendar.event_by_uid(self.uid)
        expect("DTSTART:20310304T160000Z" in copy.data, "the attendee's copy did not move")
        tag = schedule_tag(self.attendee, copy.url)
        expect(tag != self.attendee_tag, "the attendee's tag did not change")
        self.stale_organizer_tag, self.organizer_tag = self.organizer_tag, new_tag
        return f"{self.attendee_tag} -> {tag}"

    def stale_tag(self):
        stored = self.organizer_calendar.event_by_uid(self.uid)
        response = self.organizer.put(
            str(stored.url), stored.data, {"Content-Type": "text/calendar", "If-Schedule-Tag-Match": self.stale_organizer_tag}
        )
        expect(response.status == 412, f"PUT with a stale tag: {response.status}")

    def remove_attendee(self):
        uid = f"sched-{uuid.uuid4().hex}"
        url = f"{self.organizer_calendar.url}{uid}.ics"
        text = event_text(uid, self.args.organizer, [self.args.attendee], self.start + timedelta(days=1), summary="Review")
        expect(self.organizer.put(url, text, {"Content-Type": "text/calendar"}).status == 201, "first PUT")
        expect(self.attendee_calendar.event_by_uid(uid), "the attendee never got the event")
        without = event_text(uid, self.args.organizer, [], self.start + timedelta(days=1), summary="Review", sequence=1)
        expect(self.organizer.put(url, without, {"Content-Type": "text/calendar"}).status == 204, "second PUT")
        copy = self.attendee_calendar.event_by_uid(uid)
        expect("STATUS:CANCELLED" in copy.data, "the removed attendee's copy is not cancelled")
        cancels = [t for _, t in self.inbox_messages(self.attendee, self.attendee_inbox) if uid in t and "METHOD:CANCEL" in t]
        expect(cancels, "no CANCEL in the removed attendee's inbox")

    def attendee_declines_by_delete(self):
        uid = f"sched-{uuid.uuid4().hex}"
        text = event_text(uid, self.args.organizer, [self.args.attendee], self.start + timedelta(days=2), summary="Retro")
        expect(self.organizer.put(f"{self.organizer_calendar.url}{uid}.ics", text, {"Content-Type": "text/calendar"}).status == 201, "PUT")
        self.attendee_calendar.event_by_uid(uid).delete()
        line = attendee_line(self.organizer_calendar.event_by_uid(uid).data, self.args.attendee)
        expect(line and "PARTSTAT=DECLINED" in line, f"organizer's copy: {line}")
        return line

    def delete_without_reply(self):
        uid = f"sched-{uuid.uuid4().hex}"
        text = event_text(uid, self.args.organizer, [self.args.attendee], self.start + timedelta(days=3), summary="Lunch")
        expect(self.organizer.put(f"{self.organizer_calendar.url}{uid}.ics", text, {"Content-Type": "text/calendar"}).status == 201, "PUT")
        copy = self.attendee_calendar.event_by_uid(uid)
        response = self.attendee.request(str(copy.url), "DELETE", "", {"Schedule-Reply": "F"})
        expect(response.status == 204, f"DELETE: {response.status}")
        line = attendee_line(self.organizer_calendar.event_by_uid(uid).data, self.args.attendee)
        expect(line and "PARTSTAT=NEEDS-ACTION" in line, f"organizer's copy: {line}")

    def organizer_deletes(self):
        self.organizer_calendar.event_by_uid(self.uid).delete()
        copy = self.attendee_calendar.event_by_uid(self.uid)
        expect("STATUS:CANCELLED" in copy.data, "the attendee's copy is not cancelled")
        cancels = [t for _, t in self.inbox_messages(self.attendee, self.attendee_inbox) if self.uid in t and "METHOD:CANCEL" in t]
        expect(cancels, "no CANCEL in the attendee's inbox")

    def delete_inbox_message(self):
        messages = self.inbox_messages(self.attendee, self.attendee_inbox)
        expect(messages, "the inbox is empty")
        url = messages[0][0]
        expect(self.attendee.request(str(url), "DELETE").status == 204, "DELETE of an inbox message")
        remaining = [u for u, _ in self.inbox_messages(self.attendee, self.attendee_inbox)]
        expect(url not in remaining, "the message is still there")
        try:
            status = self.organizer.request(str(remaining[0]) if remaining else str(url), "GET").status
        except (AuthorizationError, NotFoundError):
            status = "refused"
        expect(status == "refused" or status in (403, 404), f"the organizer read the attendee's inbox: {status}")
        return f"{len(remaining)} left"

    def booking_reaches_booker(self):
        days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        schedule = {
            "name": f"Scheduling {uuid.uuid4().hex[:6]}",
            "timezone": "UTC",
            "availability": [{"day": day, "slots": [{"startTime": "00:00", "endTime": "24:00"}]} for day in days],
        }
        status, _, body = self.expert_http.request("POST", "/api/availability/schedules", schedule, expert=True)
        expect(status == 201, f"schedule: {status} {body}")
        event_type = {"title": "Consultation", "slug": f"consult-{uuid.uuid4().hex[:6]}", "duration": 30, "scheduleId": body["id"]}
        status, _, body = self.expert_http.request("POST", "/api/event-types", event_type, expert=True)
        expect(status == 201, f"event type: {status} {body}")
        slug = body["slug"]
        start = datetime.now(timezone.utc) + timedelta(days=2)
        query = f"start={start.strftime('%Y-%m-%dT%H:%M:%SZ')}&end={(start + timedelta(days=1)).strftime('%Y-%m-%dT%H:%M:%SZ')}"
        status, _, body = self.expert_http.request("GET", f"/api/public/{self.args.expert}/{slug}/slots?{query}")
        expect(status == 200 and body["slots"], f"slots: {status}")
        booking = {"start": body["slots"][0]["start"], "attendee": {"name": "Bruno", "email": self.args.attendee, "timeZone": "UTC"}}
        status, _, body = self.expert_http.request("POST", f"/api/public/{self.args.expert}/{slug}/bookings", booking)
        expect(status == 201, f"booking: {status} {body}")
        uid = body["booking"]["uid"]
        requests = [t for _, t in self.inbox_messages(self.attendee, self.attendee_inbox) if uid in t and "METHOD:REQUEST" in t]
        expect(requests, "the booking is not in the booker's inbox")
        copy = self.attendee_calendar.event_by_uid(uid)
        expect("STATUS:CONFIRMED" in copy.data, "the booking is not in the booker's calendar")
        return uid


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--organizer", required=True)
    parser.add_argument("--attendee", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--expert", required=True)
    parser.add_argument("--expert-password", required=True)
    return SchedulingSession(parser.parse_args()).run()


if __name__ == "__main__":
    sys.exit(main())
