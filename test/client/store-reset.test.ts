// A store whose stream resumes from before what the server still keeps gets `stream.reset`: it loads again and
// ends where a freshly started store would be, with its outbox untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FetchLike } from '../../src/client/http.js';
import type { StoreState } from '../../src/client/store-types.js';
import { MemoryStorage } from '../../src/client/store/storage.js';
import { IDS, TOKENS, conversation, eventually, session, useHarness } from './helpers.js';

const harness = useHarness();
const DAY = 24 * 3_600_000;

/**
 * A network that can go away: the open event stream breaks, new streams and sends fail until it is back.
 * `holdInboxPages` keeps the answers of inbox page requests until `release()`.
 */
function flakyNetwork(): { fetch: FetchLike; down(): void; up(): void; holdInboxPages(): void; held(): number; release(): void } {
  let offline = false;
  let gate: { promise: Promise<void>; open: () => void; waiting: number } | null = null;
  const streams = new Set<AbortController>();
  return {
    fetch: async (url, init) => {
      const isStream = url.includes('/api/events');
      if (offline && (isStream || init?.method === 'POST')) throw new TypeError('fetch failed: network is down');
      if (gate && /\/api\/conversations\?/.test(url)) {
        const response = await fetch(url, init);
        gate.waiting += 1;
        await gate.promise;
        return response;
      }
      if (!isStream) return fetch(url, init);
      const controller = new AbortController();
      init?.signal?.addEventListener('abort', () => controller.abort(), { once: true });
      streams.add(controller);
      return fetch(url, { ...init, signal: controller.signal });
    },
    down() {
      offline = true;
      for (const stream of streams) stream.abort();
      streams.clear();
    },
    up() {
      offline = false;
    },
    holdInboxPages() {
      let open = () => {};
      const promise = new Promise<void>((resolve) => (open = resolve));
      gate = { promise, open, waiting: 0 };
    },
    held: () => gate?.waiting ?? 0,
    release() {
      gate?.open();
      gate = null;
    },
  };
}

/** What elements show: everything but the connection, which each store reports for itself. */
function shown(state: StoreState): Omit<StoreState, 'connection'> {
  const { connection: _connection, ...rest } = state;
  return JSON.parse(JSON.stringify(rest)) as Omit<StoreState, 'connection'>;
}

test('after a stream.reset the store reloads to what a fresh store shows, keeping the outbox', async () => {
  const network = flakyNetwork();
  const storage = new MemoryStorage();
  const ana = session(harness, TOKENS.ana, { fetch: network.fetch, storage, maxSendAttempts: 1 });
  await ana.store.start();
  const mine = await conversation(harness, { stage: 'assigned', assigneeId: IDS.ana, groupId: 'grp_ventas' });
  const leaving = await conversation(harness, { stage: 'queued', groupId: 'grp_ventas' });
  await ana.store.openConversation(mine.conversation.id);
  await eventually(() => ana.store.getState().conversations[leaving.conversation.id] !== undefined);

  network.down();
  await ana.store.send(mine.conversation.id, { text: 'sin red' });
  const [unsent] = ana.store.getState().outbox;
  assert.equal(unsent?.state, 'failed');

  // Missed while offline, and pruned before the stream is back: a removal, a note, a tag,
  // the automatic close of what was waiting (a week passes), a new conversation.
  const admin = session(harness, TOKENS.admin).client;
  await admin.transfer(leaving.conversation.id, { groupId: 'grp_soporte' });
  await admin.sendMessage(mine.conversation.id, { clientId: 'reset-note-1', kind: 'note', text: 'nota mientras tanto' });
  await admin.createTag({ name: 'Tras el corte', color: '#224466' });
  await harness.sim.advanceClock(8 * DAY);
  const arrived = await conversation(harness, { stage: 'queued', groupId: 'grp_ventas' });
  assert.ok((await harness.server.server.pruneEvents()) > 0);

  network.up();
  await eventually(() => {
    const state = ana.store.getState();
    return (
      state.conversations[arrived.conversation.id] !== undefined &&
      state.conversations[leaving.conversation.id] === undefined &&
      Object.values(state.tags).some((tag) => tag.name === 'Tras el corte') &&
      state.timelines[mine.conversation.id]!.ids.some((id) => state.messages[id]?.text === 'nota mientras tanto')
    );
  });
  const state = ana.store.getState();
  assert.deepEqual(state.outbox, [unsent], 'the outbox is untouched');
  const timeline = state.timelines[mine.conversation.id]!.ids;
  assert.equal(timeline.at(-1), unsent!.clientId, 'its message still follows the server messages');
  assert.equal(state.messages[unsent!.clientId]?.status, 'failed');

  // A store started now, over the same storage, with the same conversation open.
  const fresh = session(harness, TOKENS.ana, { storage });
  await fresh.store.start();
  await fresh.store.openConversation(mine.conversation.id);
  await eventually(() => {
    assert.deepEqual(shown(ana.store.getState()), shown(fresh.store.getState()));
    return true;
  });
});

test('events that arrive while the store loads again apply on top of what it loaded', async () => {
  const network = flakyNetwork();
  const ana = session(harness, TOKENS.ana, { fetch: network.fetch });
  const leaving = await conversation(harness, { stage: 'queued', groupId: 'grp_ventas' });
  await ana.store.start();
  network.down();
  await session(harness, TOKENS.admin).client.transfer(leaving.conversation.id, { groupId: 'grp_soporte' });
  await harness.sim.advanceClock(8 * DAY);
  await harness.server.server.pruneEvents();

  network.holdInboxPages();
  network.up();
  await eventually(() => network.held() > 0);
  const during = await conversation(harness, { stage: 'queued', groupId: 'grp_ventas' });
  network.release();
  await eventually(() => ana.store.getState().inbox.ids.includes(during.conversation.id));
  assert.equal(ana.store.getState().conversations[leaving.conversation.id], undefined, 'the reload replaced what was shown');
});
