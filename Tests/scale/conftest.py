"""Two Horario instances on one PostgreSQL database (SCALE-OUT.md §9.2): a throwaway cluster
from scripts/postgres-cluster, two `horario serve --database URL` processes started at the
same moment on a fresh database (so they race to migrate and to create `admin`), and helpers
to talk to both.

Environment:
  HORARIO_BIN   the built server binary (scripts/scale-tests passes it)
"""
import base64
import os
import shutil
import subprocess
import sys
import tempfile

import pytest

sys.path.insert(0, os.path.dirname(__file__))

from instances import Cluster, Instance  # noqa: E402


@pytest.fixture(scope="session")
def workdir():
    folder = tempfile.mkdtemp(prefix="horario-scale-")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def cluster():
    cluster = Cluster()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def shared_env():
    # Every instance must open what the others sealed: one key for all.
    return {"HORARIO_SECRET_KEY": base64.b64encode(os.urandom(32)).decode()}


@pytest.fixture(scope="session")
def pair(cluster, workdir, shared_env):
    """Instances A and B, started together on one new database."""
    url = cluster.create_database("horario_pair")
    a = Instance("a", url, workdir, shared_env)
    b = Instance("b", url, workdir, shared_env)
    for instance in (a, b):
        instance.start()
    for instance in (a, b):
        instance.wait_ready()
    yield a, b
    for instance in (a, b):
        instance.stop()


def run_binary(*args, env=None, input=None):
    return subprocess.run([os.environ["HORARIO_BIN"], *args], env=env, input=input, text=True, capture_output=True, timeout=120)
