-- Workspace schema: agents, customers, conversations, messages, attachments, read state, persisted events.

CREATE FUNCTION ow_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT translate(lower(coalesce(value, '')), 'áàäâãåéèëêíìïîóòöôõúùüûñçÁÀÄÂÃÅÉÈËÊÍÌÏÎÓÒÖÔÕÚÙÜÛÑÇ', 'aaaaaaeeeeiiiiooooouuuuncaaaaaaeeeeiiiiooooouuuunc')
$$;

CREATE TABLE groups (
  id text PRIMARY KEY,
  name text NOT NULL,
  position integer NOT NULL DEFAULT 0
);

CREATE TABLE agents (
  id text PRIMARY KEY,
  name text NOT NULL,
  email text NOT NULL UNIQUE,
  role text NOT NULL CHECK (role IN ('admin', 'agent')),
  group_ids jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL DEFAULT 'online' CHECK (status IN ('online', 'away', 'offline')),
  chosen_status text NOT NULL DEFAULT 'online' CHECK (chosen_status IN ('online', 'away')),
  last_seen_at timestamptz NOT NULL,
  password_hash text NOT NULL,
  version integer NOT NULL DEFAULT 1
);

CREATE TABLE tokens (
  token text PRIMARY KEY,
  agent_id text NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL
);

CREATE TABLE tags (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  color text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE templates (
  id text PRIMARY KEY,
  name text NOT NULL,
  language text NOT NULL,
  body text NOT NULL,
  variable_count integer NOT NULL
);

CREATE TABLE quick_replies (
  id text PRIMARY KEY,
  shortcut text NOT NULL,
  text text NOT NULL,
  position integer NOT NULL DEFAULT 0
);

CREATE TABLE attribute_definitions (
  key text PRIMARY KEY,
  label text NOT NULL,
  type text NOT NULL,
  options jsonb,
  required boolean NOT NULL DEFAULT false,
  position integer NOT NULL DEFAULT 0
);

CREATE TABLE settings (
  id integer PRIMARY KEY CHECK (id = 1),
  data jsonb NOT NULL
);

CREATE TABLE secrets (
  name text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE customers (
  id text PRIMARY KEY,
  name text NOT NULL,
  phone text,
  email text,
  attributes jsonb NOT NULL DEFAULT '{}',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

-- How a customer is reached on a channel (phone on WhatsApp, handle elsewhere).
CREATE TABLE customer_identities (
  channel text NOT NULL,
  handle text NOT NULL,
  customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  PRIMARY KEY (channel, handle)
);

CREATE TABLE conversations (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  channel text NOT NULL,
  stage text NOT NULL CHECK (stage IN ('bot', 'queued', 'assigned')),
  status text NOT NULL CHECK (status IN ('active', 'closed')),
  outbound boolean NOT NULL DEFAULT false,
  group_id text,
  assignee_id text,
  tag_ids jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL,
  last_activity_at timestamptz NOT NULL,
  last_customer_message_at timestamptz,
  waiting_since timestamptz,
  assigned_at timestamptz,
  closed_at timestamptz,
  closed_how text,
  customer_message_count integer NOT NULL DEFAULT 0,
  last_message jsonb,
  bot_step text,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX conversations_customer ON conversations (customer_id, channel, created_at);
CREATE INDEX conversations_status_activity ON conversations (status, last_activity_at);

CREATE TABLE messages (
  seq bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  conversation_id text NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  author text NOT NULL,
  agent_id text,
  kind text NOT NULL,
  text text NOT NULL DEFAULT '',
  attachments jsonb NOT NULL DEFAULT '[]',
  client_id text,
  status text NOT NULL,
  created_at timestamptz NOT NULL,
  event jsonb,
  template_id text,
  version integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX messages_client_id ON messages (conversation_id, client_id);
CREATE INDEX messages_conversation ON messages (conversation_id, seq);
CREATE INDEX messages_delivery ON messages (status, created_at) WHERE author = 'agent';

CREATE TABLE attachments (
  id text PRIMARY KEY,
  conversation_id text REFERENCES conversations(id) ON DELETE CASCADE,
  channel text NOT NULL,
  name text NOT NULL,
  content_type text NOT NULL,
  size integer NOT NULL,
  data bytea NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE read_states (
  agent_id text NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  conversation_id text NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  read_count integer NOT NULL DEFAULT 0,
  marked_unread boolean NOT NULL DEFAULT false,
  marked_unread_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (agent_id, conversation_id)
);

-- Every change, in commit order. Audience columns let a replay filter without decoding the payload:
-- a conversation's group/assignee when the event was made, a single target agent, or a customer (simulated channel).
CREATE TABLE events (
  id bigserial PRIMARY KEY,
  type text NOT NULL,
  payload jsonb NOT NULL,
  at timestamptz NOT NULL,
  scoped boolean NOT NULL DEFAULT false,
  group_id text,
  assignee_id text,
  target_agent_id text,
  customer_id text,
  customer_visible boolean NOT NULL DEFAULT false
);
