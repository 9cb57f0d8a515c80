"""The SMTP client and the MIME building against a real SMTP server (aiosmtpd): plain on a
local relay, STARTTLS with AUTH, implicit TLS with AUTH (throwaway certificates from openssl),
a refused password, a server that is not there. Each received message is parsed with Python's
`email` package and its invitation with `icalendar`.

Run by scripts/mail-tests with HORARIO_BIN set.
"""
import email
import email.policy
import os
import socket
import ssl
import subprocess
import tempfile
import time

import icalendar
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER, PASSWORD = "agenda@clinic.example", "relay-pässword"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, envelope.rcpt_tos, envelope.original_content))
        return "250 Message accepted for delivery"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == USER and auth_data.password.decode() == PASSWORD
    # handled=False: the server answers 535 itself.
    return AuthResult(success=ok, handled=False)


@pytest.fixture(scope="module")
def certificate():
    folder = tempfile.mkdtemp(prefix="smtp-tls-")
    key, cert = os.path.join(folder, "key.pem"), os.path.join(folder, "cert.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"], check=True, capture_output=True)
    return key, cert


def server_context(certificate):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certificate[1], certificate[0])
    return context


def run(url, to="carla@example.org", ca=None):
    env = dict(os.environ, HORARIO_SMTP_URL=url, HORARIO_MAIL_FROM=USER)
    if ca:
        env["HORARIO_SMTP_CA_FILE"] = ca
    return subprocess.run([os.environ["HORARIO_BIN"], "mail", "test", "--to", to], capture_output=True, text=True, env=env, timeout=120)


def check_message(raw):
    message = email.message_from_bytes(raw, policy=email.policy.default)
    # Non-ASCII names in headers are RFC 2047 encoded words, decoded back exactly.
    assert str(message["Subject"]) == "Consulta confirmada com Dr. João"
    assert message["From"].addresses[0].display_name == "Clínica São Paulo"
    assert message["From"].addresses[0].addr_spec == USER
    assert b"=?UTF-8?B?" in raw.split(b"\r\n\r\n")[0]
    assert message["Message-ID"] and message["Date"]
    assert message.get_content_type() == "multipart/mixed"
    alternative, attachment = message.get_payload()
    assert alternative.get_content_type() == "multipart/alternative"
    plain, html, invitation = alternative.get_payload()
    assert plain.get_content_type() == "text/plain" and "Dr. João" in plain.get_content()
    assert html.get_content_type() == "text/html" and "<strong>Dr. João</strong>" in html.get_content()
    assert invitation.get_content_type() == "text/calendar" and invitation.get_param("method") == "REQUEST"
    assert attachment.get_filename() == "invite.ics"
    calendar = icalendar.Calendar.from_ical(invitation.get_content())
    assert str(calendar["METHOD"]) == "REQUEST"
    event = next(c for c in calendar.walk("VEVENT"))
    assert str(event["ORGANIZER"]).lower() == "mailto:" + USER and int(event["SEQUENCE"]) == 0
    assert "Clínica São Paulo" in str(event["LOCATION"])
    assert str(event["ATTENDEE"]).lower() == "mailto:carla@example.org"
    return message


def test_a_local_relay_without_authentication():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        result = run(f"smtp://127.0.0.1:{controller.port}")
        assert result.returncode == 0, result.stderr
        (sender, recipients, raw), = inbox.messages
        assert sender == USER and recipients == ["carla@example.org"]
        check_message(raw)
    finally:
        controller.stop()


def test_starttls_with_auth(certificate):
    inbox = Inbox()
    controller = Controller(inbox, hostname="localhost", port=free_port(), tls_context=server_context(certificate), require_starttls=True,
                            authenticator=authenticator, auth_require_tls=True)
    controller.start()
    try:
        user = USER.replace("@", "%40")
        result = run(f"smtp://{user}:relay-p%C3%A4ssword@localhost:{controller.port}", ca=certificate[1])
        assert result.returncode == 0, result.stderr
        (sender, recipients, raw), = inbox.messages
        check_message(raw)
        # A wrong password is refused with the relay's answer, and nothing is delivered.
        result = run(f"smtp://{user}:wrong@localhost:{controller.port}", ca=certificate[1])
        assert result.returncode != 0 and "535" in result.stderr, result.stderr
        assert len(inbox.messages) == 1
        # A certificate nobody vouches for is refused.
        result = run(f"smtp://{user}:relay-p%C3%A4ssword@localhost:{controller.port}")
        assert result.returncode != 0
        assert len(inbox.messages) == 1
    finally:
        controller.stop()


def test_implicit_tls_with_auth(certificate):
    inbox = Inbox()
    controller = Controller(inbox, hostname="localhost", port=free_port(), ssl_context=server_context(certificate),
                            authenticator=authenticator, auth_require_tls=False)
    controller.start()
    try:
        result = run(f"smtps://{USER.replace('@', '%40')}:relay-p%C3%A4ssword@localhost:{controller.port}", ca=certificate[1])
        assert result.returncode == 0, result.stderr
        (_, _, raw), = inbox.messages
        check_message(raw)
    finally:
        controller.stop()


def test_no_relay_is_a_clear_error_within_seconds():
    started = time.monotonic()
    result = run(f"smtp://127.0.0.1:{free_port()}")
    assert result.returncode != 0 and result.stderr.strip()
    assert time.monotonic() - started < 20
    result = run("http://example.org/")
    assert result.returncode != 0 and "smtp://" in result.stderr
