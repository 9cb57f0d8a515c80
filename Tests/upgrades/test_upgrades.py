"""A database created by every earlier schema version upgrades to the current one with its
data intact, on both stores. The fixtures (Tests/upgrades/sqlite, Tests/upgrades/postgres) are
SQL dumps written once per version by make_fixtures.py and never rewritten, so an edited
migration that no longer upgrades what shipped shows here. `horario migrate` does the upgrade;
the rows are then read back, and `horario user list` reads the user through the store."""
import glob
import os
import sqlite3
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "scale"))

from instances import Cluster  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SQLITE_FIXTURES = sorted(glob.glob(os.path.join(HERE, "sqlite", "*.sql")))
POSTGRES_FIXTURES = sorted(glob.glob(os.path.join(HERE, "postgres", "*.sql")))

# What every fixture holds, whatever its version: (table, key column, key).
ROWS = [("users", "username", "joao"), ("schedules", "id", "s1"), ("event_types", "slug", "consulta"), ("bookings", "uid", "b1@horario"),
        ("calendars", "slug", "consultorio"), ("calendar_objects", "name", "b1@horario.ics"), ("api_tokens", "name", "laptop")]


def horario(*args):
    return subprocess.run([os.environ["HORARIO_BIN"], *args], capture_output=True, text=True, timeout=120)


def test_there_is_a_fixture_for_every_earlier_sqlite_version():
    names = [os.path.basename(path)[:-4] for path in SQLITE_FIXTURES]
    assert names[:1] == ["v1-accounts-schedules-bookings-calendars"] and len(names) >= 9, names


@pytest.mark.parametrize("fixture", SQLITE_FIXTURES, ids=[os.path.basename(p)[:-4] for p in SQLITE_FIXTURES])
def test_sqlite_database_of_an_earlier_version_upgrades(fixture, tmp_path):
    path = str(tmp_path / "old.sqlite")
    connection = sqlite3.connect(path)
    connection.executescript(open(fixture, newline="").read())
    counts_before = {table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in tables(connection)}
    connection.close()
    migrated = horario("migrate", "--data", path)
    assert migrated.returncode == 0, migrated.stderr
    connection = sqlite3.connect(path)
    applied = [row[0] for row in connection.execute("SELECT identifier FROM grdb_migrations")]
    assert migrated.stdout.strip().endswith(applied[-1])
    for table, column, key in ROWS:
        assert connection.execute(f"SELECT count(*) FROM {table} WHERE {column} = ?", (key,)).fetchone()[0] == 1, table
    for table, count in counts_before.items():
        assert connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == count, table
    ics = connection.execute("SELECT ics FROM calendar_objects WHERE id = 'o1'").fetchone()[0]
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and "UID:b1@horario\r\n" in ics
    connection.close()
    listed = horario("user", "list", "--data", path)
    assert listed.returncode == 0 and "joao" in listed.stdout, listed.stderr


def tables(connection):
    return [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'")]


@pytest.fixture(scope="module")
def cluster():
    cluster = Cluster()
    yield cluster
    cluster.stop()


def test_there_is_a_fixture_for_the_postgres_schema():
    assert [os.path.basename(path) for path in POSTGRES_FIXTURES][:1] == ["v1-schema.sql"]


@pytest.mark.parametrize("fixture", POSTGRES_FIXTURES, ids=[os.path.basename(p)[:-4] for p in POSTGRES_FIXTURES])
def test_postgres_database_of_an_earlier_version_upgrades(fixture, cluster):
    name = "upgrade_" + os.path.basename(fixture)[:-4].replace("-", "_")
    url = cluster.create_database(name)
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", cluster.socket_dir, "-p", cluster.port, "-U", "horario", "-d", name,
                    "-f", fixture], check=True, capture_output=True)
    counts_before = {table: cluster.psql(f"SELECT count(*) FROM {table}", name) for table in ["users", "bookings", "calendar_objects",
                                                                                               "calendar_changes", "external_busy"]}
    migrated = horario("migrate", "--database", url)
    assert migrated.returncode == 0, migrated.stderr
    latest = cluster.psql("SELECT identifier FROM horario_migrations ORDER BY applied_at DESC, identifier DESC LIMIT 1", name)
    assert migrated.stdout.strip().endswith(latest)
    for table, column, key in ROWS:
        assert cluster.psql(f"SELECT count(*) FROM {table} WHERE {column} = '{key}'", name) == "1", table
    for table, count in counts_before.items():
        assert cluster.psql(f"SELECT count(*) FROM {table}", name) == count, table
    listed = horario("user", "list", "--database", url)
    assert listed.returncode == 0 and "joao" in listed.stdout, listed.stderr
