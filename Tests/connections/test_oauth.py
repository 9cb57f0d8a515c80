"""Google Calendar and Microsoft Graph connections end to end, through the contract server
(Tests/ProviderFake): the OAuth flow with its checks, calendars, busy time, bookings written
once with Meet/Teams links, moved and removed, token refresh and rotation, reauthorization,
rate limits, and no token anywhere it should not be."""
import datetime
import re
import time

import pytest
from urllib.parse import parse_qs, urlsplit

from calendars import SAO_PAULO, local_slots, next_monday, set_up_expert, wait_until
from peers import Browser
from test_busy_time import DAY_SLOTS
from test_destination import book, iso


def connect(horario, user, api, provider, decision="allow"):
    """Starts through the API, consents on the provider's page, finishes in the user's web session."""
    status, body = api.json("GET", f"/api/availability/calendars/connect/{provider}")
    assert status == 200, body
    browser = Browser(horario.base, user)
    callback = browser.consent(body["authUrl"], decision)
    assert callback.startswith(horario.base + f"/api/availability/calendars/callback/{provider}?")
    return browser, callback


def connected(horario, user, api, provider):
    browser, callback = connect(horario, user, api, provider)
    status, body = browser.callback(callback)
    assert status == 200, body
    status, connections = api.json("GET", "/api/availability/calendars")
    return next(c for c in connections if c["id"] == body["id"]), browser, callback


def busy(fake, provider, calendar, day, hour, minutes=60, show_as="busy"):
    start = datetime.datetime.combine(day, datetime.time(hour), SAO_PAULO).astimezone(datetime.timezone.utc)
    end = start + datetime.timedelta(minutes=minutes)
    fake.control("busy", {"provider": provider, "calendar": calendar, "start": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                          "end": end.strftime("%Y-%m-%dT%H:%M:%SZ"), "showAs": show_as})


@pytest.fixture(autouse=True)
def fresh_fake(fake):
    fake.control("reset")
    yield


def test_google_connect_state_and_pkce(oauth_horario, fake):
    user, api, _ = set_up_expert(oauth_horario)
    status, body = api.json("GET", "/api/availability/calendars/connect/google")
    auth = body["authUrl"]
    assert auth.startswith(fake.base + "/o/oauth2/v2/auth?")
    query = parse_qs(urlsplit(auth).query)
    assert query["code_challenge_method"] == ["S256"] and query["access_type"] == ["offline"] and len(query["state"][0]) >= 43
    # Built from the configured public URL, never from the request's Host header.
    assert query["redirect_uri"] == [oauth_horario.base + "/api/availability/calendars/callback/google"]
    browser = Browser(oauth_horario.base, user)
    callback = browser.consent(auth)
    # Another signed-in user cannot finish someone else's flow.
    other = oauth_horario.add_user("other")
    status, refused = Browser(oauth_horario.base, other).callback(callback)
    assert status == 400, refused
    # The state was used by that attempt (single use, taken before any exchange): start again.
    status, refused = browser.callback(callback)
    assert status == 400, refused
    browser, callback = connect(oauth_horario, user, api, "google")
    status, body = browser.callback(callback)
    assert status == 200 and body["email"] == "expert@gmail.example", body
    # A replayed callback is refused, and changes nothing.
    status, refused = browser.callback(callback)
    assert status == 400, refused
    # Denied on the consent page.
    browser, callback = connect(oauth_horario, user, api, "google", decision="deny")
    status, refused = browser.callback(callback)
    assert status == 400 and "access_denied" in str(refused), refused
    status, connections = api.json("GET", "/api/availability/calendars")
    assert len(connections) == 1
    calendars = {c["name"]: c for c in connections[0]["calendars"]}
    assert calendars["Work"]["canWrite"] is True and calendars["Work"]["isPrimary"] is True
    assert calendars["Family"]["canWrite"] is False
    assert "token" not in str(connections).lower()


def test_google_busy_booking_meet_link_reschedule_cancel(oauth_horario, fake):
    user, api, event_type = set_up_expert(oauth_horario)
    day = next_monday()
    busy(fake, "google", "expert@gmail.example", day, 10)
    busy(fake, "google", "family@group.calendar.google.com", day, 15, 30)
    connection, _, _ = connected(oauth_horario, user, api, "google")
    assert connection["status"] == "ok", connection
    assert local_slots(oauth_horario, user, day) == [s for s in DAY_SLOTS if s not in ("10:00", "10:30", "15:00")]

    status, body = api.json("PATCH", f"/api/event-types/{event_type['id']}", {"calendarDestination": {
        "type": "external", "connectionId": connection["id"], "calendarId": "expert@gmail.example", "createMeetLink": True}})
    assert status == 200, body
    fake.knobs(fail500Next=1)  # the first insert fails: the worker retries, and only one event results
    uid, token = book(oauth_horario, user, iso(day, 11))
    events = wait_until(lambda: [e for e in fake.state()["events"] if not e["id"].startswith("seed")], message="the event at Google")
    assert len(events) == 1 and events[0]["calendar"] == "expert@gmail.example"
    body = events[0]["body"]
    assert [a["email"] for a in body["attendees"]] == ["carla@example.org"]
    assert body["extendedProperties"]["private"]["horarioBookingId"]
    status, bookings = api.json("GET", "/api/bookings")
    booking = next(b for b in bookings if b["uid"] == uid)
    link = wait_until(lambda: (lambda b: b["location"] if b["location"].startswith("https://meet.google.com/") else None)(
        next(b for b in api.json("GET", "/api/bookings")[1] if b["uid"] == uid)), message="the Meet link on the booking")
    counters = fake.state()["counters"]
    assert counters.get("google:insert") == 1 and counters.get("failed500") == 1
    # The booking's own CalDAV object carries the link too.
    status, _, listing = api.request("PROPFIND", f"/dav/calendars/{user}/", headers={"Depth": "1"})
    objects = [api.request("GET", href + f"{uid}.ics") for href in re.findall(r"<D:href>([^<]+/)</D:href>", listing)]
    ics = next(text for status, _, text in objects if status == 200)
    assert link in ics.replace("\r\n ", ""), ics

    status, body = oauth_horario.client().json("POST", f"/api/public/bookings/{uid}/reschedule", {"token": token, "start": iso(day, 12)})
    assert status == 200, body
    wait_until(lambda: fake.state()["counters"].get("google:patch"), message="the move at Google")
    moved = [e for e in fake.state()["events"] if not e["id"].startswith("seed")][0]
    assert moved["start"] == datetime.datetime.combine(day, datetime.time(12), SAO_PAULO).timestamp()
    status, body = oauth_horario.client().json("POST", f"/api/public/bookings/{uid}/cancel", {"token": token})
    assert status == 200, body
    wait_until(lambda: not [e for e in fake.state()["events"] if not e["id"].startswith("seed")], message="the removal at Google")
    assert link.startswith("https://meet.google.com/")


def test_google_tokens_refresh_expire_and_reauthorize(oauth_horario, fake):
    user, api, _ = set_up_expert(oauth_horario)
    connection, _, _ = connected(oauth_horario, user, api, "google")
    # An access token revoked early: the next call is a 401, refreshed once, and works.
    fake.control("expire-access-tokens")
    status, body = api.json("POST", f"/api/availability/calendars/{connection['id']}/refresh")
    assert status == 200 and body["status"] == "ok", body
    assert fake.state()["counters"].get("refreshed") == 1
    # The refresh token refused: reauthorization needed, shown, and slots fail closed.
    fake.knobs(invalidGrant=True)
    fake.control("expire-access-tokens")
    status, body = api.json("POST", f"/api/availability/calendars/{connection['id']}/refresh")
    assert status == 200 and body["status"] == "reauth_required", body
    assert "invalid_grant" in body["lastError"]["message"]
    assert local_slots(oauth_horario, user, next_monday()) == []
    # Connecting again fixes the same connection in place.
    fake.knobs()
    again, _, _ = connected(oauth_horario, user, api, "google")
    assert again["id"] == connection["id"] and again["status"] == "ok"
    assert local_slots(oauth_horario, user, next_monday()) == DAY_SLOTS
    # Disconnecting revokes the grant at Google (Microsoft offers no per-application revocation).
    status, _, _ = api.request("DELETE", f"/api/availability/calendars/{connection['id']}")
    assert status == 204
    assert fake.state()["counters"].get("revoked") == 1


def test_rate_limits_back_off_and_recover(oauth_horario, fake):
    user, api, _ = set_up_expert(oauth_horario)
    connection, _, _ = connected(oauth_horario, user, api, "google")
    fake.knobs(rateLimitNext=5)
    status, body = api.json("POST", f"/api/availability/calendars/{connection['id']}/refresh")
    assert body["lastError"]["code"] == "rate_limited" and body["nextRetryAt"], body
    fake.knobs()
    status, body = api.json("POST", f"/api/availability/calendars/{connection['id']}/refresh")
    assert body["status"] == "ok", body


def test_fewer_scopes_make_a_read_only_connection(oauth_horario, fake):
    user, api, _ = set_up_expert(oauth_horario)
    fake.knobs(grantScopes=["openid", "email", "https://www.googleapis.com/auth/calendar.calendarlist.readonly",
                            "https://www.googleapis.com/auth/calendar.events.freebusy"])
    connection, _, _ = connected(oauth_horario, user, api, "google")
    assert connection["status"] == "ok"
    assert [c["canWrite"] for c in connection["calendars"]] == [False, False]


def test_outlook_calendar_view_and_office365_teams(oauth_horario, fake):
    day = next_monday() + datetime.timedelta(days=1)
    # Outlook.com (a personal account): busy from calendarView; free items do not block; no Teams.
    user, api, event_type = set_up_expert(oauth_horario)
    busy(fake, "microsoft", "AAMkDefault", day, 9)
    busy(fake, "microsoft", "AAMkDefault", day, 14, show_as="free")
    busy(fake, "microsoft", "AAMkDefault", day, 16, 30, show_as="tentative")
    outlook, _, _ = connected(oauth_horario, user, api, "outlook")
    assert outlook["status"] == "ok", outlook
    assert local_slots(oauth_horario, user, day) == [s for s in DAY_SLOTS if s not in ("09:00", "09:30", "16:00")]
    status, body = api.json("PATCH", f"/api/event-types/{event_type['id']}", {"calendarDestination": {
        "type": "external", "connectionId": outlook["id"], "calendarId": "AAMkDefault", "createMeetLink": True}})
    assert status == 422 and body["errors"][0]["path"] == "calendarDestination.createMeetLink", body

    # Microsoft 365 (a work account): getSchedule for the mailbox, Teams links, transactionId.
    fake.knobs(email="expert@contoso.example")
    worker, api2, event_type2 = set_up_expert(oauth_horario)
    office, _, _ = connected(oauth_horario, worker, api2, "office365")
    assert office["status"] == "ok" and office["email"] == "expert@contoso.example", office
    assert local_slots(oauth_horario, worker, day) == [s for s in DAY_SLOTS if s not in ("09:00", "09:30", "16:00")]
    status, body = api2.json("PATCH", f"/api/event-types/{event_type2['id']}", {"calendarDestination": {
        "type": "external", "connectionId": office["id"], "calendarId": "AAMkDefault", "createMeetLink": True}})
    assert status == 200, body
    uid, token = book(oauth_horario, worker, iso(day, 11))
    wait_until(lambda: fake.state()["counters"].get("microsoft:create"), message="the event at Microsoft")
    link = wait_until(lambda: (lambda b: b["location"] if "teams.microsoft.com" in b["location"] else None)(
        next(b for b in api2.json("GET", "/api/bookings")[1] if b["uid"] == uid)), message="the Teams link")
    created = [e for e in fake.state()["events"] if not e["id"].startswith("seed")]
    assert len(created) == 1 and created[0]["body"]["transactionId"]
    assert [a["emailAddress"]["address"] for a in created[0]["body"]["attendees"]] == ["carla@example.org"]
    # Microsoft rotates refresh tokens: each refresh stores the new one, and the next refresh uses it.
    for _ in range(2):
        fake.control("expire-access-tokens")
        status, body = api2.json("POST", f"/api/availability/calendars/{office['id']}/refresh")
        assert body["status"] == "ok", body
    assert fake.state()["counters"]["refreshed"] == 2
    status, body = oauth_horario.client().json("POST", f"/api/public/bookings/{uid}/reschedule", {"token": token, "start": iso(day, 13)})
    assert status == 200, body
    wait_until(lambda: fake.state()["counters"].get("microsoft:patch"), message="the move at Microsoft")
    moved = [e for e in fake.state()["events"] if not e["id"].startswith("seed")][0]
    assert moved["start"] == datetime.datetime.combine(day, datetime.time(13), SAO_PAULO).timestamp()
    status, body = oauth_horario.client().json("POST", f"/api/public/bookings/{uid}/cancel", {"token": token})
    assert status == 200
    wait_until(lambda: fake.state()["counters"].get("microsoft:delete"), message="the removal at Microsoft")
    assert link.startswith("https://teams.microsoft.com/")


def test_no_token_in_the_database_the_log_or_the_api(oauth_horario, fake):
    user, api, _ = set_up_expert(oauth_horario)
    connected(oauth_horario, user, api, "google")
    connected(oauth_horario, user, api, "outlook")
    pattern = re.compile(rb"(?:at|rt)-[A-Za-z0-9_-]{43}")
    for path in [oauth_horario.database, oauth_horario.database + "-wal", oauth_horario.log]:
        try:
            data = open(path, "rb").read()
        except FileNotFoundError:
            continue
        assert not pattern.search(data), path
    status, _, text = api.request("GET", "/api/availability/calendars")
    assert not pattern.search(text.encode())


def test_unconfigured_providers_are_offered_nowhere(horario):
    user, api, _ = set_up_expert(horario)
    status, body = api.json("GET", "/api/availability/calendars/connect/google")
    assert status == 400 and body["title"] == "provider_not_configured", body
    status, _, page = Browser(horario.base, user).request("GET", horario.base + "/availability/calendars")
    assert "Connect Google" not in page and "/availability/calendars/authorize/" not in page
