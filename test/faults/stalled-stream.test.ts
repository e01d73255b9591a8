// A half-open event stream (the connection stays up, nothing arrives, not even heartbeats) is noticed by the
// client's watchdog; it reconnects by Last-Event-ID and misses nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { OwClient, RealtimeStream, SimClient, createStore, MemoryStorage, type OwStore } from '../../src/client/index.js';
import { startTestServer, type TestServer } from '../../server/testing.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';
import { TOKENS, comparable, serverView, storeView, waitUntil } from './helpers.js';

const HEARTBEAT_MS = 300;
let server: TestServer;
let proxy: FaultProxy;
let store: OwStore | undefined;

before(async () => {
  server = await startTestServer({ heartbeatMs: HEARTBEAT_MS });
  proxy = await startFaultProxy({ target: server.baseUrl });
});
after(async () => {
  store?.stop();
  await proxy.close();
  await server.close();
});

test('a stalled stream is replaced and nothing sent meanwhile is missed', { timeout: 30_000 }, async () => {
  const detail = await new SimClient({ baseUrl: server.baseUrl }).createConversation({
    channel: 'whatsapp',
    customer: { name: 'Conexión Colgada', phone: '+573009990001' },
    stage: 'assigned',
    groupId: 'grp_ventas',
    assigneeId: 'agt_carla',
    messages: [{ author: 'customer', text: 'hola' }],
  });
  const conversationId = detail.conversation.id;
  store = createStore({
    client: new OwClient({ baseUrl: proxy.url, token: TOKENS.ana }),
    storage: new MemoryStorage(),
    realtime: { heartbeatMs: HEARTBEAT_MS, initialBackoffMs: 50, maxBackoffMs: 200 },
    onError: () => undefined,
  });
  await store.start();
  await store.openConversation(conversationId);
  store.leaveConversation();
  await waitUntil(() => store!.getState().connection === 'open', 5_000, 10);

  assert.equal(proxy.stallStreams(), 1, 'one open stream stalled');
  const carla = new OwClient({ baseUrl: server.baseUrl, token: TOKENS.carla });
  for (let n = 0; n < 20; n++) await carla.sendMessage(conversationId, { clientId: `stall_note_${n}`, kind: 'note', text: `durante el corte ${n}` });

  const admin = new OwClient({ baseUrl: server.baseUrl, token: TOKENS.admin });
  const converged = await waitUntil(
    async () => isDeepStrictEqual(comparable(storeView(store!, conversationId)), comparable(await serverView(admin, conversationId))),
    10_000,
    100,
  );
  assert.notEqual(converged, null, `the store caught up (${storeView(store, conversationId).messages.length} messages)`);
  assert.ok(proxy.counters.sseStreams >= 2, 'the client opened a new stream');
  assert.ok(converged! < 10 * HEARTBEAT_MS + 2_000, `caught up in ${converged} ms`);
});

test('a client away for longer than one replay batch gets every event on its return, in order', { timeout: 60_000 }, async () => {
  const detail = await new SimClient({ baseUrl: server.baseUrl }).createConversation({
    channel: 'web',
    customer: { name: 'Ausencia Larga', phone: '+573009990002' },
    stage: 'assigned',
    groupId: 'grp_ventas',
    assigneeId: 'agt_carla',
    messages: [{ author: 'customer', text: 'hola' }],
  });
  const ana = new OwClient({ baseUrl: proxy.url, token: TOKENS.ana });
  const from = (await ana.me()).lastEventId;
  const carla = new OwClient({ baseUrl: server.baseUrl, token: TOKENS.carla });
  const sent = new Set<string>();
  for (let n = 0; n < 700; n += 10) {
    const batch = await Promise.all(
      Array.from({ length: 10 }, (_, i) => carla.sendMessage(detail.conversation.id, { clientId: `away_reply_${n + i}`, text: `mientras no estaba ${n + i}` })),
    );
    for (const { message } of batch) sent.add(message.id);
  }
  const ids: number[] = [];
  const created = new Set<string>();
  const stream = new RealtimeStream({
    client: ana,
    lastEventId: from,
    onEvent: (event) => {
      ids.push(event.id);
      if (event.type === 'message.created') created.add(event.message.id);
    },
  });
  stream.start();
  try {
    const done = await waitUntil(() => [...sent].every((id) => created.has(id)), 30_000, 50);
    assert.notEqual(done, null, `${created.size} of ${sent.size} notes replayed`);
    assert.ok(ids.length > 1000, `${ids.length} events replayed, more than one batch`);
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
    assert.equal(new Set(ids).size, ids.length);
  } finally {
    stream.stop();
  }
});
