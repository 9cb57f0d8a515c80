"""The parts the two-instance tests stand on: a throwaway PostgreSQL cluster, Horario
processes on it, and a small HTTP client (JSON, WebDAV, the web UI's forms)."""
import http.client
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Tests", "connections"))

from peers import HTTP as ConnectionsHTTP, free_port  # noqa: E402, F401

PASSWORD = "scale-test-password-1"
# Refresh calendar connections every second or two, so the tests see several rounds.
FAST = {
    "HORARIO_CONNECTION_TICK": "1",
    "HORARIO_CONNECTION_REFRESH": "2",
    "HORARIO_CONNECTION_STALE_AFTER": "30",
    "HORARIO_CONNECTION_HARD_STALE": "60",
    "HORARIO_CALDAV_ALLOWED_HOSTS": "127.0.0.1,localhost",
}


class Cluster:
    """scripts/postgres-cluster: its own socket directory, stopped and removed at the end."""

    def __init__(self):
        out = subprocess.run([os.path.join(ROOT, "scripts", "postgres-cluster"), "start"], check=True, capture_output=True, text=True)
        self.directory, self.url = out.stdout.split()[:2]
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.url).query)
        self.socket_dir, self.port = query["host"][0], query["port"][0]

    def psql(self, sql, database="postgres"):
        out = subprocess.run(
            ["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", self.socket_dir, "-p", self.port, "-U", "horario", "-d", database,
             "-c", sql], check=True, capture_output=True, text=True)
        return out.stdout.strip()

    def create_database(self, name):
        self.psql(f'CREATE DATABASE "{name}"')
        return self.url.replace("/postgres?", f"/{name}?")

    def stop(self):
        subprocess.run([os.path.join(ROOT, "scripts", "postgres-cluster"), "stop", self.directory], check=False)


class Instance:
    """`horario serve --database URL` on a port of its own."""

    def __init__(self, name, url, workdir, extra_env):
        self.name, self.url = name, url
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = os.path.join(workdir, f"server-{name}.log")
        self.env = dict(os.environ, HORARIO_ADMIN_PASSWORD=PASSWORD, HORARIO_PUBLIC_URL=self.base, **FAST, **extra_env)
        self.env.pop("HORARIO_DATABASE_URL", None)
        self.process = None

    def start(self):
        with open(self.log, "a") as log:
            self.process = subprocess.Popen(
                [os.environ["HORARIO_BIN"], "serve", "--database", self.url, "--port", str(self.port)], env=self.env, stdout=log,
                stderr=subprocess.STDOUT)

    def wait_ready(self):
        for _ in range(600):
            if self.process.poll() is not None:
                raise RuntimeError(f"instance {self.name} exited: {open(self.log).read()[-3000:]}")
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=1)
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"instance {self.name} did not start: {open(self.log).read()[-3000:]}")

    def kill(self):
        self.process.kill()
        self.process.wait(timeout=15)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)

    def client(self, user="admin", password=PASSWORD):
        return HTTP(self.base, user, password)

    def anonymous(self):
        return HTTP(self.base)


class HTTP(ConnectionsHTTP):
    """The connection tests' client (one request per new connection), with the response
    headers kept by `json` too."""

    def __init__(self, base, user=None, password=None):
        super().__init__(base, user, password)
        self.base = base

    def json(self, method, path, body=None, headers=None):
        status, received, text = self.request(method, path, body, headers)
        try:
            return status, received, (json.loads(text) if text else None)
        except ValueError:
            return status, received, text


class Browser:
    """The web UI's forms, as a browser posts them: its cookies, the hidden `_csrf`, the Origin.
    Cookies are kept by hand: on a loopback address they are `Secure` (browsers count loopback
    as a secure context), which Python's cookie jar would never send over http://."""

    def __init__(self, base):
        self.base = base
        self.http = HTTP(base)
        self.cookies = {}

    def send(self, method, path, body=None, headers=None):
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        connection = http.client.HTTPConnection(self.http.host, self.http.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    cookie = value.split(";", 1)[0]
                    key, _, content = cookie.partition("=")
                    self.cookies[key.strip()] = content.strip()
            return response.status, response.getheader("Location"), text
        finally:
            connection.close()

    def get(self, path):
        status, location, text = self.send("GET", path)
        while status in (301, 302, 303) and location:
            path = urllib.parse.urlsplit(location).path + ("?" + urllib.parse.urlsplit(location).query if "?" in location else "")
            status, location, text = self.send("GET", path)
        return status, path, text

    def post(self, path, fields):
        """Posts the form found on the page at `path` (the account page for its password form);
        follows the redirect. Returns (status, final path, page)."""
        _, _, page = self.get(path if path != "/account/password" else "/account")
        token = re.search(r'name="_csrf" value="([^"]+)"', page)
        assert token, f"no _csrf field on {path}"
        data = urllib.parse.urlencode(dict(fields, _csrf=token.group(1)))
        status, location, text = self.send(
            "POST", path, data, {"Origin": self.base, "Content-Type": "application/x-www-form-urlencoded"})
        if status in (301, 302, 303) and location:
            return self.get(urllib.parse.urlsplit(location).path + ("?" + urllib.parse.urlsplit(location).query if "?" in location else ""))
        return status, path, text
