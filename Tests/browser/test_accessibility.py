"""axe on every page (no serious or critical violation), no CSP violation, and screenshots at
laptop and phone widths."""
from axe_playwright_python.sync_playwright import Axe

from conftest import sign_in
from flows import create_event_type, create_schedule

PAGES = [
    ("/availability/schedules", "schedules"), ("/availability/schedules/new", "schedule-new"), ("/availability/limits", "limits"),
    ("/event-types", "event-types"), ("/event-types/new", "event-type-new"), ("/troubleshoot", "troubleshoot"),
    ("/organizations", "organizations"), ("/account", "account"), ("/appointments", "appointments"),
    ("/appointments/calendar", "calendar-week"), ("/appointments/calendar?view=month", "calendar-month"),
    ("/appointments/calendar?view=day", "calendar-day"),
]


def serious(results):
    return [
        (violation["id"], violation["impact"], [node["target"] for node in violation["nodes"]][:3])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def test_axe_every_page(page, server, new_user, csp_violations, screenshot_dir, browser, browser_context_args):
    base = server["base"]
    user = new_user("axe")
    axe = Axe()
    page.goto(base + "/login")
    assert serious(axe.run(page)) == []
    page.screenshot(path=f"{screenshot_dir}/login.png")
    sign_in(page, base, user)
    schedule = create_schedule(page, base, "Remote Work", {"monday": [("09:00", "12:00"), ("13:00", "17:00")]})
    create_event_type(page, base, "Online Consultation", "Remote Work (Default)", 50)
    pages = PAGES + [(f"/availability/schedules/{schedule}", "schedule"), ("/availability/schedules/new?step=2", "schedule-new-2")]
    for path, name in pages:
        page.goto(base + path)
        assert serious(axe.run(page)) == [], path
    # The wizard's second and third steps.
    page.goto(base + "/availability/schedules/new")
    page.fill("#name", "Axe")
    page.get_by_role("button", name="Continue").click()
    assert serious(axe.run(page)) == [], "step 2"
    page.screenshot(path=f"{screenshot_dir}/schedule-new-hours.png", full_page=True)
    page.get_by_role("button", name="Continue").click()
    assert serious(axe.run(page)) == [], "step 3"
    # A phone, in the dark.
    phone = browser.new_context(**{**browser_context_args, "viewport": {"width": 375, "height": 740}, "color_scheme": "dark"})
    mobile = phone.new_page()
    sign_in(mobile, base, user)
    mobile.goto(f"{base}/availability/schedules/{schedule}")
    assert serious(axe.run(mobile)) == [], "dark phone"
    assert mobile.evaluate("document.documentElement.scrollWidth") <= 375, "the page scrolls sideways on a phone"
    mobile.screenshot(path=f"{screenshot_dir}/schedule-phone-dark.png")
    phone.close()
