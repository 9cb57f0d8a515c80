"""The specification's use cases built through the web UI, checked through the public API."""
import datetime

from conftest import future_weekday, sign_in
from flows import add_override, api, create_event_type, create_schedule, public_slots

CLINIC = {
    "location_name": "Clínica São Paulo", "street": "Av. Paulista, 1000", "suite": "10º andar", "city": "São Paulo", "state": "SP",
    "postal_code": "01310-100", "country": "Brasil",
}


def utc_starts(date, hours):
    """São Paulo (UTC−3, no DST) local hours of `date` as the API's UTC instants."""
    return [f"{date.isoformat()}T{hour + 3:02d}:{minute:02d}:00Z" for hour, minute in hours]


def test_use_case_1_remote_and_clinic(page, server, new_user, csp_violations, screenshot_dir):
    base = server["base"]
    joao = new_user("joao")
    sign_in(page, base, joao)
    weekdays = {day: [("09:00", "17:00")] for day in ["monday", "tuesday", "wednesday", "thursday", "friday"]}
    remote = create_schedule(page, base, "Remote Work", weekdays, location={"video_provider": "googleMeet", "video_link": "https://meet.example/joao"},
                             default=True)
    clinic = create_schedule(page, base, "Clinic - In-Person", {"tuesday": [("14:00", "18:00")], "thursday": [("08:00", "12:00"), ("14:00", "18:00")]},
                             location_type="inPerson", location=CLINIC)

    monday = future_weekday(0)
    tuesday = monday + datetime.timedelta(days=1)
    wednesday = monday + datetime.timedelta(days=2)
    add_override(page, base, remote, [tuesday.isoformat()], reason="Congresso")
    add_override(page, base, remote, [wednesday.isoformat()], kind="custom", hours=("10:00", "12:00"), reason="Meio período")
    page.locator("#overrides").screenshot(path=f"{screenshot_dir}/date-overrides.png")

    create_event_type(page, base, "Online Consultation", "Remote Work (Default)", 60)
    create_event_type(page, base, "In-Person Consultation", "Clinic - In-Person", 60)
    create_event_type(page, base, "Phone Follow-up", "Remote Work (Default)", 30,
                      location_override={"type": "phone", "phone_number": "+55 11 5555-0100"})

    # The overrides are the dates that were ticked, whatever the browser's zone.
    stored = api(base, f"/api/availability/schedules/{remote}", joao)
    assert [(o["date"], o["type"]) for o in stored["dateOverrides"]] == [(tuesday.isoformat(), "unavailable"), (wednesday.isoformat(), "custom")]
    thursday = api(base, f"/api/availability/schedules/{clinic}", joao)["availability"]
    assert {"day": "thursday", "slots": [{"startTime": "08:00", "endTime": "12:00"}, {"startTime": "14:00", "endTime": "18:00"}]} in thursday

    # The public slots are what the screens said.
    assert public_slots(base, joao, "online-consultation", monday.isoformat()) == utc_starts(monday, [(h, 0) for h in range(9, 17)])
    assert public_slots(base, joao, "online-consultation", tuesday.isoformat()) == []
    assert public_slots(base, joao, "online-consultation", wednesday.isoformat()) == utc_starts(wednesday, [(10, 0), (11, 0)])
    thursday_date = monday + datetime.timedelta(days=3)
    assert public_slots(base, joao, "in-person-consultation", thursday_date.isoformat()) == utc_starts(
        thursday_date, [(8, 0), (9, 0), (10, 0), (11, 0), (14, 0), (15, 0), (16, 0), (17, 0)])
    event_types = {e["slug"]: e for e in api(base, "/api/event-types", joao)}
    assert event_types["phone-follow-up"]["effectiveLocation"]["phoneNumber"] == "+55 11 5555-0100"
    assert event_types["in-person-consultation"]["effectiveLocation"]["address"]["street"] == "Av. Paulista, 1000"

    # The troubleshooter reads the override's reason for a blocked time.
    page.goto(base + "/troubleshoot")
    page.select_option("#eventType", label="Online Consultation")
    page.fill("#date", tuesday.isoformat())
    page.get_by_role("button", name="Explain").click()
    assert "The date is marked unavailable (Congresso)" in page.inner_text("table.report")
    page.screenshot(path=f"{screenshot_dir}/troubleshooter.png")

    page.goto(base + "/availability/schedules")
    page.screenshot(path=f"{screenshot_dir}/schedules.png")
    page.goto(base + "/event-types")
    page.screenshot(path=f"{screenshot_dir}/event-types.png")


def test_use_case_2_without_javascript(browser, server, new_user, browser_context_args):
    """Dr. Maria's three schedules with JavaScript off; then another default, and deleting a schedule in use."""
    base = server["base"]
    maria = new_user("maria")
    context = browser.new_context(**{**browser_context_args, "java_script_enabled": False})
    page = context.new_page()
    sign_in(page, base, maria)
    clinic_a = create_schedule(page, base, "Clinic A - Morning", {d: [("08:00", "12:00")] for d in ["monday", "wednesday", "friday"]},
                               location_type="inPerson", location={**CLINIC, "location_name": "Clinic A"})
    create_schedule(page, base, "Clinic B - Afternoon", {d: [("14:00", "18:00")] for d in ["tuesday", "thursday"]},
                    location_type="inPerson", location={**CLINIC, "location_name": "Clinic B", "street": "Rua Augusta, 500"})
    evenings = create_schedule(page, base, "Remote Evenings", {d: [("19:00", "21:00")] for d in ["monday", "tuesday", "wednesday", "thursday"]})
    create_event_type(page, base, "Remote Evening Session", "Remote Evenings", 60)

    # Set another default.
    page.goto(base + "/availability/schedules")
    page.locator(".schedule-card", has_text="Remote Evenings").get_by_role("button", name="Set as default").click()
    page.wait_for_url("**notice=notice_default_set")
    schedules = {s["name"]: s for s in api(base, "/api/availability/schedules", maria)}
    assert schedules["Remote Evenings"]["isDefault"] and not schedules["Clinic A - Morning"]["isDefault"]

    # Delete a schedule in use, choosing its replacement.
    page.goto(base + "/availability/schedules")
    page.locator(".schedule-card", has_text="Remote Evenings").get_by_role("link", name="Delete").click()
    assert "cannot be deleted" in page.inner_text("main")
    page.goto(base + f"/availability/schedules/{clinic_a}")
    page.get_by_role("button", name="Set as default").click()
    page.goto(base + f"/availability/schedules/{evenings}/delete")
    page.select_option("#reassign_to", label="Clinic A - Morning (Default)")
    page.get_by_role("button", name="Delete").click()
    page.wait_for_url("**notice=notice_schedule_deleted")
    names = sorted(s["name"] for s in api(base, "/api/availability/schedules", maria))
    assert names == ["Clinic A - Morning", "Clinic B - Afternoon"]
    moved = [e for e in api(base, "/api/event-types", maria) if e["slug"] == "remote-evening-session"][0]
    assert moved["scheduleId"] == clinic_a
    context.close()


def test_bad_input_is_shown_beside_its_field(page, server, new_user, csp_violations):
    base = server["base"]
    sign_in(page, base, new_user("ana"))
    page.goto(base + "/availability/schedules/new")
    page.fill("#name", "Broken")
    page.fill("#timezone", "Mars/Olympus_Mons")
    page.get_by_role("button", name="Continue").click()
    assert "is not an IANA time zone" in page.inner_text("#timezone-error")
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    page.fill("#timezone", "America/Sao_Paulo")
    page.get_by_role("button", name="Continue").click()
    page.fill("#monday-start-0", "17:00")
    page.fill("#monday-end-0", "09:00")
    page.get_by_role("button", name="Continue").click()
    assert page.locator("#monday-error-0").is_visible()
    # Back keeps what was typed.
    page.fill("#monday-end-0", "18:00")
    page.get_by_role("button", name="Back").click()
    assert page.input_value("#name") == "Broken"
    page.get_by_role("button", name="Continue").click()
    assert page.input_value("#monday-end-0") == "18:00"
