BEGIN TRANSACTION;
CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at DATETIME NOT NULL
);
INSERT INTO "api_tokens" VALUES('t1','u1','laptop','tokenhash1','2025-01-02 03:04:05.000');
CREATE TABLE booking_history (
  booking_id TEXT NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
  action TEXT NOT NULL CHECK (action IN ('created', 'rescheduled', 'cancelled')),
  actor TEXT NOT NULL CHECK (actor IN ('booker', 'expert', 'calendar-app')),
  at DATETIME NOT NULL,
  start_at DATETIME NOT NULL,
  end_at DATETIME NOT NULL
);
INSERT INTO "booking_history" VALUES('b1','created','booker','2025-01-02 03:04:05.000','2025-02-03 12:00:00.000','2025-02-03 12:30:00.000');
CREATE TABLE bookings (
  id TEXT PRIMARY KEY NOT NULL,
  uid TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  event_type_id TEXT NOT NULL REFERENCES event_types(id) ON DELETE RESTRICT,
  schedule_id TEXT NOT NULL REFERENCES schedules(id) ON DELETE RESTRICT,
  start_at DATETIME NOT NULL,
  end_at DATETIME NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('confirmed', 'cancelled')),
  attendee_name TEXT NOT NULL,
  attendee_email TEXT NOT NULL,
  attendee_time_zone TEXT NOT NULL,
  location TEXT NOT NULL DEFAULT '',
  notes TEXT,
  sequence INTEGER NOT NULL DEFAULT 0,
  management_token_hash TEXT,
  idempotency_key TEXT,
  cancellation_reason TEXT,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  CHECK (end_at > start_at)
);
INSERT INTO "bookings" VALUES('b1','b1@horario','u1','e1','s1','2025-02-03 12:00:00.000','2025-02-03 12:30:00.000','confirmed','Carla Souza','carla@example.org','America/Sao_Paulo','Av. Paulista, 1000',NULL,0,NULL,NULL,NULL,'2025-01-02 03:04:05.000','2025-01-02 03:04:05.000');
CREATE TABLE calendar_changes (
  calendar_id TEXT NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
  revision INTEGER NOT NULL,
  object_name TEXT NOT NULL,
  deleted BOOLEAN NOT NULL DEFAULT 0,
  changed_at DATETIME NOT NULL,
  PRIMARY KEY (calendar_id, revision)
);
INSERT INTO "calendar_changes" VALUES('c1',1,'b1@horario.ics',0,'2025-01-02 03:04:05.000');
CREATE TABLE calendar_objects (
  id TEXT PRIMARY KEY NOT NULL,
  calendar_id TEXT NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  uid TEXT NOT NULL,
  component_type TEXT NOT NULL,
  ics TEXT NOT NULL,
  etag TEXT NOT NULL,
  first_start DATETIME,
  last_end DATETIME,
  booking_id TEXT REFERENCES bookings(id) ON DELETE SET NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL, size INTEGER NOT NULL DEFAULT 0,
  UNIQUE (calendar_id, name),
  UNIQUE (calendar_id, uid)
);
INSERT INTO "calendar_objects" VALUES('o1','c1','b1@horario.ics','b1@horario','VEVENT','BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Horario//EN
BEGIN:VEVENT
UID:b1@horario
DTSTAMP:20250102T030405Z
DTSTART:20250203T120000Z
DTEND:20250203T123000Z
SUMMARY:Consulta
END:VEVENT
END:VCALENDAR
','"1-0000000000000001"','2025-02-03 12:00:00.000','2025-02-03 12:30:00.000','b1','2025-01-02 03:04:05.000','2025-01-02 03:04:05.000',0);
CREATE TABLE calendars (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  schedule_id TEXT UNIQUE REFERENCES schedules(id) ON DELETE CASCADE,
  slug TEXT NOT NULL,
  display_name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  color TEXT,
  calendar_order INTEGER NOT NULL DEFAULT 0,
  timezone TEXT,
  components TEXT NOT NULL DEFAULT 'VEVENT',
  sync_revision INTEGER NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  UNIQUE (user_id, slug)
);
INSERT INTO "calendars" VALUES('c1','u1','s1','consultorio','Consultório','',NULL,0,NULL,'VEVENT',1,'2025-01-02 03:04:05.000','2025-01-02 03:04:05.000');
CREATE TABLE dav_resources (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  is_collection BOOLEAN NOT NULL DEFAULT 0,
  body BLOB,
  content_type TEXT,
  size INTEGER NOT NULL DEFAULT 0,
  revision INTEGER NOT NULL DEFAULT 1,
  etag TEXT NOT NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  PRIMARY KEY (user_id, path)
);
INSERT INTO "dav_resources" VALUES('u1','notes.txt',0,X'68656C6C6F','text/plain',5,1,'"1-abc"','2025-01-02 03:04:05.000','2025-01-02 03:04:05.000');
CREATE TABLE dead_properties (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  namespace TEXT NOT NULL,
  name TEXT NOT NULL,
  xml TEXT NOT NULL,
  PRIMARY KEY (user_id, path, namespace, name)
);
INSERT INTO "dead_properties" VALUES('u1','consultorio','http://apple.com/ns/ical/','calendar-color','<calendar-color xmlns="http://apple.com/ns/ical/">#FF0000</calendar-color>');
CREATE TABLE event_types (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  slug TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  color TEXT,
  schedule_id TEXT NOT NULL REFERENCES schedules(id) ON DELETE RESTRICT,
  location_override TEXT,
  calendar_destination TEXT NOT NULL DEFAULT '{"type":"app-only"}',
  duration INTEGER NOT NULL,
  slot_interval INTEGER,
  before_buffer INTEGER NOT NULL DEFAULT 0,
  after_buffer INTEGER NOT NULL DEFAULT 0,
  minimum_notice INTEGER NOT NULL DEFAULT 0,
  booking_window TEXT,
  max_bookings_per_day INTEGER,
  max_bookings_per_week INTEGER,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  UNIQUE (user_id, slug)
);
INSERT INTO "event_types" VALUES('e1','u1','Consulta','consulta','',NULL,'s1',NULL,'{"type":"app-only"}',30,NULL,0,0,0,NULL,NULL,NULL,'2025-01-02 03:04:05.000','2025-01-02 03:04:05.000');
CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
INSERT INTO "grdb_migrations" VALUES('v1-accounts-schedules-bookings-calendars');
INSERT INTO "grdb_migrations" VALUES('v2-dav-resources');
INSERT INTO "grdb_migrations" VALUES('v3-calendar-object-listing-index');
INSERT INTO "grdb_migrations" VALUES('v4-web-sessions-user-language');
INSERT INTO "grdb_migrations" VALUES('v5-booking-history');
CREATE TABLE memberships (
  organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
  created_at DATETIME NOT NULL,
  PRIMARY KEY (organization_id, user_id)
);
CREATE TABLE organizations (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  slug TEXT NOT NULL UNIQUE,
  created_at DATETIME NOT NULL
);
CREATE TABLE schedules (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  organization_id TEXT REFERENCES organizations(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  is_default BOOLEAN NOT NULL DEFAULT 0,
  timezone TEXT NOT NULL DEFAULT 'UTC',
  availability TEXT NOT NULL,
  date_overrides TEXT NOT NULL DEFAULT '[]',
  location TEXT NOT NULL,
  is_active BOOLEAN NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL
);
INSERT INTO "schedules" VALUES('s1','u1',NULL,'Consultório',1,'America/Sao_Paulo','[{"day":"monday","slots":[{"endTime":"12:00","startTime":"09:00"}]}]','[]','{"address":"Av. Paulista, 1000","type":"in-person"}',1,'2025-01-02 03:04:05.000','2025-01-02 03:04:05.000');
CREATE TABLE users (
  id TEXT PRIMARY KEY NOT NULL,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  time_zone TEXT NOT NULL DEFAULT 'UTC',
  password_hash TEXT NOT NULL,
  created_at DATETIME NOT NULL
, language TEXT, default_limits TEXT);
INSERT INTO "users" VALUES('u1','joao','Dr. João','joao@example.org','America/Sao_Paulo','pbkdf2-sha256$1$c2FsdA$aGFzaA','2025-01-02 03:04:05.000',NULL,NULL);
CREATE TABLE web_sessions (
  id_hash TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at DATETIME NOT NULL,
  expires_at DATETIME NOT NULL
);
INSERT INTO "web_sessions" VALUES('sess1','u1','csrf1','2025-01-02 03:04:05.000','2035-01-01 00:00:00.000');
CREATE INDEX api_tokens_user ON api_tokens(user_id);
CREATE INDEX memberships_user ON memberships(user_id);
CREATE INDEX schedules_user ON schedules(user_id);
CREATE INDEX schedules_organization ON schedules(organization_id);
CREATE UNIQUE INDEX schedules_one_default_per_user ON schedules(user_id) WHERE is_default = 1;
CREATE INDEX event_types_schedule ON event_types(schedule_id);
CREATE INDEX bookings_user_start ON bookings(user_id, start_at);
CREATE INDEX bookings_schedule_start ON bookings(schedule_id, start_at);
CREATE UNIQUE INDEX bookings_idempotency ON bookings(event_type_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX calendar_objects_time ON calendar_objects(calendar_id, first_start, last_end);
CREATE INDEX calendar_objects_booking ON calendar_objects(booking_id) WHERE booking_id IS NOT NULL;
CREATE INDEX calendar_objects_listing
  ON calendar_objects(calendar_id, name, etag, component_type, size, created_at, updated_at);
CREATE INDEX web_sessions_user ON web_sessions(user_id);
CREATE INDEX web_sessions_expiry ON web_sessions(expires_at);
CREATE INDEX booking_history_booking ON booking_history(booking_id, at);
COMMIT;
