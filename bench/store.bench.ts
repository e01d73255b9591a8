// Client store figures: the inbox at 100,000 conversations (build, re-sort after one new message), and one 10,000-message timeline (paging, live appends).
import type { Agent, BootstrapResponse, Conversation, Message, OwEvent } from '../src/contract/index.js';
import { DEFAULT_SETTINGS } from '../src/contract/index.js';
import { OwClient } from '../src/client/api-client.js';
import { sortKey } from '../src/client/rules/index.js';
import { InboxIndex } from '../src/client/store/inbox.js';
import { MemoryStorage } from '../src/client/store/storage.js';
import { createStore } from '../src/client/store.js';

/** `npx tsx bench/store.bench.ts [inbox|timeline]` runs one part. */
const only = process.argv[2];
const N = 100_000;
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const iso = (ms: number) => new Date(T0 + ms).toISOString();

const me: Agent = {
  id: 'agt_ana', name: 'Ana Pérez', email: 'ana@example.com', role: 'agent', groupIds: ['grp_ventas'],
  status: 'online', lastSeenAt: iso(0), version: 1,
};

function conversation(i: number): Conversation {
  const t = i * 1_000;
  return {
    id: `cnv_${i.toString(36).padStart(6, '0')}`, customerId: `cus_${i}`, channel: 'whatsapp', stage: 'queued', status: 'active',
    outbound: false, groupId: 'grp_ventas', assigneeId: null, tagIds: [], createdAt: iso(t), lastActivityAt: iso(t),
    lastCustomerMessageAt: iso(t), waitingSince: i % 3 === 0 ? null : iso(t), assignedAt: null, closedAt: null, closedHow: null,
    customerMessageCount: 1, lastMessage: { author: 'customer', kind: 'text', text: `mensaje ${i}`, createdAt: iso(t) }, version: 1,
  };
}

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

const conversations = Array.from({ length: N }, (_, i) => conversation(i));

// 1. The index alone (what the inbox order costs).
if (!only || only === 'inbox') {
  const index = new InboxIndex();
  let start = process.hrtime.bigint();
  index.rebuild(conversations.map((c) => sortKey(c, null, 'waiting')));
  index.snapshot();
  console.log(`index build, ${N} conversations (sort keys + sort + ids): ${ms(start).toFixed(1)} ms`);
  const times: number[] = [];
  for (let r = 0; r < 200; r += 1) {
    const c = conversations[(r * 7919) % N]!;
    const changed: Conversation = { ...c, waitingSince: iso(N * 1_000 + r), lastActivityAt: iso(N * 1_000 + r), version: c.version + 1 };
    start = process.hrtime.bigint();
    index.set(changed.id, sortKey(changed, null, 'waiting'));
    index.snapshot();
    times.push(ms(start));
  }
  console.log(`index re-sort after one new message (move + new ids snapshot): median ${(median(times) * 1000).toFixed(0)} µs, max ${Math.max(...times).toFixed(2)} ms`);
}

// 2. The whole store: events in, immutable snapshot out, subscribers notified.
if (!only || only === 'inbox') {
  const store = createStore({ client: new OwClient({ baseUrl: 'http://127.0.0.1:9', token: 'unused' }), storage: new MemoryStorage() });
  const boot: BootstrapResponse = {
    me, agents: [me], groups: [{ id: 'grp_ventas', name: 'Ventas' }], tags: [], templates: [], quickReplies: [],
    attributeDefinitions: [], settings: DEFAULT_SETTINGS, lastEventId: 0,
  };
  store.hydrate(boot);
  let notified = 0;
  store.subscribe((s) => s.inbox.ids, () => (notified += 1));
  let id = 0;
  const events: OwEvent[] = [];
  for (const c of conversations) {
    const customer = { id: c.customerId, name: `Cliente ${c.id}`, phone: null, email: null, attributes: {}, version: 1, createdAt: c.createdAt, updatedAt: c.createdAt, updatedBy: null };
    events.push({ id: ++id, at: c.createdAt, type: 'customer.updated', customer });
    events.push({ id: ++id, at: c.createdAt, type: 'conversation.updated', conversation: c });
  }
  let start = process.hrtime.bigint();
  store.applyEvents(events);
  console.log(`store build, ${N} customers + ${N} conversations as events in one batch: ${ms(start).toFixed(1)} ms (inbox ids: ${store.getState().inbox.ids.length})`);
  const times: number[] = [];
  for (let r = 0; r < 30; r += 1) {
    const c = store.getState().conversations[conversations[(r * 7919) % N]!.id]!;
    const changed: Conversation = { ...c, waitingSince: iso(N * 1_000 + r), lastActivityAt: iso(N * 1_000 + r), version: c.version + 1 };
    start = process.hrtime.bigint();
    store.applyEvents([{ id: ++id, at: changed.lastActivityAt, type: 'conversation.updated', conversation: changed }]);
    times.push(ms(start));
  }
  console.log(`store apply one conversation.updated (record copy + re-sort + notify): median ${median(times).toFixed(2)} ms, max ${Math.max(...times).toFixed(2)} ms (notifications: ${notified})`);
}

// 3. One long timeline paged in: 200 pages of 50 older messages through loadOlderMessages, then live appends.
//    The transport answers from memory so the figure is the store's own cost (state copy, timeline insert, notify).
if (!only || only === 'timeline') {
  const PAGES = 200;
  const PAGE = 50;
  const TOTAL = PAGES * PAGE;
  const cnv = { ...conversation(0), assigneeId: me.id, stage: 'assigned' as const };
  const customer = { id: cnv.customerId, name: 'Cliente', phone: null, email: null, attributes: {}, version: 1, createdAt: cnv.createdAt, updatedAt: cnv.createdAt };
  const readState = { conversationId: cnv.id, readCount: 1, markedUnread: false, markedUnreadAt: null, version: 1 };
  const message = (seq: number): Message => ({
    id: `msg_${seq}`, conversationId: cnv.id, author: seq % 2 ? 'customer' : 'agent', agentId: seq % 2 ? null : me.id, kind: 'text',
    text: `mensaje ${seq}`, attachments: [], clientId: null, status: 'delivered', createdAt: iso(seq * 1_000), seq, version: 1,
  });
  // seq 1..TOTAL; the newest page is served on open, each `before` serves the PAGE messages before it.
  const json = (body: unknown) => Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }));
  const fetchFn = (input: string, init?: RequestInit): Promise<Response> => {
    const url = new URL(input);
    if (url.pathname.endsWith('/read') && init?.method === 'POST') return json({ readState });
    if (url.pathname.endsWith('/messages')) {
      const before = url.searchParams.get('before');
      const limit = Number(url.searchParams.get('limit') ?? PAGE);
      const end = before ? Number(before.slice(4)) - 1 : TOTAL;
      const start = Math.max(1, end - limit + 1);
      const messages = [];
      for (let seq = start; seq <= end; seq += 1) messages.push(message(seq));
      return json({ messages, hasMore: start > 1 });
    }
    return json({ conversation: cnv, customer, readState });
  };
  const store = createStore({ client: new OwClient({ baseUrl: 'http://127.0.0.1:9', token: 'unused', fetch: fetchFn }), storage: new MemoryStorage() });
  store.hydrate({
    me, agents: [me], groups: [{ id: 'grp_ventas', name: 'Ventas' }], tags: [], templates: [], quickReplies: [],
    attributeDefinitions: [], settings: DEFAULT_SETTINGS, lastEventId: 0,
  });
  let notified = 0;
  store.subscribe((s) => s.timelines[cnv.id], () => (notified += 1));
  await store.openConversation(cnv.id);
  const pageTimes: number[] = [];
  const all = process.hrtime.bigint();
  while (store.getState().timelines[cnv.id]!.hasMore) {
    const start = process.hrtime.bigint();
    await store.loadOlderMessages(cnv.id);
    pageTimes.push(ms(start));
  }
  const total = ms(all);
  const ids = store.getState().timelines[cnv.id]!.ids;
  const ordered = ids.every((id, i) => i === 0 || store.getState().messages[id]!.seq > store.getState().messages[ids[i - 1]!]!.seq);
  const first = pageTimes.slice(0, 10);
  const last = pageTimes.slice(-10);
  console.log(
    `timeline paging, ${pageTimes.length} pages of ${PAGE} older messages (${ids.length} in the timeline, in seq order: ${ordered}): ` +
      `${total.toFixed(0)} ms in all; first 10 pages median ${median(first).toFixed(2)} ms/page, last 10 pages median ${median(last).toFixed(2)} ms/page`,
  );
  const liveTimes: number[] = [];
  let eventId = 0;
  for (let r = 0; r < 200; r += 1) {
    const m = message(TOTAL + 1 + r);
    const start = process.hrtime.bigint();
    store.applyEvents([{ id: ++eventId, at: m.createdAt, type: 'message.created', message: m }]);
    liveTimes.push(ms(start));
  }
  console.log(
    `timeline live append at ${TOTAL} messages (one message.created per batch): median ${(median(liveTimes) * 1000).toFixed(0)} µs, ` +
      `max ${Math.max(...liveTimes).toFixed(2)} ms (timeline notifications: ${notified})`,
  );
  const batch: OwEvent[] = [];
  for (let r = 0; r < 2_000; r += 1) {
    const m = message(TOTAL + 201 + r);
    batch.push({ id: ++eventId, at: m.createdAt, type: 'message.created', message: m });
  }
  const start = process.hrtime.bigint();
  store.applyEvents(batch);
  console.log(`timeline replay of 2,000 message.created in one batch: ${ms(start).toFixed(1)} ms (${store.getState().timelines[cnv.id]!.ids.length} in the timeline)`);
}
