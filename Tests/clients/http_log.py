"""Keeps the HTTP exchanges a caldav.DAVClient makes, so a failed check can show the exact
request and response that led to it."""

MAX_BODY = 3000


def _text(body):
    if body is None:
        return ""
    if isinstance(body, bytes):
        body = body.decode("utf-8", errors="replace")
    body = str(body)
    if len(body) > MAX_BODY:
        body = body[:MAX_BODY] + f"\n... ({len(body) - MAX_BODY} more characters)"
    return body


class Exchange:
    def __init__(self, method, url, request_headers, request_body, status, response_headers, response_body):
        self.method = method
        self.url = url
        self.request_headers = request_headers
        self.request_body = request_body
        self.status = status
        self.response_headers = response_headers
        self.response_body = response_body

    def format(self):
        lines = [f">>> {self.method} {self.url}"]
        for name, value in self.request_headers.items():
            if name.lower() == "authorization":
                value = value.split(" ")[0] + " (hidden)"
            lines.append(f">>> {name}: {value}")
        if self.request_body:
            lines.append(">>>")
            lines.extend(">>> " + line for line in _text(self.request_body).splitlines())
        lines.append(f"<<< {self.status}")
        for name, value in self.response_headers.items():
            lines.append(f"<<< {name}: {value}")
        if self.response_body:
            lines.append("<<<")
            lines.extend("<<< " + line for line in _text(self.response_body).splitlines())
        return "\n".join(lines)


class HTTPLog:
    """Attach to a client with `HTTPLog().attach(client)`; `mark()` and `since(mark)` give the
    exchanges of one check."""

    def __init__(self):
        self.exchanges = []

    def attach(self, client):
        client.session.hooks.setdefault("response", []).append(self._record)
        return self

    def _record(self, response, *args, **kwargs):
        request = response.request
        try:
            body = response.content
        except Exception as error:  # a streamed or failed body: say so instead of hiding the exchange
            body = f"(body unreadable: {error})"
        self.exchanges.append(
            Exchange(
                request.method,
                request.url,
                dict(request.headers),
                request.body,
                f"{response.status_code} {response.reason}",
                dict(response.headers),
                body,
            )
        )
        return response

    def add(self, exchange):
        self.exchanges.append(exchange)

    def mark(self):
        return len(self.exchanges)

    def since(self, mark):
        return self.exchanges[mark:]


class RawHTTP:
    """Plain requests (no redirects followed, nothing rewritten) for checks the client library
    would hide, recorded into the same log."""

    def __init__(self, base_url, user, password, log):
        import base64
        from urllib.parse import urlsplit

        parts = urlsplit(base_url)
        self.host = parts.hostname
        self.port = parts.port or 80
        self.log = log
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        self.authorization = f"Basic {token}"

    def request(self, method, url_or_path, body=None, headers=None):
        """Returns (status, headers as a lower-cased dict, body text)."""
        import http.client
        from urllib.parse import urlsplit

        parts = urlsplit(str(url_or_path))
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        sent = {"Authorization": self.authorization}
        sent.update(headers or {})
        if isinstance(body, str):
            body = body.encode("utf-8")
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            data = response.read().decode("utf-8", errors="replace")
            received = {name.lower(): value for name, value in response.getheaders()}
            status = response.status
            reason = response.reason
        finally:
            connection.close()
        self.log.add(
            Exchange(method, f"http://{self.host}:{self.port}{path}", sent, body, f"{status} {reason}", received, data)
        )
        return status, received, data
