"""Portuguese, and a schedule made with the keyboard alone."""
from conftest import sign_in
from flows import api, tab_to


def test_portuguese(page, server, new_user, csp_violations, screenshot_dir):
    base = server["base"]
    user = new_user("joana")
    sign_in(page, base, user)
    page.goto(base + "/account")
    page.select_option("#language", "pt-BR")
    page.get_by_role("button", name="Save", exact=True).first.click()
    page.wait_for_url("**notice=notice_saved")
    assert page.locator("html").get_attribute("lang") == "pt-BR"
    page.goto(base + "/availability/schedules/new")
    page.fill("#name", "Consultório")
    page.fill("#timezone", "America/Sao_Paulo")
    page.get_by_role("button", name="Continuar").click()
    assert page.locator("#day-monday .day-toggle").inner_text().strip() == "segunda-feira"
    page.get_by_role("button", name="Continuar").click()
    page.get_by_role("button", name="Salvar agenda").click()
    page.wait_for_url("**notice=notice_schedule_created")
    assert "Agenda criada." in page.inner_text("main")
    page.goto(base + "/availability/schedules")
    assert "seg–sex 09:00–17:00" in page.inner_text("main")  # 24-hour times in Portuguese
    page.screenshot(path=f"{screenshot_dir}/schedules-pt-BR.png")


def test_keyboard_only_schedule(page, server, new_user, csp_violations):
    base = server["base"]
    user = new_user("teclado")
    page.goto(base + "/login")
    tab_to(page, "#username")
    page.keyboard.type(user)
    tab_to(page, "#password")
    page.keyboard.type("browser-test-password")
    page.keyboard.press("Enter")
    page.wait_for_url("**/availability/schedules")
    tab_to(page, "a[href='/availability/schedules/new']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/availability/schedules/new")
    tab_to(page, "#name")
    page.keyboard.type("Keyboard Hours")
    tab_to(page, "#timezone")
    page.keyboard.press("Control+A")
    page.keyboard.type("America/Sao_Paulo")
    tab_to(page, "input[name=location_type][value=remote]")
    page.keyboard.press("ArrowDown")  # in person → radio groups move with arrows
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    page.wait_for_selector("#monday-start-0")
    # Saturday on, with 10:00–12:00, all by keyboard.
    tab_to(page, "input[name=saturday_on]")
    page.keyboard.press("Space")
    tab_to(page, "#saturday-start-0")
    page.keyboard.type("1000AM")
    tab_to(page, "#saturday-end-0")
    page.keyboard.type("1200PM")
    page.keyboard.press("Enter")
    page.wait_for_selector("#video_provider")
    tab_to(page, "#video_link")
    page.keyboard.type("https://meet.example/keys")
    page.keyboard.press("Enter")  # Enter in a field submits the step's default action: save
    page.wait_for_url("**notice=notice_schedule_created")
    schedule = [s for s in api(base, "/api/availability/schedules", user) if s["name"] == "Keyboard Hours"][0]
    assert {"day": "saturday", "slots": [{"startTime": "10:00", "endTime": "12:00"}]} in schedule["availability"]
    assert schedule["timezone"] == "America/Sao_Paulo"
