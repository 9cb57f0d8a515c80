"""Secrets at rest: the key file `serve` creates, and `horario keys rotate`."""
import os
import subprocess
import tempfile

from calendars import mkcalendar, set_up_expert
from peers import Horario
from test_busy_time import connect


def test_keys_rotate_reseals_every_secret_and_the_server_still_reads_them(workdir, own_radicale):
    folder = tempfile.mkdtemp(prefix="keys-", dir=workdir)
    horario = Horario(folder)
    try:
        key_file = horario.database + ".key"
        assert oct(os.stat(key_file).st_mode & 0o777) == "0o600"
        assert [line.split(":")[0] for line in open(key_file).read().splitlines() if not line.startswith("#")] == ["1"]
        owner, password = "gil@example.org", "gil-pass"
        own_radicale.add_user(owner, password)
        mkcalendar(own_radicale.client(owner, password), f"/{owner}/office/")
        _, api, _ = set_up_expert(horario)
        connection = connect(api, own_radicale.base, owner, password)
        horario.stop()

        result = subprocess.run([horario.binary, "keys", "rotate", "--data", horario.database], capture_output=True, text=True,
                                env=horario.env)
        assert result.returncode == 0, result.stderr
        assert "1 connection secret(s) sealed again; 0 row(s) left on old keys" in result.stdout
        assert [line.split(":")[0] for line in open(key_file).read().splitlines() if not line.startswith("#")] == ["2"]
        assert oct(os.stat(key_file).st_mode & 0o777) == "0o600"

        horario.start()
        status, body = api.json("POST", f"/api/availability/calendars/{connection['id']}/refresh")
        assert status == 200 and body["status"] == "ok", body
    finally:
        horario.stop()


def test_an_inline_key_cannot_be_rotated(workdir):
    folder = tempfile.mkdtemp(prefix="keys-", dir=workdir)
    horario = Horario(folder)
    horario.stop()
    env = dict(horario.env, HORARIO_SECRET_KEY="AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
    result = subprocess.run([horario.binary, "keys", "rotate", "--data", horario.database], capture_output=True, text=True, env=env)
    assert result.returncode != 0 and "HORARIO_SECRET_KEY" in result.stderr
