// OwClient against the real server: sign-in, typed errors, local validation, idempotent sends, uploads.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { OwClient } from '../../src/client/api-client.js';
import { ApiError, NetworkError, isRetryable } from '../../src/client/errors.js';
import { IDS, TOKENS, conversation, session, startHarness, type Harness } from './helpers.js';

let harness: Harness;

before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness.close();
});
beforeEach(async () => {
  harness.sessions.splice(0);
  await harness.server.reset();
});

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ApiError, `expected ApiError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

test('sign-in returns a token that works; a wrong password is 401', async () => {
  const { token, agent } = await OwClient.signIn(harness.baseUrl, 'ana@example.com', 'secret123');
  assert.equal(agent.id, IDS.ana);
  const me = await new OwClient({ baseUrl: harness.baseUrl, token }).me();
  assert.equal(me.me.id, IDS.ana);
  assert.ok(me.tags.some((t) => t.id === 'tag_vip'));
  const error = await apiError(OwClient.signIn(harness.baseUrl, 'ana@example.com', 'wrong-password'));
  assert.equal(error.status, 401);
  assert.equal(error.error, 'unauthorized');
});

test("sign-out revokes the client's own token only", async () => {
  const signedOut = new OwClient({ baseUrl: harness.baseUrl, token: (await OwClient.signIn(harness.baseUrl, 'ana@example.com', 'secret123')).token });
  const other = new OwClient({ baseUrl: harness.baseUrl, token: (await OwClient.signIn(harness.baseUrl, 'ana@example.com', 'secret123')).token });
  await signedOut.signOut();
  const error = await apiError(signedOut.me());
  assert.equal(error.status, 401);
  assert.equal(error.reason, 'unknown or revoked token');
  assert.equal((await other.me()).me.id, IDS.ana);
});

test('server errors arrive typed: 401, 404 for unknown ids and other groups, 403 for admin-only actions', async () => {
  const ana = new OwClient({ baseUrl: harness.baseUrl, token: TOKENS.ana });
  assert.equal((await apiError(new OwClient({ baseUrl: harness.baseUrl, token: 'nope' }).me())).status, 401);
  const unknown = await apiError(ana.getConversation('cnv_does_not_exist'));
  assert.equal(unknown.status, 404);
  assert.equal(unknown.error, 'not_found');
  assert.ok(unknown.reason.length > 0);
  const support = await conversation(harness, { stage: 'queued', groupId: 'grp_soporte' });
  assert.equal((await apiError(ana.getConversation(support.conversation.id))).status, 404);
  assert.equal((await apiError(ana.createTag({ name: 'Nueva', color: '#123456' }))).status, 403);
});

test('invalid bodies and queries are refused before sending, with the schema reason', async () => {
  let requests = 0;
  const client = new OwClient({
    baseUrl: harness.baseUrl,
    token: TOKENS.ana,
    fetch: (url, init) => {
      requests += 1;
      return fetch(url, init);
    },
  });
  const cases: [Promise<unknown>, RegExp][] = [
    [client.sendMessage('cnv_1', { clientId: 'short', text: 'hola' }), /clientId/],
    [client.sendMessage('cnv_1', { clientId: 'c_123456789', text: 'x'.repeat(4097) }), /text: must be at most 4096/],
    [client.transfer('cnv_1', { agentId: 'agt_ana', groupId: 'grp_ventas' } as never), /./],
    [client.updateCustomer('cus_1', { version: 0 }), /version/],
    [client.createTag({ name: 'Ok', color: 'red' }), /colour/],
    [client.listConversations({ tray: 'everything' as never }), /tray/],
    [client.listConversations({ limit: 5000 }), /limit/],
    [client.setStatus('offline' as never), /status/],
  ];
  for (const [promise, reason] of cases) {
    const error = await apiError(promise);
    assert.equal(error.status, 400);
    assert.equal(error.local, true);
    assert.match(error.reason, reason);
  }
  assert.equal(requests, 0);
});

test('sending twice with one clientId stores one message; the second answer says duplicate', async () => {
  const ana = new OwClient({ baseUrl: harness.baseUrl, token: TOKENS.ana });
  const { conversation: c } = await conversation(harness, { stage: 'assigned', assigneeId: IDS.ana, groupId: 'grp_ventas' });
  const body = { clientId: 'c_idempotent_1', text: 'Una sola vez' };
  const first = await ana.sendMessage(c.id, body);
  const second = await ana.sendMessage(c.id, body);
  assert.equal(first.duplicate, false);
  assert.equal(second.duplicate, true);
  assert.equal(second.message.id, first.message.id);
  const page = await ana.listMessages(c.id);
  assert.equal(page.messages.filter((m) => m.clientId === body.clientId).length, 1);
});

test('messages page backwards with before=<id>', async () => {
  const ana = new OwClient({ baseUrl: harness.baseUrl, token: TOKENS.ana });
  const messages = Array.from({ length: 7 }, (_, i) => ({ author: 'customer' as const, text: `m${i}` }));
  const { conversation: c } = await conversation(harness, { stage: 'assigned', assigneeId: IDS.ana, groupId: 'grp_ventas', messages });
  const newest = await ana.listMessages(c.id, { limit: 3 });
  assert.deepEqual(newest.messages.map((m) => m.text), ['m4', 'm5', 'm6']);
  assert.equal(newest.hasMore, true);
  const older = await ana.listMessages(c.id, { limit: 3, before: newest.messages[0]!.id });
  assert.deepEqual(older.messages.map((m) => m.text), ['m1', 'm2', 'm3']);
  const oldest = await ana.listMessages(c.id, { limit: 3, before: older.messages[0]!.id });
  assert.deepEqual(oldest.messages.map((m) => m.text), ['m0']);
  assert.equal(oldest.hasMore, false);
});

test('uploads: progress reported, oversized files refused with 413', async () => {
  const admin = new OwClient({ baseUrl: harness.baseUrl, token: TOKENS.admin });
  await admin.updateSettings({ maxUploadBytes: { whatsapp: 1024 } });
  const ana = new OwClient({ baseUrl: harness.baseUrl, token: TOKENS.ana });
  const { conversation: c } = await conversation(harness, { stage: 'assigned', assigneeId: IDS.ana, groupId: 'grp_ventas' });
  const seen: number[] = [];
  const small = Object.assign(new Blob(['%PDF-1.4\n%âãÏÓ\n1 0 obj\n']), { name: 'factura.pdf' });
  const { attachment } = await ana.upload(c.id, small, { onProgress: (p) => seen.push(p.loaded) });
  assert.equal(attachment.contentType, 'application/pdf');
  assert.equal(seen.at(-1), small.size);
  const big = Object.assign(new Blob([new Uint8Array(4096)]), { name: 'grande.bin' });
  const error = await apiError(ana.upload(c.id, big));
  assert.equal(error.status, 413);
  assert.equal(error.error, 'payload_too_large');
});

test('a baseUrl that is no http(s) URL nor a path on this origin is refused at once, with what was given', async () => {
  for (const bad of ['127.0.0.1:8787', 'ow.example.com', 'ftp://ow.example.com', 'http://']) {
    assert.throws(() => new OwClient({ baseUrl: bad, token: 't' }), (error: unknown) => error instanceof TypeError && error.message.includes(`"${bad}"`));
    await assert.rejects(OwClient.signIn(bad, 'ana@example.com', 'secret123'), TypeError);
  }
  for (const good of ['https://ow.example.com/', 'http://127.0.0.1:8787', '', '/ow']) {
    assert.equal(new OwClient({ baseUrl: good, token: 't' }).baseUrl, good.replace(/\/$/, ''));
  }
});

test('an unreachable server is a retryable NetworkError', async () => {
  const client = new OwClient({ baseUrl: 'http://127.0.0.1:9', token: TOKENS.ana });
  await assert.rejects(client.me(), (error: unknown) => error instanceof NetworkError && isRetryable(error));
  const s = session(harness, TOKENS.ana);
  assert.ok(s.client instanceof OwClient);
});
