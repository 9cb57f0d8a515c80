import GRDB

/// The schema, one frozen migration per version (GRDB "Migrations.md": never edit a shipped
/// migration; add a new one). Table and column names are string literals on purpose, so
/// later renames in Swift never rewrite history.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-accounts-schedules-bookings-calendars", migrate: v1)
        migrator.registerMigration("v2-dav-resources", migrate: v2)
        migrator.registerMigration("v3-calendar-object-listing-index", migrate: v3)
        migrator.registerMigration("v4-web-sessions-user-language", migrate: v4)
        migrator.registerMigration("v5-booking-history", migrate: v5)
        migrator.registerMigration("v6-calendar-connections", migrate: v6)
        migrator.registerMigration("v7-oauth-conferences", migrate: v7)
        migrator.registerMigration("v8-booking-messages", migrate: v8)
        migrator.registerMigration("v9-scheduling-inbox", migrate: v9)
        migrator.registerMigration("v10-credential-version", migrate: v10)
        return migrator
    }

    /// Version 1: accounts, organizations, schedules, event types, bookings, calendars,
    /// calendar objects and the per-calendar change log behind sync tokens.
    static func v1(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE users (
                  id TEXT PRIMARY KEY NOT NULL,
                  username TEXT NOT NULL UNIQUE,
                  display_name TEXT NOT NULL,
                  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
                  time_zone TEXT NOT NULL DEFAULT 'UTC',
                  password_hash TEXT NOT NULL,
                  created_at DATETIME NOT NULL
                );
                CREATE TABLE api_tokens (
                  id TEXT PRIMARY KEY NOT NULL,
                  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                  name TEXT NOT NULL,
                  token_hash TEXT NOT NULL UNIQUE,
                  created_at DATETIME NOT NULL
                );
                CREATE INDEX api_tokens_user ON api_tokens(user_id);
                CREATE TABLE organizations (
                  id TEXT PRIMARY KEY NOT NULL,
                  name TEXT NOT NULL,
                  slug TEXT NOT NULL UNIQUE,
                  created_at DATETIME NOT NULL
                );
                CREATE TABLE memberships (
                  organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
                  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                  role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
                  created_at DATETIME NOT NULL,
                  PRIMARY KEY (organization_id, user_id)
                );
                CREATE INDEX memberships_user ON memberships(user_id);
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
                CREATE INDEX schedules_user ON schedules(user_id);
                CREATE INDEX schedules_organization ON schedules(organization_id);
                -- The spec's "EXCLUDE (user_id WITH =) WHERE is_default": SQLite's form is a partial unique index.
                CREATE UNIQUE INDEX schedules_one_default_per_user ON schedules(user_id) WHERE is_default = 1;
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
                CREATE INDEX event_types_schedule ON event_types(schedule_id);
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
                CREATE INDEX bookings_user_start ON bookings(user_id, start_at);
                CREATE INDEX bookings_schedule_start ON bookings(schedule_id, start_at);
                CREATE UNIQUE INDEX bookings_idempotency ON bookings(event_type_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
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
                  updated_at DATETIME NOT NULL,
                  UNIQUE (calendar_id, name),
                  UNIQUE (calendar_id, uid)
                );
                CREATE INDEX calendar_objects_time ON calendar_objects(calendar_id, first_start, last_end);
                CREATE TABLE calendar_changes (
                  calendar_id TEXT NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
                  revision INTEGER NOT NULL,
                  object_name TEXT NOT NULL,
                  deleted BOOLEAN NOT NULL DEFAULT 0,
                  changed_at DATETIME NOT NULL,
                  PRIMARY KEY (calendar_id, revision)
                );
                """)
    }

    /// Version 2: what the WebDAV side of the calendar home needs. Plain resources (files and
    /// collections that generic WebDAV clients create outside calendars), dead properties of
    /// any resource of a home (RFC 4918 §4.2), and the stored byte size of each calendar
    /// object, so listings (`getcontentlength`) and quotas never read the iCalendar text.
    ///
    /// Paths are relative to the home; a subtree is the range `path >= 'p/' AND path < 'p0'`
    /// ('0' follows '/'), which the primary keys answer.
    static func v2(_ db: Database) throws {
        try db.execute(
            sql: """
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
                CREATE TABLE dead_properties (
                  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                  path TEXT NOT NULL,
                  namespace TEXT NOT NULL,
                  name TEXT NOT NULL,
                  xml TEXT NOT NULL,
                  PRIMARY KEY (user_id, path, namespace, name)
                );
                ALTER TABLE calendar_objects ADD COLUMN size INTEGER NOT NULL DEFAULT 0;
                UPDATE calendar_objects SET size = length(CAST(ics AS BLOB));
                -- Finds a booking's object when the booking changes, and serves the ON DELETE SET NULL.
                CREATE INDEX calendar_objects_booking ON calendar_objects(booking_id) WHERE booking_id IS NOT NULL;
                """)
    }

    /// Version 3: a covering index for listings of a calendar (PROPFIND Depth 1, the initial
    /// sync-collection). Without it every listed object is a lookup into the table, whose rows
    /// carry the iCalendar text; with it a 10,000-object listing reads a few hundred pages.
    static func v3(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE INDEX calendar_objects_listing
                  ON calendar_objects(calendar_id, name, etag, component_type, size, created_at, updated_at);
                """)
    }

    /// Version 4: the web UI's sessions (only the SHA-256 of the cookie's id), each user's
    /// chosen language and the limits their new event types start from (JSON, as `EventTypeLimits`).
    static func v4(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE users ADD COLUMN language TEXT;
                ALTER TABLE users ADD COLUMN default_limits TEXT;
                CREATE TABLE web_sessions (
                  id_hash TEXT PRIMARY KEY NOT NULL,
                  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                  csrf_token TEXT NOT NULL,
                  created_at DATETIME NOT NULL,
                  expires_at DATETIME NOT NULL
                );
                CREATE INDEX web_sessions_user ON web_sessions(user_id);
                CREATE INDEX web_sessions_expiry ON web_sessions(expires_at);
                """)
    }

    /// Version 5: who created, moved or cancelled each booking, and when.
    static func v5(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE booking_history (
                  booking_id TEXT NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
                  action TEXT NOT NULL CHECK (action IN ('created', 'rescheduled', 'cancelled')),
                  actor TEXT NOT NULL CHECK (actor IN ('booker', 'expert', 'calendar-app')),
                  at DATETIME NOT NULL,
                  start_at DATETIME NOT NULL,
                  end_at DATETIME NOT NULL
                );
                CREATE INDEX booking_history_booking ON booking_history(booking_id, at);
                """)
    }

    /// Version 6: external calendar connections (the spec's `calendar_connections`, secrets
    /// sealed in `credentials`), their calendars, the cached busy time (epoch seconds, no
    /// titles; only checked calendars' rows are kept, so slot listings read it by connection
    /// and time alone, from the index), and where each booking is written outside (the outbox
    /// the worker drains).
    static func v6(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE calendar_connections (
                  id TEXT PRIMARY KEY NOT NULL,
                  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                  provider TEXT NOT NULL CHECK (provider IN ('google', 'outlook', 'office365', 'apple', 'caldav')),
                  email TEXT NOT NULL,
                  server_url TEXT,
                  credentials TEXT NOT NULL,
                  key_id INTEGER NOT NULL,
                  is_active BOOLEAN NOT NULL DEFAULT 1,
                  status TEXT NOT NULL DEFAULT 'syncing' CHECK (status IN ('ok', 'syncing', 'stale', 'reauth_required', 'error')),
                  last_sync_at DATETIME,
                  last_attempt_at DATETIME,
                  next_attempt_at DATETIME,
                  consecutive_failures INTEGER NOT NULL DEFAULT 0,
                  last_error_code TEXT,
                  last_error_message TEXT,
                  last_error_at DATETIME,
                  created_at DATETIME NOT NULL,
                  updated_at DATETIME NOT NULL,
                  UNIQUE (user_id, provider, email)
                );
                CREATE INDEX calendar_connections_user ON calendar_connections(user_id);
                CREATE INDEX calendar_connections_due ON calendar_connections(next_attempt_at) WHERE is_active;
                CREATE TABLE connected_calendars (
                  connection_id TEXT NOT NULL REFERENCES calendar_connections(id) ON DELETE CASCADE,
                  external_id TEXT NOT NULL,
                  position INTEGER NOT NULL,
                  name TEXT NOT NULL,
                  is_primary BOOLEAN NOT NULL DEFAULT 0,
                  color TEXT,
                  can_write BOOLEAN NOT NULL,
                  check_conflicts BOOLEAN NOT NULL DEFAULT 1,
                  time_zone TEXT,
                  last_sync_at DATETIME,
                  last_error TEXT,
                  PRIMARY KEY (connection_id, external_id)
                );
                CREATE TABLE external_busy (
                  connection_id TEXT NOT NULL REFERENCES calendar_connections(id) ON DELETE CASCADE,
                  calendar_id TEXT NOT NULL,
                  start_epoch INTEGER NOT NULL,
                  end_epoch INTEGER NOT NULL,
                  kind TEXT NOT NULL CHECK (kind IN ('busy', 'tentative'))
                );
                CREATE INDEX external_busy_time ON external_busy(connection_id, start_epoch, end_epoch, kind);
                CREATE INDEX external_busy_calendar ON external_busy(connection_id, calendar_id);
                CREATE TABLE booking_external_writes (
                  booking_id TEXT PRIMARY KEY NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
                  connection_id TEXT REFERENCES calendar_connections(id) ON DELETE SET NULL,
                  calendar_id TEXT NOT NULL,
                  provider TEXT NOT NULL,
                  href TEXT,
                  etag TEXT,
                  state TEXT NOT NULL CHECK (state IN ('pending', 'written', 'deleted', 'failed', 'orphaned')),
                  attempts INTEGER NOT NULL DEFAULT 0,
                  last_error TEXT,
                  next_attempt_at DATETIME,
                  updated_at DATETIME NOT NULL
                );
                CREATE INDEX booking_external_writes_due ON booking_external_writes(next_attempt_at) WHERE state = 'pending';
                """)
    }

    /// Version 7: OAuth authorization requests in flight (the SHA-256 of the state, the PKCE
    /// verifier sealed, the user who started), which video service a calendar can add, and the
    /// video link a provider made for a booking.
    static func v7(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE oauth_states (
                  state_hash TEXT PRIMARY KEY NOT NULL,
                  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                  provider TEXT NOT NULL,
                  verifier TEXT NOT NULL,
                  created_at DATETIME NOT NULL
                );
                CREATE INDEX oauth_states_created ON oauth_states(created_at);
                ALTER TABLE connected_calendars ADD COLUMN conference TEXT;
                ALTER TABLE booking_external_writes ADD COLUMN conference_url TEXT;
                """)
    }

    /// Version 8: the durable outbox of booking messages (one row per change and recipient,
    /// unique, so nothing is sent twice even across restarts), the booker's management token
    /// sealed (for the links in messages), and each event type's reminder.
    static func v8(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE booking_messages (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  booking_id TEXT NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
                  kind TEXT NOT NULL CHECK (kind IN ('created', 'rescheduled', 'cancelled', 'reminder')),
                  recipient TEXT NOT NULL CHECK (recipient IN ('booker', 'expert')),
                  sequence INTEGER NOT NULL,
                  start_at DATETIME NOT NULL,
                  end_at DATETIME NOT NULL,
                  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
                  attempts INTEGER NOT NULL DEFAULT 0,
                  next_attempt_at DATETIME,
                  last_error TEXT,
                  created_at DATETIME NOT NULL,
                  sent_at DATETIME,
                  UNIQUE (booking_id, kind, recipient, sequence)
                );
                CREATE INDEX booking_messages_due ON booking_messages(next_attempt_at) WHERE state = 'pending';
                CREATE INDEX booking_messages_booking ON booking_messages(booking_id);
                ALTER TABLE bookings ADD COLUMN management_token_sealed TEXT;
                ALTER TABLE event_types ADD COLUMN reminder_minutes INTEGER;
                """)
    }

    /// Version 9: scheduling inboxes (RFC 6638 §2.2), the iTIP messages the server delivered
    /// to each user, and the outbox of iTIP e-mails to addresses of no user here (iMIP,
    /// RFC 6047). (A user's copy of an event is found by UID through calendar_objects'
    /// unique (calendar_id, uid).)
    static func v9(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE scheduling_inbox (
                  id TEXT PRIMARY KEY NOT NULL,
                  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                  name TEXT NOT NULL,
                  uid TEXT NOT NULL,
                  method TEXT NOT NULL,
                  ics TEXT NOT NULL,
                  etag TEXT NOT NULL,
                  created_at DATETIME NOT NULL,
                  UNIQUE (user_id, name)
                );
                CREATE TABLE scheduling_mail (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  sender_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                  recipient TEXT NOT NULL,
                  method TEXT NOT NULL,
                  uid TEXT NOT NULL,
                  ics TEXT NOT NULL,
                  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
                  attempts INTEGER NOT NULL DEFAULT 0,
                  next_attempt_at DATETIME,
                  last_error TEXT,
                  created_at DATETIME NOT NULL
                );
                CREATE INDEX scheduling_mail_due ON scheduling_mail(next_attempt_at) WHERE state = 'pending';
                """)
    }

    /// Version 10: each user's credential version, moved by every password change, so a
    /// password verified and cached by a running server stops working there as soon as the
    /// command line (or another process) changes it.
    static func v10(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE users ADD COLUMN credential_version INTEGER NOT NULL DEFAULT 0")
    }
}
