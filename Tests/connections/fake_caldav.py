"""A CalDAV server that misbehaves on demand: slow answers to REPORT, or garbage for everything.
Only what discovery and busy time need, from RFC 4918 and 4791."""
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MULTISTATUS = """<?xml version="1.0" encoding="utf-8"?>
<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">{}</d:multistatus>"""


def response(href, props):
    return f"<d:response><d:href>{href}</d:href><d:propstat><d:prop>{props}</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"


class FakeCalDAV:
    def __init__(self):
        self.report_delay = 0.0
        self.garbage = None  # (status, content type, body) answered to everything
        # REPORTs answered, and the most ever in flight at once (the two-instance tests: one refresher at a time).
        self.reports = 0
        self.in_flight = 0
        self.most_in_flight = 0
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def answer(self, status, body, content_type="application/xml; charset=utf-8"):
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_PROPFIND(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if server.garbage:
                    return self.answer(*server.garbage[:1], server.garbage[2], server.garbage[1])
                if self.path in ("/", "/.well-known/caldav"):
                    body = response(self.path, "<d:current-user-principal><d:href>/principal/</d:href></d:current-user-principal>")
                elif self.path == "/principal/":
                    body = response("/principal/", "<c:calendar-home-set><d:href>/calendars/</d:href></c:calendar-home-set>")
                else:
                    calendar = response(
                        "/calendars/office/",
                        "<d:resourcetype><d:collection/><c:calendar/></d:resourcetype><d:displayname>Work</d:displayname>")
                    body = (response("/calendars/", "<d:resourcetype><d:collection/></d:resourcetype>") if self.headers.get("Depth") == "1"
                            else "") + calendar
                self.answer(207, MULTISTATUS.format(body))

            def do_REPORT(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if server.garbage:
                    return self.answer(*server.garbage[:1], server.garbage[2], server.garbage[1])
                with server.lock:
                    server.in_flight += 1
                    server.most_in_flight = max(server.most_in_flight, server.in_flight)
                try:
                    time.sleep(server.report_delay)
                    self.answer(207, MULTISTATUS.format(""))
                finally:
                    with server.lock:
                        server.in_flight -= 1
                        server.reports += 1

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
