"""The expert's calendar: a booking made from Lisbon shows in São Paulo time in the event
type's colour; dragging it moves it (the booker's page, the ICS export and a CalDAV sync see
the new time); cancelling frees the slot. A DST week, filters, print, keyboard reschedule."""
import datetime
import re

import caldav
from axe_playwright_python.sync_playwright import Axe

from conftest import PASSWORD, sign_in
from flows import create_event_type, create_schedule
from test_accessibility import serious


def test_booking_in_the_calendar(browser, server, new_user, browser_context_args, screenshot_dir):
    base = server["base"]
    expert = browser.new_context(**{**browser_context_args, "timezone_id": "America/Sao_Paulo"})
    page = expert.new_page()
    joao = new_user("joao")
    sign_in(page, base, joao)
    create_schedule(page, base, "Clinic", {d: [("14:00", "18:00")] for d in ["tuesday", "wednesday", "thursday"]}, location_type="inPerson",
                    location={"street": "Av. Paulista, 1000", "city": "São Paulo", "postal_code": "01310-100", "country": "Brasil"})
    page.goto(base + "/event-types/new")
    page.fill("#title", "In-Person Consultation")
    page.fill("#duration", "50")
    page.fill("#color", "#b45309")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/event-types/*?notice=*")

    # The booker, in Lisbon, books the first free time.
    booker = browser.new_context(**{**browser_context_args, "timezone_id": "Europe/Lisbon"}).new_page()
    booker.goto(f"{base}/{joao}/in-person-consultation")
    booker.wait_for_url("**tz=Europe%2FLisbon**")
    booker.locator("a.day.free").first.click()
    booker.locator(".slot-list button").first.click()
    booker.fill("#name", "Carla Souza")
    booker.fill("#email", "carla@example.org")
    booker.get_by_role("button", name="Confirm booking").click()
    booker.wait_for_url("**/booking/**")
    manage = booker.url.split("&notice")[0]
    first_when = booker.inner_text("dl.facts dd")

    # The expert sees it in São Paulo time, in the event type's colour.
    match = re.search(r"(\w+), (\w+) (\d+), (\d{4})", first_when)
    day = datetime.datetime.strptime(" ".join(match.groups()[1:]), "%B %d %Y").date()
    page.goto(f"{base}/appointments/calendar?view=week&date={day.isoformat()}")
    block = page.locator("a.ev", has_text="Carla Souza")
    assert "2:00 PM–2:50 PM" in block.inner_text()
    color = block.evaluate("el => getComputedStyle(el).backgroundColor")
    assert color == "rgb(180, 83, 9)", color
    assert serious(Axe().run(page)) == [], "week view"
    page.screenshot(path=f"{screenshot_dir}/calendar-week.png")

    # Drag it one day later, same time.
    page.on("dialog", lambda dialog: dialog.accept())
    grip = block.locator(".grip")
    grip.scroll_into_view_if_needed()
    box = grip.bounding_box()
    column = page.locator(".cal-col").nth(day.weekday() + 1).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + column["width"] / 2, box["y"] + 20, steps=5)
    page.mouse.move(column["x"] + column["width"] / 2, box["y"] + box["height"] / 2, steps=10)
    page.mouse.up()
    page.wait_for_url("**notice=notice_rescheduled**")
    next_day = day + datetime.timedelta(days=1)
    assert "Carla Souza" in page.locator(".ev.d-%d" % (next_day.weekday() + 2)).first.inner_text()

    # The booker's page, the export and a CalDAV sync see the new time.
    booker.goto(manage)
    assert booker.inner_text("dl.facts dd") != first_when
    ics = page.evaluate("(href) => fetch(href).then(r => r.text())", page.locator("a", has_text="Export .ics").get_attribute("href"))
    ics = ics.replace("\r\n ", "")
    assert "Carla Souza" in ics and f"DTSTART:{next_day.strftime('%Y%m%d')}T170000Z" in ics
    client = caldav.DAVClient(url=base + "/dav/", username=joao, password=PASSWORD)
    calendar = [c for c in client.principal().calendars() if c.name == "Clinic"][0]
    events = calendar.objects_by_sync_token(load_objects=True)
    assert any(f"{next_day.strftime('%Y%m%d')}T170000Z" in e.data for e in events)

    # Month view, the print view, and cancelling from the details.
    page.goto(f"{base}/appointments/calendar?view=month&date={day.isoformat()}")
    assert "Carla Souza" in page.inner_text("table.cal-month")
    page.screenshot(path=f"{screenshot_dir}/calendar-month.png")
    page.goto(f"{base}/appointments/calendar?view=week&date={next_day.isoformat()}")
    page.emulate_media(media="print")
    assert not page.locator(".cal-filters").is_visible()
    assert "Carla Souza" in page.inner_text(".cal-agenda")  # paper gets the agenda, not the grid
    page.screenshot(path=f"{screenshot_dir}/calendar-print.png")
    page.emulate_media(media="screen")
    page.locator("a.ev", has_text="Carla Souza").click()
    assert serious(Axe().run(page)) == [], "booking details"
    assert "moved to" in page.inner_text("ul.history") and "by you" in page.inner_text("ul.history")
    page.fill("#reason", "Imprevisto")
    page.get_by_role("button", name="Cancel booking").click()
    page.wait_for_url("**notice=notice_booking_cancelled**")
    booker.goto(f"{base}/{joao}/in-person-consultation?month={next_day.strftime('%Y-%m')}&date={next_day.isoformat()}&tz=America/Sao_Paulo")
    assert "2:00 PM" in booker.inner_text(".slot-list")
    expert.close()


def test_dst_week_filters_and_keyboard_reschedule(page, server, new_user, csp_violations):
    base = server["base"]
    ana = new_user("ana", zone="America/New_York")
    sign_in(page, base, ana)
    create_schedule(page, base, "Office", {d: [("09:00", "17:00")] for d in ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]},
                    zone="America/New_York")
    create_event_type(page, base, "Call", "Office (Default)", 60)
    page.context.clear_cookies()
    # Book Saturday 2030-03-09 and Sunday 2030-03-10 (the DST change) at 10:00 New York, through the booking page.
    for date in ["2030-03-09", "2030-03-10"]:
        page.goto(f"{base}/{ana}/call?month=2030-03&date={date}&tz=America/New_York")
        page.locator(".slot-list button", has_text="10:00 AM").click()
        page.fill("#name", f"Client {date}")
        page.fill("#email", "client@example.org")
        page.get_by_role("button", name="Confirm booking").click()
        page.wait_for_url("**/booking/**")
    sign_in(page, base, ana)
    page.goto(f"{base}/appointments/calendar?view=week&date=2030-03-10")
    assert "23-hour day" in page.inner_text(".cal-days")
    assert "2:00 AM–3:00 AM does not exist" in page.inner_text(".cal-grid")
    for name in ["Client 2030-03-09", "Client 2030-03-10"]:
        assert "10:00 AM–11:00 AM" in page.locator("a.ev", has_text=name).inner_text()
    page.goto(f"{base}/appointments/calendar?view=day&date=2030-03-10")
    assert page.locator("a.ev").count() == 1
    page.goto(f"{base}/appointments/calendar?view=month&date=2030-03-10&location=inPerson")
    assert page.locator(".chip").count() == 0  # the filter hides remote bookings
    # Keyboard only: open the booking from the list and move it with the form.
    page.goto(f"{base}/appointments?from=2030-03-09&to=2030-03-09")
    link = page.get_by_role("link", name=re.compile("March 9, 2030"))
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/appointments/*")
    page.focus("#other_start")
    page.keyboard.type("03122030")
    page.keyboard.press("Tab")
    page.keyboard.type("0200PM")
    page.keyboard.press("Enter")
    page.wait_for_url("**notice=notice_rescheduled**")
    assert "March 12, 2030, 2:00 PM" in page.inner_text("dl.facts dd")
