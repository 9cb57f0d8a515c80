"""What a user does in the web UI, step by step, for the tests to combine."""
import base64
import json
import urllib.request

from conftest import PASSWORD


def create_schedule(page, base, name, days, location_type="remote", location=None, default=False, zone="America/Sao_Paulo"):
    """The three steps: basics, weekly hours (several ranges a day through "+ Add"), location."""
    page.goto(base + "/availability/schedules/new")
    page.fill("#name", name)
    page.fill("#timezone", zone)
    if default:
        page.check("input[name=is_default]")
    page.check(f"input[name=location_type][value={location_type}]")
    page.get_by_role("button", name="Continue").click()
    # Step 2 starts with Monday–Friday 09:00–17:00 on; set exactly `days`.
    for day in ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]:
        toggle = page.locator(f"input[name={day}_on]")
        if day not in days:
            toggle.uncheck()
            continue
        toggle.check()
        for index, (start, end) in enumerate(days[day]):
            if index > 0 and page.locator(f"#{day}-start-{index}").count() == 0:
                page.locator(f"button[value='add:{day}']").click()
            page.fill(f"#{day}-start-{index}", start)
            page.fill(f"#{day}-end-{index}", end)
    page.get_by_role("button", name="Continue").click()
    for field, value in (location or {}).items():
        if field == "video_provider":
            page.select_option("#video_provider", value)
        else:
            page.fill(f"#{field}", value)
    page.get_by_role("button", name="Save schedule").click()
    page.wait_for_url("**/availability/schedules/*?notice=*")
    return page.url.split("/availability/schedules/")[1].split("?")[0]


def add_override(page, base, schedule_id, dates, kind="unavailable", hours=None, reason=""):
    """Ticks `dates` in the month calendar (moving to their month) and adds one override."""
    month = dates[0][:7]
    page.goto(f"{base}/availability/schedules/{schedule_id}?month={month}")
    for date in dates:
        page.locator(f"input[name=dates][value='{date}']").check()
    page.check(f"input[name=override_type][value={kind}]")
    if hours:
        page.fill("#override-start-0", hours[0])
        page.fill("#override-end-0", hours[1])
    page.fill("#override-reason", reason)
    page.get_by_role("button", name="Add override").click()
    page.wait_for_url("**notice=notice_override_added**")


def create_event_type(page, base, title, schedule_label, duration, location_override=None):
    page.goto(base + "/event-types/new")
    page.fill("#title", title)
    page.select_option("#schedule_id", label=schedule_label)
    page.fill("#duration", str(duration))
    if location_override:
        page.check("#override_location")
        page.check(f"input[name=location_type][value={location_override['type']}]")
        for field, value in location_override.items():
            if field != "type":
                page.fill(f"#{field}", value)
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/event-types/*?notice=*")


def api(base, path, username):
    """GET an API path as `username` (Basic), decoded."""
    request = urllib.request.Request(base + path)
    request.add_header("Authorization", "Basic " + base64.b64encode(f"{username}:{PASSWORD}".encode()).decode())
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def public_slots(base, username, slug, date):
    with urllib.request.urlopen(f"{base}/api/public/{username}/{slug}/slots?start={date}&end={date}") as response:
        return [slot["start"] for slot in json.load(response)["slots"]]


def tab_to(page, selector, limit=150):
    """Presses Tab until `selector` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")
