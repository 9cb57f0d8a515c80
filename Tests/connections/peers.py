"""Servers the connection tests start on 127.0.0.1 — Horario itself and Radicale — and a small
HTTP client. Shared by Tests/connections and the browser test that connects a calendar."""
import base64
import http.client
import json
import os
import socket
import subprocess
import time
import urllib.request
import html
import re
import uuid
from urllib.parse import urlencode, urlsplit

PASSWORD = "connections-test-password"
PEERS = os.environ.get("PEERS_VENV", os.path.join(os.path.dirname(__file__), "..", "..", ".build", "peers-venv"))
# The workers run fast here; a cache is "stale" after 3 s and fails closed after 6 s.
FAST = {
    "HORARIO_CONNECTION_TICK": "1",
    "HORARIO_CONNECTION_REFRESH": "2",
    "HORARIO_CONNECTION_STALE_AFTER": "3",
    "HORARIO_CONNECTION_HARD_STALE": "6",
    "HORARIO_CALDAV_ALLOWED_HOSTS": "127.0.0.1,localhost",
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, process, log):
    for _ in range(300):
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited; see {log}")
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"{url} did not start; see {log}")


class HTTP:
    """Small JSON/WebDAV client: (status, lower-cased headers, body text)."""

    def __init__(self, base, user=None, password=None):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.auth = None
        if user is not None:
            self.auth = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()

    def request(self, method, path, body=None, headers=None, timeout=60):
        sent = dict(headers or {})
        if self.auth:
            sent["Authorization"] = self.auth
        data = body
        if isinstance(body, (dict, list)):
            data = json.dumps(body).encode()
            sent["Content-Type"] = "application/json"
        elif isinstance(body, str):
            data = body.encode()
        connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            connection.request(method, path, body=data, headers=sent)
            response = connection.getresponse()
            text = response.read().decode("utf-8", errors="replace")
            return response.status, {k.lower(): v for k, v in response.getheaders()}, text
        finally:
            connection.close()

    def json(self, method, path, body=None, timeout=60):
        status, headers, text = self.request(method, path, body, timeout=timeout)
        try:
            return status, json.loads(text) if text else None
        except ValueError:
            return status, text


class Horario:
    def __init__(self, folder, extra_env=None):
        self.binary = os.environ["HORARIO_BIN"]
        self.folder = folder
        self.database = os.path.join(folder, "horario.sqlite")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = dict(os.environ, HORARIO_ADMIN_PASSWORD=PASSWORD, HORARIO_PUBLIC_URL=self.base, **FAST, **(extra_env or {}))
        self.process = None
        self.start()

    def start(self):
        self.log = os.path.join(self.folder, f"server-{time.time_ns()}.log")
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(
                [self.binary, "serve", "--data", self.database, "--port", str(self.port)], env=self.env, stdout=log,
                stderr=subprocess.STDOUT)
        wait_for(self.base + "/healthz", self.process, self.log)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)

    def add_user(self, prefix="expert", zone="America/Sao_Paulo"):
        name = f"{prefix}{uuid.uuid4().hex[:6]}"
        subprocess.run(
            [self.binary, "user", "add", name, "--email", f"{name}@example.org", "--display-name", f"Dr. {name.title()}", "--time-zone",
             zone, "--password-stdin", "--data", self.database],
            input=PASSWORD + "\n", text=True, check=True, capture_output=True, env=self.env)
        return name

    def client(self, user=None):
        return HTTP(self.base, user, PASSWORD) if user else HTTP(self.base)


class Radicale:
    """Radicale with one htpasswd user per call of add_user, owner-only rights."""

    def __init__(self, folder):
        self.folder = folder
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.htpasswd = os.path.join(folder, "users")
        open(self.htpasswd, "w").close()
        self.config = os.path.join(folder, "config")
        with open(self.config, "w") as f:
            f.write(
                f"[server]\nhosts = 127.0.0.1:{self.port}\n[auth]\ntype = htpasswd\nhtpasswd_filename = {self.htpasswd}\n"
                "htpasswd_encryption = plain\n[rights]\ntype = owner_only\n"
                f"[storage]\nfilesystem_folder = {os.path.join(folder, 'collections')}\n[logging]\nlevel = warning\n")
        self.process = None
        self.start()

    def start(self):
        self.log = os.path.join(self.folder, f"radicale-{time.time_ns()}.log")
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(
                [os.path.join(PEERS, "bin", "radicale"), "--config", self.config], stdout=log, stderr=subprocess.STDOUT)
        wait_for(self.base + "/.web/", self.process, self.log)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)

    def add_user(self, name, password):
        with open(self.htpasswd, "a") as f:
            f.write(f"{name}:{password}\n")

    def set_password(self, name, password):
        lines = [line for line in open(self.htpasswd).read().splitlines() if not line.startswith(name + ":")]
        with open(self.htpasswd, "w") as f:
            f.write("\n".join(lines + [f"{name}:{password}"]) + "\n")

    def client(self, user, password):
        return HTTP(self.base, user, password)




class ProviderFake:
    """The Google and Microsoft contract server (Tests/ProviderFake), built beside horario."""

    def __init__(self, folder):
        binary = os.path.join(os.path.dirname(os.environ["HORARIO_BIN"]), "provider-fake")
        self.log = open(os.path.join(folder, f"provider-fake-{time.time_ns()}.log"), "w")
        self.process = subprocess.Popen([binary], stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = self.process.stdout.readline()
        assert line.startswith("listening on "), line
        self.port = int(line.split()[-1])
        self.base = f"http://127.0.0.1:{self.port}"
        self.client = HTTP(self.base)

    def env(self):
        """What a Horario needs to use this server as both providers."""
        return {
            "HORARIO_GOOGLE_CLIENT_ID": "google-client", "HORARIO_GOOGLE_CLIENT_SECRET": "google-secret",
            "HORARIO_MICROSOFT_CLIENT_ID": "microsoft-client", "HORARIO_MICROSOFT_CLIENT_SECRET": "microsoft-secret",
            "HORARIO_GOOGLE_BASE_URL": self.base, "HORARIO_MICROSOFT_BASE_URL": self.base,
        }

    def knobs(self, **knobs):
        status, _, body = self.client.request("POST", "/_control/knobs", knobs)
        assert status == 200, body

    def control(self, path, body=None):
        status, _, text = self.client.request("POST", "/_control/" + path, body if body is not None else {})
        assert status == 200, text

    def state(self):
        return json.loads(self.client.request("GET", "/_control/state")[2])

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.log.close()


class Browser:
    """A signed-in web UI session with its cookies, following no redirects."""

    def __init__(self, base, user):
        self.base = base
        self.cookies = {}
        status, headers, body = self.request("GET", base + "/login")
        token = re.search(r'name="_csrf" value="([^"]+)"', body).group(1)
        form = urlencode({"_csrf": token, "username": user, "password": PASSWORD})
        status, headers, body = self.request(
            "POST", base + "/login", form, {"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin"})
        assert status == 303, body

    def request(self, method, url, body=None, headers=None):
        parts = urlsplit(url)
        sent = dict(headers or {})
        if parts.port == urlsplit(self.base).port and self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        try:
            connection.request(method, parts.path + ("?" + parts.query if parts.query else ""), body=body, headers=sent)
            response = connection.getresponse()
            text = response.read().decode("utf-8", errors="replace")
            if parts.port == urlsplit(self.base).port:
                for name, value in response.getheaders():
                    if name.lower() == "set-cookie":
                        key, _, rest = value.partition("=")
                        self.cookies[key] = rest.split(";")[0]
            return response.status, {k.lower(): v for k, v in response.getheaders()}, text
        finally:
            connection.close()

    def consent(self, auth_url, decision="allow"):
        """The provider's consent page, answered; returns the callback URL it redirects to."""
        status, _, page = self.request("GET", auth_url)
        assert status == 200 and "<form" in page, page
        fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page))
        fields = {k: html.unescape(v) for k, v in fields.items()}
        fields["decision"] = decision
        parts = urlsplit(auth_url)
        status, headers, body = self.request(
            "POST", f"{parts.scheme}://{parts.netloc}{parts.path}", urlencode(fields), {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 302, body
        return headers["location"]

    def callback(self, url):
        """Horario's OAuth callback, answered as JSON: (status, parsed body or text)."""
        status, _, text = self.request("GET", url, headers={"Accept": "application/json"})
        try:
            return status, json.loads(text)
        except ValueError:
            return status, text
