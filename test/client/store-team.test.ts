// Customer edits, agent status, tags and settings between several agents' stores, live.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IDS, TOKENS, conversation, eventually, session, useHarness } from './helpers.js';

const harness = useHarness();

test('two agents editing one customer: the second save gets the conflict and the other value; nothing is overwritten (SPEC 7)', async () => {
  const ana = session(harness, TOKENS.ana).store;
  const carla = session(harness, TOKENS.carla).store;
  await Promise.all([ana.start(), carla.start()]);
  const detail = await conversation(harness, { stage: 'queued', groupId: 'grp_ventas' });
  await Promise.all([ana.openConversation(detail.conversation.id), carla.openConversation(detail.conversation.id)]);
  const customerId = detail.customer.id;
  const base = ana.getState().customers[customerId]!.version;
  assert.equal(carla.getState().customers[customerId]!.version, base);

  const saved = await ana.saveCustomer(customerId, { attributes: { ciudad: 'Lima' } }, base);
  assert.ok(saved.ok);
  assert.equal(ana.getState().customers[customerId]!.attributes.ciudad, 'Lima');
  // Carla edited from the same version: refused, and she now sees Ana's value.
  const conflict = await carla.saveCustomer(customerId, { attributes: { ciudad: 'Bogotá' } }, base);
  assert.equal(conflict.ok, false);
  assert.ok(!conflict.ok && conflict.current.attributes.ciudad === 'Lima');
  assert.equal(carla.getState().customers[customerId]!.attributes.ciudad, 'Lima');
  // Re-applied on top of the current version, it is saved and reaches Ana live.
  const reapplied = await carla.saveCustomer(customerId, { attributes: { ciudad: 'Bogotá' } }, conflict.ok ? 0 : conflict.current.version);
  assert.ok(reapplied.ok);
  await eventually(() => assert.equal(ana.getState().customers[customerId]!.attributes.ciudad, 'Bogotá'));
  assert.equal(ana.getState().customers[customerId]!.version, carla.getState().customers[customerId]!.version);
});

test('an invalid attribute is refused by the server with a reason; the stored customer is unchanged', async () => {
  const ana = session(harness, TOKENS.ana).store;
  await ana.start();
  const detail = await conversation(harness, { stage: 'queued', groupId: 'grp_ventas' });
  await ana.openConversation(detail.conversation.id);
  const customer = ana.getState().customers[detail.customer.id]!;
  await assert.rejects(ana.saveCustomer(customer.id, { attributes: { ciudad: 'Atlantis' } }, customer.version), (error: unknown) => {
    const e = error as { status: number; reason: string };
    return e.status === 400 && /ciudad/.test(e.reason);
  });
  assert.equal(ana.getState().customers[customer.id], customer);
});

test('agent status is seen by other agents live (SPEC 12)', async () => {
  const ana = session(harness, TOKENS.ana).store;
  const carla = session(harness, TOKENS.carla).store;
  await Promise.all([ana.start(), carla.start()]);
  await ana.setStatus('away');
  assert.equal(ana.getState().me!.status, 'away');
  await eventually(() => assert.equal(carla.getState().agents[IDS.ana]!.status, 'away'));
  await ana.setStatus('online');
  await eventually(() => assert.equal(carla.getState().agents[IDS.ana]!.status, 'online'));
});

test('tags created by an admin and settings changes reach agents live', async () => {
  const admin = session(harness, TOKENS.admin).store;
  const ana = session(harness, TOKENS.ana).store;
  await Promise.all([admin.start(), ana.start()]);
  const tag = await admin.createTag('Urgente', '#7c3aed');
  assert.equal(admin.getState().tags[tag.id]!.name, 'Urgente');
  await eventually(() => assert.equal(ana.getState().tags[tag.id]?.color, '#7c3aed'));

  const { client } = session(harness, TOKENS.admin);
  await client.updateSettings({ voiceNotesEnabled: false });
  await eventually(() => assert.equal(ana.getState().settings!.voiceNotesEnabled, false));
});

test('subscribers are called only when their slice changes', async () => {
  const ana = session(harness, TOKENS.ana).store;
  await ana.start();
  let tagCalls = 0;
  let inboxCalls = 0;
  ana.subscribe((s) => s.tags, () => (tagCalls += 1));
  ana.subscribe((s) => s.inbox.ids, () => (inboxCalls += 1));
  const tagsBefore = ana.getState().tags;
  const { conversation: c } = await conversation(harness, { stage: 'queued', groupId: 'grp_ventas' });
  await eventually(() => assert.deepEqual(ana.getState().inbox.ids, [c.id]));
  assert.equal(inboxCalls, 1);
  assert.equal(tagCalls, 0);
  assert.equal(ana.getState().tags, tagsBefore);
});
