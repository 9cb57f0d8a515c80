"""Connecting a Radicale calendar on the Calendar connections page: its events then block the
booking page's times, and an event type can write its bookings into it."""
import os
import sys
import tempfile

from axe_playwright_python.sync_playwright import Axe

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "connections"))

from calendars import SAO_PAULO, at, calendar, event, mkcalendar, put  # noqa: E402
from peers import Radicale  # noqa: E402

from conftest import future_weekday, sign_in  # noqa: E402
from flows import create_event_type, create_schedule, tab_to  # noqa: E402
from test_accessibility import serious  # noqa: E402


def test_connect_radicale_and_see_its_events_block_times(page, server, new_user, screenshot_dir, csp_violations):
    base = server["base"]
    radicale = Radicale(tempfile.mkdtemp(prefix="browser-radicale-"))
    try:
        owner, password = f"rui{os.getpid()}@example.org", "rui-app-password"
        radicale.add_user(owner, password)
        dav = radicale.client(owner, password)
        mkcalendar(dav, f"/{owner}/office/")
        day = future_weekday(0)
        put(dav, f"/{owner}/office/", calendar(event(start=at(day, 10), end=at(day, 11), zone=SAO_PAULO), zones=[SAO_PAULO.key]))

        expert = new_user("rui")
        sign_in(page, base, expert)
        create_schedule(page, base, "Consultório", {d: [("09:00", "18:00")] for d in ["monday", "tuesday", "wednesday", "thursday", "friday"]})
        create_event_type(page, base, "Consulta", "Consultório (Default)", 30)

        page.goto(base + "/availability/calendars")
        assert page.get_by_role("link", name="Calendar connections").get_attribute("aria-current") == "page"
        page.select_option("#provider", "caldav")
        # A wrong password is said beside the password field, and nothing is stored.
        page.fill("#url", radicale.base)
        page.fill("#username", owner)
        page.fill("#password", "not-the-password")
        page.get_by_role("button", name="Connect", exact=True).click()
        assert "refused" in page.inner_text("#password-error")
        assert page.get_attribute("#password", "aria-invalid") == "true"
        assert page.input_value("#username") == owner
        page.fill("#password", password)
        # Keyboard: the Connect button is reachable with Tab and works with Enter.
        tab_to(page, ".connect-form button.primary")
        page.keyboard.press("Enter")
        page.wait_for_url("**notice=notice_calendar_connected**")
        card = page.locator("section.connection")
        assert owner in card.locator("h2").inner_text()
        assert card.locator(".badge.status").inner_text() == "Up to date"
        page.screenshot(path=f"{screenshot_dir}/calendar-connections.png", full_page=True)
        assert serious(Axe().run(page)) == [], "calendar connections page"

        # The booking page (times in São Paulo) no longer offers 10:00 and 10:30 that day.
        page.goto(f"{base}/{expert}/consulta?date={day.isoformat()}&month={day.strftime('%Y-%m')}&tz=America/Sao_Paulo")
        times = page.locator(".slot-list button").all_inner_texts()
        assert "9:30 AM" in times and "11:00 AM" in times
        assert "10:00 AM" not in times and "10:30 AM" not in times

        # The event type can write its bookings there, named by account and calendar.
        page.goto(base + "/event-types")
        page.get_by_role("link", name="Consulta").first.click()
        options = page.locator("#destination option").all_inner_texts()
        assert options[0].startswith("Horario only")
        assert any(owner in option and option.endswith("office") for option in options), options
        page.select_option("#destination", index=1)
        page.get_by_role("button", name="Save", exact=True).click()
        page.wait_for_url("**notice=notice_saved**")
        assert owner in page.locator("#destination option:checked").inner_text()
    finally:
        radicale.stop()


def test_connect_google_through_its_authorization_page(page, server, new_user, provider_fake, screenshot_dir, csp_violations):
    base = server["base"]
    provider_fake.control("reset")
    expert = new_user("gui")
    sign_in(page, base, expert)
    page.goto(base + "/availability/calendars")
    page.get_by_role("link", name="Connect Google Calendar").click()
    # The provider's own consent page (the contract server's), then back to Horario.
    page.wait_for_url(provider_fake.base + "/o/oauth2/v2/auth**")
    assert "calendar.events" in page.inner_text("main")
    page.get_by_role("button", name="Allow").click()
    page.wait_for_url("**/availability/calendars?notice=notice_calendar_connected**")
    card = page.locator("section.connection")
    assert "Google Calendar: expert@gmail.example" in card.locator("h2").inner_text()
    assert card.locator(".badge.status").inner_text() == "Up to date"
    assert "Family" in card.inner_text() and "read-only" in card.inner_text()
    page.screenshot(path=f"{screenshot_dir}/calendar-connections-google.png", full_page=True)
    assert serious(Axe().run(page)) == [], "calendar connections page with Google"
