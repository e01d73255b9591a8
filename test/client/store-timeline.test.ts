// Timeline order in the store: server messages by seq whatever order pages and events arrive in, optimistic ones last.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Message, OwEvent } from '../../src/contract/index.js';
import { insertInTimeline, isOptimistic } from '../../src/client/store/draft.js';
import { IDS, TOKENS, conversation, session, useHarness } from './helpers.js';

const harness = useHarness();

const isSend = (url: string, init?: RequestInit) => init?.method === 'POST' && /\/api\/conversations\/[^/]+\/messages$/.test(url);

test('messages arriving out of seq order (events, then an older page) end in seq order, optimistic ones last, none twice', async () => {
  const texts = Array.from({ length: 10 }, (_, i) => `m${i}`);
  const detail = await conversation(harness, {
    stage: 'assigned',
    assigneeId: IDS.ana,
    groupId: 'grp_ventas',
    messages: texts.map((text) => ({ author: 'customer' as const, text })),
  });
  const id = detail.conversation.id;
  // The stored messages as the server lists them (oldest first): the reference order.
  const { client } = session(harness, TOKENS.ana);
  const stored = (await client.listMessages(id, { limit: 50 })).messages;
  assert.deepEqual(
    stored.map((m) => m.text),
    texts,
  );

  // Offline tab (no stream, sends never reach the server) so only the events given below arrive.
  const ana = session(harness, TOKENS.ana, {
    messagePageSize: 3,
    fetch: async (url, init) => {
      if (isSend(url, init)) throw new TypeError('fetch failed: connection refused');
      return fetch(url, init);
    },
  }).store;
  ana.hydrate(await client.me());
  await ana.openConversation(id);
  const timeline = () => ana.getState().timelines[id]!.ids.map((m) => ana.getState().messages[m]!);
  assert.deepEqual(
    timeline().map((m) => m.text),
    ['m7', 'm8', 'm9'],
  );
  void ana.send(id, { text: 'borrador' });
  assert.equal(timeline().at(-1)!.text, 'borrador');

  let eventId = ana.getState().lastEventId;
  const created = (message: Message): OwEvent => ({ id: ++eventId, at: message.createdAt, type: 'message.created', message });
  // One at a time, out of order: a middle one, the oldest, one in between.
  for (const i of [4, 1, 5]) ana.applyEvents([created(stored[i]!)]);
  // One batch, out of order, with a repeat of one already shown.
  ana.applyEvents([3, 6, 5, 2].map((i) => created(stored[i]!)));
  assert.deepEqual(
    timeline().map((m) => m.text),
    ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'borrador'],
  );
  // The older page (before m1) fills the start.
  await ana.loadOlderMessages(id);
  const messages = timeline();
  assert.deepEqual(
    messages.map((m) => m.text),
    [...texts, 'borrador'],
  );
  assert.deepEqual(
    messages.slice(0, -1).map((m) => m.id),
    stored.map((m) => m.id),
  );
  assert.equal(isOptimistic(messages.at(-1)!), true);
  assert.equal(ana.getState().timelines[id]!.hasMore, false);
});

/** A message as the timeline sees it: only id, seq and clientId matter to the order. */
function message(seq: number, optimistic = false): Message {
  const id = optimistic ? `cli_${seq}` : `msg_${seq}`;
  return {
    id,
    conversationId: 'cnv_1',
    author: optimistic ? 'agent' : 'customer',
    agentId: null,
    kind: 'text',
    text: id,
    attachments: [],
    clientId: optimistic ? id : null,
    status: optimistic ? 'pending' : 'delivered',
    createdAt: '2026-01-01T00:00:00.000Z',
    seq,
    version: 1,
  };
}

test('insertInTimeline agrees with a full sort for runs before, after, interleaved, unsorted and large batches', () => {
  let seed = 7;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const shapes = [
    { existing: [100, 200], added: [10, 20, 30] },
    { existing: [100, 200], added: [300, 250] },
    { existing: [100, 200, 300], added: [150, 50, 350, 250] },
    { existing: [], added: [3, 1, 2] },
    { existing: [5], added: Array.from({ length: 1_500 }, (_, i) => 4 - i) },
    { existing: [5_000], added: Array.from({ length: 1_500 }, (_, i) => 6_000 + i) },
  ];
  for (let r = 0; r < 40; r += 1) {
    const pool = Array.from({ length: 60 }, (_, i) => i * 10).sort(() => random() - 0.5);
    shapes.push({ existing: pool.slice(0, Math.floor(random() * 40)), added: pool.slice(40, 40 + Math.floor(random() * 20)) });
  }
  for (const [index, shape] of shapes.entries()) {
    for (const pending of [0, 2]) {
      const messages: Record<string, Message> = {};
      const existing = [...shape.existing].sort((a, b) => a - b).map((seq) => message(seq));
      const optimistic = Array.from({ length: pending }, (_, i) => message(i + 1, true));
      for (const m of [...existing, ...optimistic]) messages[m.id] = m;
      const ids = [...existing, ...optimistic].map((m) => m.id);
      const added = shape.added.map((seq) => message(seq));
      for (const m of added) messages[m.id] = m;
      const result = insertInTimeline(ids, added, messages);
      const expected = [...existing, ...added].sort((a, b) => a.seq - b.seq).map((m) => m.id);
      assert.deepEqual(result, [...expected, ...optimistic.map((m) => m.id)], `shape ${index}, ${pending} pending`);
    }
  }
});
