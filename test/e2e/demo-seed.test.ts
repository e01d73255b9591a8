// The demo workspace as the server sees it after the seed: consistent, reachable through the API, seeded once.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Conversation, ConversationPage, MessagePage, SignInResponse } from '../../src/contract/index.js';
import { startDemoServer, type DemoServer } from '../../demo/demo-server.js';
import { generateDemoData, seedDemo } from '../../server/seed/demo-seed.js';

let demo: DemoServer;
let dataDir: string;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ow-demo-seed-'));
  demo = await startDemoServer({ port: 0, dataDir });
});

after(async () => {
  await demo?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(email: string): Promise<string> {
  const response = await fetch(`${demo.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: 'demo1234' }),
  });
  assert.equal(response.status, 200, `${email} signs in with the printed password`);
  return ((await response.json()) as SignInResponse).token;
}

async function get<T>(token: string, path: string): Promise<T> {
  const response = await fetch(`${demo.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200, path);
  return (await response.json()) as T;
}

test('the generator is deterministic and keeps its times in the past and active conversations open', () => {
  const now = Date.parse('2026-03-02T15:00:00Z');
  const a = generateDemoData(now);
  const b = generateDemoData(now);
  assert.deepEqual(a.conversations, b.conversations);
  assert.deepEqual(
    a.messages.map((m) => m.text),
    b.messages.map((m) => m.text),
  );
  assert.ok(a.conversations.length === 300 && a.messages.length > 2000);
  for (const m of a.messages) assert.ok(Date.parse(m.createdAt) <= now, `${m.id} is not in the future`);
  const autoCloseMs = a.settings.autoCloseHours * 3_600_000;
  for (const c of a.conversations.filter((x) => x.status === 'active')) {
    assert.ok(now - Date.parse(c.lastActivityAt) < autoCloseMs, `${c.id} would be closed automatically at once`);
  }
  const states = new Set(a.conversations.map((c) => `${c.status}/${c.stage}/${c.outbound}`));
  for (const expected of ['active/bot/false', 'active/queued/false', 'active/assigned/false', 'active/assigned/true', 'closed/assigned/false']) {
    assert.ok(states.has(expected), `has ${expected} conversations`);
  }
  const channels = new Set(a.conversations.map((c) => c.channel));
  assert.deepEqual([...channels].sort(), ['facebook', 'instagram', 'web', 'whatsapp']);
  for (const c of a.conversations.filter((x) => x.stage === 'bot' && x.status === 'active')) assert.ok(a.botSteps[c.id], `${c.id} knows the bot's step`);
});

test('a second seed of the same database changes nothing', async () => {
  const result = await seedDemo(demo.db, {});
  assert.equal(result.seeded, false);
  const rows = await demo.db.query<{ n: number }>('SELECT count(*)::int AS n FROM conversations');
  assert.equal(Number(rows[0]!.n), 300);
});

test('groups decide what each seeded agent sees, and the admin sees all', async () => {
  const counts = async (email: string) => get<Record<string, number>>(await signIn(email), '/api/conversations/counts');
  const sofia = await counts('sofia@demo.ow');
  const mateo = await counts('mateo@demo.ow');
  const admin = await counts('admin@demo.ow');
  for (const tray of ['queued', 'mine', 'agents'] as const) {
    assert.ok(sofia[tray]! > 0 && mateo[tray]! > 0, `both groups have ${tray} conversations`);
  }
  assert.equal(admin.queued, sofia.queued! + mateo.queued!, 'queued conversations split between the two groups');
  assert.equal(admin.bot, sofia.bot, 'conversations with the bot belong to no group yet');
  const token = await signIn('mateo@demo.ow');
  const page = await get<ConversationPage>(token, '/api/conversations?tray=queued&limit=200');
  assert.ok(page.conversations.every((c: Conversation) => c.groupId === 'grp_soporte'));
});

test('seeded files are served back as the images and PDFs they are', async () => {
  const token = await signIn('admin@demo.ow');
  const withFiles = await demo.db.query<{ conversation_id: string }>('SELECT DISTINCT conversation_id FROM attachments ORDER BY conversation_id LIMIT 6');
  assert.ok(withFiles.length > 0);
  const seen = new Set<string>();
  for (const { conversation_id } of withFiles) {
    const page = await get<MessagePage>(token, `/api/conversations/${conversation_id}/messages?limit=200`);
    for (const attachment of page.messages.flatMap((m) => m.attachments)) {
      const response = await fetch(attachment.url);
      assert.equal(response.status, 200, attachment.name);
      const bytes = new Uint8Array(await response.arrayBuffer());
      assert.equal(bytes.length, attachment.size);
      const magic = Buffer.from(bytes.subarray(0, 5)).toString('latin1');
      if (attachment.contentType === 'image/png') assert.equal(magic.slice(1, 4), 'PNG');
      else assert.equal(magic, '%PDF-');
      seen.add(attachment.contentType);
    }
  }
  assert.ok(seen.has('image/png') || seen.has('application/pdf'));
});

test('a seeded customer writing on the phone continues their conversation', async () => {
  const samples = (await (await fetch(`${demo.url}/demo-customers.json`)).json()) as { addresses: Record<string, string>; note: string }[];
  const assigned = samples.find((s) => s.note.startsWith('WhatsApp asignado'));
  assert.ok(assigned, 'the phone page offers a customer with an assigned conversation');
  const before = (await (await fetch(`${demo.url}/api/sim/conversations?channel=whatsapp&from=${encodeURIComponent(assigned.addresses.whatsapp!)}`)).json()) as {
    conversations: Conversation[];
  };
  const active = before.conversations.find((c) => c.status === 'active');
  assert.ok(active, 'the sample has an active conversation');
  const response = await fetch(`${demo.url}/api/sim/inbound`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ channel: 'whatsapp', from: assigned.addresses.whatsapp, text: '¿Hay novedades?' }),
  });
  assert.equal(response.status, 200);
  const result = (await response.json()) as { conversation: Conversation };
  assert.equal(result.conversation.id, active.id);
  assert.equal(result.conversation.stage, 'assigned');
});

test('the demo pages and the package files carry a validator: an unchanged one answers 304', async () => {
  const first = await fetch(`${demo.url}/`);
  assert.equal(first.status, 200);
  const etag = first.headers.get('etag');
  assert.match(etag ?? '', /^W\/"/);
  const again = await fetch(`${demo.url}/`, { headers: { 'If-None-Match': etag! } });
  assert.equal(again.status, 304);
  assert.equal((await fetch(`${demo.url}/`, { headers: { 'If-None-Match': 'W/"other"' } })).status, 200);
});
