// Paging and the life of a conversation through the store: older messages, more conversations, closing, reopening, idle agents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IDS, TOKENS, conversation, eventually, session, useHarness } from './helpers.js';

const harness = useHarness();

test('older messages load page by page with before=<oldest id>, in order', async () => {
  const messages = Array.from({ length: 12 }, (_, i) => ({ author: 'customer' as const, text: `m${i}` }));
  const detail = await conversation(harness, { stage: 'assigned', assigneeId: IDS.ana, groupId: 'grp_ventas', messages });
  const id = detail.conversation.id;
  const ana = session(harness, TOKENS.ana, { messagePageSize: 5 }).store;
  await ana.start();
  await ana.openConversation(id);
  const texts = () => ana.getState().timelines[id]!.ids.map((m) => ana.getState().messages[m]!.text);
  assert.deepEqual(texts(), ['m7', 'm8', 'm9', 'm10', 'm11']);
  assert.equal(ana.getState().timelines[id]!.hasMore, true);
  await ana.loadOlderMessages(id);
  assert.deepEqual(texts(), ['m2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10', 'm11']);
  await ana.loadOlderMessages(id);
  assert.deepEqual(texts().slice(0, 3), ['m0', 'm1', 'm2']);
  assert.equal(ana.getState().timelines[id]!.hasMore, false);
  await ana.loadOlderMessages(id);
  assert.equal(texts().length, 12);
});

test('more conversations load with the cursor, without duplicates, in order', async () => {
  for (let i = 0; i < 7; i += 1) {
    await conversation(harness, { stage: 'queued', groupId: 'grp_ventas' });
    await harness.sim.advanceClock(1_000);
  }
  const ana = session(harness, TOKENS.ana, { pageSize: 3 }).store;
  await ana.start();
  assert.equal(ana.getState().inbox.ids.length, 3);
  assert.equal(ana.getState().inbox.counts.queued, 7);
  await ana.loadMoreConversations();
  await ana.loadMoreConversations();
  const { ids, nextCursor } = ana.getState().inbox;
  assert.equal(ids.length, 7);
  assert.equal(new Set(ids).size, 7);
  const { client } = session(harness, TOKENS.ana);
  const all = await client.listConversations({ tray: 'queued', limit: 50 });
  assert.deepEqual(ids, all.conversations.map((c) => c.id));
  assert.equal(nextCursor, null);
});

test('automatic close moves the conversation to the closed history live; the customer writing again starts the bot (SPEC 11)', async () => {
  const ana = session(harness, TOKENS.ana).store;
  await ana.start();
  const detail = await conversation(harness, { stage: 'assigned', assigneeId: IDS.ana, groupId: 'grp_ventas' });
  const id = detail.conversation.id;
  await ana.setInboxQuery({ tray: 'mine' });
  assert.deepEqual(ana.getState().inbox.ids, [id]);
  await harness.sim.advanceClock(25 * 3_600_000);
  await eventually(() => assert.deepEqual(ana.getState().inbox.ids, []));
  assert.equal(ana.getState().conversations[id]!.closedHow, 'automatic');
  await ana.setInboxQuery({ status: 'closed' });
  assert.deepEqual(ana.getState().inbox.ids, [id]);

  await harness.sim.inbound({ channel: 'whatsapp', from: detail.customer.phone!, text: 'Hola otra vez' });
  await ana.setInboxQuery({ status: 'active', tray: 'bot' });
  await eventually(() => {
    const ids = ana.getState().inbox.ids;
    assert.equal(ids.length, 1);
    assert.notEqual(ids[0], id);
    assert.equal(ana.getState().conversations[ids[0]!]!.customerId, detail.customer.id);
  });
});

test('a manual close with a reopen tolerance reopens with the same agent, live', async () => {
  const { client: admin } = session(harness, TOKENS.admin);
  await admin.updateSettings({ reopenToleranceMinutes: 30 });
  const ana = session(harness, TOKENS.ana).store;
  await ana.start();
  const detail = await conversation(harness, { stage: 'assigned', assigneeId: IDS.ana, groupId: 'grp_ventas' });
  const id = detail.conversation.id;
  await ana.setInboxQuery({ tray: 'mine' });
  await ana.close(id);
  assert.deepEqual(ana.getState().inbox.ids, []);
  await harness.sim.advanceClock(10 * 60_000);
  await harness.sim.inbound({ channel: 'whatsapp', from: detail.customer.phone!, text: 'Me olvidé de algo' });
  await eventually(() => assert.deepEqual(ana.getState().inbox.ids, [id]));
  assert.equal(ana.getState().conversations[id]!.assigneeId, IDS.ana);
});

test('an agent idle for 10 minutes shows as offline to the others (SPEC 12)', async () => {
  const ana = session(harness, TOKENS.ana).store;
  const carla = session(harness, TOKENS.carla).store;
  await Promise.all([ana.start(), carla.start()]);
  await ana.setStatus('online');
  await eventually(() => assert.equal(carla.getState().agents[IDS.ana]!.status, 'online'));
  await harness.sim.advanceClock(11 * 60_000);
  await eventually(() => assert.equal(carla.getState().agents[IDS.ana]!.status, 'offline'));
  // Ana's own store learns it too.
  await eventually(() => assert.equal(ana.getState().me!.status, 'offline'));
});
