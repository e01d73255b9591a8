// Inbox listing: trays, status filters, search, tag filter, sort orders, cursor paging and counts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ConversationPage } from '../../src/contract/index.js';
import { client, useServer } from './helpers.js';

let api: ReturnType<typeof client>;
useServer((_server, caller) => {
  api = caller;
});

const ids = (page: ConversationPage) => page.conversations.map((c) => c.id);

describe('trays and status', () => {
  test('each tray lists its stage; counts per tray follow status, search and tag', async () => {
    const queued = await api.conversation({ stage: 'queued', groupId: 'grp_ventas' });
    const mine = await api.conversation({ stage: 'assigned', assigneeId: 'agt_ana', groupId: 'grp_ventas' });
    const carla = await api.conversation({ stage: 'assigned', assigneeId: 'agt_carla', groupId: 'grp_ventas' });
    const bot = await api.conversation({ stage: 'bot' });
    const outbound = await api.conversation({ stage: 'assigned', assigneeId: 'agt_ana', groupId: 'grp_ventas', outbound: true });

    const tray = async (t: string, status = 'active') => ids((await api.get<ConversationPage>('ana', `/api/conversations?tray=${t}&status=${status}`)).body);
    assert.deepEqual(await tray('queued'), [queued.conversation.id]);
    assert.deepEqual((await tray('mine')).sort(), [mine.conversation.id, outbound.conversation.id].sort());
    assert.deepEqual((await tray('agents')).sort(), [mine.conversation.id, carla.conversation.id, outbound.conversation.id].sort());
    assert.deepEqual(await tray('bot'), [bot.conversation.id]);
    assert.deepEqual(await tray('mine', 'outbound'), [outbound.conversation.id]);

    const counts = await api.get('ana', '/api/conversations/counts');
    assert.equal(counts.status, 200);
    assert.deepEqual(counts.body, { queued: 1, mine: 2, agents: 3, bot: 1 });
    assert.deepEqual((await api.get('ana', '/api/conversations?tray=queued')).body.counts, counts.body);

    assert.equal((await api.post('ana', `/api/conversations/${mine.conversation.id}/close`)).status, 200);
    assert.deepEqual(await tray('mine', 'closed'), [mine.conversation.id]);
    assert.deepEqual((await api.get('ana', '/api/conversations/counts?status=closed')).body, { queued: 0, mine: 1, agents: 1, bot: 0 });
    assert.deepEqual((await api.get('ana', '/api/conversations/counts')).body, { queued: 1, mine: 1, agents: 2, bot: 1 });
  });

  test("another group's conversations are neither listed nor counted", async () => {
    await api.conversation({ stage: 'queued', groupId: 'grp_soporte' });
    const ventas = await api.conversation({ stage: 'queued', groupId: 'grp_ventas' });
    assert.deepEqual(ids((await api.get('ana', '/api/conversations?tray=queued')).body), [ventas.conversation.id]);
    assert.equal((await api.get('bruno', '/api/conversations/counts')).body.queued, 1);
    assert.equal((await api.get('admin', '/api/conversations/counts')).body.queued, 2);
  });
});

describe('search and tags', () => {
  test('search finds name, phone, e-mail and any message text, accent-insensitively', async () => {
    const maria = await api.conversation({ name: 'María José', phone: '+573001112233', email: 'mj@correo.co', messages: [{ author: 'customer', text: 'hola' }] });
    const pedro = await api.conversation({ name: 'Pedro', messages: [{ author: 'customer', text: 'Mi pedido llegó roto' }, { author: 'customer', text: 'gracias' }] });
    const search = async (q: string) => ids((await api.get('admin', `/api/conversations?tray=queued&q=${encodeURIComponent(q)}`)).body).sort();
    assert.deepEqual(await search('maria'), [maria.conversation.id]);
    assert.deepEqual(await search('3001112233'), [maria.conversation.id]);
    assert.deepEqual(await search('MJ@CORREO'), [maria.conversation.id]);
    assert.deepEqual(await search('llego roto'), [pedro.conversation.id]);
    assert.deepEqual(await search('zzz'), []);
    assert.deepEqual(await search('%'), []);
    assert.equal((await api.get('admin', '/api/conversations/counts?q=pedido')).body.queued, 1);
  });

  test('tag filter lists only tagged conversations', async () => {
    const a = await api.conversation();
    await api.conversation();
    assert.equal((await api.put('ana', `/api/conversations/${a.conversation.id}/tags/tag_vip`)).status, 200);
    assert.deepEqual(ids((await api.get('admin', '/api/conversations?tray=queued&tag=tag_vip')).body), [a.conversation.id]);
    assert.equal((await api.get('admin', '/api/conversations/counts?tag=tag_vip')).body.queued, 1);
  });
});

describe('sort orders', () => {
  test('waiting: longest-waiting first, marked unread counts as waiting (for that agent only), answered last', async () => {
    const first = await api.conversation({ stage: 'assigned', assigneeId: 'agt_ana', groupId: 'grp_ventas' });
    await api.advance(60_000);
    const second = await api.conversation({ stage: 'assigned', assigneeId: 'agt_ana', groupId: 'grp_ventas' });
    await api.advance(60_000);
    const answered = await api.conversation({
      stage: 'assigned', assigneeId: 'agt_ana', groupId: 'grp_ventas',
      messages: [{ author: 'customer', text: 'hola' }, { author: 'agent', text: 'hola, ¿en qué te ayudo?' }],
    });
    const order = async (who: 'ana' | 'carla') => ids((await api.get(who, '/api/conversations?tray=agents&sort=waiting')).body);
    assert.deepEqual(await order('ana'), [first.conversation.id, second.conversation.id, answered.conversation.id]);

    // Answering the oldest moves it behind those still waiting.
    await api.advance(60_000);
    const reply = await api.post('ana', `/api/conversations/${first.conversation.id}/messages`, { clientId: 'reply-0001', text: 'listo' });
    assert.equal(reply.status, 201);
    assert.equal(reply.body.conversation.waitingSince, null);
    assert.deepEqual((await order('ana'))[0], second.conversation.id);

    // Marked unread by Ana: waits from that moment, ahead of nothing older, but only in Ana's order.
    await api.advance(60_000);
    await api.post('ana', `/api/conversations/${answered.conversation.id}/unread`);
    assert.deepEqual(await order('ana'), [second.conversation.id, answered.conversation.id, first.conversation.id]);
    assert.deepEqual(await order('carla'), [second.conversation.id, first.conversation.id, answered.conversation.id]);
  });

  test('activity: most recent exchange first; assignment: earliest assigned first', async () => {
    const a = await api.conversation({ stage: 'assigned', assigneeId: 'agt_ana', groupId: 'grp_ventas' });
    await api.advance(1000);
    const b = await api.conversation({ stage: 'assigned', assigneeId: 'agt_ana', groupId: 'grp_ventas' });
    await api.advance(1000);
    const activity = async () => ids((await api.get('ana', '/api/conversations?tray=mine&sort=activity')).body);
    assert.deepEqual(await activity(), [b.conversation.id, a.conversation.id]);
    await api.post('ana', `/api/conversations/${a.conversation.id}/messages`, { clientId: 'reply-0002', text: 'respuesta' });
    assert.deepEqual(await activity(), [a.conversation.id, b.conversation.id]);
    // A note is not activity.
    await api.advance(1000);
    await api.post('ana', `/api/conversations/${b.conversation.id}/messages`, { clientId: 'note-00001', kind: 'note', text: 'nota' });
    assert.deepEqual(await activity(), [a.conversation.id, b.conversation.id]);
    assert.deepEqual(ids((await api.get('ana', '/api/conversations?tray=mine&sort=assignment')).body), [a.conversation.id, b.conversation.id]);
  });
});

describe('paging', () => {
  test('cursor pages cover every conversation once, in order', async () => {
    const created: string[] = [];
    for (let i = 0; i < 7; i++) {
      created.push((await api.conversation()).conversation.id);
      await api.advance(1000);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/api/conversations?tray=queued&sort=waiting&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page: ConversationPage = (await api.get<ConversationPage>('admin', query)).body;
      assert.ok(page.conversations.length <= 3);
      assert.equal(page.customers.length, page.conversations.length);
      assert.equal(page.readStates.length, page.conversations.length);
      seen.push(...ids(page));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    assert.equal(pages, 3);
    assert.deepEqual(seen, created);
    assert.equal((await api.get('admin', '/api/conversations?cursor=nonsense')).status, 400);
  });
});
