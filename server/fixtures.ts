// The test workspace every test starts from: fixed ids, tokens and passwords (see README, "Reference server > Tests").
import { DEFAULT_SETTINGS } from '../src/contract/index.js';
import { FIXTURE } from './fixture-workspace.js';
import type { Db, Queryable } from './db/adapter.js';
import { jsonParam } from './db/sql.js';
import { hashPassword } from './services/auth.js';
import type { Clock } from './clock.js';

export { FIXTURE };
export const FIXTURE_PASSWORD = 'secret123';


const WORKSPACE_TABLES = [
  'read_states', 'attachments', 'messages', 'conversations', 'customer_identities', 'customers',
  'tokens', 'agents', 'groups', 'tags', 'templates', 'quick_replies', 'attribute_definitions', 'settings', 'events',
];

/** Empties the workspace. Event ids keep increasing, so streams opened before a reset never see an old id again. */
export async function clearWorkspace(q: Queryable): Promise<void> {
  await q.query(`TRUNCATE ${WORKSPACE_TABLES.join(', ')}`);
}

// Hashing is deliberately slow; the fixture is reseeded often, so each agent's hash is made once per process.
const hashes = new Map<string, Promise<string>>();
function fixtureHash(agentId: string): Promise<string> {
  let hash = hashes.get(agentId);
  if (!hash) hashes.set(agentId, (hash = hashPassword(FIXTURE_PASSWORD)));
  return hash;
}

/** Replaces the workspace with the fixture. */
export async function seedFixture(db: Db, clock: Clock): Promise<void> {
  const hashList = await Promise.all(FIXTURE.agents.map((a) => fixtureHash(a.id)));
  await db.tx(async (q) => {
    await clearWorkspace(q);
    await writeFixture(q, clock, hashList);
  });
}

/**
 * Seeds the fixture only into an empty workspace; false when there was one. Instances starting together
 * on one PostgreSQL database wait for each other, so exactly one seeds.
 */
export async function seedFixtureIfEmpty(db: Db, clock: Clock): Promise<boolean> {
  const hashList = await Promise.all(FIXTURE.agents.map((a) => fixtureHash(a.id)));
  return db.tx(async (q) => {
    if (db.kind === 'postgres') await q.query('SELECT pg_advisory_xact_lock(7201003)');
    if ((await q.query('SELECT 1 FROM agents LIMIT 1')).length > 0) return false;
    await writeFixture(q, clock, hashList);
    return true;
  });
}

async function writeFixture(q: Queryable, clock: Clock, hashList: readonly string[]): Promise<void> {
  const at = new Date(clock.now()).toISOString();
  for (const [i, g] of FIXTURE.groups.entries()) await q.query('INSERT INTO groups (id, name, position) VALUES ($1, $2, $3)', [g.id, g.name, i]);
  for (const [i, a] of FIXTURE.agents.entries()) {
    await q.query(
      `INSERT INTO agents (id, name, email, role, group_ids, status, chosen_status, last_seen_at, password_hash)
       VALUES ($1, $2, $3, $4, $5::text::jsonb, 'online', 'online', $6, $7)`,
      [a.id, a.name, a.email, a.role, jsonParam(a.groupIds), at, hashList[i]],
    );
    // Fixed test credentials: they never expire, so tests may move the clock by days.
    await q.query('INSERT INTO tokens (token, agent_id, created_at, last_used_at, expires) VALUES ($1, $2, $3, $3, false)', [a.token, a.id, at]);
  }
  for (const t of FIXTURE.tags) await q.query('INSERT INTO tags (id, name, color, created_at) VALUES ($1, $2, $3, $4)', [t.id, t.name, t.color, at]);
  for (const t of FIXTURE.templates) {
    await q.query('INSERT INTO templates (id, name, language, body, variable_count) VALUES ($1, $2, $3, $4, $5)', [t.id, t.name, t.language, t.body, t.variableCount]);
  }
  for (const [i, r] of FIXTURE.quickReplies.entries()) {
    await q.query('INSERT INTO quick_replies (id, shortcut, text, position) VALUES ($1, $2, $3, $4)', [r.id, r.shortcut, r.text, i]);
  }
  for (const [i, d] of FIXTURE.attributeDefinitions.entries()) {
    const options = 'options' in d ? jsonParam(d.options) : null;
    await q.query('INSERT INTO attribute_definitions (key, label, type, options, required, position) VALUES ($1, $2, $3, $4::text::jsonb, false, $5)', [d.key, d.label, d.type, options, i]);
  }
  await q.query('INSERT INTO settings (id, data) VALUES (1, $1::text::jsonb)', [jsonParam(DEFAULT_SETTINGS)]);
  // A first event, so `lastEventId` in /api/me is never 0 and a stream opened after bootstrap replays
  // whatever happened in between (0 means "no Last-Event-ID", i.e. live only).
  await q.query("INSERT INTO events (type, payload, at) VALUES ('settings.updated', $1::text::jsonb, $2)", [
    jsonParam({ type: 'settings.updated', settings: DEFAULT_SETTINGS }),
    at,
  ]);
}
