#!/usr/bin/env python3
"""Broken and slow HTTP at the socket level, against a running Horario server.

Usage:
    python3 Tests/clients/test_http_framing.py --url http://127.0.0.1:PORT/ --user admin --password secret --idle-timeout 5

The server must have been started with `--idle-timeout` equal to the value given here. Checks:
an invalid chunk size is a 400 and the connection is closed (on a DAV route and on an API
route); a request head over 16 KiB is a 431 and the connection is closed, while one just
under the limit is served; a client that sends its head a byte a second, and one that sends
nothing, are disconnected after the idle timeout; 200 such sockets do not stop the server
answering others. Each check prints PASS or FAIL; exit status 1 if any failed.
"""

import argparse
import base64
import socket
import sys
import time
from urllib.parse import urlsplit

FAILURES = []


def check(name, condition, detail=""):
    print(("PASS " if condition else "FAIL ") + name + ("" if condition else f" ({detail})"))
    if not condition:
        FAILURES.append(name)


def connect(host, port):
    sock = socket.create_connection((host, port), timeout=10)
    sock.settimeout(10)
    return sock


def read_answer(sock, limit=20.0):
    """Everything the server sends until it closes (or `limit` seconds): (status, raw, closed)."""
    deadline = time.monotonic() + limit
    data = b""
    closed = False
    while time.monotonic() < deadline:
        try:
            sock.settimeout(max(0.1, deadline - time.monotonic()))
            chunk = sock.recv(65536)
        except socket.timeout:
            break
        except ConnectionResetError:
            closed = True
            break
        if not chunk:
            closed = True
            break
        data += chunk
    status = None
    if data.startswith(b"HTTP/1.1 "):
        status = int(data[9:12])
    return status, data, closed


def wait_closed(sock, limit):
    """Seconds until the server closes `sock` without our sending more, or None."""
    started = time.monotonic()
    sock.settimeout(limit)
    try:
        while True:
            chunk = sock.recv(4096)
            if not chunk:
                return time.monotonic() - started
    except (socket.timeout, TimeoutError):
        return None
    except ConnectionResetError:
        return time.monotonic() - started


def healthz(host, port):
    sock = connect(host, port)
    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    status, _, _ = read_answer(sock)
    sock.close()
    return status


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--idle-timeout", type=float, required=True)
    args = parser.parse_args()
    parts = urlsplit(args.url)
    host, port = parts.hostname, parts.port or 80
    auth = base64.b64encode(f"{args.user}:{args.password}".encode()).decode()

    # 1. An invalid chunk size: 400 and the connection closed, never a 500.
    for path, kind in [("/dav/calendars/admin/broken.ics", "text/calendar"), ("/api/availability/schedules", "application/json")]:
        sock = connect(host, port)
        method = "PUT" if path.startswith("/dav") else "POST"
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Basic {auth}\r\nContent-Type: {kind}\r\n"
            "Transfer-Encoding: chunked\r\n\r\n"
        )
        sock.sendall(head.encode() + b"zz\r\nBEGIN:VCALENDAR\r\n")
        status, raw, closed = read_answer(sock)
        check(f"invalid chunk size on {path} is a 400", status == 400, raw[:200])
        check(f"invalid chunk size on {path} closes the connection", closed)
        sock.close()

    # 2. Header size: 431 over 16 KiB, served just under it.
    sock = connect(host, port)
    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 65536 + b"\r\n\r\n")
    status, raw, closed = read_answer(sock)
    check("a 64 KiB header is a 431", status == 431, raw[:200])
    check("a 64 KiB header closes the connection", closed)
    sock.close()
    sock = connect(host, port)
    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: " + b"a" * 15000 + b"\r\n\r\n")
    status, raw, _ = read_answer(sock)
    check("a 15,000-byte header is served", status == 200, raw[:200])
    sock.close()
    sock = connect(host, port)
    many = b"".join(b"X-H%d: v\r\n" % i for i in range(400))
    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + many + b"\r\n")
    status, raw, closed = read_answer(sock)
    check("400 header fields are a 431", status == 431, raw[:200])
    sock.close()

    # 3. Slow and silent clients are disconnected after the idle timeout.
    limit = args.idle_timeout + 10
    silent = connect(host, port)
    slow = connect(host, port)
    slow.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
    started = time.monotonic()
    closed_after = None
    slow.settimeout(1)
    while time.monotonic() - started < limit:
        try:
            slow.sendall(b"X")
            chunk = slow.recv(4096)
            if not chunk:
                closed_after = time.monotonic() - started
                break
        except (socket.timeout, TimeoutError):
            continue
        except (BrokenPipeError, ConnectionResetError):
            closed_after = time.monotonic() - started
            break
    check("a head sent a byte a second is cut off after the idle timeout", closed_after is not None, f"still open after {limit} s")
    silent_closed = wait_closed(silent, 5)
    check("a connection that sends nothing is closed after the idle timeout", silent_closed is not None)
    slow.close()
    silent.close()

    # 4. Many idle sockets do not stop the server answering others, and all are closed.
    idle = [connect(host, port) for _ in range(200)]
    check("with 200 idle sockets open, the server still answers", healthz(host, port) == 200)
    time.sleep(args.idle_timeout + 2)
    still_open = 0
    for sock in idle:
        if wait_closed(sock, 3) is None:
            still_open += 1
        sock.close()
    check("200 idle sockets are all closed after the idle timeout", still_open == 0, f"{still_open} still open")
    check("the server answers after all of it", healthz(host, port) == 200)

    print(f"http framing: {len(FAILURES)} failed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
