--
-- PostgreSQL database dump
--

\restrict ZmuAN2JKuCHLPe2vLFXbveJoaL5CewZGBaBQ1oNlJLhfDH8N30ns8xDxlKxT7AE

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: btree_gist; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;


--
-- Name: EXTENSION btree_gist; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION btree_gist IS 'support for indexing common datatypes in GiST';


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: api_tokens; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.api_tokens (
    id text NOT NULL,
    user_id text NOT NULL,
    name text NOT NULL,
    token_hash text NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: booking_external_writes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.booking_external_writes (
    booking_id text NOT NULL,
    connection_id text,
    calendar_id text NOT NULL,
    provider text NOT NULL,
    href text,
    etag text,
    state text NOT NULL,
    attempts bigint DEFAULT 0 NOT NULL,
    last_error text,
    next_attempt_at timestamp with time zone,
    lease_until timestamp with time zone,
    conference_url text,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT booking_external_writes_state_check CHECK ((state = ANY (ARRAY['pending'::text, 'written'::text, 'deleted'::text, 'failed'::text, 'orphaned'::text])))
);


--
-- Name: booking_history; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.booking_history (
    id bigint NOT NULL,
    booking_id text NOT NULL,
    action text NOT NULL,
    actor text NOT NULL,
    at timestamp with time zone NOT NULL,
    start_at timestamp with time zone NOT NULL,
    end_at timestamp with time zone NOT NULL,
    CONSTRAINT booking_history_action_check CHECK ((action = ANY (ARRAY['created'::text, 'rescheduled'::text, 'cancelled'::text]))),
    CONSTRAINT booking_history_actor_check CHECK ((actor = ANY (ARRAY['booker'::text, 'expert'::text, 'calendar-app'::text])))
);


--
-- Name: booking_history_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.booking_history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: booking_history_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.booking_history_id_seq OWNED BY public.booking_history.id;


--
-- Name: booking_messages; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.booking_messages (
    id bigint NOT NULL,
    booking_id text NOT NULL,
    kind text NOT NULL,
    recipient text NOT NULL,
    sequence bigint NOT NULL,
    start_at timestamp with time zone NOT NULL,
    end_at timestamp with time zone NOT NULL,
    state text DEFAULT 'pending'::text NOT NULL,
    attempts bigint DEFAULT 0 NOT NULL,
    next_attempt_at timestamp with time zone,
    lease_until timestamp with time zone,
    last_error text,
    created_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    CONSTRAINT booking_messages_kind_check CHECK ((kind = ANY (ARRAY['created'::text, 'rescheduled'::text, 'cancelled'::text, 'reminder'::text]))),
    CONSTRAINT booking_messages_recipient_check CHECK ((recipient = ANY (ARRAY['booker'::text, 'expert'::text]))),
    CONSTRAINT booking_messages_state_check CHECK ((state = ANY (ARRAY['pending'::text, 'sent'::text, 'failed'::text])))
);


--
-- Name: booking_messages_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.booking_messages_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: booking_messages_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.booking_messages_id_seq OWNED BY public.booking_messages.id;


--
-- Name: bookings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.bookings (
    id text NOT NULL,
    uid text NOT NULL,
    user_id text NOT NULL,
    event_type_id text NOT NULL,
    schedule_id text NOT NULL,
    start_at timestamp with time zone NOT NULL,
    end_at timestamp with time zone NOT NULL,
    status text NOT NULL,
    attendee_name text NOT NULL,
    attendee_email text NOT NULL,
    attendee_time_zone text NOT NULL,
    location text DEFAULT ''::text NOT NULL,
    notes text,
    sequence bigint DEFAULT 0 NOT NULL,
    management_token_hash text,
    management_token_sealed text,
    idempotency_key text,
    cancellation_reason text,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT bookings_check CHECK ((end_at > start_at)),
    CONSTRAINT bookings_status_check CHECK ((status = ANY (ARRAY['confirmed'::text, 'cancelled'::text])))
);


--
-- Name: calendar_changes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.calendar_changes (
    calendar_id text NOT NULL,
    revision bigint NOT NULL,
    object_name text NOT NULL,
    deleted boolean DEFAULT false NOT NULL,
    changed_at timestamp with time zone NOT NULL
);


--
-- Name: calendar_connections; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.calendar_connections (
    id text NOT NULL,
    user_id text NOT NULL,
    provider text NOT NULL,
    email text NOT NULL,
    server_url text,
    credentials text NOT NULL,
    key_id bigint NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    status text DEFAULT 'syncing'::text NOT NULL,
    last_sync_at timestamp with time zone,
    last_attempt_at timestamp with time zone,
    next_attempt_at timestamp with time zone,
    lease_until timestamp with time zone,
    consecutive_failures bigint DEFAULT 0 NOT NULL,
    last_error_code text,
    last_error_message text,
    last_error_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT calendar_connections_provider_check CHECK ((provider = ANY (ARRAY['google'::text, 'outlook'::text, 'office365'::text, 'apple'::text, 'caldav'::text]))),
    CONSTRAINT calendar_connections_status_check CHECK ((status = ANY (ARRAY['ok'::text, 'syncing'::text, 'stale'::text, 'reauth_required'::text, 'error'::text])))
);


--
-- Name: calendar_objects; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.calendar_objects (
    id text NOT NULL,
    calendar_id text NOT NULL,
    name text NOT NULL,
    uid text NOT NULL,
    component_type text NOT NULL,
    ics text NOT NULL,
    etag text NOT NULL,
    size bigint DEFAULT 0 NOT NULL,
    first_start timestamp with time zone,
    last_end timestamp with time zone,
    booking_id text,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: calendars; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.calendars (
    id text NOT NULL,
    user_id text NOT NULL,
    schedule_id text,
    slug text NOT NULL,
    display_name text NOT NULL,
    description text DEFAULT ''::text NOT NULL,
    color text,
    calendar_order bigint DEFAULT 0 NOT NULL,
    timezone text,
    components text DEFAULT 'VEVENT'::text NOT NULL,
    sync_revision bigint DEFAULT 0 NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: connected_calendars; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.connected_calendars (
    connection_id text NOT NULL,
    external_id text NOT NULL,
    "position" bigint NOT NULL,
    name text NOT NULL,
    is_primary boolean DEFAULT false NOT NULL,
    color text,
    can_write boolean NOT NULL,
    check_conflicts boolean DEFAULT true NOT NULL,
    time_zone text,
    conference text,
    last_sync_at timestamp with time zone,
    last_error text
);


--
-- Name: dav_resources; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.dav_resources (
    user_id text NOT NULL,
    path text NOT NULL COLLATE pg_catalog."C",
    is_collection boolean DEFAULT false NOT NULL,
    body bytea,
    content_type text,
    size bigint DEFAULT 0 NOT NULL,
    revision bigint DEFAULT 1 NOT NULL,
    etag text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: dead_properties; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.dead_properties (
    user_id text NOT NULL,
    path text NOT NULL COLLATE pg_catalog."C",
    namespace text NOT NULL,
    name text NOT NULL,
    xml text NOT NULL
);


--
-- Name: event_types; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.event_types (
    id text NOT NULL,
    user_id text NOT NULL,
    title text NOT NULL,
    slug text NOT NULL,
    description text DEFAULT ''::text NOT NULL,
    color text,
    schedule_id text NOT NULL,
    location_override jsonb,
    calendar_destination jsonb DEFAULT '{"type": "app-only"}'::jsonb NOT NULL,
    duration bigint NOT NULL,
    slot_interval bigint,
    before_buffer bigint DEFAULT 0 NOT NULL,
    after_buffer bigint DEFAULT 0 NOT NULL,
    minimum_notice bigint DEFAULT 0 NOT NULL,
    booking_window jsonb,
    max_bookings_per_day bigint,
    max_bookings_per_week bigint,
    reminder_minutes bigint,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: external_busy; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.external_busy (
    connection_id text NOT NULL,
    calendar_id text NOT NULL,
    start_epoch bigint NOT NULL,
    end_epoch bigint NOT NULL,
    kind text NOT NULL,
    CONSTRAINT external_busy_kind_check CHECK ((kind = ANY (ARRAY['busy'::text, 'tentative'::text])))
);


--
-- Name: horario_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.horario_migrations (
    identifier text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: memberships; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.memberships (
    organization_id text NOT NULL,
    user_id text NOT NULL,
    role text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT memberships_role_check CHECK ((role = ANY (ARRAY['owner'::text, 'admin'::text, 'member'::text])))
);


--
-- Name: oauth_states; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.oauth_states (
    state_hash text NOT NULL,
    user_id text NOT NULL,
    provider text NOT NULL,
    verifier text NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: organizations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.organizations (
    id text NOT NULL,
    name text NOT NULL,
    slug text NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: schedules; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schedules (
    id text NOT NULL,
    user_id text NOT NULL,
    organization_id text,
    name text NOT NULL,
    is_default boolean DEFAULT false NOT NULL,
    timezone text DEFAULT 'UTC'::text NOT NULL,
    availability jsonb NOT NULL,
    date_overrides jsonb DEFAULT '[]'::jsonb NOT NULL,
    location jsonb NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: scheduling_inbox; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.scheduling_inbox (
    id text NOT NULL,
    user_id text NOT NULL,
    name text NOT NULL,
    uid text NOT NULL,
    method text NOT NULL,
    ics text NOT NULL,
    etag text NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: scheduling_mail; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.scheduling_mail (
    id bigint NOT NULL,
    sender_id text NOT NULL,
    recipient text NOT NULL,
    method text NOT NULL,
    uid text NOT NULL,
    ics text NOT NULL,
    state text DEFAULT 'pending'::text NOT NULL,
    attempts bigint DEFAULT 0 NOT NULL,
    next_attempt_at timestamp with time zone,
    lease_until timestamp with time zone,
    last_error text,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT scheduling_mail_state_check CHECK ((state = ANY (ARRAY['pending'::text, 'sent'::text, 'failed'::text])))
);


--
-- Name: scheduling_mail_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.scheduling_mail_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: scheduling_mail_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.scheduling_mail_id_seq OWNED BY public.scheduling_mail.id;


--
-- Name: users; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.users (
    id text NOT NULL,
    username text NOT NULL,
    display_name text NOT NULL,
    email text NOT NULL,
    time_zone text DEFAULT 'UTC'::text NOT NULL,
    password_hash text NOT NULL,
    credential_version bigint DEFAULT 0 NOT NULL,
    language text,
    default_limits jsonb,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: web_sessions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.web_sessions (
    id_hash text NOT NULL,
    user_id text NOT NULL,
    csrf_token text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL
);


--
-- Name: booking_history id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.booking_history ALTER COLUMN id SET DEFAULT nextval('public.booking_history_id_seq'::regclass);


--
-- Name: booking_messages id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.booking_messages ALTER COLUMN id SET DEFAULT nextval('public.booking_messages_id_seq'::regclass);


--
-- Name: scheduling_mail id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scheduling_mail ALTER COLUMN id SET DEFAULT nextval('public.scheduling_mail_id_seq'::regclass);


--
-- Data for Name: api_tokens; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.api_tokens VALUES ('t1', 'u1', 'laptop', 'tokenhash1', '2025-01-02 03:04:05+00');


--
-- Data for Name: booking_external_writes; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: booking_history; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.booking_history VALUES (1, 'b1', 'created', 'booker', '2025-01-02 03:04:05+00', '2025-02-03 12:00:00+00', '2025-02-03 12:30:00+00');


--
-- Data for Name: booking_messages; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.booking_messages VALUES (1, 'b1', 'created', 'booker', 0, '2025-02-03 12:00:00+00', '2025-02-03 12:30:00+00', 'sent', 0, NULL, NULL, NULL, '2025-01-02 03:04:05+00', NULL);


--
-- Data for Name: bookings; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.bookings VALUES ('b1', 'b1@horario', 'u1', 'e1', 's1', '2025-02-03 12:00:00+00', '2025-02-03 12:30:00+00', 'confirmed', 'Carla Souza', 'carla@example.org', 'America/Sao_Paulo', 'Av. Paulista, 1000', NULL, 0, NULL, NULL, NULL, NULL, '2025-01-02 03:04:05+00', '2025-01-02 03:04:05+00');


--
-- Data for Name: calendar_changes; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.calendar_changes VALUES ('c1', 1, 'b1@horario.ics', false, '2025-01-02 03:04:05+00');


--
-- Data for Name: calendar_connections; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.calendar_connections VALUES ('k1', 'u1', 'caldav', 'joao@example.org', 'https://dav.example.org/', 'sealed', 1, true, 'syncing', NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL, '2025-01-02 03:04:05+00', '2025-01-02 03:04:05+00');


--
-- Data for Name: calendar_objects; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.calendar_objects VALUES ('o1', 'c1', 'b1@horario.ics', 'b1@horario', 'VEVENT', 'BEGIN:VCALENDAR
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
', '"1-0000000000000001"', 210, '2025-02-03 12:00:00+00', '2025-02-03 12:30:00+00', 'b1', '2025-01-02 03:04:05+00', '2025-01-02 03:04:05+00');


--
-- Data for Name: calendars; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.calendars VALUES ('c1', 'u1', 's1', 'consultorio', 'Consultório', '', NULL, 0, NULL, 'VEVENT', 1, '2025-01-02 03:04:05+00', '2025-01-02 03:04:05+00');


--
-- Data for Name: connected_calendars; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.connected_calendars VALUES ('k1', '/cal/office/', 0, 'Office', true, NULL, true, true, NULL, NULL, NULL, NULL);


--
-- Data for Name: dav_resources; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.dav_resources VALUES ('u1', 'notes.txt', false, '\x68656c6c6f', 'text/plain', 5, 1, '"1-abc"', '2025-01-02 03:04:05+00', '2025-01-02 03:04:05+00');


--
-- Data for Name: dead_properties; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.dead_properties VALUES ('u1', 'consultorio', 'http://apple.com/ns/ical/', 'calendar-color', '<calendar-color xmlns="http://apple.com/ns/ical/">#FF0000</calendar-color>');


--
-- Data for Name: event_types; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.event_types VALUES ('e1', 'u1', 'Consulta', 'consulta', '', NULL, 's1', NULL, '{"type": "app-only"}', 30, NULL, 0, 0, 0, NULL, NULL, NULL, NULL, '2025-01-02 03:04:05+00', '2025-01-02 03:04:05+00');


--
-- Data for Name: external_busy; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.external_busy VALUES ('k1', '/cal/office/', 1738591200, 1738594800, 'busy');


--
-- Data for Name: horario_migrations; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.horario_migrations VALUES ('v1-schema', '2026-12-08 04:54:16.365133+00');


--
-- Data for Name: memberships; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: oauth_states; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: organizations; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: schedules; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.schedules VALUES ('s1', 'u1', NULL, 'Consultório', true, 'America/Sao_Paulo', '[{"day": "monday", "slots": [{"endTime": "12:00", "startTime": "09:00"}]}]', '[]', '{"type": "in-person", "address": "Av. Paulista, 1000"}', true, '2025-01-02 03:04:05+00', '2025-01-02 03:04:05+00');


--
-- Data for Name: scheduling_inbox; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.scheduling_inbox VALUES ('i1', 'u1', 'i1.ics', 'meeting@example.org', 'REQUEST', 'BEGIN:VCALENDAR', '"1-i1"', '2025-01-02 03:04:05+00');


--
-- Data for Name: scheduling_mail; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: users; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.users VALUES ('u1', 'joao', 'Dr. João', 'joao@example.org', 'America/Sao_Paulo', 'pbkdf2-sha256$1$c2FsdA$aGFzaA', 0, NULL, NULL, '2025-01-02 03:04:05+00');


--
-- Data for Name: web_sessions; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.web_sessions VALUES ('sess1', 'u1', 'csrf1', '2025-01-02 03:04:05+00', '2035-01-01 00:00:00+00');


--
-- Name: booking_history_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.booking_history_id_seq', 1, true);


--
-- Name: booking_messages_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.booking_messages_id_seq', 1, true);


--
-- Name: scheduling_mail_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.scheduling_mail_id_seq', 1, false);


--
-- Name: api_tokens api_tokens_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT api_tokens_pkey PRIMARY KEY (id);


--
-- Name: api_tokens api_tokens_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT api_tokens_token_hash_key UNIQUE (token_hash);


--
-- Name: booking_external_writes booking_external_writes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.booking_external_writes
    ADD CONSTRAINT booking_external_writes_pkey PRIMARY KEY (booking_id);


--
-- Name: booking_history booking_history_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.booking_history
    ADD CONSTRAINT booking_history_pkey PRIMARY KEY (id);


--
-- Name: booking_messages booking_messages_booking_id_kind_recipient_sequence_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.booking_messages
    ADD CONSTRAINT booking_messages_booking_id_kind_recipient_sequence_key UNIQUE (booking_id, kind, recipient, sequence);


--
-- Name: booking_messages booking_messages_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.booking_messages
    ADD CONSTRAINT booking_messages_pkey PRIMARY KEY (id);


--
-- Name: bookings bookings_no_overlap; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bookings
    ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (user_id WITH =, tstzrange(start_at, end_at, '[)'::text) WITH &&) WHERE ((status = 'confirmed'::text));


--
-- Name: bookings bookings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bookings
    ADD CONSTRAINT bookings_pkey PRIMARY KEY (id);


--
-- Name: bookings bookings_uid_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bookings
    ADD CONSTRAINT bookings_uid_key UNIQUE (uid);


--
-- Name: calendar_changes calendar_changes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.calendar_changes
    ADD CONSTRAINT calendar_changes_pkey PRIMARY KEY (calendar_id, revision);


--
-- Name: calendar_connections calendar_connections_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.calendar_connections
    ADD CONSTRAINT calendar_connections_pkey PRIMARY KEY (id);


--
-- Name: calendar_connections calendar_connections_user_id_provider_email_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.calendar_connections
    ADD CONSTRAINT calendar_connections_user_id_provider_email_key UNIQUE (user_id, provider, email);


--
-- Name: calendar_objects calendar_objects_calendar_id_name_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.calendar_objects
    ADD CONSTRAINT calendar_objects_calendar_id_name_key UNIQUE (calendar_id, name);


--
-- Name: calendar_objects calendar_objects_calendar_id_uid_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.calendar_objects
    ADD CONSTRAINT calendar_objects_calendar_id_uid_key UNIQUE (calendar_id, uid);


--
-- Name: calendar_objects calendar_objects_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.calendar_objects
    ADD CONSTRAINT calendar_objects_pkey PRIMARY KEY (id);


--
-- Name: calendars calendars_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.calendars
    ADD CONSTRAINT calendars_pkey PRIMARY KEY (id);


--
-- Name: calendars calendars_schedule_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.calendars
    ADD CONSTRAINT calendars_schedule_id_key UNIQUE (schedule_id);


--
-- Name: calendars calendars_user_id_slug_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.calendars
    ADD CONSTRAINT calendars_user_id_slug_key UNIQUE (user_id, slug);


--
-- Name: connected_calendars connected_calendars_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.connected_calendars
    ADD CONSTRAINT connected_calendars_pkey PRIMARY KEY (connection_id, external_id);


--
-- Name: dav_resources dav_resources_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dav_resources
    ADD CONSTRAINT dav_resources_pkey PRIMARY KEY (user_id, path);


--
-- Name: dead_properties dead_properties_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dead_properties
    ADD CONSTRAINT dead_properties_pkey PRIMARY KEY (user_id, path, namespace, name);


--
-- Name: event_types event_types_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event_types
    ADD CONSTRAINT event_types_pkey PRIMARY KEY (id);


--
-- Name: event_types event_types_user_id_slug_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event_types
    ADD CONSTRAINT event_types_user_id_slug_key UNIQUE (user_id, slug);


--
-- Name: horario_migrations horario_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.horario_migrations
    ADD CONSTRAINT horario_migrations_pkey PRIMARY KEY (identifier);


--
-- Name: memberships memberships_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.memberships
    ADD CONSTRAINT memberships_pkey PRIMARY KEY (organization_id, user_id);


--
-- Name: oauth_states oauth_states_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.oauth_states
    ADD CONSTRAINT oauth_states_pkey PRIMARY KEY (state_hash);


--
-- Name: organizations organizations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.organizations
    ADD CONSTRAINT organizations_pkey PRIMARY KEY (id);


--
-- Name: organizations organizations_slug_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.organizations
    ADD CONSTRAINT organizations_slug_key UNIQUE (slug);


--
-- Name: schedules schedules_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schedules
    ADD CONSTRAINT schedules_pkey PRIMARY KEY (id);


--
-- Name: scheduling_inbox scheduling_inbox_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scheduling_inbox
    ADD CONSTRAINT scheduling_inbox_pkey PRIMARY KEY (id);


--
-- Name: scheduling_inbox scheduling_inbox_user_id_name_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scheduling_inbox
    ADD CONSTRAINT scheduling_inbox_user_id_name_key UNIQUE (user_id, name);


--
-- Name: scheduling_mail scheduling_mail_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scheduling_mail
    ADD CONSTRAINT scheduling_mail_pkey PRIMARY KEY (id);


--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);


--
-- Name: users users_username_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_username_key UNIQUE (username);


--
-- Name: web_sessions web_sessions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.web_sessions
    ADD CONSTRAINT web_sessions_pkey PRIMARY KEY (id_hash);


--
-- Name: api_tokens_user; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX api_tokens_user ON public.api_tokens USING btree (user_id);


--
-- Name: booking_external_writes_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX booking_external_writes_due ON public.booking_external_writes USING btree (next_attempt_at) WHERE (state = 'pending'::text);


--
-- Name: booking_history_booking; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX booking_history_booking ON public.booking_history USING btree (booking_id, at, id);


--
-- Name: booking_messages_booking; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX booking_messages_booking ON public.booking_messages USING btree (booking_id);


--
-- Name: booking_messages_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX booking_messages_due ON public.booking_messages USING btree (next_attempt_at) WHERE (state = 'pending'::text);


--
-- Name: bookings_idempotency; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX bookings_idempotency ON public.bookings USING btree (event_type_id, idempotency_key) WHERE (idempotency_key IS NOT NULL);


--
-- Name: bookings_schedule_start; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX bookings_schedule_start ON public.bookings USING btree (schedule_id, start_at);


--
-- Name: bookings_user_start; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX bookings_user_start ON public.bookings USING btree (user_id, start_at);


--
-- Name: calendar_connections_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX calendar_connections_due ON public.calendar_connections USING btree (next_attempt_at) WHERE is_active;


--
-- Name: calendar_connections_user; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX calendar_connections_user ON public.calendar_connections USING btree (user_id);


--
-- Name: calendar_objects_booking; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX calendar_objects_booking ON public.calendar_objects USING btree (booking_id) WHERE (booking_id IS NOT NULL);


--
-- Name: calendar_objects_listing; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX calendar_objects_listing ON public.calendar_objects USING btree (calendar_id, name) INCLUDE (etag, component_type, size, created_at, updated_at);


--
-- Name: calendar_objects_time; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX calendar_objects_time ON public.calendar_objects USING btree (calendar_id, first_start, last_end);


--
-- Name: event_types_schedule; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX event_types_schedule ON public.event_types USING btree (schedule_id);


--
-- Name: external_busy_calendar; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX external_busy_calendar ON public.external_busy USING btree (connection_id, calendar_id);


--
-- Name: external_busy_time; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX external_busy_time ON public.external_busy USING btree (connection_id, start_epoch, end_epoch, kind);


--
-- Name: memberships_user; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX memberships_user ON public.memberships USING btree (user_id);


--
-- Name: oauth_states_created; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX oauth_states_created ON public.oauth_states USING btree (created_at);


--
-- Name: schedules_one_default_per_user; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX schedules_one_default_per_user ON public.schedules USING btree (user_id) WHERE is_default;


--
-- Name: schedules_organization; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX schedules_organization ON public.schedules USING btree (organization_id);


--
-- Name: schedules_user; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX schedules_user ON public.schedules USING btree (user_id);


--
-- Name: scheduling_mail_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX scheduling_mail_due ON public.scheduling_mail USING btree (next_attempt_at) WHERE (state = 'pending'::text);


--
-- Name: users_email; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX users_email ON public.users USING btree (lower(email));


--
-- Name: web_sessions_expiry; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX web_sessions_expiry ON public.web_sessions USING btree (expires_at);


--
-- Name: web_sessions_user; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX web_sessions_user ON public.web_sessions USING btree (user_id);


--
-- Name: api_tokens api_tokens_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT api_tokens_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: booking_external_writes booking_external_writes_booking_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.booking_external_writes
    ADD CONSTRAINT booking_external_writes_booking_id_fkey FOREIGN KEY (booking_id) REFERENCES public.bookings(id) ON DELETE CASCADE;


--
-- Name: booking_external_writes booking_external_writes_connection_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.booking_external_writes
    ADD CONSTRAINT booking_external_writes_connection_id_fkey FOREIGN KEY (connection_id) REFERENCES public.calendar_connections(id) ON DELETE SET NULL;


--
-- Name: booking_history booking_history_booking_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.booking_history
    ADD CONSTRAINT booking_history_booking_id_fkey FOREIGN KEY (booking_id) REFERENCES public.bookings(id) ON DELETE CASCADE;


--
-- Name: booking_messages booking_messages_booking_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.booking_messages
    ADD CONSTRAINT booking_messages_booking_id_fkey FOREIGN KEY (booking_id) REFERENCES public.bookings(id) ON DELETE CASCADE;


--
-- Name: bookings bookings_event_type_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bookings
    ADD CONSTRAINT bookings_event_type_id_fkey FOREIGN KEY (event_type_id) REFERENCES public.event_types(id) ON DELETE RESTRICT;


--
-- Name: bookings bookings_schedule_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bookings
    ADD CONSTRAINT bookings_schedule_id_fkey FOREIGN KEY (schedule_id) REFERENCES public.schedules(id) ON DELETE RESTRICT;


--
-- Name: bookings bookings_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bookings
    ADD CONSTRAINT bookings_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: calendar_changes calendar_changes_calendar_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.calendar_changes
    ADD CONSTRAINT calendar_changes_calendar_id_fkey FOREIGN KEY (calendar_id) REFERENCES public.calendars(id) ON DELETE CASCADE;


--
-- Name: calendar_connections calendar_connections_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.calendar_connections
    ADD CONSTRAINT calendar_connections_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: calendar_objects calendar_objects_booking_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.calendar_objects
    ADD CONSTRAINT calendar_objects_booking_id_fkey FOREIGN KEY (booking_id) REFERENCES public.bookings(id) ON DELETE SET NULL;


--
-- Name: calendar_objects calendar_objects_calendar_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.calendar_objects
    ADD CONSTRAINT calendar_objects_calendar_id_fkey FOREIGN KEY (calendar_id) REFERENCES public.calendars(id) ON DELETE CASCADE;


--
-- Name: calendars calendars_schedule_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.calendars
    ADD CONSTRAINT calendars_schedule_id_fkey FOREIGN KEY (schedule_id) REFERENCES public.schedules(id) ON DELETE CASCADE;


--
-- Name: calendars calendars_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.calendars
    ADD CONSTRAINT calendars_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: connected_calendars connected_calendars_connection_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.connected_calendars
    ADD CONSTRAINT connected_calendars_connection_id_fkey FOREIGN KEY (connection_id) REFERENCES public.calendar_connections(id) ON DELETE CASCADE;


--
-- Name: dav_resources dav_resources_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dav_resources
    ADD CONSTRAINT dav_resources_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: dead_properties dead_properties_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dead_properties
    ADD CONSTRAINT dead_properties_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: event_types event_types_schedule_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event_types
    ADD CONSTRAINT event_types_schedule_id_fkey FOREIGN KEY (schedule_id) REFERENCES public.schedules(id) ON DELETE RESTRICT;


--
-- Name: event_types event_types_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event_types
    ADD CONSTRAINT event_types_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: external_busy external_busy_connection_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.external_busy
    ADD CONSTRAINT external_busy_connection_id_fkey FOREIGN KEY (connection_id) REFERENCES public.calendar_connections(id) ON DELETE CASCADE;


--
-- Name: memberships memberships_organization_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.memberships
    ADD CONSTRAINT memberships_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES public.organizations(id) ON DELETE CASCADE;


--
-- Name: memberships memberships_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.memberships
    ADD CONSTRAINT memberships_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: oauth_states oauth_states_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.oauth_states
    ADD CONSTRAINT oauth_states_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: schedules schedules_organization_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schedules
    ADD CONSTRAINT schedules_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES public.organizations(id) ON DELETE CASCADE;


--
-- Name: schedules schedules_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schedules
    ADD CONSTRAINT schedules_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: scheduling_inbox scheduling_inbox_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scheduling_inbox
    ADD CONSTRAINT scheduling_inbox_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: scheduling_mail scheduling_mail_sender_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scheduling_mail
    ADD CONSTRAINT scheduling_mail_sender_id_fkey FOREIGN KEY (sender_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: web_sessions web_sessions_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.web_sessions
    ADD CONSTRAINT web_sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--

\unrestrict ZmuAN2JKuCHLPe2vLFXbveJoaL5CewZGBaBQ1oNlJLhfDH8N30ns8xDxlKxT7AE

