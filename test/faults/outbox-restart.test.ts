// The outbox a previous page left behind is delivered by the next start() even when that start happens on a
// network that is still failing (the inbox load fails; the stream cannot connect).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryStorage, OwClient, SimClient, createStore, type FetchLike, type OwStore } from '../../src/client/index.js';
import { startTestServer, type TestServer } from '../../server/testing.js';
import { TOKENS, serverMessages, waitUntil } from './helpers.js';

let server: TestServer;
const stores: OwStore[] = [];

before(async () => {
  server = await startTestServer();
});
after(async () => {
  for (const store of stores) store.stop();
  await server.close();
});

function storeWith(fetchFn: FetchLike, storage: MemoryStorage, resendBaseMs = 60_000): OwStore {
  const store = createStore({
    client: new OwClient({ baseUrl: server.baseUrl, token: TOKENS.ana, fetch: fetchFn }),
    storage,
    resendBaseMs,
    maxSendAttempts: 8,
    realtime: { initialBackoffMs: 50, maxBackoffMs: 200 },
    onError: () => undefined,
  });
  stores.push(store);
  return store;
}

test('a pending message left by the previous page is sent once although the inbox load of start() failed', { timeout: 30_000 }, async () => {
  const detail = await new SimClient({ baseUrl: server.baseUrl }).createConversation({
    channel: 'whatsapp',
    customer: { name: 'Arranque Fallido', phone: '+573008880001' },
    stage: 'assigned',
    groupId: 'grp_ventas',
    assigneeId: 'agt_ana',
    messages: [{ author: 'customer', text: 'hola' }],
  });
  const conversationId = detail.conversation.id;
  const storage = new MemoryStorage();

  // The previous page: its send never reached the server and it was closed before the retry.
  const offline: FetchLike = async (input, init) => {
    const path = new URL(input).pathname;
    if (path.endsWith('/messages') || path.endsWith('/api/events')) throw new TypeError('fetch failed');
    return fetch(input, init);
  };
  const previous = storeWith(offline, storage);
  await previous.start();
  void previous.send(conversationId, { text: 'pendiente al recargar' });
  await waitUntil(() => (previous.getState().outbox[0]?.attempts ?? 0) >= 1, 5_000, 10);
  previous.stop();
  assert.equal(previous.getState().outbox[0]?.state, 'sending');

  // The next page starts while everything but the bootstrap still fails, and the network comes back soon after.
  let down = true;
  const recovering: FetchLike = async (input, init) => {
    if (down && !new URL(input).pathname.endsWith('/api/me')) throw new TypeError('fetch failed');
    return fetch(input, init);
  };
  const next = storeWith(recovering, storage, 100);
  await next.start().catch(() => undefined);
  setTimeout(() => (down = false), 300);

  const admin = new OwClient({ baseUrl: server.baseUrl, token: TOKENS.admin });
  const delivered = await waitUntil(async () => (await serverMessages(admin, conversationId)).some((m) => m.text === 'pendiente al recargar'), 6_000, 100);
  const entry = next.getState().outbox[0];
  assert.notEqual(delivered, null, `the persisted message was never resent (outbox entry: ${entry?.state}, ${entry?.attempts} attempts, nothing in flight)`);
  assert.equal((await serverMessages(admin, conversationId)).filter((m) => m.text === 'pendiente al recargar').length, 1);
});
