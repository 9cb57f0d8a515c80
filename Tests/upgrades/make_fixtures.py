#!/usr/bin/env python3
"""Writes the upgrade fixtures: databases created by earlier schema versions, as SQL text.

- SQLite: `swift test --filter UpgradeFixtureWriter` (with HORARIO_WRITE_UPGRADE_FIXTURES set)
  stops a database at each earlier version with a row in every table; each is dumped here
  to Tests/upgrades/sqlite/<version>.sql.
- PostgreSQL: a throwaway cluster (scripts/postgres-cluster), `horario migrate`, the rows of
  POSTGRES_ROWS, then `pg_dump` to Tests/upgrades/postgres/<version>.sql.

Fixtures of shipped versions never change; run this when a migration is added, commit the new
files, and keep the old ones byte for byte (git shows if they moved).

Usage: python3 Tests/upgrades/make_fixtures.py .build/debug/horario
"""
import os
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))

POSTGRES_ROWS = """
INSERT INTO users (id, username, display_name, email, time_zone, password_hash, created_at)
  VALUES ('u1', 'joao', 'Dr. João', 'joao@example.org', 'America/Sao_Paulo', 'pbkdf2-sha256$1$c2FsdA$aGFzaA', '2025-01-02 03:04:05Z');
INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES ('t1', 'u1', 'laptop', 'tokenhash1', '2025-01-02 03:04:05Z');
INSERT INTO schedules (id, user_id, name, is_default, timezone, availability, date_overrides, location, is_active, created_at, updated_at)
  VALUES ('s1', 'u1', 'Consultório', true, 'America/Sao_Paulo', '[{"day":"monday","slots":[{"endTime":"12:00","startTime":"09:00"}]}]',
  '[]', '{"address":"Av. Paulista, 1000","type":"in-person"}', true, '2025-01-02 03:04:05Z', '2025-01-02 03:04:05Z');
INSERT INTO event_types (id, user_id, title, slug, description, schedule_id, calendar_destination, duration, created_at, updated_at)
  VALUES ('e1', 'u1', 'Consulta', 'consulta', '', 's1', '{"type":"app-only"}', 30, '2025-01-02 03:04:05Z', '2025-01-02 03:04:05Z');
INSERT INTO bookings (id, uid, user_id, event_type_id, schedule_id, start_at, end_at, status, attendee_name, attendee_email,
  attendee_time_zone, location, sequence, created_at, updated_at)
  VALUES ('b1', 'b1@horario', 'u1', 'e1', 's1', '2025-02-03 12:00:00Z', '2025-02-03 12:30:00Z', 'confirmed', 'Carla Souza',
  'carla@example.org', 'America/Sao_Paulo', 'Av. Paulista, 1000', 0, '2025-01-02 03:04:05Z', '2025-01-02 03:04:05Z');
INSERT INTO calendars (id, user_id, schedule_id, slug, display_name, sync_revision, created_at, updated_at)
  VALUES ('c1', 'u1', 's1', 'consultorio', 'Consultório', 1, '2025-01-02 03:04:05Z', '2025-01-02 03:04:05Z');
INSERT INTO calendar_objects (id, calendar_id, name, uid, component_type, ics, etag, size, first_start, last_end, booking_id, created_at, updated_at)
  VALUES ('o1', 'c1', 'b1@horario.ics', 'b1@horario', 'VEVENT',
  E'BEGIN:VCALENDAR\\r\\nVERSION:2.0\\r\\nPRODID:-//Horario//EN\\r\\nBEGIN:VEVENT\\r\\nUID:b1@horario\\r\\nDTSTAMP:20250102T030405Z\\r\\nDTSTART:20250203T120000Z\\r\\nDTEND:20250203T123000Z\\r\\nSUMMARY:Consulta\\r\\nEND:VEVENT\\r\\nEND:VCALENDAR\\r\\n',
  '"1-0000000000000001"', 210, '2025-02-03 12:00:00Z', '2025-02-03 12:30:00Z', 'b1', '2025-01-02 03:04:05Z', '2025-01-02 03:04:05Z');
INSERT INTO calendar_changes (calendar_id, revision, object_name, deleted, changed_at) VALUES ('c1', 1, 'b1@horario.ics', false, '2025-01-02 03:04:05Z');
INSERT INTO dav_resources (user_id, path, is_collection, body, content_type, size, revision, etag, created_at, updated_at)
  VALUES ('u1', 'notes.txt', false, 'hello'::bytea, 'text/plain', 5, 1, '"1-abc"', '2025-01-02 03:04:05Z', '2025-01-02 03:04:05Z');
INSERT INTO dead_properties (user_id, path, namespace, name, xml)
  VALUES ('u1', 'consultorio', 'http://apple.com/ns/ical/', 'calendar-color', '<calendar-color xmlns="http://apple.com/ns/ical/">#FF0000</calendar-color>');
INSERT INTO web_sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES ('sess1', 'u1', 'csrf1', '2025-01-02 03:04:05Z', '2035-01-01 00:00:00Z');
INSERT INTO booking_history (booking_id, action, actor, at, start_at, end_at)
  VALUES ('b1', 'created', 'booker', '2025-01-02 03:04:05Z', '2025-02-03 12:00:00Z', '2025-02-03 12:30:00Z');
INSERT INTO calendar_connections (id, user_id, provider, email, server_url, credentials, key_id, created_at, updated_at)
  VALUES ('k1', 'u1', 'caldav', 'joao@example.org', 'https://dav.example.org/', 'sealed', 1, '2025-01-02 03:04:05Z', '2025-01-02 03:04:05Z');
INSERT INTO connected_calendars (connection_id, external_id, position, name, is_primary, can_write, check_conflicts)
  VALUES ('k1', '/cal/office/', 0, 'Office', true, true, true);
INSERT INTO external_busy (connection_id, calendar_id, start_epoch, end_epoch, kind) VALUES ('k1', '/cal/office/', 1738591200, 1738594800, 'busy');
INSERT INTO booking_messages (booking_id, kind, recipient, sequence, start_at, end_at, state, created_at)
  VALUES ('b1', 'created', 'booker', 0, '2025-02-03 12:00:00Z', '2025-02-03 12:30:00Z', 'sent', '2025-01-02 03:04:05Z');
INSERT INTO scheduling_inbox (id, user_id, name, uid, method, ics, etag, created_at)
  VALUES ('i1', 'u1', 'i1.ics', 'meeting@example.org', 'REQUEST', 'BEGIN:VCALENDAR', '"1-i1"', '2025-01-02 03:04:05Z');
"""


def sqlite_fixtures():
    folder = tempfile.mkdtemp(prefix="horario-fixtures-")
    env = dict(os.environ, HORARIO_WRITE_UPGRADE_FIXTURES=folder)
    subprocess.run(["swift", "test", "--filter", "UpgradeFixtureWriter"], cwd=ROOT, env=env, check=True)
    os.makedirs(os.path.join(HERE, "sqlite"), exist_ok=True)
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".sqlite"):
            continue
        target = os.path.join(HERE, "sqlite", name.replace(".sqlite", ".sql"))
        if os.path.exists(target):
            continue  # shipped: never rewritten
        connection = sqlite3.connect(os.path.join(folder, name))
        with open(target, "w") as out:
            for line in connection.iterdump():
                out.write(line + "\n")
        connection.close()
        print("wrote", os.path.relpath(target, ROOT))


def postgres_fixture(binary):
    out = subprocess.run([os.path.join(ROOT, "scripts", "postgres-cluster"), "start"], check=True, capture_output=True, text=True)
    directory, url = out.stdout.split()[:2]
    try:
        query = dict(part.split("=", 1) for part in url.split("?", 1)[1].split("&"))
        psql = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", query["host"], "-p", query["port"], "-U", "horario"]
        subprocess.run(psql + ["-d", "postgres", "-c", "CREATE DATABASE fixture"], check=True)
        fixture_url = url.replace("/postgres?", "/fixture?")
        migrated = subprocess.run([binary, "migrate", "--database", fixture_url], check=True, capture_output=True, text=True)
        version = migrated.stdout.strip().split()[-1]
        target = os.path.join(HERE, "postgres", f"{version}.sql")
        if os.path.exists(target):
            print("kept", os.path.relpath(target, ROOT))
            return
        subprocess.run(psql + ["-d", "fixture"], input=POSTGRES_ROWS, text=True, check=True)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        dump = subprocess.run(
            ["pg_dump", "--no-owner", "--no-privileges", "--inserts", "-h", query["host"], "-p", query["port"], "-U", "horario", "fixture"],
            check=True, capture_output=True, text=True).stdout
        with open(target, "w") as out:
            out.write(dump)
        print("wrote", os.path.relpath(target, ROOT))
    finally:
        subprocess.run([os.path.join(ROOT, "scripts", "postgres-cluster"), "stop", directory], check=False)


if __name__ == "__main__":
    sqlite_fixtures()
    postgres_fixture(os.path.abspath(sys.argv[1]))
