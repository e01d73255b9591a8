// Assignment, transfer (agent / group) with group visibility, close, tags, and per-agent read state.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { client, useServer } from './helpers.js';

let api: ReturnType<typeof client>;
useServer((_server, caller) => {
  api = caller;
});

const eventsOf = async (id: string) =>
  (await api.get('admin', `/api/conversations/${id}/messages`)).body.messages.filter((m: { kind: string }) => m.kind === 'event').map((m: { event: unknown }) => m.event);

describe('assignment', () => {
  test('an agent takes a queued conversation; only then may reply; another agent cannot take it', async () => {
    const { conversation } = await api.conversation({ stage: 'queued', groupId: 'grp_ventas' });
    const early = await api.post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: 'early-0001', text: 'hola' });
    assert.equal(early.status, 422);
    assert.equal(early.body.error, 'not_assigned');

    const taken = await api.post('ana', `/api/conversations/${conversation.id}/assign`);
    assert.equal(taken.status, 200);
    assert.equal(taken.body.conversation.stage, 'assigned');
    assert.equal(taken.body.conversation.assigneeId, 'agt_ana');
    assert.ok(taken.body.conversation.assignedAt);
    assert.ok(taken.body.conversation.version > conversation.version);
    assert.deepEqual(await eventsOf(conversation.id), [{ type: 'assigned', byAgentId: 'agt_ana', toAgentId: 'agt_ana', toGroupId: 'grp_ventas' }]);

    assert.equal((await api.post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: 'late-00001', text: 'hola' })).status, 201);
    const stolen = await api.post('carla', `/api/conversations/${conversation.id}/assign`);
    assert.equal(stolen.status, 409);
    assert.equal((await api.post('carla', `/api/conversations/${conversation.id}/messages`, { clientId: 'carla-0001', text: 'yo' })).body.error, 'not_assigned');
  });
});

describe('transfer', () => {
  test('to an agent of another group moves the conversation to that group; the old group loses it', async () => {
    const { conversation } = await api.conversation({ stage: 'assigned', assigneeId: 'agt_ana', groupId: 'grp_ventas' });
    const moved = await api.post('ana', `/api/conversations/${conversation.id}/transfer`, { agentId: 'agt_bruno' });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.conversation.assigneeId, 'agt_bruno');
    assert.equal(moved.body.conversation.groupId, 'grp_soporte');
    assert.equal((await api.get('ana', `/api/conversations/${conversation.id}`)).status, 404);
    assert.equal((await api.get('carla', `/api/conversations/${conversation.id}`)).status, 404);
    assert.equal((await api.get('bruno', `/api/conversations/${conversation.id}`)).status, 200);
    assert.equal((await api.get('bruno', '/api/conversations?tray=mine')).body.conversations.length, 1);
  });

  test('to an agent of the same group keeps the group', async () => {
    const { conversation } = await api.conversation({ stage: 'assigned', assigneeId: 'agt_ana', groupId: 'grp_ventas' });
    const moved = await api.post('ana', `/api/conversations/${conversation.id}/transfer`, { agentId: 'agt_carla' });
    assert.equal(moved.body.conversation.groupId, 'grp_ventas');
    assert.equal(moved.body.conversation.assigneeId, 'agt_carla');
    assert.equal((await api.get('ana', `/api/conversations/${conversation.id}`)).status, 200);
  });

  test("to a group puts it back in that group's queue without assignee", async () => {
    const { conversation } = await api.conversation({ stage: 'assigned', assigneeId: 'agt_ana', groupId: 'grp_ventas' });
    const moved = await api.post('ana', `/api/conversations/${conversation.id}/transfer`, { groupId: 'grp_soporte' });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.conversation.stage, 'queued');
    assert.equal(moved.body.conversation.assigneeId, null);
    assert.equal(moved.body.conversation.groupId, 'grp_soporte');
    assert.equal((await api.get('bruno', '/api/conversations?tray=queued')).body.conversations[0].id, conversation.id);
    assert.equal((await api.get('ana', `/api/conversations/${conversation.id}/messages`)).status, 404);
    const last = (await eventsOf(conversation.id)).at(-1);
    assert.deepEqual(last, { type: 'transferred', byAgentId: 'agt_ana', toAgentId: null, toGroupId: 'grp_soporte' });
  });

  test('unknown agent or group is 404; another group cannot transfer what it cannot see', async () => {
    const { conversation } = await api.conversation({ stage: 'assigned', assigneeId: 'agt_ana', groupId: 'grp_ventas' });
    assert.equal((await api.post('ana', `/api/conversations/${conversation.id}/transfer`, { agentId: 'agt_nadie' })).status, 404);
    assert.equal((await api.post('ana', `/api/conversations/${conversation.id}/transfer`, { groupId: 'grp_nada' })).status, 404);
    assert.equal((await api.post('bruno', `/api/conversations/${conversation.id}/transfer`, { agentId: 'agt_bruno' })).status, 404);
    assert.equal((await api.post('ana', `/api/conversations/${conversation.id}/transfer`, { agentId: 'agt_bruno', groupId: 'grp_soporte' })).status, 400);
  });
});

describe('group visibility over REST', () => {
  test("every read and write on another group's conversation answers 404", async () => {
    const { conversation, customer } = await api.conversation({ stage: 'queued', groupId: 'grp_ventas' });
    const id = conversation.id;
    const probes: [string, string, unknown?][] = [
      ['GET', `/api/conversations/${id}`],
      ['GET', `/api/conversations/${id}/messages`],
      ['POST', `/api/conversations/${id}/messages`, { clientId: 'probe-0001', kind: 'note', text: 'x' }],
      ['POST', `/api/conversations/${id}/assign`],
      ['POST', `/api/conversations/${id}/close`],
      ['POST', `/api/conversations/${id}/read`],
      ['POST', `/api/conversations/${id}/unread`],
      ['PUT', `/api/conversations/${id}/tags/tag_vip`],
      ['DELETE', `/api/conversations/${id}/tags/tag_vip`],
      ['GET', `/api/customers/${customer.id}`],
      ['PATCH', `/api/customers/${customer.id}`, { version: 1, name: 'X' }],
    ];
    for (const [method, path, body] of probes) {
      const answer = await api.call('bruno', method, path, body);
      assert.equal(answer.status, 404, `${method} ${path}`);
      assert.equal(answer.body.error, 'not_found');
    }
    assert.equal((await api.get('ana', `/api/conversations/${id}`)).status, 200);
    assert.equal((await api.get('admin', `/api/conversations/${id}`)).status, 200);
    assert.equal((await api.get('admin', `/api/conversations/${id}/messages`)).body.messages.length, 1);
  });
});

describe('close', () => {
  test('manual close records who and how; closing again changes nothing', async () => {
    const { conversation } = await api.conversation({ stage: 'assigned', assigneeId: 'agt_ana', groupId: 'grp_ventas' });
    const closed = await api.post('ana', `/api/conversations/${conversation.id}/close`);
    assert.equal(closed.body.conversation.status, 'closed');
    assert.equal(closed.body.conversation.closedHow, 'manual');
    assert.ok(closed.body.conversation.closedAt);
    const again = await api.post('ana', `/api/conversations/${conversation.id}/close`);
    assert.equal(again.body.conversation.version, closed.body.conversation.version);
    assert.deepEqual((await eventsOf(conversation.id)).at(-1), { type: 'closed', byAgentId: 'agt_ana', closedHow: 'manual' });
    assert.equal((await api.post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: 'after-close1', text: 'hola' })).status, 422);
  });

  test('a closed conversation waits for no one: its unanswered message stops counting, and Cerrados sorts by activity', async () => {
    const unanswered = await api.conversation({ stage: 'assigned', assigneeId: 'agt_ana', groupId: 'grp_ventas', messages: [{ author: 'customer', text: '¿Hola?' }] });
    assert.ok(unanswered.conversation.waitingSince, 'waiting while open');
    await api.advance(60_000);
    const answered = await api.conversation({ stage: 'assigned', assigneeId: 'agt_ana', groupId: 'grp_ventas', messages: [{ author: 'customer', text: 'Hola' }, { author: 'agent', text: 'Listo' }] });
    for (const { conversation } of [unanswered, answered]) {
      const closed = await api.post('ana', `/api/conversations/${conversation.id}/close`);
      assert.equal(closed.body.conversation.waitingSince, null);
    }
    const history = await api.get('ana', '/api/conversations?tray=mine&status=closed&sort=waiting');
    assert.deepEqual(
      history.body.conversations.map((c: { id: string }) => c.id).filter((id: string) => [unanswered.conversation.id, answered.conversation.id].includes(id)),
      [answered.conversation.id, unanswered.conversation.id],
      'newest activity first: the older unanswered one no longer leads',
    );
  });
});

describe('tags', () => {
  test('admins create and rename tags; agents cannot; agents attach and detach', async () => {
    const denied = await api.post('ana', '/api/tags', { name: 'Urgente', color: '#ff0000' });
    assert.equal(denied.status, 403);
    assert.equal((await api.patch('ana', '/api/tags/tag_vip', { name: 'Muy VIP' })).status, 403);
    const created = await api.post('admin', '/api/tags', { name: 'Urgente', color: '#ff0000' });
    assert.equal(created.status, 201);
    assert.equal((await api.post('admin', '/api/tags', { name: 'Urgente', color: '#ff0000' })).status, 409);
    const renamed = await api.patch('admin', `/api/tags/${created.body.tag.id}`, { name: 'Muy urgente' });
    assert.equal(renamed.body.tag.name, 'Muy urgente');
    assert.ok((await api.get('ana', '/api/tags')).body.tags.some((t: { name: string }) => t.name === 'Muy urgente'));

    const { conversation } = await api.conversation({ groupId: 'grp_ventas' });
    const attached = await api.put('ana', `/api/conversations/${conversation.id}/tags/${created.body.tag.id}`);
    assert.deepEqual(attached.body.conversation.tagIds, [created.body.tag.id]);
    assert.equal((await api.put('ana', `/api/conversations/${conversation.id}/tags/tag_nada`)).status, 404);
    const detached = await api.del('ana', `/api/conversations/${conversation.id}/tags/${created.body.tag.id}`);
    assert.deepEqual(detached.body.conversation.tagIds, []);
  });
});

describe('read state', () => {
  test('per agent: read sets the count, unread marks; the other agent is untouched', async () => {
    const { conversation } = await api.conversation({
      stage: 'queued', groupId: 'grp_ventas',
      messages: [{ author: 'customer', text: 'uno' }, { author: 'customer', text: 'dos' }],
    });
    const read = await api.post('ana', `/api/conversations/${conversation.id}/read`);
    assert.equal(read.status, 200);
    assert.deepEqual({ ...read.body.readState, version: 0 }, { conversationId: conversation.id, readCount: 2, markedUnread: false, markedUnreadAt: null, version: 0 });
    assert.equal((await api.get('carla', `/api/conversations/${conversation.id}`)).body.readState.readCount, 0);

    const unread = await api.post('ana', `/api/conversations/${conversation.id}/unread`);
    assert.equal(unread.body.readState.markedUnread, true);
    assert.ok(unread.body.readState.markedUnreadAt);
    assert.equal(unread.body.readState.readCount, 2);
    assert.ok(unread.body.readState.version > read.body.readState.version);
    const listed = (await api.get('ana', '/api/conversations?tray=queued')).body.readStates[0];
    assert.equal(listed.markedUnread, true);

    await api.inbound((await api.get('ana', `/api/customers/${conversation.customerId}`)).body.customer.phone, 'tres');
    assert.equal((await api.get('ana', `/api/conversations/${conversation.id}`)).body.conversation.customerMessageCount, 3);
    assert.equal((await api.post('ana', `/api/conversations/${conversation.id}/read`)).body.readState.readCount, 3);
  });
});
