// SSE: live events, replay by Last-Event-ID (also after a restart on the same data dir), group isolation.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { OwEvent } from '../../src/contract/index.js';
import { startTestServer, type TestServer } from '../../server/testing.js';
import { agentStream, client, EventRecorder, settle, useServer } from './helpers.js';

let server: TestServer;
let api: ReturnType<typeof client>;
useServer((started, caller) => {
  server = started;
  api = caller;
});

const mentions = (event: OwEvent, id: string) => JSON.stringify(event).includes(id);

describe('live stream', () => {
  test('every change reaches agents who may see it, with increasing ids', async () => {
    const ana = await agentStream(server, 'ana');
    const carla = await agentStream(server, 'carla');
    const { conversation } = await api.conversation({ stage: 'queued', groupId: 'grp_ventas' });
    await api.post('ana', `/api/conversations/${conversation.id}/assign`);
    await api.post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: 'live-00001', kind: 'note', text: 'nota' });
    await api.put('ana', `/api/conversations/${conversation.id}/tags/tag_vip`);
    await api.post('ana', `/api/conversations/${conversation.id}/read`);
    await carla.until((events) => events.some((e) => e.type === 'conversation.updated' && e.conversation.tagIds.includes('tag_vip')));
    await ana.until((events) => events.some((e) => e.type === 'read.updated'));
    assert.ok(carla.events.some((e) => e.type === 'message.created' && e.message.kind === 'note'));
    assert.ok(carla.events.some((e) => e.type === 'message.created' && e.message.event?.type === 'assigned'));
    // Read state is private to its agent.
    await settle();
    assert.ok(!carla.events.some((e) => e.type === 'read.updated'));
    for (const recorder of [ana, carla]) {
      assert.deepEqual(recorder.ids, [...recorder.ids].sort((a, b) => a - b));
      assert.deepEqual(recorder.ids, recorder.events.map((e) => e.id));
    }
    await Promise.all([ana.close(), carla.close()]);
  });

  test('customer edits, agent status (also Offline by idle time), tags and settings reach other agents live', async () => {
    const carla = await agentStream(server, 'carla');
    const { customer } = await api.conversation({ stage: 'queued', groupId: 'grp_ventas' });
    await api.patch('ana', `/api/customers/${customer.id}`, { version: customer.version, attributes: { ciudad: 'Lima' } });
    await api.put('ana', '/api/me/status', { status: 'away' });
    await api.post('admin', '/api/tags', { name: 'Nueva', color: '#123456' });
    await api.patch('admin', '/api/settings', { voiceNotesEnabled: false });
    await carla.until((events) =>
      events.some((e) => e.type === 'customer.updated' && e.customer.attributes.ciudad === 'Lima') &&
      events.some((e) => e.type === 'agent.updated' && e.agent.id === 'agt_ana' && e.agent.status === 'away') &&
      events.some((e) => e.type === 'tag.updated' && e.tag.name === 'Nueva') &&
      events.some((e) => e.type === 'settings.updated' && !e.settings.voiceNotesEnabled),
    );
    await api.advance(11 * 60_000);
    await carla.until((events) => events.some((e) => e.type === 'agent.updated' && e.agent.id === 'agt_bruno' && e.agent.status === 'offline'));
    await carla.close();
  });

  test("a customer edit reaches agents who see any of the customer's conversations, and nobody else", async () => {
    const phone = '+573007770001';
    const old = await api.conversation({ phone, stage: 'assigned', assigneeId: 'agt_carla', groupId: 'grp_ventas' });
    await api.post('carla', `/api/conversations/${old.conversation.id}/close`);
    await api.conversation({ phone, stage: 'queued', groupId: 'grp_soporte' });
    const other = await api.conversation({ phone: '+573007770002', stage: 'queued', groupId: 'grp_soporte' });
    const carla = await agentStream(server, 'carla');
    const ana = await agentStream(server, 'ana');
    await api.patch('bruno', `/api/customers/${old.customer.id}`, { version: old.customer.version, name: 'Editado por Bruno' });
    await api.patch('bruno', `/api/customers/${other.customer.id}`, { version: other.customer.version, name: 'Solo soporte' });
    await carla.until((events) => events.some((e) => e.type === 'customer.updated' && e.customer.name === 'Editado por Bruno'));
    await ana.until((events) => events.some((e) => e.type === 'customer.updated' && e.customer.name === 'Editado por Bruno'));
    await settle();
    assert.ok(!carla.events.some((e) => e.type === 'customer.updated' && e.customer.name === 'Solo soporte'));
    await Promise.all([carla.close(), ana.close()]);
  });

  test('requires a valid token', async () => {
    assert.equal((await fetch(`${server.baseUrl}/api/events`)).status, 401);
    assert.equal((await fetch(`${server.baseUrl}/api/events`, { headers: { Authorization: 'Bearer tok_nadie' } })).status, 401);
    assert.equal((await fetch(`${server.baseUrl}/api/events?lastEventId=abc`, { headers: { Authorization: 'Bearer tok_ana' } })).status, 400);
  });
});

describe('group isolation over SSE', () => {
  test("bruno never receives ana's group events, live or replayed; a transfer away sends conversation.removed", async () => {
    const start = (await api.get('bruno', '/api/me')).body.lastEventId as number;
    const bruno = await agentStream(server, 'bruno');
    const ana = await agentStream(server, 'ana');
    const { conversation, customer } = await api.conversation({ stage: 'queued', groupId: 'grp_ventas' });
    await api.post('ana', `/api/conversations/${conversation.id}/assign`);
    await api.post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: 'secret-0001', text: 'dato privado' });
    await api.patch('ana', `/api/customers/${customer.id}`, { version: customer.version, name: 'Otro nombre' });
    await api.post('ana', `/api/conversations/${conversation.id}/unread`);
    await api.inbound(customer.phone!, 'respuesta del cliente');
    // Then it moves to Bruno's group: from here on Bruno may see it, Ana may not.
    await api.post('ana', `/api/conversations/${conversation.id}/transfer`, { groupId: 'grp_soporte' });
    await ana.until((events) => events.some((e) => e.type === 'conversation.removed' && e.conversationId === conversation.id));
    await bruno.until((events) => events.some((e) => e.type === 'conversation.updated' && e.conversation.groupId === 'grp_soporte'));
    await settle();
    const leaked = bruno.events.filter((e) => e.type !== 'conversation.updated' || e.conversation.groupId !== 'grp_soporte').filter((e) => mentions(e, conversation.id) || mentions(e, customer.id));
    // After the transfer Bruno legitimately sees the transfer's system message.
    const beforeTransfer = leaked.filter((e) => !(e.type === 'message.created' && e.message.event?.type === 'transferred'));
    assert.deepEqual(beforeTransfer, []);
    assert.ok(!bruno.events.some((e) => JSON.stringify(e).includes('dato privado')));

    const replay = await agentStream(server, 'bruno', start);
    await replay.until((events) => events.some((e) => e.type === 'conversation.updated' && e.conversation.groupId === 'grp_soporte'));
    await settle();
    assert.ok(!replay.events.some((e) => JSON.stringify(e).includes('dato privado') || JSON.stringify(e).includes('Otro nombre')));
    assert.deepEqual(replay.ids, bruno.ids);

    const anaAfter = ana.events.length;
    await api.post('admin', `/api/conversations/${conversation.id}/messages`, { clientId: 'after-move1', kind: 'note', text: 'solo soporte' });
    await bruno.until((events) => events.some((e) => e.type === 'message.created' && e.message.text === 'solo soporte'));
    await settle();
    assert.equal(ana.events.slice(anaAfter).filter((e) => mentions(e, conversation.id)).length, 0);
    await Promise.all([bruno.close(), ana.close(), replay.close()]);
  });
});

describe('bot queueing', () => {
  test('agents outside the chosen group get conversation.removed when the bot queues it', async () => {
    const ana = await agentStream(server, 'ana');
    const from = '+573008880001';
    const first = await api.inbound(from, 'hola');
    const id = first.body.conversation.id as string;
    await ana.until((events) => events.some((e) => e.type === 'conversation.updated' && e.conversation.id === id));
    for (const text of ['Rosa', 'rosa@correo.co', '2']) await api.inbound(from, text);
    await ana.until((events) => events.some((e) => e.type === 'conversation.removed' && e.conversationId === id));
    assert.equal((await api.get('ana', `/api/conversations/${id}`)).status, 404);
    await ana.close();
  });
});

describe('replay', () => {
  test('Last-Event-ID (header or query) replays exactly what came after, then continues live', async () => {
    const { conversation } = await api.conversation({ stage: 'assigned', assigneeId: 'agt_ana', groupId: 'grp_ventas' });
    const first = await agentStream(server, 'ana');
    await api.post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: 'replay-0001', text: 'uno' });
    await first.until((events) => events.some((e) => e.type === 'message.created' && e.message.text === 'uno'));
    await first.close();
    const cut = first.ids.at(-1)!;
    await api.post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: 'replay-0002', text: 'dos' });
    await api.post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: 'replay-0003', text: 'tres' });

    const resumed = await agentStream(server, 'ana', cut);
    const byQuery = await EventRecorder.open(server.baseUrl, `/api/events?lastEventId=${cut}`, { Authorization: 'Bearer tok_ana' });
    await resumed.until((events) => events.some((e) => e.type === 'message.created' && e.message.text === 'tres'));
    await api.post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: 'replay-0004', text: 'cuatro' });
    await resumed.until((events) => events.some((e) => e.type === 'message.created' && e.message.text === 'cuatro'));
    await byQuery.until((events) => events.some((e) => e.type === 'message.created' && e.message.text === 'cuatro'));
    const texts = resumed.events.flatMap((e) => (e.type === 'message.created' ? [e.message.text] : []));
    assert.deepEqual(texts, ['dos', 'tres', 'cuatro']);
    assert.ok(resumed.ids.every((id) => id > cut));
    assert.equal(new Set(resumed.ids).size, resumed.ids.length);
    assert.deepEqual(byQuery.ids, resumed.ids);
    await Promise.all([resumed.close(), byQuery.close()]);
  });

  test('a stream opened with the bootstrap lastEventId gets what happened in between, also right after a reset', async () => {
    const before = (await api.get('ana', '/api/me')).body.lastEventId as number;
    await server.reset();
    const { lastEventId } = (await api.get('ana', '/api/me')).body as { lastEventId: number };
    assert.ok(lastEventId > before, 'event ids keep increasing across resets');
    const { conversation } = await api.conversation({ stage: 'queued', groupId: 'grp_ventas' });
    const stream = await agentStream(server, 'ana', lastEventId);
    await stream.until((events) => events.some((e) => e.type === 'conversation.updated' && e.conversation.id === conversation.id));
    await stream.close();
  });

  test('a Last-Event-ID from another database (ahead of every id here) still gets live events', async () => {
    const stream = await agentStream(server, 'ana', 9_000_000_000);
    const { conversation } = await api.conversation({ stage: 'queued', groupId: 'grp_ventas' });
    await stream.until((events) => events.some((e) => e.type === 'conversation.updated' && e.conversation.id === conversation.id));
    await stream.close();
  });

  test('a burst of writes during the replay is neither lost nor duplicated', async () => {
    const { conversation } = await api.conversation({ stage: 'assigned', assigneeId: 'agt_ana', groupId: 'grp_ventas' });
    const startId = (await api.get('ana', '/api/me')).body.lastEventId as number;
    for (let i = 0; i < 30; i++) await api.post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: `burst-a-${i}`, kind: 'note', text: `a${i}` });
    const writes = Promise.all(
      Array.from({ length: 30 }, (_, i) => api.post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: `burst-b-${i}`, kind: 'note', text: `b${i}` })),
    );
    const stream = await agentStream(server, 'ana', startId);
    await writes;
    await stream.until((events) => events.filter((e) => e.type === 'message.created').length === 60);
    await settle();
    assert.equal(stream.events.filter((e) => e.type === 'message.created').length, 60);
    assert.equal(new Set(stream.ids).size, stream.ids.length);
    assert.deepEqual(stream.ids, [...stream.ids].sort((a, b) => a - b));
    await stream.close();
  });

  test('events survive a restart on the same PGlite data dir', { skip: process.env.OW_TEST_DATABASE_URL ? 'PGlite only' : false }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ow-restart-'));
    try {
      const one = await startTestServer({ dataDir });
      const oneApi = client(one);
      const { conversation } = await oneApi.conversation({ stage: 'assigned', assigneeId: 'agt_ana', groupId: 'grp_ventas' });
      const mark = (await oneApi.get('ana', '/api/me')).body.lastEventId as number;
      await oneApi.post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: 'restart-001', text: 'antes del reinicio' });
      await one.close();

      const two = await startTestServer({ dataDir });
      try {
        const stream = await agentStream(two, 'ana', mark);
        await stream.until((events) => events.some((e) => e.type === 'message.created' && e.message.text === 'antes del reinicio'));
        await client(two).post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: 'restart-002', text: 'después' });
        await stream.until((events) => events.some((e) => e.type === 'message.created' && e.message.text === 'después'));
        assert.deepEqual(stream.ids, [...stream.ids].sort((a, b) => a - b));
        assert.ok(stream.ids[0]! > mark);
        await stream.close();
      } finally {
        await two.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('customer stream', () => {
  test('the phone receives agent replies and delivery updates, never notes or system events', async () => {
    const { conversation } = await api.conversation({ phone: '+573009990001', stage: 'queued', groupId: 'grp_ventas' });
    const phone = await EventRecorder.open(server.baseUrl, '/api/sim/events?channel=whatsapp&from=%2B573009990001');
    await api.post('ana', `/api/conversations/${conversation.id}/assign`);
    await api.post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: 'phone-note1', kind: 'note', text: 'nota interna' });
    await api.post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: 'phone-text1', text: 'hola desde el agente' });
    await api.advance(1000);
    await phone.until((events) => events.some((e) => e.type === 'message.updated' && e.message.status === 'delivered'));
    await settle();
    assert.ok(phone.events.every((e) => e.type === 'message.created' || e.type === 'message.updated'));
    assert.ok(!phone.events.some((e) => (e.type === 'message.created' || e.type === 'message.updated') && (e.message.kind === 'note' || e.message.kind === 'event')));
    assert.ok(phone.events.some((e) => e.type === 'message.created' && e.message.text === 'hola desde el agente'));
    await phone.close();
  });
});
