"""The three CalDAV servers of bench/caldav.sh: how to start each on 127.0.0.1 with its own
port and temporary storage, where its calendar lives, how to finish loading it, and its memory.

Each server runs alone while it is measured (they would otherwise share the machine's cores).
All requests carry the same Basic Authorization header; Xandikos ignores it (it has no
authentication over plain HTTP), Radicale checks it against a plain-text htpasswd file and
Horario against its PBKDF2 hash (verified once, then cached, as its README describes).
"""

import base64
import http.client
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

USER = "admin"
PASSWORD = "bench-password"
AUTHORIZATION = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
CALENDAR_SLUG = "bench"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def request(port, method, path, body=None, headers=None, timeout=900):
    """One request on a new connection; returns (status, headers, body bytes)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    sent = {"Authorization": AUTHORIZATION}
    sent.update(headers or {})
    try:
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


class Server:
    name = "?"
    calendar_path = "/"

    def __init__(self, work_dir):
        self.work_dir = Path(work_dir) / self.name.lower()
        self.work_dir.mkdir(parents=True)
        self.port = free_port()
        self.process = None
        self.log_path = self.work_dir / "server.log"

    def command(self):
        raise NotImplementedError

    def environment(self):
        return dict(os.environ)

    def start(self):
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            self.command(), stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=self.environment()
        )
        log.close()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited during start-up; log: {self.log_path}\n{self.log_tail()}")
            try:
                request(self.port, "OPTIONS", "/", timeout=5)
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not answer on port {self.port} within 60 s; log: {self.log_path}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def memory_kib(self):
        """(peak resident set size VmHWM, current VmRSS) of the server process, in KiB."""
        values = {}
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                key, _, value = line.partition(":")
                if key in ("VmHWM", "VmRSS"):
                    values[key] = int(value.split()[0])
        return values["VmHWM"], values["VmRSS"]

    def log_tail(self, lines=20):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def create_calendar(self):
        status, _, body = request(self.port, "MKCALENDAR", self.calendar_path)
        if status != 201:
            raise RuntimeError(f"MKCALENDAR {self.calendar_path} on {self.name}: {status} {body[:300]!r}")

    def finish_loading(self, events, loaded):
        """Stores events[loaded:] when the PUT phase stopped at its time limit."""
        raise NotImplementedError

    @property
    def load_method(self):
        return "PUT"

    def version(self):
        return "?"


class Horario(Server):
    name = "Horario"
    calendar_path = f"/dav/calendars/{USER}/{CALENDAR_SLUG}/"

    def __init__(self, work_dir, binary):
        self.binary = binary
        super().__init__(work_dir)

    def command(self):
        return [self.binary, "serve", "--host", "127.0.0.1", "--port", str(self.port), "--data", str(self.work_dir / "horario.sqlite")]

    def environment(self):
        environment = dict(os.environ)
        environment["HORARIO_ADMIN_PASSWORD"] = PASSWORD
        return environment

    def caldav_missing(self):
        """Why this build cannot be benchmarked (no CalDAV server yet), or None."""
        status, _, body = request(self.port, "PROPFIND", f"/dav/calendars/{USER}/", headers={"Depth": "0"})
        if status != 207:
            return f"PROPFIND /dav/calendars/{USER}/ answered {status} {body[:120]!r}"
        return None

    def finish_loading(self, events, loaded):
        raise RuntimeError("Horario is loaded by PUTs only; it has no time limit")

    def version(self):
        """The commit of this checkout (the binary is normally built from it by caldav.sh)."""
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=Path(__file__).parent)
        if commit.returncode != 0:
            return "?"
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "Sources", "Package.swift"], capture_output=True, text=True, cwd=Path(__file__).parent
        ).stdout.strip()
        return f"checkout {commit.stdout.strip()}" + (" with uncommitted changes" if dirty else "")


class Radicale(Server):
    name = "Radicale"
    calendar_path = f"/{USER}/{CALENDAR_SLUG}/"

    def __init__(self, work_dir, python):
        self.python = python
        super().__init__(work_dir)
        (self.work_dir / "users").write_text(f"{USER}:{PASSWORD}\n")
        (self.work_dir / "config").write_text(
            "[server]\n"
            f"hosts = 127.0.0.1:{self.port}\n"
            "[auth]\n"
            "type = htpasswd\n"
            f"htpasswd_filename = {self.work_dir / 'users'}\n"
            "htpasswd_encryption = plain\n"
            "[storage]\n"
            f"filesystem_folder = {self.work_dir / 'collections'}\n"
        )

    def command(self):
        return [self.python, "-m", "radicale", "--config", str(self.work_dir / "config")]

    @property
    def load_method(self):
        return "PUT, then one PUT of the whole calendar on the collection"

    def finish_loading(self, events, loaded):
        # Radicale checks every new object's UID against the whole collection, so single PUTs
        # slow down as it fills (about 6/s at 2,000 objects). A PUT of one VCALENDAR on the
        # collection URL replaces the collection with its objects, named UID.ics as ours are.
        from caldav_data import whole_calendar

        status, _, body = request(
            self.port, "PUT", self.calendar_path, whole_calendar(events).encode(), {"Content-Type": "text/calendar; charset=utf-8"}
        )
        if status not in (200, 201, 204):
            raise RuntimeError(f"whole-calendar PUT on Radicale: {status} {body[:300]!r}")

    def version(self):
        return subprocess.run([self.python, "-m", "radicale", "--version"], capture_output=True, text=True).stdout.strip()


class Xandikos(Server):
    name = "Xandikos"
    calendar_path = f"/user/calendars/{CALENDAR_SLUG}/"

    def __init__(self, work_dir, executable):
        self.executable = executable
        super().__init__(work_dir)

    def command(self):
        return [self.executable, "serve", "--autocreate", "-d", str(self.work_dir / "data"), "-l", "127.0.0.1", "-p", str(self.port)]

    @property
    def load_method(self):
        return "PUT, then one git commit of the rest into its store"

    def finish_loading(self, events, loaded):
        # Every Xandikos PUT is a git commit of the whole collection tree, so PUTs slow down as
        # it fills (about 8/s at 1,000 objects). Its store is a git working tree: write the
        # remaining files and commit them at once, with the server stopped, then restart.
        self.stop()
        collection = self.work_dir / "data" / self.calendar_path.strip("/")
        for event in events[loaded:]:
            (collection / event.name).write_text(event.text, newline="")
        git = ["git", "-C", str(collection), "-c", "user.name=bench", "-c", "user.email=bench@localhost"]
        if shutil.which("git") is None:
            raise RuntimeError("git is needed to load the rest of the events into Xandikos's store")
        subprocess.run(git + ["add", "-A"], check=True, capture_output=True)
        subprocess.run(git + ["commit", "-q", "-m", "bench: import the remaining events"], check=True, capture_output=True)
        self.start()

    def version(self):
        return subprocess.run([self.executable, "--version"], capture_output=True, text=True).stdout.strip()
