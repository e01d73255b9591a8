// The realtime stream against the real server: cuts mid-message, silent connections, replay without gaps or repeats.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { OwClient } from '../../src/client/api-client.js';
import type { FetchLike } from '../../src/client/http.js';
import { RealtimeStream, type RealtimeState } from '../../src/client/realtime.js';
import type { OwEvent } from '../../src/contract/index.js';
import { IDS, TOKENS, conversation, eventually, session, startHarness, type Harness } from './helpers.js';

let harness: Harness;
const streams: RealtimeStream[] = [];

before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness.close();
});
beforeEach(async () => {
  for (const s of streams.splice(0)) s.stop();
  for (const s of harness.sessions.splice(0)) s.store.stop();
  await harness.server.reset();
});

const isEvents = (url: string) => url.includes('/api/events');

/** Breaks each of the first `cuts` event streams after about `bytes` bytes, in the middle of a chunk. */
function cuttingFetch(cuts: number, bytes: number): { fetch: FetchLike; cut: () => number; lastEventIds: (string | null)[] } {
  let cut = 0;
  const lastEventIds: (string | null)[] = [];
  return {
    cut: () => cut,
    lastEventIds,
    fetch: async (url, init) => {
      const response = await fetch(url, init);
      if (!isEvents(url) || !response.body) return response;
      lastEventIds.push(new Headers(init?.headers).get('Last-Event-ID'));
      if (cut >= cuts) return response;
      const reader = response.body.getReader();
      let seen = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { done, value } = await reader.read();
          if (done) return controller.close();
          seen += value.byteLength;
          if (seen < bytes || cut >= cuts) return controller.enqueue(value);
          cut += 1;
          controller.enqueue(value.subarray(0, Math.max(1, value.byteLength >> 1)));
          await reader.cancel();
          controller.error(new TypeError('terminated: other side closed'));
        },
        cancel: (reason) => reader.cancel(reason),
      });
      return new Response(body, { status: response.status, headers: response.headers });
    },
  };
}

/** The first event stream goes silent (no bytes, not closed) after its first chunk. */
function stallingFetch(): FetchLike {
  let stalled = false;
  return async (url, init) => {
    const response = await fetch(url, init);
    if (!isEvents(url) || stalled || !response.body) return response;
    stalled = true;
    const reader = response.body.getReader();
    let first = true;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (!first) return new Promise<void>(() => undefined);
        first = false;
        const { value } = await reader.read();
        if (value) controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(body, { status: response.status, headers: response.headers });
  };
}

/** The first event stream carries one corrupted event (its JSON broken), as a faulty intermediary would send it. */
function corruptingFetch(): { fetch: FetchLike; corrupted: () => boolean } {
  let corrupted = false;
  let used = false;
  return {
    corrupted: () => corrupted,
    fetch: async (url, init) => {
      const response = await fetch(url, init);
      if (!isEvents(url) || used || !response.body) return response;
      used = true;
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      const encoder = new TextEncoder();
      let pending = '';
      let messages = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { done, value } = await reader.read();
          if (done) return controller.close();
          pending += decoder.decode(value, { stream: true });
          const end = pending.lastIndexOf('\n\n');
          if (end < 0) return;
          const whole = pending.slice(0, end + 2).split('\n\n').map((message) => {
            if (!message.includes('"message.created"') || corrupted || ++messages < 3) return message;
            corrupted = true;
            return message.replace('data: {', 'data: {#');
          });
          pending = pending.slice(end + 2);
          controller.enqueue(encoder.encode(whole.join('\n\n')));
        },
        cancel: (reason) => reader.cancel(reason),
      });
      return new Response(body, { status: response.status, headers: response.headers });
    },
  };
}

function record(client: OwClient, lastEventId: number, options: Partial<ConstructorParameters<typeof RealtimeStream>[0]> = {}) {
  const events: OwEvent[] = [];
  const states: RealtimeState[] = [];
  const stream = new RealtimeStream({
    client,
    lastEventId,
    initialBackoffMs: 20,
    maxBackoffMs: 200,
    onEvent: (event) => events.push(event),
    onStateChange: (state) => states.push(state),
    ...options,
  });
  streams.push(stream);
  stream.start();
  return { stream, events, states };
}

test('a stream cut mid-message resumes with Last-Event-ID: nothing missed, nothing delivered twice (SPEC 13)', async () => {
  const detail = await conversation(harness, { stage: 'assigned', assigneeId: IDS.ana, groupId: 'grp_ventas' });
  const { client: plain } = session(harness, TOKENS.ana);
  const boot = await plain.me();
  const cutting = cuttingFetch(3, 1_500);
  const reference = record(plain, boot.lastEventId);
  const cut = record(new OwClient({ baseUrl: harness.baseUrl, token: TOKENS.ana, fetch: cutting.fetch }), boot.lastEventId);
  await eventually(() => assert.equal(cut.stream.state, 'open'));

  for (let i = 0; i < 30; i += 1) {
    await harness.sim.inbound({ channel: 'whatsapp', from: detail.customer.phone!, text: `Mensaje número ${i} con algo de texto para llenar bytes` });
  }
  const lastId = await eventually(() => {
    const id = reference.events.at(-1)?.id ?? 0;
    assert.equal(reference.events.filter((e) => e.type === 'message.created').length >= 30, true);
    return id;
  });
  await eventually(() => assert.equal(cut.events.at(-1)?.id, lastId));

  assert.equal(cutting.cut(), 3);
  assert.ok(cut.stream.connections >= 4);
  assert.ok(cut.states.includes('reconnecting'));
  const ids = cut.events.map((e) => e.id);
  assert.deepEqual(ids, reference.events.map((e) => e.id));
  assert.deepEqual(ids, [...new Set(ids)].sort((a, b) => a - b));
  // Every reconnect named the last event it had.
  assert.equal(cutting.lastEventIds[0], boot.lastEventId > 0 ? String(boot.lastEventId) : null);
  assert.ok(cutting.lastEventIds.slice(1).every((id) => id !== null && Number(id) > boot.lastEventId));
});

test('a corrupted event breaks the connection: the stream replays from the last good id and loses nothing', async () => {
  const detail = await conversation(harness, { stage: 'assigned', assigneeId: IDS.ana, groupId: 'grp_ventas' });
  const { client: plain } = session(harness, TOKENS.ana);
  const boot = await plain.me();
  const corrupting = corruptingFetch();
  const errors: unknown[] = [];
  const reference = record(plain, boot.lastEventId);
  const broken = record(new OwClient({ baseUrl: harness.baseUrl, token: TOKENS.ana, fetch: corrupting.fetch }), boot.lastEventId, {
    onError: (error) => errors.push(error),
  });
  await eventually(() => assert.equal(broken.stream.state, 'open'));

  for (let i = 0; i < 8; i += 1) {
    await harness.sim.inbound({ channel: 'whatsapp', from: detail.customer.phone!, text: `Mensaje ${i}` });
  }
  const lastId = await eventually(() => {
    assert.equal(reference.events.filter((e) => e.type === 'message.created').length >= 8, true);
    return reference.events.at(-1)!.id;
  });
  await eventually(() => assert.equal(broken.events.at(-1)?.id, lastId));

  assert.equal(corrupting.corrupted(), true);
  assert.ok(errors.some((error) => error instanceof SyntaxError));
  assert.ok(broken.stream.connections >= 2);
  assert.deepEqual(broken.events.map((e) => e.id), reference.events.map((e) => e.id));
});

test('the store over a cut stream ends equal to the server', async () => {
  const detail = await conversation(harness, { stage: 'assigned', assigneeId: IDS.ana, groupId: 'grp_ventas' });
  const id = detail.conversation.id;
  const cutting = cuttingFetch(2, 1_200);
  const ana = session(harness, TOKENS.ana, { fetch: cutting.fetch }).store;
  await ana.start();
  await ana.openConversation(id);
  let applied = 0;
  ana.subscribe((s) => s.lastEventId, () => (applied += 1));
  for (let i = 0; i < 20; i += 1) {
    await harness.sim.inbound({ channel: 'whatsapp', from: detail.customer.phone!, text: `Parte ${i} de un mensaje largo del cliente` });
    if (i % 5 === 0) await ana.send(id, { text: `Respuesta ${i}` });
  }
  const { client: admin } = session(harness, TOKENS.admin);
  await eventually(async () => {
    const server = await admin.listMessages(id, { limit: 200 });
    const serverConversation = (await admin.getConversation(id)).conversation;
    const state = ana.getState();
    assert.deepEqual(state.timelines[id]!.ids.map((m) => state.messages[m]), server.messages);
    assert.deepEqual(state.conversations[id], serverConversation);
  });
  assert.equal(cutting.cut(), 2);
  assert.ok(applied > 0);
});

test('a silent connection (no bytes for twice the heartbeat) is dropped and reopened', async () => {
  const detail = await conversation(harness, { stage: 'assigned', assigneeId: IDS.ana, groupId: 'grp_ventas' });
  const client = new OwClient({ baseUrl: harness.baseUrl, token: TOKENS.ana, fetch: stallingFetch() });
  const boot = await client.me();
  const rec = record(client, boot.lastEventId, { heartbeatMs: 150 });
  await eventually(() => assert.equal(rec.stream.state, 'open'));
  await harness.sim.inbound({ channel: 'whatsapp', from: detail.customer.phone!, text: 'Después del silencio' });
  await eventually(() => rec.events.some((e) => e.type === 'message.created' && e.message.text === 'Después del silencio'));
  assert.ok(rec.stream.connections >= 2);
  assert.deepEqual(rec.states.slice(0, 4), ['connecting', 'open', 'reconnecting', 'open']);
});

test('connection state is visible in the store; a bad token closes it with an error', async () => {
  const ana = session(harness, TOKENS.ana).store;
  const states: string[] = [];
  ana.subscribe((s) => s.connection, (c) => states.push(c));
  await ana.start();
  await eventually(() => assert.equal(ana.getState().connection, 'open'));
  ana.stop();
  assert.equal(ana.getState().connection, 'closed');
  assert.deepEqual(states, ['connecting', 'open', 'closed']);

  const intruder = session(harness, 'tok_nobody').store;
  await assert.rejects(intruder.start(), (error: unknown) => (error as { status?: number }).status === 401);
  assert.ok(intruder.getState().error);
  assert.equal(intruder.getState().errorStatus, 401);
  assert.equal(intruder.getState().errorCode, 'unauthorized');
  assert.equal(intruder.getState().ready, false);

  const bad = record(new OwClient({ baseUrl: harness.baseUrl, token: 'tok_nobody' }), 0);
  await eventually(() => assert.equal(bad.stream.state, 'closed'));
  assert.deepEqual(bad.events, []);
});

test('reconnect backoff grows exponentially with jitter and is capped', () => {
  const stream = new RealtimeStream({ client: { openEventStream: () => Promise.reject(new Error('unused')) }, onEvent: () => undefined, random: () => 1 });
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map((n) => stream.backoffMs(n)), [500, 1000, 2000, 4000, 8000, 10000, 10000]);
  const low = new RealtimeStream({ client: { openEventStream: () => Promise.reject(new Error('unused')) }, onEvent: () => undefined, random: () => 0 });
  assert.equal(low.backoffMs(3), 2000);
});
