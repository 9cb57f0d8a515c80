"""The deployment example (deploy/nginx-horario.conf) in front of the two instances: nginx with
the file as shipped, only its ports and certificate replaced, answers over TLS, redirects plain
HTTP, carries the API, CalDAV and the web UI, and keeps answering when one instance dies."""
import http.client
import os
import shutil
import ssl
import subprocess
import sys
import time
import urllib.request

import pytest

sys.path.insert(0, os.path.dirname(__file__))

from instances import ROOT, HTTP, free_port  # noqa: E402


class TLSHTTP(HTTP):
    def request(self, method, path, body=None, headers=None, timeout=60):
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        sent = dict(headers or {}, Host="horario.example.org")
        if self.auth:
            sent["Authorization"] = self.auth
        connection = http.client.HTTPSConnection(self.host, self.port, timeout=timeout, context=context)
        try:
            connection.request(method, path, body=body.encode() if isinstance(body, str) else body, headers=sent)
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read().decode("utf-8", "replace")
        finally:
            connection.close()


@pytest.fixture(scope="module")
def proxy(pair, workdir):
    if shutil.which("nginx") is None and not os.path.exists("/usr/sbin/nginx"):
        pytest.fail("nginx is not installed: run scripts/install-test-deps")
    a, b = pair
    folder = os.path.join(workdir, "nginx")
    os.makedirs(folder, exist_ok=True)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=horario.example.org",
                    "-keyout", f"{folder}/privkey.pem", "-out", f"{folder}/fullchain.pem"], check=True, capture_output=True)
    http_port, https_port = free_port(), free_port()
    example = open(os.path.join(ROOT, "deploy", "nginx-horario.conf")).read()
    rendered = (example.replace("127.0.0.1:8081", f"127.0.0.1:{a.port}").replace("127.0.0.1:8082", f"127.0.0.1:{b.port}")
                .replace("listen 80;", f"listen 127.0.0.1:{http_port};")
                .replace("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
                .replace("/etc/ssl/horario", folder))
    assert rendered.count(folder) == 2 and str(https_port) in rendered, "the example's ports or certificate paths moved"
    open(f"{folder}/horario.conf", "w").write(rendered)
    user = "user root;\n" if os.geteuid() == 0 else ""
    open(f"{folder}/nginx.conf", "w").write(
        f"{user}daemon off;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\nevents {{}}\n"
        f"http {{\n  access_log off;\n  client_body_temp_path {folder}/body;\n  proxy_temp_path {folder}/proxy;\n"
        f"  include {folder}/horario.conf;\n}}\n")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    process = subprocess.Popen([nginx, "-p", folder, "-c", f"{folder}/nginx.conf"], stderr=subprocess.PIPE)
    for _ in range(100):
        try:
            TLSHTTP(f"https://127.0.0.1:{https_port}").request("GET", "/healthz")
            break
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(process.stderr.read().decode())
            time.sleep(0.05)
    yield {"http": http_port, "https": https_port}
    process.terminate()
    process.wait(timeout=10)


def test_plain_http_is_redirected_to_https(proxy):
    status, headers, _ = HTTP(f"http://127.0.0.1:{proxy['http']}").request("GET", "/login", headers={"Host": "horario.example.org"})
    assert status == 301 and headers["location"] == "https://horario.example.org/login"


def test_api_caldav_and_web_ui_through_the_proxy(proxy):
    base = f"https://127.0.0.1:{proxy['https']}"
    assert TLSHTTP(base).request("GET", "/healthz")[0] == 200
    assert TLSHTTP(base, "admin", "scale-test-password-1").request("GET", "/api/me")[0] == 200
    status, _, text = TLSHTTP(base, "admin", "scale-test-password-1").request(
        "PROPFIND", "/dav/calendars/admin/", '<d:propfind xmlns:d="DAV:"><d:prop><d:displayname/></d:prop></d:propfind>', {"Depth": "1"})
    assert status == 207, text
    status, _, page = TLSHTTP(base).request("GET", "/login")
    assert status == 200 and "_csrf" in page


def test_the_proxy_keeps_answering_when_an_instance_dies(pair, proxy):
    a, _ = pair
    base = f"https://127.0.0.1:{proxy['https']}"
    a.kill()
    try:
        statuses = [TLSHTTP(base, "admin", "scale-test-password-1").request("GET", "/api/me")[0] for _ in range(20)]
        assert statuses == [200] * 20
    finally:
        a.start()
        a.wait_ready()
