// The store's inbox against the real server: trays and counts, sort orders, read state, filters, visibility — all live.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RealtimeStream } from '../../src/client/realtime.js';
import type { OwStore } from '../../src/client/store.js';
import type { ApiError } from '../../src/client/errors.js';
import type { FetchLike } from '../../src/client/http.js';
import { unreadCount } from '../../src/client/rules/index.js';
import { IDS, TOKENS, conversation, eventually, session, useHarness } from './helpers.js';
import { droppingNetwork } from './dropping-network.js';

const harness = useHarness();

test('trays and their counts follow assignment, bot hand-off and close live (SPEC 1, 2)', async () => {
  const ana = session(harness, TOKENS.ana).store;
  await ana.start();
  assert.deepEqual(ana.getState().inbox.ids, []);
  assert.deepEqual(ana.getState().inbox.counts, { queued: 0, mine: 0, agents: 0, bot: 0 });

  const queued = (await conversation(harness, { stage: 'queued', groupId: 'grp_ventas' })).conversation;
  const bot = (await conversation(harness, { stage: 'bot', groupId: 'grp_ventas' })).conversation;
  await eventually(() => assert.deepEqual(ana.getState().inbox.ids, [queued.id]));
  await eventually(() => assert.deepEqual(ana.getState().inbox.counts, { queued: 1, mine: 0, agents: 0, bot: 1 }));

  await ana.assignToMe(queued.id);
  // The answer applies at once, before any event.
  assert.equal(ana.getState().conversations[queued.id]!.assigneeId, IDS.ana);
  assert.deepEqual(ana.getState().inbox.ids, []);
  await eventually(() => assert.deepEqual(ana.getState().inbox.counts, { queued: 0, mine: 1, agents: 1, bot: 1 }));

  await ana.setInboxQuery({ tray: 'mine' });
  assert.deepEqual(ana.getState().inbox.ids, [queued.id]);
  await ana.setInboxQuery({ tray: 'bot' });
  assert.deepEqual(ana.getState().inbox.ids, [bot.id]);

  await ana.setInboxQuery({ tray: 'mine' });
  await ana.close(queued.id);
  assert.deepEqual(ana.getState().inbox.ids, []);
  await ana.setInboxQuery({ status: 'closed' });
  assert.deepEqual(ana.getState().inbox.ids, [queued.id]);
  assert.equal(ana.getState().inbox.counts.mine, 1);
  assert.equal(ana.getState().conversations[queued.id]!.closedHow, 'manual');
});

test('another agent taking a queued conversation moves it out of my queue live', async () => {
  const ana = session(harness, TOKENS.ana).store;
  const carla = session(harness, TOKENS.carla).store;
  await Promise.all([ana.start(), carla.start()]);
  const { conversation: c } = await conversation(harness, { stage: 'queued', groupId: 'grp_ventas' });
  await eventually(() => assert.deepEqual(ana.getState().inbox.ids, [c.id]));
  await eventually(() => carla.getState().conversations[c.id] !== undefined);
  await carla.assignToMe(c.id);
  await eventually(() => assert.deepEqual(ana.getState().inbox.ids, []));
  assert.equal(ana.getState().conversations[c.id]!.assigneeId, IDS.carla);
  await ana.setInboxQuery({ tray: 'agents' });
  assert.deepEqual(ana.getState().inbox.ids, [c.id]);
  await eventually(() => assert.equal(ana.getState().inbox.counts.agents, 1));
});

test('outbound filter shows only conversations the company started', async () => {
  const ana = session(harness, TOKENS.ana).store;
  await ana.start();
  const inbound = (await conversation(harness, { stage: 'assigned', assigneeId: IDS.ana, groupId: 'grp_ventas' })).conversation;
  const outbound = (await conversation(harness, { stage: 'assigned', assigneeId: IDS.ana, groupId: 'grp_ventas', outbound: true })).conversation;
  await ana.setInboxQuery({ tray: 'mine', status: 'outbound' });
  assert.deepEqual(ana.getState().inbox.ids, [outbound.id]);
  await ana.setInboxQuery({ status: 'active' });
  assert.deepEqual([...ana.getState().inbox.ids].sort(), [inbound.id, outbound.id].sort());
});

test('sort orders re-order live when the customer writes and when the agent answers (SPEC 3)', async () => {
  const ana = session(harness, TOKENS.ana).store;
  await ana.start();
  const first = await conversation(harness, { stage: 'assigned', assigneeId: IDS.ana, groupId: 'grp_ventas' });
  await harness.sim.advanceClock(60_000);
  const second = await conversation(harness, { stage: 'assigned', assigneeId: IDS.ana, groupId: 'grp_ventas' });
  const a = first.conversation.id;
  const b = second.conversation.id;
  await ana.setInboxQuery({ tray: 'mine', sort: 'waiting' });
  // Both wait; the one waiting longer comes first.
  assert.deepEqual(ana.getState().inbox.ids, [a, b]);

  await harness.sim.advanceClock(60_000);
  await ana.send(a, { text: 'Ya te ayudo' });
  // Answered: it stops waiting and goes after every waiting one.
  await eventually(() => assert.deepEqual(ana.getState().inbox.ids, [b, a]));

  await ana.setInboxQuery({ sort: 'activity' });
  // What the agent just answered is the most recent exchange.
  assert.deepEqual(ana.getState().inbox.ids, [a, b]);
  await harness.sim.advanceClock(60_000);
  await harness.sim.inbound({ channel: 'whatsapp', from: second.customer.phone!, text: 'Sigo esperando' });
  await eventually(() => assert.deepEqual(ana.getState().inbox.ids, [b, a]));

  await ana.setInboxQuery({ sort: 'waiting' });
  await harness.sim.advanceClock(60_000);
  await harness.sim.inbound({ channel: 'whatsapp', from: first.customer.phone!, text: '¿Y el envío?' });
  // b waits since its earlier unanswered message; a waits from its new one.
  await eventually(() => assert.deepEqual(ana.getState().inbox.ids, [b, a]));
  await ana.send(b, { text: 'Listo' });
  await eventually(() => assert.deepEqual(ana.getState().inbox.ids, [a, b]));

  await ana.setInboxQuery({ sort: 'assignment' });
  const order = [a, b].sort(
    (x, y) => Date.parse(ana.getState().conversations[x]!.assignedAt!) - Date.parse(ana.getState().conversations[y]!.assignedAt!) || (x < y ? -1 : 1),
  );
  assert.deepEqual(ana.getState().inbox.ids, order);
});

test('read and unread per agent: opening marks read, unread badge, marked unread waits, arrivals in the open chat are read (SPEC 4)', async () => {
  const ana = session(harness, TOKENS.ana).store;
  const carla = session(harness, TOKENS.carla).store;
  await Promise.all([ana.start(), carla.start()]);
  const detail = await conversation(harness, {
    stage: 'assigned',
    assigneeId: IDS.ana,
    groupId: 'grp_ventas',
    messages: [
      { author: 'customer', text: 'Hola' },
      { author: 'customer', text: '¿Hay alguien?' },
    ],
  });
  const id = detail.conversation.id;
  await ana.setInboxQuery({ tray: 'mine' });
  const unread = () => unreadCount(ana.getState().conversations[id]!, ana.getState().readStates[id]);
  assert.equal(unread(), 2);

  await ana.openConversation(id);
  assert.equal(unread(), 0);
  assert.ok(ana.getState().timelines[id]!.ids.length >= 2);

  // Read state is per agent: Carla still has both unread.
  await carla.openConversation(id);
  carla.leaveConversation(id);
  await ana.send(id, { text: 'Hola, soy Ana' });

  await harness.sim.inbound({ channel: 'whatsapp', from: detail.customer.phone!, text: 'Gracias' });
  // Ana has it open: the new message is marked read for her as it arrives.
  await eventually(() => {
    assert.equal(ana.getState().conversations[id]!.customerMessageCount, 3);
    assert.equal(unread(), 0);
    assert.equal(ana.getState().readStates[id]!.readCount, 3);
  });
  await eventually(() => assert.equal(unreadCount(carla.getState().conversations[id]!, carla.getState().readStates[id]), 1));

  ana.leaveConversation(id);
  await ana.markUnread(id);
  assert.equal(unread(), 1);
  assert.equal(ana.getState().readStates[id]!.markedUnread, true);
  await ana.markRead(id);
  assert.equal(unread(), 0);
});

/** Ana's conversation with one customer message, open on her screen with the stream live; `unread` counts for her. */
async function onScreen(ana: OwStore) {
  const detail = await conversation(harness, { stage: 'assigned', assigneeId: IDS.ana, groupId: 'grp_ventas', messages: [{ author: 'customer', text: 'Hola' }] });
  const id = detail.conversation.id;
  const unread = () => unreadCount(ana.getState().conversations[id]!, ana.getState().readStates[id]);
  await ana.openConversation(id);
  await eventually(() => assert.equal(ana.getState().connection, 'open'));
  return { detail, id, unread };
}

test("an arrival's automatic read that does not reach the server is retried, and after an outage sent once the stream is back", async () => {
  let readDown = 0; // requests to refuse
  const streams = new Set<AbortController>();
  const ana = session(harness, TOKENS.ana, {
    maxSendAttempts: 2,
    fetch: async (url, init) => {
      const path = String(url);
      if (path.endsWith('/read') && readDown > 0) {
        readDown--;
        throw new TypeError('fetch failed: connection refused');
      }
      if (!path.includes('/api/events')) return fetch(url, init);
      // The event stream can be cut, as a network drop would.
      const cut = new AbortController();
      streams.add(cut);
      return fetch(url, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, cut.signal]) : cut.signal });
    },
  }).store;
  await ana.start();
  const { detail, id, unread } = await onScreen(ana);

  // One refused attempt: the retry gets it through.
  readDown = 1;
  await harness.sim.inbound({ channel: 'whatsapp', from: detail.customer.phone!, text: 'Uno' });
  await eventually(() => assert.equal(ana.getState().readStates[id]?.readCount, 2));
  assert.equal(readDown, 0);

  // Refused every time (both attempts): owed, and sent when the stream comes back.
  readDown = 2;
  await harness.sim.inbound({ channel: 'whatsapp', from: detail.customer.phone!, text: 'Dos' });
  await eventually(() => {
    assert.equal(ana.getState().conversations[id]!.customerMessageCount, 3);
    assert.equal(readDown, 0);
  });
  assert.equal(unread(), 1, 'still unread on the server');
  for (const cut of streams) cut.abort();
  await eventually(() => assert.equal(unread(), 0), 5000);
  assert.equal(ana.getState().readStates[id]!.readCount, 3);
});

test('marked unread while on screen (from the inbox menu, say), arrivals stay unread until it is marked read again', async () => {
  const ana = session(harness, TOKENS.ana).store;
  await ana.start();
  const { detail, id, unread } = await onScreen(ana);
  await ana.markUnread(id);
  await harness.sim.inbound({ channel: 'whatsapp', from: detail.customer.phone!, text: 'Sigo aquí' });
  await eventually(() => assert.equal(ana.getState().conversations[id]!.customerMessageCount, 2));
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(ana.getState().readStates[id]!.markedUnread, true, 'the arrival did not undo "unread"');
  assert.equal(ana.getState().readStates[id]!.readCount, 1);
  assert.equal(unread(), 1);

  await ana.markRead(id);
  assert.equal(unread(), 0);
  await harness.sim.inbound({ channel: 'whatsapp', from: detail.customer.phone!, text: '¿Hola?' });
  await eventually(() => {
    assert.equal(ana.getState().conversations[id]!.customerMessageCount, 3);
    assert.equal(unread(), 0, 'read again, and still on screen: arrivals are read');
  });
});

test('a conversation marked unread counts as waiting in the waiting order', async () => {
  const ana = session(harness, TOKENS.ana).store;
  await ana.start();
  const older = await conversation(harness, { stage: 'assigned', assigneeId: IDS.ana, groupId: 'grp_ventas' });
  await harness.sim.advanceClock(60_000);
  const newer = await conversation(harness, { stage: 'assigned', assigneeId: IDS.ana, groupId: 'grp_ventas' });
  await ana.setInboxQuery({ tray: 'mine', sort: 'waiting' });
  await ana.send(older.conversation.id, { text: 'Respondido' });
  await harness.sim.advanceClock(1_000);
  await ana.send(newer.conversation.id, { text: 'Respondido' });
  const a = older.conversation.id;
  const b = newer.conversation.id;
  // Neither waits: newest activity first.
  await eventually(() => assert.deepEqual(ana.getState().inbox.ids, [b, a]));
  await harness.sim.advanceClock(60_000);
  await ana.markUnread(a);
  assert.deepEqual(ana.getState().inbox.ids, [a, b]);
});

test('search and tag filters; tags attached and detached live (SPEC 1, 9)', async () => {
  const ana = session(harness, TOKENS.ana).store;
  const carla = session(harness, TOKENS.carla).store;
  await Promise.all([ana.start(), carla.start()]);
  const lucia = await conversation(harness, { stage: 'queued', groupId: 'grp_ventas', name: 'Lucía Fernández' });
  const marco = await conversation(harness, { stage: 'queued', groupId: 'grp_ventas', name: 'Marco Rossi', messages: [
      { author: 'customer', text: 'Quiero cambiar mi factura' },
      { author: 'customer', text: 'Gracias' },
    ] });
  await eventually(() => assert.equal(ana.getState().inbox.ids.length, 2));

  await ana.setInboxQuery({ q: 'lucia' });
  assert.deepEqual(ana.getState().inbox.ids, [lucia.conversation.id]);
  assert.equal(ana.getState().inbox.counts.queued, 1);
  // Found by the server in an older message, not in the preview the store can see.
  assert.equal(ana.getState().conversations[marco.conversation.id]!.lastMessage!.text, 'Gracias');
  await ana.setInboxQuery({ q: 'factura' });
  assert.deepEqual(ana.getState().inbox.ids, [marco.conversation.id]);
  // It stays a match while it changes live.
  await carla.attachTag(marco.conversation.id, 'tag_venta');
  await eventually(() => assert.deepEqual(ana.getState().conversations[marco.conversation.id]!.tagIds, ['tag_venta']));
  assert.deepEqual(ana.getState().inbox.ids, [marco.conversation.id]);
  await carla.detachTag(marco.conversation.id, 'tag_venta');
  await ana.setInboxQuery({ q: '' });

  await ana.setInboxQuery({ tag: 'tag_vip' });
  assert.deepEqual(ana.getState().inbox.ids, []);
  await carla.attachTag(marco.conversation.id, 'tag_vip');
  await eventually(() => assert.deepEqual(ana.getState().inbox.ids, [marco.conversation.id]));
  await eventually(() => assert.equal(ana.getState().inbox.counts.queued, 1));
  await carla.detachTag(marco.conversation.id, 'tag_vip');
  await eventually(() => assert.deepEqual(ana.getState().inbox.ids, []));
  assert.deepEqual(ana.getState().conversations[marco.conversation.id]!.tagIds, []);
});

test('transfer to another group removes it from my store live; other groups never leak (SPEC 10)', async () => {
  const ana = session(harness, TOKENS.ana).store;
  const carla = session(harness, TOKENS.carla).store;
  const bruno = session(harness, TOKENS.bruno).store;
  const admin = session(harness, TOKENS.admin).store;
  await Promise.all([ana.start(), carla.start(), bruno.start(), admin.start()]);
  // Everything that reaches Ana's stream, to look for leaks of the other group.
  const seen: string[] = [];
  const raw = new RealtimeStream({ client: session(harness, TOKENS.ana).client, lastEventId: ana.getState().lastEventId, onEvent: (e) => seen.push(JSON.stringify(e)) });
  raw.start();
  const support = await conversation(harness, { stage: 'queued', groupId: 'grp_soporte' });
  const sales = await conversation(harness, { stage: 'queued', groupId: 'grp_ventas' });
  await eventually(() => assert.deepEqual(ana.getState().inbox.ids, [sales.conversation.id]));
  await eventually(() => assert.deepEqual(bruno.getState().inbox.ids, [support.conversation.id]));
  await eventually(() => assert.equal(admin.getState().inbox.ids.length, 2));
  assert.equal(ana.getState().conversations[support.conversation.id], undefined);
  assert.equal(ana.getState().customers[support.customer.id], undefined);

  await ana.assignToMe(sales.conversation.id);
  await ana.openConversation(sales.conversation.id);
  await eventually(() => carla.getState().inbox.counts.mine === 0 && carla.getState().conversations[sales.conversation.id] !== undefined);
  await ana.transfer(sales.conversation.id, { groupId: 'grp_soporte' });
  assert.equal(ana.getState().conversations[sales.conversation.id], undefined);
  assert.equal(ana.getState().timelines[sales.conversation.id], undefined);
  // Carla (same group as Ana) learns it by conversation.removed.
  await eventually(() => carla.getState().conversations[sales.conversation.id] === undefined);
  await eventually(() => assert.deepEqual([...bruno.getState().inbox.ids].sort(), [support.conversation.id, sales.conversation.id].sort()));
  await eventually(() => assert.equal(bruno.getState().inbox.counts.queued, 2));
  await eventually(() => assert.equal(ana.getState().inbox.counts.queued, 0));

  // Transfer to an agent: it lands in that agent's "mine".
  await bruno.transfer(support.conversation.id, { agentId: IDS.bruno });
  await bruno.setInboxQuery({ tray: 'mine' });
  assert.deepEqual(bruno.getState().inbox.ids, [support.conversation.id]);
  await bruno.send(support.conversation.id, { text: 'Respuesta de soporte' });
  await bruno.send(sales.conversation.id, { text: 'Nota interna de soporte', kind: 'note' });
  await harness.sim.inbound({ channel: 'whatsapp', from: support.customer.phone!, text: 'Gracias soporte' });
  await eventually(() => bruno.getState().conversations[support.conversation.id]!.customerMessageCount === 2);
  await eventually(() => seen.some((e) => e.includes(sales.conversation.id) && e.includes('conversation.removed')));
  raw.stop();
  assert.equal(seen.filter((e) => e.includes(support.conversation.id) || e.includes(support.customer.id)).length, 0);
  assert.equal(seen.filter((e) => e.includes('Nota interna de soporte') || e.includes('Respuesta de soporte')).length, 0);
  assert.equal(ana.getState().conversations[support.conversation.id], undefined);
});

test('what failed to load for want of a connection loads again once the stream is back: the inbox page and the conversation on screen, then marked read', async () => {
  const detail = await conversation(harness, { stage: 'assigned', assigneeId: IDS.ana, groupId: 'grp_ventas', messages: [{ author: 'customer', text: 'Hola' }] });
  const id = detail.conversation.id;
  const network = droppingNetwork();
  const ana = session(harness, TOKENS.ana, { fetch: network.fetch }).store;
  await ana.start();
  await eventually(() => assert.equal(ana.getState().connection, 'open'));

  network.down();
  await assert.rejects(ana.setInboxQuery({ tray: 'mine' }));
  await assert.rejects(ana.openConversation(id));
  assert.equal(ana.getState().inbox.errorCode, 'network');
  assert.equal(ana.getState().timelines[id]?.errorCode, 'network');
  await eventually(() => assert.equal(ana.getState().connection, 'reconnecting'));

  network.up();
  await eventually(() => {
    const state = ana.getState();
    assert.equal(state.inbox.errorCode, null);
    assert.ok(state.inbox.ids.includes(id), 'the inbox page loaded');
    assert.equal(state.timelines[id]?.errorCode, null);
    assert.ok(state.timelines[id]!.ids.length > 0, 'the messages loaded');
    assert.equal(unreadCount(state.conversations[id]!, state.readStates[id]), 0, 'read, being on screen');
  }, 5000);
});

test('a conversation taken out of view is not asked for again until it comes back; elements opening one conversation at once share one load', async () => {
  const requests: string[] = [];
  const counting: FetchLike = (url, init) => {
    if (/\/api\/conversations\/conv_[^/?]+(\/messages)?(\?|$)/.test(url) && (init?.method ?? 'GET') === 'GET') requests.push(url);
    return fetch(url, init);
  };
  const ana = session(harness, TOKENS.ana, { fetch: counting }).store;
  const admin = session(harness, TOKENS.admin).store;
  await Promise.all([ana.start(), admin.start()]);
  const detail = await conversation(harness, { stage: 'assigned', assigneeId: IDS.ana, groupId: 'grp_ventas', messages: [{ author: 'customer', text: 'Hola' }] });
  const id = detail.conversation.id;

  // The chat, the panel, the notes and the tags of a host page ask for it together.
  await Promise.all([ana.openConversation(id), ana.openConversation(id), ana.openConversation(id)]);
  assert.equal(requests.length, 2, 'one conversation request and one messages request');

  await admin.transfer(id, { groupId: 'grp_soporte' });
  await eventually(() => assert.equal(ana.getState().conversations[id], undefined));
  requests.length = 0;
  const refused = await Promise.allSettled([ana.openConversation(id), ana.openConversation(id)]);
  assert.deepEqual(refused.map((r) => r.status === 'rejected' && (r.reason as ApiError).status), [404, 404]);
  assert.equal(requests.length, 0, 'nothing asked of the server');

  // Transferred back: it is in view again, and opens.
  await admin.transfer(id, { groupId: 'grp_ventas' });
  await eventually(() => assert.ok(ana.getState().conversations[id], 'back in view'));
  await ana.openConversation(id);
  assert.equal(ana.getState().timelines[id]?.error ?? null, null);
});
