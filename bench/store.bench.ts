// Inbox figures of the client store at 100,000 conversations: build, and re-sort after one new customer message.
import type { Agent, BootstrapResponse, Conversation, OwEvent } from '../src/contract/index.js';
import { DEFAULT_SETTINGS } from '../src/contract/index.js';
import { OwClient } from '../src/client/api-client.js';
import { sortKey } from '../src/client/rules/index.js';
import { InboxIndex } from '../src/client/store/inbox.js';
import { MemoryStorage } from '../src/client/store/storage.js';
import { createStore } from '../src/client/store.js';

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
{
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
{
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
    const customer = { id: c.customerId, name: `Cliente ${c.id}`, phone: null, email: null, attributes: {}, version: 1, createdAt: c.createdAt, updatedAt: c.createdAt };
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
