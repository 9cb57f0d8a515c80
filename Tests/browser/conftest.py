"""Browser tests of the web UI: the real `horario serve` on 127.0.0.1 with a temporary SQLite
file, driven by Playwright through Debian's Chromium (never `playwright install`).

Environment:
  HORARIO_BIN       the built server binary (scripts/browser-tests passes it)
  HORARIO_CHROMIUM  the browser binary (default /usr/lib/chromium/chromium)
  BROWSER_TZ        the browser's time zone (the suite runs once per zone)
  SCREENSHOT_DIR    where screenshots go (default .build/browser-screens)
"""
import datetime
import itertools
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import pytest

PASSWORD = "browser-test-password"
_counter = itertools.count(1)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def provider_fake():
    """The Google and Microsoft contract server (Tests/ProviderFake)."""
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "connections"))
    from peers import ProviderFake

    fake = ProviderFake(tempfile.mkdtemp(prefix="provider-fake-"))
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def server(provider_fake):
    binary = os.environ["HORARIO_BIN"]
    folder = tempfile.mkdtemp(prefix="horario-browser-")
    database = os.path.join(folder, "horario.sqlite")
    port = _free_port()
    # Connection tests point it at a Radicale on 127.0.0.1, which is refused by default, and at
    # the contract server standing in for Google and Microsoft.
    env = dict(os.environ, HORARIO_ADMIN_PASSWORD=PASSWORD, HORARIO_CALDAV_ALLOWED_HOSTS="127.0.0.1",
               HORARIO_PUBLIC_URL=f"http://127.0.0.1:{port}", **provider_fake.env())
    log = open(os.path.join(folder, "server.log"), "w")
    process = subprocess.Popen([binary, "serve", "--data", database, "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.05)
    else:
        process.kill()
        raise RuntimeError("the server did not start; see " + log.name)
    yield {"base": base, "binary": binary, "database": database}
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def new_user(server):
    """A fresh user of the running server (the CLI writes to the same SQLite file)."""

    def make(prefix="expert", zone="America/Sao_Paulo"):
        name = f"{prefix}{next(_counter)}{os.getpid()}"
        subprocess.run(
            [server["binary"], "user", "add", name, "--email", f"{name}@example.org", "--display-name", f"Dr. {name.title()}",
             "--time-zone", zone, "--password-stdin", "--data", server["database"]],
            input=PASSWORD + "\n", text=True, check=True, capture_output=True)
        return name

    return make


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": os.environ.get("HORARIO_CHROMIUM", "/usr/lib/chromium/chromium")}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    zone = os.environ.get("BROWSER_TZ")
    args = {**browser_context_args, "viewport": {"width": 1280, "height": 800}}
    if zone:
        args["timezone_id"] = zone
    return args


@pytest.fixture
def csp_violations(page):
    """Console messages about the Content-Security-Policy; every test asserts none."""
    found = []
    page.on("console", lambda message: found.append(message.text) if "Content Security Policy" in message.text else None)
    yield found
    assert found == [], found


@pytest.fixture(scope="session")
def screenshot_dir():
    path = os.environ.get("SCREENSHOT_DIR", ".build/browser-screens")
    os.makedirs(path, exist_ok=True)
    return path


def sign_in(page, base, username):
    page.goto(base + "/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/availability/schedules")


def future_weekday(weekday, weeks_ahead=2):
    """A date `weeks_ahead` weeks from now falling on `weekday` (0 = Monday)."""
    today = datetime.date.today()
    start = today + datetime.timedelta(days=7 * weeks_ahead)
    return start + datetime.timedelta(days=(weekday - start.weekday()) % 7)
