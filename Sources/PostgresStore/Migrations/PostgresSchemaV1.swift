/// Version 1 of the PostgreSQL schema: everything SQLite's migrations v1–v9 built, in
/// PostgreSQL's own types (`timestamptz`, `jsonb`, `bigint`, `bytea`), plus what several
/// instances on one database need and one process on SQLite did not:
///
/// - `users.credential_version`, bumped by every password change, so a credential cached on
///   one instance is refused at once after a change made through another;
/// - `bookings_no_overlap`, an exclusion constraint: two confirmed bookings of one expert never
///   overlap, whatever a re-check missed (`btree_gist`, half-open ranges so back-to-back
///   bookings stand);
/// - `lease_until` on every table a background worker drains (connections, the destination
///   outbox, both e-mail outboxes): a row claimed by one instance is skipped by the others
///   until its lease runs out, and taken over if that instance died.
///
/// Frozen once shipped: later changes are new migrations.
enum PostgresSchemaV1 {
    static let identifier = "v1-schema"

    static let statements: [String] = [
        "CREATE EXTENSION IF NOT EXISTS btree_gist",
        """
        CREATE TABLE users (
          id text PRIMARY KEY,
          username text NOT NULL UNIQUE,
          display_name text NOT NULL,
          email text NOT NULL,
          time_zone text NOT NULL DEFAULT 'UTC',
          password_hash text NOT NULL,
          credential_version bigint NOT NULL DEFAULT 0,
          language text,
          default_limits jsonb,
          created_at timestamptz NOT NULL
        )
        """,
        // SQLite's `COLLATE NOCASE` on e-mail: one address, whatever its case.
        "CREATE UNIQUE INDEX users_email ON users (lower(email))",
        """
        CREATE TABLE api_tokens (
          id text PRIMARY KEY,
          user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          name text NOT NULL,
          token_hash text NOT NULL UNIQUE,
          created_at timestamptz NOT NULL
        )
        """,
        "CREATE INDEX api_tokens_user ON api_tokens (user_id)",
        """
        CREATE TABLE organizations (
          id text PRIMARY KEY,
          name text NOT NULL,
          slug text NOT NULL UNIQUE,
          created_at timestamptz NOT NULL
        )
        """,
        """
        CREATE TABLE memberships (
          organization_id text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
          user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          role text NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
          created_at timestamptz NOT NULL,
          PRIMARY KEY (organization_id, user_id)
        )
        """,
        "CREATE INDEX memberships_user ON memberships (user_id)",
        """
        CREATE TABLE schedules (
          id text PRIMARY KEY,
          user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          organization_id text REFERENCES organizations(id) ON DELETE CASCADE,
          name text NOT NULL,
          is_default boolean NOT NULL DEFAULT false,
          timezone text NOT NULL DEFAULT 'UTC',
          availability jsonb NOT NULL,
          date_overrides jsonb NOT NULL DEFAULT '[]',
          location jsonb NOT NULL,
          is_active boolean NOT NULL DEFAULT true,
          created_at timestamptz NOT NULL,
          updated_at timestamptz NOT NULL
        )
        """,
        "CREATE INDEX schedules_user ON schedules (user_id)",
        "CREATE INDEX schedules_organization ON schedules (organization_id)",
        // The spec's "one default schedule per user".
        "CREATE UNIQUE INDEX schedules_one_default_per_user ON schedules (user_id) WHERE is_default",
        """
        CREATE TABLE event_types (
          id text PRIMARY KEY,
          user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          title text NOT NULL,
          slug text NOT NULL,
          description text NOT NULL DEFAULT '',
          color text,
          schedule_id text NOT NULL REFERENCES schedules(id) ON DELETE RESTRICT,
          location_override jsonb,
          calendar_destination jsonb NOT NULL DEFAULT '{"type":"app-only"}',
          duration bigint NOT NULL,
          slot_interval bigint,
          before_buffer bigint NOT NULL DEFAULT 0,
          after_buffer bigint NOT NULL DEFAULT 0,
          minimum_notice bigint NOT NULL DEFAULT 0,
          booking_window jsonb,
          max_bookings_per_day bigint,
          max_bookings_per_week bigint,
          reminder_minutes bigint,
          created_at timestamptz NOT NULL,
          updated_at timestamptz NOT NULL,
          UNIQUE (user_id, slug)
        )
        """,
        "CREATE INDEX event_types_schedule ON event_types (schedule_id)",
        """
        CREATE TABLE bookings (
          id text PRIMARY KEY,
          uid text NOT NULL UNIQUE,
          user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          event_type_id text NOT NULL REFERENCES event_types(id) ON DELETE RESTRICT,
          schedule_id text NOT NULL REFERENCES schedules(id) ON DELETE RESTRICT,
          start_at timestamptz NOT NULL,
          end_at timestamptz NOT NULL,
          status text NOT NULL CHECK (status IN ('confirmed', 'cancelled')),
          attendee_name text NOT NULL,
          attendee_email text NOT NULL,
          attendee_time_zone text NOT NULL,
          location text NOT NULL DEFAULT '',
          notes text,
          sequence bigint NOT NULL DEFAULT 0,
          management_token_hash text,
          management_token_sealed text,
          idempotency_key text,
          cancellation_reason text,
          created_at timestamptz NOT NULL,
          updated_at timestamptz NOT NULL,
          CHECK (end_at > start_at),
          CONSTRAINT bookings_no_overlap EXCLUDE USING gist (user_id WITH =, tstzrange(start_at, end_at, '[)') WITH &&)
            WHERE (status = 'confirmed')
        )
        """,
        "CREATE INDEX bookings_user_start ON bookings (user_id, start_at)",
        "CREATE INDEX bookings_schedule_start ON bookings (schedule_id, start_at)",
        "CREATE UNIQUE INDEX bookings_idempotency ON bookings (event_type_id, idempotency_key) WHERE idempotency_key IS NOT NULL",
        """
        CREATE TABLE calendars (
          id text PRIMARY KEY,
          user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          schedule_id text UNIQUE REFERENCES schedules(id) ON DELETE CASCADE,
          slug text NOT NULL,
          display_name text NOT NULL,
          description text NOT NULL DEFAULT '',
          color text,
          calendar_order bigint NOT NULL DEFAULT 0,
          timezone text,
          components text NOT NULL DEFAULT 'VEVENT',
          sync_revision bigint NOT NULL DEFAULT 0,
          created_at timestamptz NOT NULL,
          updated_at timestamptz NOT NULL,
          UNIQUE (user_id, slug)
        )
        """,
        """
        CREATE TABLE calendar_objects (
          id text PRIMARY KEY,
          calendar_id text NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
          name text NOT NULL,
          uid text NOT NULL,
          component_type text NOT NULL,
          ics text NOT NULL,
          etag text NOT NULL,
          size bigint NOT NULL DEFAULT 0,
          first_start timestamptz,
          last_end timestamptz,
          booking_id text REFERENCES bookings(id) ON DELETE SET NULL,
          created_at timestamptz NOT NULL,
          updated_at timestamptz NOT NULL,
          UNIQUE (calendar_id, name),
          UNIQUE (calendar_id, uid)
        )
        """,
        "CREATE INDEX calendar_objects_time ON calendar_objects (calendar_id, first_start, last_end)",
        "CREATE INDEX calendar_objects_booking ON calendar_objects (booking_id) WHERE booking_id IS NOT NULL",
        """
        CREATE INDEX calendar_objects_listing
          ON calendar_objects (calendar_id, name) INCLUDE (etag, component_type, size, created_at, updated_at)
        """,
        """
        CREATE TABLE calendar_changes (
          calendar_id text NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
          revision bigint NOT NULL,
          object_name text NOT NULL,
          deleted boolean NOT NULL DEFAULT false,
          changed_at timestamptz NOT NULL,
          PRIMARY KEY (calendar_id, revision)
        )
        """,
        """
        CREATE TABLE dav_resources (
          user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          path text COLLATE "C" NOT NULL,
          is_collection boolean NOT NULL DEFAULT false,
          body bytea,
          content_type text,
          size bigint NOT NULL DEFAULT 0,
          revision bigint NOT NULL DEFAULT 1,
          etag text NOT NULL,
          created_at timestamptz NOT NULL,
          updated_at timestamptz NOT NULL,
          PRIMARY KEY (user_id, path)
        )
        """,
        """
        CREATE TABLE dead_properties (
          user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          path text COLLATE "C" NOT NULL,
          namespace text NOT NULL,
          name text NOT NULL,
          xml text NOT NULL,
          PRIMARY KEY (user_id, path, namespace, name)
        )
        """,
        """
        CREATE TABLE web_sessions (
          id_hash text PRIMARY KEY,
          user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          csrf_token text NOT NULL,
          created_at timestamptz NOT NULL,
          expires_at timestamptz NOT NULL
        )
        """,
        "CREATE INDEX web_sessions_user ON web_sessions (user_id)",
        "CREATE INDEX web_sessions_expiry ON web_sessions (expires_at)",
        """
        CREATE TABLE booking_history (
          id bigserial PRIMARY KEY,
          booking_id text NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
          action text NOT NULL CHECK (action IN ('created', 'rescheduled', 'cancelled')),
          actor text NOT NULL CHECK (actor IN ('booker', 'expert', 'calendar-app')),
          at timestamptz NOT NULL,
          start_at timestamptz NOT NULL,
          end_at timestamptz NOT NULL
        )
        """,
        "CREATE INDEX booking_history_booking ON booking_history (booking_id, at, id)",
        """
        CREATE TABLE calendar_connections (
          id text PRIMARY KEY,
          user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          provider text NOT NULL CHECK (provider IN ('google', 'outlook', 'office365', 'apple', 'caldav')),
          email text NOT NULL,
          server_url text,
          credentials text NOT NULL,
          key_id bigint NOT NULL,
          is_active boolean NOT NULL DEFAULT true,
          status text NOT NULL DEFAULT 'syncing' CHECK (status IN ('ok', 'syncing', 'stale', 'reauth_required', 'error')),
          last_sync_at timestamptz,
          last_attempt_at timestamptz,
          next_attempt_at timestamptz,
          lease_until timestamptz,
          consecutive_failures bigint NOT NULL DEFAULT 0,
          last_error_code text,
          last_error_message text,
          last_error_at timestamptz,
          created_at timestamptz NOT NULL,
          updated_at timestamptz NOT NULL,
          UNIQUE (user_id, provider, email)
        )
        """,
        "CREATE INDEX calendar_connections_user ON calendar_connections (user_id)",
        "CREATE INDEX calendar_connections_due ON calendar_connections (next_attempt_at) WHERE is_active",
        """
        CREATE TABLE connected_calendars (
          connection_id text NOT NULL REFERENCES calendar_connections(id) ON DELETE CASCADE,
          external_id text NOT NULL,
          position bigint NOT NULL,
          name text NOT NULL,
          is_primary boolean NOT NULL DEFAULT false,
          color text,
          can_write boolean NOT NULL,
          check_conflicts boolean NOT NULL DEFAULT true,
          time_zone text,
          conference text,
          last_sync_at timestamptz,
          last_error text,
          PRIMARY KEY (connection_id, external_id)
        )
        """,
        """
        CREATE TABLE external_busy (
          connection_id text NOT NULL REFERENCES calendar_connections(id) ON DELETE CASCADE,
          calendar_id text NOT NULL,
          start_epoch bigint NOT NULL,
          end_epoch bigint NOT NULL,
          kind text NOT NULL CHECK (kind IN ('busy', 'tentative'))
        )
        """,
        "CREATE INDEX external_busy_time ON external_busy (connection_id, start_epoch, end_epoch, kind)",
        "CREATE INDEX external_busy_calendar ON external_busy (connection_id, calendar_id)",
        """
        CREATE TABLE booking_external_writes (
          booking_id text PRIMARY KEY REFERENCES bookings(id) ON DELETE CASCADE,
          connection_id text REFERENCES calendar_connections(id) ON DELETE SET NULL,
          calendar_id text NOT NULL,
          provider text NOT NULL,
          href text,
          etag text,
          state text NOT NULL CHECK (state IN ('pending', 'written', 'deleted', 'failed', 'orphaned')),
          attempts bigint NOT NULL DEFAULT 0,
          last_error text,
          next_attempt_at timestamptz,
          lease_until timestamptz,
          conference_url text,
          updated_at timestamptz NOT NULL
        )
        """,
        "CREATE INDEX booking_external_writes_due ON booking_external_writes (next_attempt_at) WHERE state = 'pending'",
        """
        CREATE TABLE oauth_states (
          state_hash text PRIMARY KEY,
          user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          provider text NOT NULL,
          verifier text NOT NULL,
          created_at timestamptz NOT NULL
        )
        """,
        "CREATE INDEX oauth_states_created ON oauth_states (created_at)",
        """
        CREATE TABLE booking_messages (
          id bigserial PRIMARY KEY,
          booking_id text NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
          kind text NOT NULL CHECK (kind IN ('created', 'rescheduled', 'cancelled', 'reminder')),
          recipient text NOT NULL CHECK (recipient IN ('booker', 'expert')),
          sequence bigint NOT NULL,
          start_at timestamptz NOT NULL,
          end_at timestamptz NOT NULL,
          state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
          attempts bigint NOT NULL DEFAULT 0,
          next_attempt_at timestamptz,
          lease_until timestamptz,
          last_error text,
          created_at timestamptz NOT NULL,
          sent_at timestamptz,
          UNIQUE (booking_id, kind, recipient, sequence)
        )
        """,
        "CREATE INDEX booking_messages_due ON booking_messages (next_attempt_at) WHERE state = 'pending'",
        "CREATE INDEX booking_messages_booking ON booking_messages (booking_id)",
        """
        CREATE TABLE scheduling_inbox (
          id text PRIMARY KEY,
          user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          name text NOT NULL,
          uid text NOT NULL,
          method text NOT NULL,
          ics text NOT NULL,
          etag text NOT NULL,
          created_at timestamptz NOT NULL,
          UNIQUE (user_id, name)
        )
        """,
        """
        CREATE TABLE scheduling_mail (
          id bigserial PRIMARY KEY,
          sender_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          recipient text NOT NULL,
          method text NOT NULL,
          uid text NOT NULL,
          ics text NOT NULL,
          state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
          attempts bigint NOT NULL DEFAULT 0,
          next_attempt_at timestamptz,
          lease_until timestamptz,
          last_error text,
          created_at timestamptz NOT NULL
        )
        """,
        "CREATE INDEX scheduling_mail_due ON scheduling_mail (next_attempt_at) WHERE state = 'pending'",
    ]
}
