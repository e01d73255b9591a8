// Time-driven behaviour and the customer's journey: bot, automatic close, reopen tolerance, agent presence.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { client, useServer } from './helpers.js';

let api: ReturnType<typeof client>;
useServer((_server, caller) => {
  api = caller;
});

const phoneView = async (from: string) => (await api.get(null, `/api/sim/conversations?channel=whatsapp&from=${encodeURIComponent(from)}`)).body;

describe('bot', () => {
  test('greets, asks name and e-mail (re-asks when invalid), offers groups, queues to the chosen one', async () => {
    const from = '+573005550001';
    const first = await api.inbound(from, 'hola', { name: 'Perfil WA' });
    assert.equal(first.status, 200);
    assert.equal(first.body.conversation.stage, 'bot');
    await api.inbound(from, 'Camila Rojas');
    await api.inbound(from, 'camila-at-correo');
    await api.inbound(from, 'camila@correo.co');
    const chosen = await api.inbound(from, '2');
    assert.equal(chosen.body.conversation.stage, 'queued');
    assert.equal(chosen.body.conversation.groupId, 'grp_soporte');
    assert.equal(chosen.body.customer.name, 'Camila Rojas');
    assert.equal(chosen.body.customer.email, 'camila@correo.co');

    const bot = (await phoneView(from)).messages.filter((m: { author: string }) => m.author === 'bot').map((m: { text: string }) => m.text);
    assert.equal(bot.length, 5);
    assert.match(bot[0], /¿Cómo te llamas\?/);
    assert.match(bot[1], /Camila Rojas.*correo/);
    assert.match(bot[2], /no parece válido/);
    assert.match(bot[3], /1\. Ventas\n2\. Soporte/);
    assert.match(bot[4], /Soporte/);
    const agentView = (await api.get('bruno', `/api/conversations/${chosen.body.conversation.id}/messages`)).body.messages;
    assert.deepEqual(agentView.at(-1).event, { type: 'queued', byAgentId: null, toGroupId: 'grp_soporte' });
    assert.equal((await api.get('ana', `/api/conversations/${chosen.body.conversation.id}`)).status, 404);
  });

  test('a returning customer with name and e-mail goes straight to the group menu', async () => {
    const { conversation } = await api.conversation({ phone: '+573005550002', name: 'Julián', email: 'julian@correo.co', stage: 'assigned', assigneeId: 'agt_ana', groupId: 'grp_ventas' });
    await api.post('ana', `/api/conversations/${conversation.id}/close`);
    const again = await api.inbound('+573005550002', 'hola de nuevo');
    assert.notEqual(again.body.conversation.id, conversation.id);
    assert.equal(again.body.conversation.stage, 'bot');
    const bot = (await phoneView('+573005550002')).messages.filter((m: { author: string }) => m.author === 'bot').map((m: { text: string }) => m.text);
    assert.match(bot[0], /Julián/);
    assert.match(bot[1], /1\. Ventas/);
    assert.equal((await api.inbound('+573005550002', '1')).body.conversation.groupId, 'grp_ventas');
  });
});

describe('concurrent customer messages', () => {
  test('several first messages at once from a new number make one customer and one conversation', async () => {
    const from = '+573005559999';
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => api.inbound(from, `mensaje ${i}`)));
    assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 200, 200, 200]);
    assert.equal(new Set(answers.map((a) => a.body.customer.id)).size, 1);
    assert.equal(new Set(answers.map((a) => a.body.conversation.id)).size, 1);
    const view = await phoneView(from);
    assert.equal(view.conversations.length, 1);
    assert.equal(view.messages.filter((m: { author: string }) => m.author === 'customer').length, 6);
  });
});

describe('closing and coming back', () => {
  test('automatic close after the configured hours without activity', async () => {
    const { conversation } = await api.conversation({ stage: 'assigned', assigneeId: 'agt_ana', groupId: 'grp_ventas' });
    await api.advance(23 * 3_600_000);
    assert.equal((await api.get('ana', `/api/conversations/${conversation.id}`)).body.conversation.status, 'active');
    await api.advance(3_600_000);
    const closed = (await api.get('ana', `/api/conversations/${conversation.id}`)).body.conversation;
    assert.equal(closed.status, 'closed');
    assert.equal(closed.closedHow, 'automatic');
    const messages = (await api.get('ana', `/api/conversations/${conversation.id}/messages`)).body.messages;
    assert.deepEqual(messages.at(-1).event, { type: 'closed', byAgentId: null, closedHow: 'automatic' });
  });

  test('the hours are configurable', async () => {
    assert.equal((await api.patch('admin', '/api/settings', { autoCloseHours: 2 })).body.settings.autoCloseHours, 2);
    const { conversation } = await api.conversation({ stage: 'queued', groupId: 'grp_ventas' });
    await api.advance(2 * 3_600_000);
    assert.equal((await api.get('ana', `/api/conversations/${conversation.id}`)).body.conversation.status, 'closed');
  });

  test('after a close the customer starts a new conversation with the bot', async () => {
    const { conversation } = await api.conversation({ phone: '+573005550003', stage: 'assigned', assigneeId: 'agt_ana', groupId: 'grp_ventas' });
    await api.post('ana', `/api/conversations/${conversation.id}/close`);
    const next = await api.inbound('+573005550003', 'hola otra vez');
    assert.notEqual(next.body.conversation.id, conversation.id);
    assert.equal(next.body.conversation.stage, 'bot');
    assert.equal((await api.get('ana', `/api/conversations/${conversation.id}`)).body.conversation.status, 'closed');
  });

  test('within the reopen tolerance a manual close reopens with the same agent', async () => {
    await api.patch('admin', '/api/settings', { reopenToleranceMinutes: 30 });
    const { conversation } = await api.conversation({ phone: '+573005550004', stage: 'assigned', assigneeId: 'agt_carla', groupId: 'grp_ventas' });
    await api.post('carla', `/api/conversations/${conversation.id}/close`);
    await api.advance(29 * 60_000);
    const back = await api.inbound('+573005550004', 'me faltó algo');
    assert.equal(back.body.conversation.id, conversation.id);
    assert.equal(back.body.conversation.status, 'active');
    assert.equal(back.body.conversation.stage, 'assigned');
    assert.equal(back.body.conversation.assigneeId, 'agt_carla');
    const events = (await api.get('carla', `/api/conversations/${conversation.id}/messages`)).body.messages.filter((m: { kind: string }) => m.kind === 'event');
    assert.deepEqual(events.at(-1).event, { type: 'reopened', byAgentId: null, toAgentId: 'agt_carla' });
  });

  test('past the tolerance, or after an automatic close, a new conversation starts', async () => {
    await api.patch('admin', '/api/settings', { reopenToleranceMinutes: 30, autoCloseHours: 0 });
    const late = await api.conversation({ phone: '+573005550005', stage: 'assigned', assigneeId: 'agt_carla', groupId: 'grp_ventas' });
    await api.post('carla', `/api/conversations/${late.conversation.id}/close`);
    await api.advance(31 * 60_000);
    assert.notEqual((await api.inbound('+573005550005', 'hola')).body.conversation.id, late.conversation.id);

    await api.patch('admin', '/api/settings', { autoCloseHours: 1 });
    const auto = await api.conversation({ phone: '+573005550006', stage: 'assigned', assigneeId: 'agt_carla', groupId: 'grp_ventas' });
    await api.advance(3_600_000);
    assert.equal((await api.get('carla', `/api/conversations/${auto.conversation.id}`)).body.conversation.closedHow, 'automatic');
    assert.notEqual((await api.inbound('+573005550006', 'hola')).body.conversation.id, auto.conversation.id);
  });
});

describe('agent status', () => {
  test('away is chosen; offline after 10 idle minutes; a request brings back the chosen status', async () => {
    const away = await api.put('ana', '/api/me/status', { status: 'away' });
    assert.equal(away.body.agent.status, 'away');
    await api.get('carla', '/api/me');
    await api.advance(9 * 60_000);
    await api.get('carla', '/api/me');
    await api.advance(60_000 + 1000);
    const agents = (await api.get('admin', '/api/agents')).body.agents as { id: string; status: string }[];
    const status = (id: string) => agents.find((a) => a.id === id)!.status;
    assert.equal(status('agt_ana'), 'offline');
    assert.equal(status('agt_bruno'), 'offline');
    assert.equal(status('agt_carla'), 'online');
    const me = await api.get('ana', '/api/me');
    assert.equal(me.body.me.status, 'away');
    assert.equal((await api.put('ana', '/api/me/status', { status: 'offline' })).status, 400);
  });
});
