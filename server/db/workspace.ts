// Queries for the workspace catalogue: agents and tokens, groups, tags, templates, quick replies, attributes, settings.
import { DEFAULT_SETTINGS, type WorkspaceSettings } from '../../src/contract/index.js';
import type { Queryable, Row } from './adapter.js';
import { toAgent, toAttributeDefinition, toGroup, toQuickReply, toTag, toTemplate } from './rows.js';
import { jsonParam } from './sql.js';

/** The agent owning `token`, plus the token's own `token_created_at`, `token_used_at` and `token_expires`. */
export async function agentByToken(q: Queryable, token: string): Promise<Row | undefined> {
  const rows = await q.query(
    `SELECT a.*, t.created_at AS token_created_at, t.last_used_at AS token_used_at, t.expires AS token_expires
     FROM tokens t JOIN agents a ON a.id = t.agent_id WHERE t.token = $1`,
    [token],
  );
  return rows[0];
}

export async function agentByEmail(q: Queryable, email: string): Promise<Row | undefined> {
  return (await q.query('SELECT * FROM agents WHERE lower(email) = lower($1)', [email]))[0];
}

export async function agentRow(q: Queryable, id: string): Promise<Row | undefined> {
  return (await q.query('SELECT * FROM agents WHERE id = $1', [id]))[0];
}

export async function listAgents(q: Queryable) {
  return (await q.query('SELECT * FROM agents ORDER BY name, id')).map(toAgent);
}

export async function insertToken(q: Queryable, token: string, agentId: string, at: string): Promise<void> {
  await q.query('INSERT INTO tokens (token, agent_id, created_at, last_used_at) VALUES ($1, $2, $3, $3)', [token, agentId, at]);
}

export async function touchToken(q: Queryable, token: string, at: string): Promise<void> {
  await q.query('UPDATE tokens SET last_used_at = $2 WHERE token = $1', [token, at]);
}

/** Deletes `token`; false when it did not exist (already revoked). */
export async function deleteToken(q: Queryable, token: string): Promise<boolean> {
  return (await q.query('DELETE FROM tokens WHERE token = $1 RETURNING token', [token])).length > 0;
}

export async function listGroups(q: Queryable) {
  return (await q.query('SELECT * FROM groups ORDER BY position, name')).map(toGroup);
}

export async function listTags(q: Queryable) {
  return (await q.query('SELECT * FROM tags ORDER BY name')).map(toTag);
}

export async function tagRow(q: Queryable, id: string): Promise<Row | undefined> {
  return (await q.query('SELECT * FROM tags WHERE id = $1', [id]))[0];
}

export async function listTemplates(q: Queryable) {
  return (await q.query('SELECT * FROM templates ORDER BY name')).map(toTemplate);
}

export async function templateRow(q: Queryable, id: string): Promise<Row | undefined> {
  return (await q.query('SELECT * FROM templates WHERE id = $1', [id]))[0];
}

export async function listQuickReplies(q: Queryable) {
  return (await q.query('SELECT * FROM quick_replies ORDER BY position, shortcut')).map(toQuickReply);
}

export async function listAttributeDefinitions(q: Queryable) {
  return (await q.query('SELECT * FROM attribute_definitions ORDER BY position, key')).map(toAttributeDefinition);
}

export async function readSettings(q: Queryable): Promise<WorkspaceSettings> {
  const row = (await q.query('SELECT data FROM settings WHERE id = 1'))[0];
  const stored = (row?.data ?? {}) as Partial<WorkspaceSettings>;
  return { ...DEFAULT_SETTINGS, ...stored, maxUploadBytes: { ...DEFAULT_SETTINGS.maxUploadBytes, ...stored.maxUploadBytes } };
}

export async function writeSettings(q: Queryable, settings: WorkspaceSettings): Promise<void> {
  await q.query(
    'INSERT INTO settings (id, data) VALUES (1, $1::text::jsonb) ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data',
    [jsonParam(settings)],
  );
}

/** A named secret, created once with `make()` and then shared by every instance on the database. */
export async function secret(q: Queryable, name: string, make: () => string): Promise<string> {
  await q.query('INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, make()]);
  const row = (await q.query('SELECT value FROM secrets WHERE name = $1', [name]))[0];
  return String(row!.value);
}

export async function lastEventId(q: Queryable): Promise<number> {
  const row = (await q.query('SELECT coalesce(max(id), 0) AS id FROM events'))[0];
  return Number(row?.id ?? 0);
}
