"""Calendar connection tests: the real `horario serve` connected to real CalDAV servers started
here on 127.0.0.1 — Radicale 3.9 (htpasswd, owner-only rights), Xandikos 0.4 (no auth) and a
second Horario — plus small fakes for what no real server does on demand (answer slowly,
answer garbage).

Environment:
  HORARIO_BIN   the built server binary (scripts/connection-tests passes it)
  PEERS_VENV    the virtual environment with radicale and xandikos (default .build/peers-venv)
"""
import os
import shutil
import subprocess
import sys
import tempfile

import pytest

sys.path.insert(0, os.path.dirname(__file__))

from peers import FAST, PASSWORD, PEERS, HTTP, Horario, Radicale, free_port, wait_for  # noqa: F401


@pytest.fixture(scope="session")
def workdir():
    folder = tempfile.mkdtemp(prefix="horario-connections-")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def running(kind, workdir, name=None):
    """A server of `kind` (Horario or Radicale) in a folder of its own, stopped afterwards."""
    folder = tempfile.mkdtemp(prefix=(name or kind.__name__.lower()) + "-", dir=workdir)
    server = kind(folder)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def horario(workdir):
    yield from running(Horario, workdir)


@pytest.fixture(scope="session")
def radicale(workdir):
    yield from running(Radicale, workdir)


@pytest.fixture(scope="session")
def xandikos(workdir):
    folder = os.path.join(workdir, "xandikos")
    port = free_port()
    log = os.path.join(workdir, "xandikos.log")
    with open(log, "w") as out:
        process = subprocess.Popen(
            [os.path.join(PEERS, "bin", "xandikos"), "serve", "--defaults", "-d", folder, "-l", "127.0.0.1", "-p", str(port)],
            stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/", process, log)
    yield {"base": base, "client": HTTP(base, "anyone", "unused")}
    process.terminate()
    process.wait(timeout=15)


@pytest.fixture(scope="session")
def peer_horario(workdir):
    """A second Horario: its schedule calendars are an external CalDAV account."""
    yield from running(Horario, workdir, "peer")


@pytest.fixture
def own_radicale(workdir):
    """A Radicale of the test's own, which it may stop and start."""
    yield from running(Radicale, workdir)


@pytest.fixture(scope="session")
def fake(workdir):
    """The Google and Microsoft contract server."""
    from peers import ProviderFake

    server = ProviderFake(workdir)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def oauth_horario(workdir, fake):
    """A Horario whose Google and Microsoft clients point at the contract server."""
    folder = tempfile.mkdtemp(prefix="oauth-", dir=workdir)
    server = Horario(folder, fake.env())
    yield server
    server.stop()
