"""The public booking pages: a booker in Lisbon books, manages, reschedules and cancels; a slot
taken meanwhile is refused with the refreshed list; everything works without JavaScript."""
import base64
import json
import urllib.request

from axe_playwright_python.sync_playwright import Axe

from conftest import sign_in
from test_accessibility import serious
from flows import create_event_type, create_schedule, public_slots, tab_to

CLINIC = {"location_name": "Clínica São Paulo", "street": "Av. Paulista, 1000", "city": "São Paulo", "postal_code": "01310-100", "country": "Brasil"}


def expert_with_clinic(page, server, new_user):
    base = server["base"]
    joao = new_user("joao")
    sign_in(page, base, joao)
    create_schedule(page, base, "Clinic", {d: [("14:00", "18:00")] for d in ["tuesday", "thursday"]}, location_type="inPerson", location=CLINIC)
    create_event_type(page, base, "In-Person Consultation", "Clinic (Default)", 50)
    page.context.clear_cookies()
    return joao


def book_first_free_time(page, base, path, name="Carla Souza", email="carla@example.org"):
    page.goto(base + path)
    page.locator("a.day.free").first.click()
    page.locator(".slot-list button").first.click()
    page.fill("#name", name)
    page.fill("#email", email)
    page.get_by_role("button", name="Confirm booking").click()
    page.wait_for_url("**/booking/**notice=notice_booked**")


def test_book_manage_reschedule_cancel(browser, server, new_user, browser_context_args, screenshot_dir):
    base = server["base"]
    expert_page = browser.new_page(**{k: v for k, v in browser_context_args.items() if k != "timezone_id"})
    joao = expert_with_clinic(expert_page, server, new_user)
    lisbon = browser.new_context(**{**browser_context_args, "timezone_id": "Europe/Lisbon"})
    page = lisbon.new_page()
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{base}/{joao}")
    page.get_by_role("link", name="In-Person Consultation").click()
    # The page switched itself to the browser's zone, which it prints beside the times.
    page.wait_for_url("**tz=Europe%2FLisbon**")
    page.locator("a.day.free").first.click()
    heading = page.inner_text("#slots-heading")
    assert "(Europe/Lisbon)" in heading
    assert page.evaluate("document.activeElement.id") == "slots-heading"
    page.screenshot(path=f"{screenshot_dir}/booking-page.png")
    axe = Axe()
    assert serious(axe.run(page)) == [], "booking page"
    first = page.locator(".slot-list button").first
    label = first.get_attribute("aria-label")
    assert "Europe/Lisbon" in label and "," in label
    # São Paulo 14:00 is 17:00 in Lisbon in winter.
    assert first.inner_text() in ("5:00 PM", "6:00 PM")
    first.click()
    assert serious(axe.run(page)) == [], "booking form"
    page.fill("#name", "Carla Souza")
    page.fill("#email", "not-an-address")
    page.get_by_role("button", name="Confirm booking").click()
    assert page.locator("#email-error").is_visible()
    page.fill("#email", "carla@example.org")
    page.get_by_role("button", name="Confirm booking").click()
    page.wait_for_url("**/booking/**")
    manage_url = page.url
    assert "Booked." in page.inner_text("main")
    booked_when = page.inner_text("dl.facts dd")
    assert "(Europe/Lisbon)" in booked_when
    page.screenshot(path=f"{screenshot_dir}/booking-confirmed.png")
    assert serious(axe.run(page)) == [], "management page"
    ics = page.evaluate("(href) => fetch(href).then(r => r.text())", page.get_attribute("a[download]", "href"))
    assert "BEGIN:VEVENT" in ics and "In-Person Consultation" in ics

    # Reschedule to the last free time shown.
    page.get_by_role("link", name="Reschedule").click()
    page.locator("a.day.free").last.click()
    page.locator(".slot-list button").last.click()
    page.wait_for_url("**notice=notice_booking_rescheduled**")
    assert page.inner_text("dl.facts dd") != booked_when

    # Cancel, with a reason; the time is free again.
    page.get_by_role("link", name="Cancel booking").click()
    page.fill("#reason", "Viagem")
    page.get_by_role("button", name="Cancel booking").click()
    page.wait_for_url("**notice=notice_booking_cancelled**")
    assert "This booking is cancelled. — Viagem" in page.inner_text("main")
    assert serious(axe.run(page)) == [], "cancelled booking"
    # A wrong token looks like no booking at all.
    assert page.goto(manage_url.split("?")[0] + "?token=hbk_wrong").status == 404
    assert violations == []
    lisbon.close()


def test_taken_meanwhile_and_without_javascript(browser, server, new_user, browser_context_args):
    base = server["base"]
    setup = browser.new_page()
    joao = expert_with_clinic(setup, server, new_user)
    path = f"/{joao}/in-person-consultation"
    no_js = browser.new_context(**{**browser_context_args, "java_script_enabled": False})
    first, second = no_js.new_page(), browser.new_context(**browser_context_args).new_page()
    for page in (first, second):
        page.goto(base + path)
        page.locator("a.day.free").first.click()
        page.locator(".slot-list button").first.click()
        page.fill("#name", "Ana")
        page.fill("#email", "ana@example.org")
    first.get_by_role("button", name="Confirm booking").click()
    first.wait_for_url("**/booking/**")  # booked with JavaScript off
    second.get_by_role("button", name="Confirm booking").click()
    assert "that time was just taken" in second.inner_text(".error-summary")
    # The refreshed list no longer offers it, and exactly one booking exists.
    request = urllib.request.Request(f"{base}/api/bookings", headers={"Authorization": "Basic " + base64.b64encode(f"{joao}:browser-test-password".encode()).decode()})
    with urllib.request.urlopen(request) as response:
        bookings = [b for b in json.load(response) if b["status"] == "confirmed"]
    assert len(bookings) == 1
    assert bookings[0]["start"] not in [s for s in public_slots(base, joao, "in-person-consultation", bookings[0]["start"][:10])]


def test_booking_by_keyboard_alone(browser, server, new_user, browser_context_args):
    base = server["base"]
    setup = browser.new_page()
    joao = expert_with_clinic(setup, server, new_user)
    page = browser.new_context(**{**browser_context_args, "timezone_id": "America/Sao_Paulo"}).new_page()
    # The browser is in the schedule's zone: the page is already in it and stays.
    page.goto(f"{base}/{joao}/in-person-consultation")

    tab_to(page, "a.day.free")
    page.keyboard.press("Enter")
    page.wait_for_url("**date=**")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'slots-heading'")
    tab_to(page, ".slot-list button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/book?**")
    tab_to(page, "#name")
    page.keyboard.type("Teclado")
    tab_to(page, "#email")
    page.keyboard.type("teclado@example.org")
    page.keyboard.press("Enter")
    page.wait_for_url("**notice=notice_booked**")
    assert "Teclado" in page.inner_text("dl.facts")
