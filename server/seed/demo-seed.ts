// Seeds an empty database with the demo workspace (once: a second call finds the marker and does nothing).
import type { Db, Queryable } from '../db/adapter.js';
import { jsonParam } from '../db/sql.js';
import { writeSettings } from '../db/workspace.js';
import { hashPassword } from '../services/auth.js';
import { DEMO_PASSWORD, generateDemoData, type DemoData, type DemoOptions } from './demo-data.js';

export { DEMO_PASSWORD, generateDemoData } from './demo-data.js';

const MARKER = 'demo-seed';

export interface DemoSeedOptions extends DemoOptions {
  /** Times of the seeded conversations are relative to this (ms since epoch). */
  now?: number;
  /** Password KDF; the server's own by default. */
  hashPassword?: (password: string) => Promise<string> | string;
}

export interface DemoSeedResult {
  seeded: boolean;
  /** When the demo workspace was seeded (this time or earlier); null when the database holds another workspace. */
  seededAt: string | null;
  /** Why nothing was seeded, when `seeded` is false. */
  reason?: string;
  counts?: Record<string, number>;
}

type Column = string | { name: string; json: true };
const J = (name: string): Column => ({ name, json: true });

/** Multi-row INSERTs in batches that stay under PostgreSQL's 65535 parameters. */
async function insertMany(q: Queryable, table: string, columns: Column[], rows: unknown[][]): Promise<void> {
  const perBatch = Math.max(1, Math.floor(30_000 / columns.length));
  const names = columns.map((c) => (typeof c === 'string' ? c : c.name)).join(', ');
  for (let start = 0; start < rows.length; start += perBatch) {
    const batch = rows.slice(start, start + perBatch);
    const params: unknown[] = [];
    const tuples = batch.map((row) => {
      const cells = columns.map((column, i) => {
        const value = row[i];
        if (typeof column !== 'string') {
          params.push(value === null || value === undefined ? null : jsonParam(value));
          return `$${params.length}::text::jsonb`;
        }
        params.push(value === undefined ? null : value);
        return `$${params.length}`;
      });
      return `(${cells.join(', ')})`;
    });
    await q.query(`INSERT INTO ${table} (${names}) VALUES ${tuples.join(', ')}`, params);
  }
}

/** When the demo workspace was seeded into this database, or null. */
export async function demoSeededAt(db: Queryable): Promise<string | null> {
  const rows = await db.query('SELECT value FROM secrets WHERE name = $1', [MARKER]);
  return rows.length > 0 ? String(rows[0]!.value) : null;
}

export async function seedDemo(db: Db, options: DemoSeedOptions): Promise<DemoSeedResult> {
  const earlier = await demoSeededAt(db);
  if (earlier) return { seeded: false, seededAt: earlier, reason: 'already seeded' };
  const agentsBefore = await db.query('SELECT count(*)::int AS n FROM agents');
  if (Number(agentsBefore[0]?.n ?? 0) > 0) return { seeded: false, seededAt: null, reason: 'the database already has a workspace' };

  const now = options.now ?? Date.now();
  const data = generateDemoData(now, options);
  const hashes = new Map<string, string>();
  const hash = options.hashPassword ?? hashPassword;
  for (const { agent, password } of data.agents) hashes.set(agent.id, await hash(password));
  const nowIso = new Date(now).toISOString();

  await db.tx(async (q) => {
    // Serializes two instances starting together on one PostgreSQL database.
    if (db.kind === 'postgres') await q.query('SELECT pg_advisory_xact_lock(7201002)');
    const again = await q.query('SELECT 1 FROM secrets WHERE name = $1', [MARKER]);
    if (again.length > 0) return;

    await writeSettings(q, data.settings);
    await insertMany(q, 'groups', ['id', 'name', 'position'], data.groups.map((g, i) => [g.id, g.name, i]));
    await insertMany(
      q,
      'agents',
      ['id', 'name', 'email', 'role', J('group_ids'), 'status', 'chosen_status', 'last_seen_at', 'password_hash', 'version'],
      data.agents.map(({ agent }) => [agent.id, agent.name, agent.email, agent.role, agent.groupIds, agent.status, 'online', agent.lastSeenAt, hashes.get(agent.id), agent.version]),
    );
    await insertMany(q, 'tags', ['id', 'name', 'color', 'created_at'], data.tags.map((t) => [t.id, t.name, t.color, nowIso]));
    await insertMany(q, 'templates', ['id', 'name', 'language', 'body', 'variable_count'], data.templates.map((t) => [t.id, t.name, t.language, t.body, t.variableCount]));
    await insertMany(q, 'quick_replies', ['id', 'shortcut', 'text', 'position'], data.quickReplies.map((r, i) => [r.id, r.shortcut, r.text, i]));
    await insertMany(
      q,
      'attribute_definitions',
      ['key', 'label', 'type', J('options'), 'required', 'position'],
      data.attributeDefinitions.map((d, i) => [d.key, d.label, d.type, d.options ?? null, d.required ?? false, i]),
    );
    await insertMany(
      q,
      'customers',
      ['id', 'name', 'phone', 'email', J('attributes'), 'version', 'created_at', 'updated_at'],
      data.customers.map((c) => [c.id, c.name, c.phone, c.email, c.attributes, c.version, c.createdAt, c.updatedAt]),
    );
    await insertMany(q, 'customer_identities', ['channel', 'handle', 'customer_id'], data.identities.map((i) => [i.channel, i.address, i.customerId]));
    await insertMany(
      q,
      'conversations',
      [
        'id', 'customer_id', 'channel', 'stage', 'status', 'outbound', 'group_id', 'assignee_id', J('tag_ids'), 'created_at', 'last_activity_at',
        'last_customer_message_at', 'waiting_since', 'assigned_at', 'closed_at', 'closed_how', 'customer_message_count', J('last_message'), 'bot_step', 'version',
      ],
      data.conversations.map((c) => [
        c.id, c.customerId, c.channel, c.stage, c.status, c.outbound, c.groupId, c.assigneeId, c.tagIds, c.createdAt, c.lastActivityAt,
        c.lastCustomerMessageAt, c.waitingSince, c.assignedAt, c.closedAt, c.closedHow, c.customerMessageCount, c.lastMessage,
        c.stage === 'bot' && c.status === 'active' ? (data.botSteps[c.id] ?? null) : null, c.version,
      ]),
    );
    // Inserted in time order so the bigserial `seq` follows the conversation order.
    await insertMany(
      q,
      'messages',
      ['id', 'conversation_id', 'author', 'agent_id', 'kind', 'text', J('attachments'), 'client_id', 'status', 'created_at', J('event'), 'template_id', 'version'],
      data.messages.map((m) => [
        m.id, m.conversationId, m.author, m.agentId, m.kind, m.text, m.attachments.map(({ id, name, contentType, size }) => ({ id, name, contentType, size })),
        m.clientId, m.status, m.createdAt, m.event ?? null, m.templateId ?? null, m.version,
      ]),
    );
    const channelOf = new Map(data.conversations.map((c) => [c.id, c.channel]));
    const createdOf = new Map(data.messages.map((m) => [m.id, m.createdAt]));
    await insertMany(
      q,
      'attachments',
      ['id', 'conversation_id', 'channel', 'name', 'content_type', 'size', 'data', 'created_at'],
      data.files.map((f) => [f.attachmentId, f.conversationId, channelOf.get(f.conversationId), f.name, f.contentType, f.bytes.length, Buffer.from(f.bytes), createdOf.get(f.messageId)]),
    );
    await insertMany(
      q,
      'read_states',
      ['agent_id', 'conversation_id', 'read_count', 'marked_unread', 'marked_unread_at', 'version'],
      data.readStates.map(({ agentId, readState: r }) => [agentId, r.conversationId, r.readCount, r.markedUnread, r.markedUnreadAt, r.version]),
    );
    await q.query('INSERT INTO secrets (name, value) VALUES ($1, $2)', [MARKER, nowIso]);
  });

  return {
    seeded: true,
    seededAt: nowIso,
    counts: {
      agents: data.agents.length,
      customers: data.customers.length,
      conversations: data.conversations.length,
      messages: data.messages.length,
      files: data.files.length,
    },
  };
}

/** Sign-ins of the seeded agents, for the start banner. */
export function demoSignIns(): { email: string; password: string; name: string; role: string; groups: string }[] {
  const data = generateDemoData(0, { conversations: 1 });
  const groupName = new Map(data.groups.map((g) => [g.id, g.name]));
  return data.agents.map(({ agent }) => ({
    email: agent.email,
    password: DEMO_PASSWORD,
    name: agent.name,
    role: agent.role,
    groups: agent.role === 'admin' ? 'todos' : agent.groupIds.map((id) => groupName.get(id)).join(', '),
  }));
}

export interface DemoCustomerSample {
  customerId: string;
  name: string;
  /** Address on each channel (the `from` of /api/sim/inbound). */
  addresses: Record<string, string>;
  /** What state this customer's conversation is in, for the phone simulator's list. */
  note: string;
}

/** A handful of seeded customers in different situations, for the phone simulator. */
export function demoCustomerSamples(options: DemoOptions = {}): DemoCustomerSample[] {
  const data = generateDemoData(Date.now(), options);
  const agentName = new Map(data.agents.map(({ agent }) => [agent.id, agent.name.split(' ')[0]]));
  const groupName = new Map(data.groups.map((g) => [g.id, g.name]));
  const customerName = new Map(data.customers.map((c) => [c.id, c.name]));
  const active = new Map<string, (typeof data.conversations)[number]>();
  for (const c of data.conversations) if (c.status === 'active') active.set(c.customerId, c);
  const picks: { test: (c: (typeof data.conversations)[number]) => boolean; note: (c: (typeof data.conversations)[number]) => string; count: number }[] = [
    { test: (c) => c.stage === 'assigned' && !c.outbound, note: (c) => `WhatsApp asignado a ${agentName.get(c.assigneeId!)}`, count: 4 },
    { test: (c) => c.stage === 'queued', note: (c) => `en cola de ${groupName.get(c.groupId!)}`, count: 2 },
    { test: (c) => c.stage === 'bot', note: () => 'hablando con el bot', count: 1 },
    { test: (c) => c.outbound, note: () => 'mensaje saliente con plantilla', count: 1 },
  ];
  const samples: DemoCustomerSample[] = [];
  const assignees = new Set<string>();
  for (const pick of picks) {
    let n = 0;
    for (const c of active.values()) {
      if (n >= pick.count) break;
      if (c.channel !== 'whatsapp' || !pick.test(c)) continue;
      // One assigned customer per agent, so each agent's window has someone to talk to.
      if (c.stage === 'assigned' && !c.outbound) {
        if (assignees.has(c.assigneeId!)) continue;
        assignees.add(c.assigneeId!);
      }
      samples.push({ customerId: c.customerId, name: customerName.get(c.customerId)!, addresses: addressesOf(data, c.customerId), note: pick.note(c) });
      n++;
    }
  }
  const closedOnly = data.customers.find((c) => !active.has(c.id) && c.email !== null);
  if (closedOnly) samples.push({ customerId: closedOnly.id, name: closedOnly.name, addresses: addressesOf(data, closedOnly.id), note: 'solo conversaciones cerradas' });
  return samples;
}

function addressesOf(data: DemoData, customerId: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const identity of data.identities) if (identity.customerId === customerId) out[identity.channel] = identity.address;
  return out;
}
