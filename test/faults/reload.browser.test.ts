// A page reload in the middle of an outbox retry sends the message once. The reload is a new store over the same
// localStorage after the old one is dropped, exactly what a new page would build.
import { expect } from '@open-wc/testing';
import { OwClient } from '../../src/client/api-client.js';
import { SimClient } from '../../src/client/sim-client.js';
import { createStore, type OwStore } from '../../src/client/store.js';
import type { FetchLike } from '../../src/client/http.js';
import type { Message } from '../../src/contract/index.js';

declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void> | void): void;
declare function beforeEach(body: () => Promise<void> | void): void;
declare function afterEach(body: () => Promise<void> | void): void;

const base = (window as unknown as { OW_TEST_SERVER: string }).OW_TEST_SERVER;
const sim = new SimClient({ baseUrl: base });
const admin = new OwClient({ baseUrl: base, token: 'tok_admin' });
const OUTBOX_KEY = 'ow-agent-kit.outbox.agt_ana';
const stores: OwStore[] = [];

const isSend = (input: string, init?: RequestInit) => (init?.method ?? 'GET') === 'POST' && /\/messages$/.test(new URL(input).pathname);
// While the network is bad the event stream is down too, so no realtime echo settles the outbox entry.
const isStream = (input: string) => new URL(input).pathname.endsWith('/api/events');

/** The request reaches the server, which stores the message; the answer is lost on the way back. */
const dropSendResponses: FetchLike = async (input, init) => {
  if (isStream(input)) throw new TypeError('Failed to fetch');
  const response = await fetch(input, init);
  if (!isSend(input, init)) return response;
  await response.text();
  throw new TypeError('Failed to fetch');
};

/** The request never leaves the page. */
const failSends: FetchLike = async (input, init) => {
  if (isSend(input, init) || isStream(input)) throw new TypeError('Failed to fetch');
  return fetch(input, init);
};

function storeFor(fetchFn: FetchLike = (input, init) => fetch(input, init), options: { resendBaseMs?: number; maxSendAttempts?: number } = {}): OwStore {
  const store = createStore({
    client: new OwClient({ baseUrl: base, token: 'tok_ana', fetch: fetchFn }),
    storage: window.localStorage,
    resendBaseMs: options.resendBaseMs ?? 60_000,
    maxSendAttempts: options.maxSendAttempts ?? 4,
    onError: () => undefined,
  });
  stores.push(store);
  return store;
}

let phone = 0;
async function conversation(): Promise<string> {
  phone += 1;
  const detail = await sim.createConversation({
    channel: 'whatsapp',
    customer: { name: 'Recarga', phone: `+5731100${String(phone).padStart(5, '0')}` },
    stage: 'assigned',
    groupId: 'grp_ventas',
    assigneeId: 'agt_ana',
    messages: [{ author: 'customer', text: 'hola' }],
  });
  return detail.conversation.id;
}

async function stored(conversationId: string, text: string): Promise<Message[]> {
  const page = await admin.listMessages(conversationId, { limit: 200 });
  return page.messages.filter((m) => m.text === text);
}

async function waitFor(check: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Starts `send` and returns once the first attempt has failed and the entry waits for its retry. */
async function sendUntilFirstFailure(store: OwStore, conversationId: string, text: string): Promise<string> {
  void store.send(conversationId, { text }).catch(() => undefined);
  const clientId = store.getState().outbox.at(-1)!.clientId;
  await waitFor(() => (store.getState().outbox.find((e) => e.clientId === clientId)?.attempts ?? 0) >= 1);
  return clientId;
}

describe('reload during an outbox retry', () => {
  beforeEach(async () => {
    await fetch(`${base}/__test/reset`, { method: 'POST' });
    window.localStorage.removeItem(OUTBOX_KEY);
  });

  afterEach(() => {
    for (const store of stores.splice(0)) store.stop();
    window.localStorage.removeItem(OUTBOX_KEY);
  });

  it('the server stored it but the answer was lost: after the reload it is sent once', async () => {
    const id = await conversation();
    const first = storeFor(dropSendResponses);
    await first.start();
    await first.openConversation(id);
    const clientId = await sendUntilFirstFailure(first, id, 'recargo la página');
    expect(await stored(id, 'recargo la página')).to.have.length(1);
    expect(window.localStorage.getItem(OUTBOX_KEY)).to.contain(clientId);
    first.stop();

    const second = storeFor();
    await second.start();
    await second.openConversation(id);
    await waitFor(() => second.getState().outbox.length === 0);
    const messages = await stored(id, 'recargo la página');
    expect(messages).to.have.length(1);
    expect(messages[0]!.clientId).to.equal(clientId);
    const timeline = second.getState().timelines[id]!.ids.map((mid) => second.getState().messages[mid]!);
    expect(timeline.filter((m) => m.text === 'recargo la página')).to.have.length(1);
    expect(window.localStorage.getItem(OUTBOX_KEY)).to.equal(null);
  });

  it('the request never arrived: after the reload it is sent once', async () => {
    const id = await conversation();
    const first = storeFor(failSends);
    await first.start();
    const clientId = await sendUntilFirstFailure(first, id, 'nunca llegó');
    expect(await stored(id, 'nunca llegó')).to.have.length(0);
    first.stop();

    const second = storeFor();
    await second.start();
    await waitFor(async () => (await stored(id, 'nunca llegó')).length > 0);
    await waitFor(() => second.getState().outbox.length === 0);
    const messages = await stored(id, 'nunca llegó');
    expect(messages).to.have.length(1);
    expect(messages[0]!.clientId).to.equal(clientId);
  });

  it('a message marked failed survives the reload and a retry sends it once', async () => {
    const id = await conversation();
    const first = storeFor(failSends, { maxSendAttempts: 1 });
    await first.start();
    void first.send(id, { text: 'marcado fallido' });
    await waitFor(() => first.getState().outbox[0]?.state === 'failed');
    const clientId = first.getState().outbox[0]!.clientId;
    first.stop();

    const second = storeFor();
    await second.start();
    await second.openConversation(id);
    const entry = second.getState().outbox.find((e) => e.clientId === clientId);
    expect(entry?.state).to.equal('failed');
    expect(second.getState().messages[clientId]?.status).to.equal('failed');
    await second.retry(clientId);
    expect(second.getState().outbox).to.have.length(0);
    expect(await stored(id, 'marcado fallido')).to.have.length(1);
  });

  it('marked failed although the server stored it: the reloaded page sees it stored and never resends', async () => {
    const id = await conversation();
    const first = storeFor(dropSendResponses, { maxSendAttempts: 1 });
    await first.start();
    void first.send(id, { text: 'guardado sin respuesta' });
    await waitFor(() => first.getState().outbox[0]?.state === 'failed');
    first.stop();

    const second = storeFor();
    await second.start();
    await second.openConversation(id);
    expect(second.getState().outbox, 'settled by the stored message').to.have.length(0);
    const timeline = second.getState().timelines[id]!.ids.map((mid) => second.getState().messages[mid]!);
    expect(timeline.filter((m) => m.text === 'guardado sin respuesta').map((m) => m.status)).to.deep.equal(['sent']);
    expect(await stored(id, 'guardado sin respuesta')).to.have.length(1);
  });

  it('two tabs reloaded over the same storage send it once', async () => {
    const id = await conversation();
    const first = storeFor(dropSendResponses);
    await first.start();
    await sendUntilFirstFailure(first, id, 'dos pestañas');
    first.stop();

    const tabA = storeFor();
    const tabB = storeFor();
    await Promise.all([tabA.start(), tabB.start()]);
    await waitFor(() => tabA.getState().outbox.length === 0 && tabB.getState().outbox.length === 0);
    expect(await stored(id, 'dos pestañas')).to.have.length(1);
  });

  it('two open tabs each leave a pending message: the next page sends both, each once', async () => {
    const id = await conversation();
    const tabA = storeFor(failSends);
    const tabB = storeFor(failSends);
    await Promise.all([tabA.start(), tabB.start()]);
    await sendUntilFirstFailure(tabA, id, 'desde la pestaña A');
    await sendUntilFirstFailure(tabB, id, 'desde la pestaña B');
    await sendUntilFirstFailure(tabA, id, 'otra vez desde A');
    tabA.stop();
    tabB.stop();

    const next = storeFor();
    await next.start();
    await waitFor(() => next.getState().outbox.length === 0);
    for (const text of ['desde la pestaña A', 'desde la pestaña B', 'otra vez desde A']) {
      expect(await stored(id, text), text).to.have.length(1);
    }
  });

  it('the reload happens while the network is still down: the message is sent once when it comes back', async () => {
    const id = await conversation();
    const first = storeFor(failSends);
    await first.start();
    await sendUntilFirstFailure(first, id, 'red caída al recargar');
    first.stop();

    // The new page loads while every API call but the bootstrap still fails for a moment.
    let down = true;
    const flaky: FetchLike = async (input, init) => {
      if (down && !new URL(input).pathname.endsWith('/api/me')) throw new TypeError('Failed to fetch');
      return fetch(input, init);
    };
    const second = storeFor(flaky, { resendBaseMs: 100, maxSendAttempts: 6 });
    await second.start().catch(() => undefined);
    setTimeout(() => (down = false), 300);
    // The inbox load failed during start(); the persisted `sending` entry must still be delivered.
    await waitFor(async () => (await stored(id, 'red caída al recargar')).length > 0, 8_000).catch(() => {
      const entry = second.getState().outbox[0];
      throw new Error(`never resent after a start() whose inbox load failed (outbox entry: ${entry?.state}, ${entry?.attempts} attempts)`);
    });
    await waitFor(() => second.getState().outbox.length === 0);
    expect(await stored(id, 'red caída al recargar')).to.have.length(1);
  });
});
