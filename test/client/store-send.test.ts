// Optimistic sending through the real server: pending → sent, failures with retry, no duplicates, outbox across reloads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../src/client/errors.js';
import type { FetchLike } from '../../src/client/http.js';
import { MemoryStorage } from '../../src/client/store/storage.js';
import type { Message } from '../../src/contract/index.js';
import { IDS, TOKENS, conversation, eventually, session, sleep, useHarness } from './helpers.js';

const harness = useHarness();

const isSend = (url: string, init?: RequestInit) => init?.method === 'POST' && /\/api\/conversations\/[^/]+\/messages$/.test(url);

/** Fails sends before they reach the server while `down()` is true. */
function networkDownFor(down: () => boolean): FetchLike {
  return async (url, init) => {
    if (isSend(url, init) && down()) throw new TypeError('fetch failed: connection refused');
    return fetch(url, init);
  };
}

/** Lets the server store the first send, then loses its answer. */
function dropFirstSendResponse(): { fetch: FetchLike; dropped: () => number } {
  let dropped = 0;
  return {
    dropped: () => dropped,
    fetch: async (url, init) => {
      const response = await fetch(url, init);
      if (isSend(url, init) && dropped === 0) {
        dropped += 1;
        await response.arrayBuffer();
        throw new TypeError('fetch failed: socket hang up');
      }
      return response;
    },
  };
}

async function serverMessages(clientId: string, conversationId: string): Promise<Message[]> {
  const { client } = session(harness, TOKENS.admin);
  const page = await client.listMessages(conversationId, { limit: 200 });
  return page.messages.filter((m) => m.clientId === clientId);
}

function timelineMessages(store: ReturnType<typeof session>['store'], conversationId: string): Message[] {
  const state = store.getState();
  return (state.timelines[conversationId]?.ids ?? []).map((id) => state.messages[id]!);
}

async function mine() {
  return conversation(harness, { stage: 'assigned', assigneeId: IDS.ana, groupId: 'grp_ventas' });
}

test('a send shows at once as pending, then becomes the server message, once (SPEC 5)', async () => {
  const ana = session(harness, TOKENS.ana).store;
  await ana.start();
  const { conversation: c } = await mine();
  await ana.openConversation(c.id);
  const before = timelineMessages(ana, c.id).length;

  const sending = ana.send(c.id, { text: 'Hola, ¿en qué te ayudo?' });
  const [entry] = ana.getState().outbox;
  assert.ok(entry);
  const pending = timelineMessages(ana, c.id).at(-1)!;
  assert.equal(pending.status, 'pending');
  assert.equal(pending.clientId, entry.clientId);
  assert.equal(pending.text, 'Hola, ¿en qué te ayudo?');

  await sending;
  const after = timelineMessages(ana, c.id);
  assert.equal(after.length, before + 1);
  const sent = after.at(-1)!;
  assert.equal(sent.clientId, entry.clientId);
  assert.notEqual(sent.id, entry.clientId);
  assert.ok(['sent', 'delivered', 'read'].includes(sent.status));
  assert.deepEqual(ana.getState().outbox, []);
  assert.equal(ana.getState().messages[entry.clientId], undefined);
  // The realtime echo changes nothing.
  await sleep(150);
  assert.equal(timelineMessages(ana, c.id).filter((m) => m.clientId === entry.clientId).length, 1);
});

test('delivery status updates arrive live (sent → delivered → read)', async () => {
  const ana = session(harness, TOKENS.ana).store;
  await ana.start();
  const detail = await mine();
  const id = detail.conversation.id;
  await ana.openConversation(id);
  await ana.send(id, { text: '¿Lo recibiste?' });
  const sentId = timelineMessages(ana, id).at(-1)!.id;
  await harness.server.tick();
  await harness.sim.read('whatsapp', detail.customer.phone!);
  await eventually(() => assert.equal(ana.getState().messages[sentId]!.status, 'read'));
});

test('a 4xx fails at once with the reason, stays in the chat, and a retry after fixing it sends it once', async () => {
  const ana = session(harness, TOKENS.ana).store;
  await ana.start();
  const { conversation: c } = await conversation(harness, { stage: 'queued', groupId: 'grp_ventas' });
  await ana.openConversation(c.id);
  await ana.send(c.id, { text: 'Respuesta sin asignar' });
  const [entry] = ana.getState().outbox;
  assert.equal(entry!.state, 'failed');
  assert.equal(entry!.attempts, 1);
  assert.match(entry!.error!, /assign/i);
  assert.equal(entry!.errorCode, 'not_assigned', 'the kind, for words in the agent\'s language');
  assert.equal(timelineMessages(ana, c.id).at(-1)!.status, 'failed');

  await ana.assignToMe(c.id);
  await ana.retry(entry!.clientId);
  assert.deepEqual(ana.getState().outbox, []);
  assert.equal((await serverMessages(entry!.clientId, c.id)).length, 1);
  assert.equal(timelineMessages(ana, c.id).filter((m) => m.clientId === entry!.clientId).length, 1);
});

test('network errors are resent automatically with the same clientId, then fail; retry sends once', async () => {
  let down = true;
  const ana = session(harness, TOKENS.ana, { fetch: networkDownFor(() => down), maxSendAttempts: 3 }).store;
  await ana.start();
  const { conversation: c } = await mine();
  await ana.openConversation(c.id);
  await ana.send(c.id, { text: 'Mensaje con red caída' });
  const [entry] = ana.getState().outbox;
  assert.equal(entry!.state, 'failed');
  assert.equal(entry!.attempts, 3);
  assert.match(entry!.error!, /fetch failed/);
  assert.equal(entry!.errorCode, 'network');
  assert.equal(timelineMessages(ana, c.id).at(-1)!.status, 'failed');

  down = false;
  await ana.retry(entry!.clientId);
  assert.deepEqual(ana.getState().outbox, []);
  assert.equal((await serverMessages(entry!.clientId, c.id)).length, 1);

  // Network back after two failures: the automatic resend gets through without the agent doing anything.
  let failures = 0;
  const flaky = session(harness, TOKENS.ana, { fetch: networkDownFor(() => failures++ < 2), maxSendAttempts: 4 }).store;
  await flaky.start();
  await flaky.openConversation(c.id);
  await flaky.send(c.id, { text: 'Llega al tercer intento' });
  assert.deepEqual(flaky.getState().outbox, []);
  const sent = timelineMessages(flaky, c.id).at(-1)!;
  assert.equal(sent.text, 'Llega al tercer intento');
  assert.equal((await serverMessages(sent.clientId!, c.id)).length, 1);
});

test('a 5xx answer is resent automatically; the reason is kept while it retries', async () => {
  let failures = 0;
  const reasons: (string | null)[] = [];
  const ana = session(harness, TOKENS.ana, {
    maxSendAttempts: 4,
    fetch: async (url, init) => {
      if (isSend(url, init) && failures < 2) {
        failures += 1;
        return new Response(JSON.stringify({ error: 'internal', reason: 'database unavailable' }), { status: 503 });
      }
      return fetch(url, init);
    },
  }).store;
  await ana.start();
  const { conversation: c } = await mine();
  await ana.openConversation(c.id);
  ana.subscribe((s) => s.outbox[0]?.error ?? null, (reason) => reasons.push(reason));
  await ana.send(c.id, { text: 'Tras dos 503' });
  assert.equal(failures, 2);
  assert.ok(reasons.includes('database unavailable'));
  assert.deepEqual(ana.getState().outbox, []);
  const sent = timelineMessages(ana, c.id).at(-1)!;
  assert.equal(sent.text, 'Tras dos 503');
  assert.equal((await serverMessages(sent.clientId!, c.id)).length, 1);
});

test('a response lost after the server stored the message: the resend yields the same message, no duplicate', async () => {
  const dropping = dropFirstSendResponse();
  const ana = session(harness, TOKENS.ana, { fetch: dropping.fetch }).store;
  const carla = session(harness, TOKENS.carla).store;
  await Promise.all([ana.start(), carla.start()]);
  const { conversation: c } = await mine();
  await Promise.all([ana.openConversation(c.id), carla.openConversation(c.id)]);
  await ana.send(c.id, { text: 'Solo una vez' });
  assert.equal(dropping.dropped(), 1);
  const sent = timelineMessages(ana, c.id).at(-1)!;
  assert.equal(sent.text, 'Solo una vez');
  assert.deepEqual(ana.getState().outbox, []);
  assert.equal((await serverMessages(sent.clientId!, c.id)).length, 1);
  await sleep(150);
  assert.equal(timelineMessages(ana, c.id).filter((m) => m.text === 'Solo una vez').length, 1);
  await eventually(() => assert.equal(timelineMessages(carla, c.id).filter((m) => m.text === 'Solo una vez').length, 1));
});

test('the outbox survives a reload: a new store over the same storage sends the message once', async () => {
  const storage = new MemoryStorage();
  const first = session(harness, TOKENS.ana, { storage, fetch: networkDownFor(() => true), maxSendAttempts: 50, resendBaseMs: 50 }).store;
  await first.start();
  const { conversation: c } = await mine();
  await first.openConversation(c.id);
  void first.send(c.id, { text: 'Escrito antes de recargar' });
  const clientId = first.getState().outbox[0]!.clientId;
  await eventually(() => (first.getState().outbox[0]?.attempts ?? 0) >= 1);
  // The tab closes while the message is still being resent.
  first.stop();
  assert.equal(first.getState().outbox[0]!.state, 'sending');

  const second = session(harness, TOKENS.ana, { storage }).store;
  await second.start();
  await second.settled();
  assert.deepEqual(second.getState().outbox, []);
  assert.equal((await serverMessages(clientId, c.id)).length, 1);
  await second.openConversation(c.id);
  assert.equal(timelineMessages(second, c.id).filter((m) => m.clientId === clientId).length, 1);

  // A third load finds nothing left to send.
  const third = session(harness, TOKENS.ana, { storage }).store;
  await third.start();
  assert.deepEqual(third.getState().outbox, []);
});

test('two tabs of one agent share the outbox storage without dropping each other\'s entries', async () => {
  const storage = new MemoryStorage();
  const offline = session(harness, TOKENS.ana, { storage, fetch: networkDownFor(() => true), maxSendAttempts: 50, resendBaseMs: 50 }).store;
  const online = session(harness, TOKENS.ana, { storage }).store;
  await Promise.all([offline.start(), online.start()]);
  const { conversation: c } = await mine();
  void offline.send(c.id, { text: 'Desde la pestaña sin red' });
  const stuck = offline.getState().outbox[0]!.clientId;
  await online.send(c.id, { text: 'Desde la otra pestaña' });
  assert.deepEqual(online.getState().outbox, []);
  offline.stop();
  const reloaded = session(harness, TOKENS.ana, { storage }).store;
  await reloaded.start();
  await reloaded.settled();
  assert.equal((await serverMessages(stuck, c.id)).length, 1);
  assert.deepEqual(reloaded.getState().outbox, []);
});

test('a send the server never answers times out and is resent with the same clientId', async () => {
  let hung = 0;
  const ana = session(harness, TOKENS.ana, {
    timeoutMs: 300,
    fetch: async (url, init) => {
      if (isSend(url, init) && hung === 0) {
        hung += 1;
        // Reaches the server, but the answer never comes back.
        void fetch(url, { ...init, signal: undefined });
        return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
      }
      return fetch(url, init);
    },
  }).store;
  await ana.start();
  const { conversation: c } = await mine();
  await ana.openConversation(c.id);
  await ana.send(c.id, { text: 'Sin respuesta la primera vez' });
  assert.equal(hung, 1);
  assert.deepEqual(ana.getState().outbox, []);
  const sent = timelineMessages(ana, c.id).at(-1)!;
  assert.equal(sent.text, 'Sin respuesta la primera vez');
  assert.equal((await serverMessages(sent.clientId!, c.id)).length, 1);
});

test('a failed entry survives a reload as failed and can be retried or discarded', async () => {
  const storage = new MemoryStorage();
  const first = session(harness, TOKENS.ana, { storage }).store;
  await first.start();
  const { conversation: c } = await conversation(harness, { stage: 'queued', groupId: 'grp_ventas' });
  await first.send(c.id, { text: 'Falla: no asignada' });
  await first.send(c.id, { text: 'También falla' });
  first.stop();
  const second = session(harness, TOKENS.ana, { storage }).store;
  await second.start();
  const [keep, drop] = second.getState().outbox;
  assert.equal(keep!.state, 'failed');
  assert.equal(timelineMessages(second, c.id).length, 2);
  second.discard(drop!.clientId);
  assert.equal(second.getState().outbox.length, 1);
  assert.equal(timelineMessages(second, c.id).length, 1);
  await second.assignToMe(c.id);
  await second.retry(keep!.clientId);
  assert.deepEqual(second.getState().outbox, []);
  assert.equal((await serverMessages(keep!.clientId, c.id)).length, 1);
});

test('bad input is refused locally with a clear reason and nothing in the store changes (Bad input)', async () => {
  const ana = session(harness, TOKENS.ana).store;
  await ana.start();
  const { conversation: c } = await mine();
  await ana.openConversation(c.id);
  const before = ana.getState();
  await assert.rejects(ana.send(c.id, { text: 'x'.repeat(5000) }), (error: unknown) => {
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 400);
    assert.equal(error.error, 'bad_request');
    assert.equal(error.local, true);
    assert.match(error.reason, /text: must be at most 4096 characters/);
    return true;
  });
  await assert.rejects(ana.send(c.id, { text: '   ' }), /needs text, an attachment or a template/);
  assert.equal(ana.getState(), before);
  await assert.rejects(ana.saveCustomer('cus_x', { email: 'no-es-un-correo' }, 1), /email: must be an e-mail address/);
  await assert.rejects(ana.createTag('', '#zzzzzz'), (error: unknown) => error instanceof ApiError && error.local);
});

test('outside the WhatsApp 24-hour window free text fails with the reason; a template goes through (SPEC 6)', async () => {
  const ana = session(harness, TOKENS.ana).store;
  await ana.start();
  // Keep it open longer than the window, so only the window stands in the way.
  await session(harness, TOKENS.admin).client.updateSettings({ autoCloseHours: 72 });
  const detail = await mine();
  const id = detail.conversation.id;
  await harness.sim.advanceClock(25 * 3_600_000);
  await ana.openConversation(id);
  await ana.send(id, { text: 'Hola de nuevo' });
  const [failed] = ana.getState().outbox;
  assert.equal(failed!.state, 'failed');
  assert.match(failed!.error!, /window|24/i);
  assert.equal(failed!.errorCode, 'window_closed');
  await ana.send(id, { text: '', templateId: 'tpl_seguimiento', templateVariables: ['Lucía'] });
  assert.equal(ana.getState().outbox.length, 1);
  const last = timelineMessages(ana, id).filter((m) => m.templateId === 'tpl_seguimiento');
  assert.equal(last.length, 1);
  assert.ok(['sent', 'delivered', 'read'].includes(last[0]!.status));
});

test('notes reach another agent live, in order, and never the customer (SPEC 8)', async () => {
  const ana = session(harness, TOKENS.ana).store;
  const carla = session(harness, TOKENS.carla).store;
  await Promise.all([ana.start(), carla.start()]);
  const detail = await conversation(harness, { stage: 'queued', groupId: 'grp_ventas' });
  const id = detail.conversation.id;
  await Promise.all([ana.openConversation(id), carla.openConversation(id)]);
  // A note is allowed in any stage by any agent who sees the conversation.
  await ana.send(id, { text: 'Cliente frecuente, revisar descuento', kind: 'note' });
  await harness.sim.inbound({ channel: 'whatsapp', from: detail.customer.phone!, text: '¿Hola?' });
  await ana.send(id, { text: 'Segunda nota', kind: 'note' });
  await eventually(() => {
    const texts = timelineMessages(carla, id).map((m) => `${m.kind}:${m.text}`);
    assert.deepEqual(texts.slice(-3), ['note:Cliente frecuente, revisar descuento', 'text:¿Hola?', 'note:Segunda nota']);
  });
  const phone = await harness.sim.conversations('whatsapp', detail.customer.phone!);
  assert.equal(phone.messages.filter((m) => m.kind === 'note' || m.text.includes('nota')).length, 0);
});

test('an upload with progress becomes an attachment of a sent message', async () => {
  const ana = session(harness, TOKENS.ana).store;
  await ana.start();
  const { conversation: c } = await mine();
  await ana.openConversation(c.id);
  const progress: number[] = [];
  const png = new Blob([Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])], { type: 'image/png' });
  const attachment = await ana.upload(c.id, Object.assign(png, { name: 'foto.png' }), (p) => progress.push(p.loaded));
  assert.equal(attachment.name, 'foto.png');
  assert.equal(progress.at(-1), png.size);
  await ana.send(c.id, { text: '', attachments: [attachment] });
  const sent = timelineMessages(ana, c.id).at(-1)!;
  assert.deepEqual(sent.attachments.map((a) => a.id), [attachment.id]);
});
