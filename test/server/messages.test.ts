// Sending: idempotency by clientId (also concurrent), WhatsApp 24 h window and templates, notes, delivery status.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TestServer } from '../../server/testing.js';
import { client, useServer } from './helpers.js';

let server: TestServer;
let api: ReturnType<typeof client>;
useServer((started, caller) => {
  server = started;
  api = caller;
});

const mine = () => api.conversation({ stage: 'assigned', assigneeId: 'agt_ana', groupId: 'grp_ventas', phone: '+573001234567' });
const allMessages = async (id: string) => (await api.get('ana', `/api/conversations/${id}/messages?limit=200`)).body.messages as { clientId: string | null; kind: string; text: string; status: string; id: string }[];

describe('idempotent send', () => {
  test('the same clientId twice stores one message and answers the same one', async () => {
    const { conversation } = await mine();
    const first = await api.post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: 'same-id-001', text: 'hola' });
    const second = await api.post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: 'same-id-001', text: 'hola' });
    assert.equal(first.status, 201);
    assert.equal(first.body.duplicate, false);
    assert.equal(second.status, 200);
    assert.equal(second.body.duplicate, true);
    assert.equal(second.body.message.id, first.body.message.id);
    assert.equal((await allMessages(conversation.id)).filter((m) => m.clientId === 'same-id-001').length, 1);
  });

  test('concurrent sends with one clientId store one row', async () => {
    const { conversation } = await mine();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => api.post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: 'race-id-001', text: 'a la vez' })),
    );
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 200, 200, 200, 200, 200, 200, 201]);
    assert.equal(new Set(answers.map((a) => a.body.message.id)).size, 1);
    assert.equal((await allMessages(conversation.id)).filter((m) => m.clientId === 'race-id-001').length, 1);
  });
});

describe('WhatsApp 24-hour window', () => {
  test('free text is refused 24 h after the last customer message; a template goes through', async () => {
    const { conversation } = await mine();
    assert.equal((await api.patch('admin', '/api/settings', { autoCloseHours: 0 })).status, 200);
    const inside = await api.post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: 'in-window-01', text: 'hola' });
    assert.equal(inside.status, 201);
    await api.advance(24 * 3_600_000 + 1000);
    const refused = await api.post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: 'late-text-01', text: 'hola' });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.error, 'window_closed');
    const missingVars = await api.post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: 'late-tpl-000', templateId: 'tpl_recordatorio', templateVariables: ['Ana'] });
    assert.equal(missingVars.status, 400);
    const template = await api.post('ana', `/api/conversations/${conversation.id}/messages`, {
      clientId: 'late-tpl-001', templateId: 'tpl_recordatorio', templateVariables: ['Ana', '$20.000'],
    });
    assert.equal(template.status, 201);
    assert.equal(template.body.message.text, 'Hola Ana, te recordamos que tu pago de $20.000 vence mañana.');
    assert.equal(template.body.message.templateId, 'tpl_recordatorio');
    // A note is never sent to the channel, so the window does not apply.
    assert.equal((await api.post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: 'late-note-01', kind: 'note', text: 'x' })).status, 201);
    // The customer writes again: the window reopens.
    await api.inbound('+573001234567', 'sigo aquí');
    assert.equal((await api.post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: 'late-text-02', text: 'hola' })).status, 201);
  });

  test('other channels have no window', async () => {
    const { conversation } = await api.conversation({ channel: 'web', stage: 'assigned', assigneeId: 'agt_ana', groupId: 'grp_ventas' });
    await api.patch('admin', '/api/settings', { autoCloseHours: 0 });
    await api.advance(48 * 3_600_000);
    assert.equal((await api.post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: 'web-text-01', text: 'hola' })).status, 201);
  });
});

describe('notes', () => {
  test('notes stay in the agents timeline in order and never reach the customer channel', async () => {
    const { conversation } = await mine();
    await api.post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: 'note-000001', kind: 'note', text: 'cliente molesto' });
    await api.post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: 'text-000001', text: 'ya te ayudo' });
    const texts = (await allMessages(conversation.id)).map((m) => `${m.kind}:${m.text}`);
    assert.deepEqual(texts.slice(-2), ['note:cliente molesto', 'text:ya te ayudo']);
    assert.equal((await api.get('carla', `/api/conversations/${conversation.id}/messages?kind=note`)).body.messages.length, 1);

    const phone = await api.get(null, '/api/sim/conversations?channel=whatsapp&from=%2B573001234567');
    assert.equal(phone.status, 200);
    const seen = phone.body.messages.map((m: { text: string }) => m.text);
    assert.deepEqual(seen, ['hola', 'ya te ayudo']);
    assert.ok(phone.body.messages.every((m: { kind: string }) => m.kind !== 'note' && m.kind !== 'event'));
  });

  test('a note does not clear waiting; an agent reply does', async () => {
    const { conversation } = await mine();
    assert.ok(conversation.waitingSince);
    const note = await api.post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: 'note-wait-01', kind: 'note', text: 'n' });
    assert.equal(note.body.conversation.waitingSince, conversation.waitingSince);
    const reply = await api.post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: 'text-wait-01', text: 'r' });
    assert.equal(reply.body.conversation.waitingSince, null);
    assert.equal(reply.body.conversation.lastMessage.text, 'r');
  });
});

describe('delivery status', () => {
  test('sent, then delivered after a second of (test) time, then read by the customer', async () => {
    const { conversation } = await mine();
    const sent = await api.post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: 'ticks-00001', text: 'hola' });
    assert.equal(sent.body.message.status, 'sent');
    await server.tick();
    assert.equal((await allMessages(conversation.id)).at(-1)!.status, 'sent');
    await api.advance(1000);
    assert.equal((await allMessages(conversation.id)).at(-1)!.status, 'delivered');
    const read = await api.post(null, '/api/sim/read', { channel: 'whatsapp', from: '+573001234567' });
    assert.equal(read.body.updated, 1);
    assert.equal((await allMessages(conversation.id)).at(-1)!.status, 'read');
  });
});

describe('paging', () => {
  test('messages page backwards by `before`, oldest first within a page', async () => {
    const { conversation } = await api.conversation({
      stage: 'assigned', assigneeId: 'agt_ana', groupId: 'grp_ventas',
      messages: Array.from({ length: 5 }, (_, i) => ({ author: 'customer' as const, text: `m${i}` })),
    });
    const last = await api.get('ana', `/api/conversations/${conversation.id}/messages?limit=2`);
    assert.deepEqual(last.body.messages.map((m: { text: string }) => m.text), ['m3', 'm4']);
    assert.equal(last.body.hasMore, true);
    const older = await api.get('ana', `/api/conversations/${conversation.id}/messages?limit=10&before=${last.body.messages[0].id}`);
    assert.deepEqual(older.body.messages.map((m: { text: string }) => m.text), ['m0', 'm1', 'm2']);
    assert.equal(older.body.hasMore, false);
    assert.equal((await api.get('ana', `/api/conversations/${conversation.id}/messages?before=msg_nada`)).status, 404);
  });
});
