// Retention of realtime events: old ones are deleted by the server clock; a stream resuming from before what is
// kept gets `stream.reset` and goes live, one resuming from within it replays as always.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TestClock } from '../../server/clock.js';
import { createServer } from '../../server/create-server.js';
import type { TestServer } from '../../server/testing.js';
import { agentStream, client, EventRecorder, settle, useServer } from './helpers.js';

const DAY = 24 * 3_600_000;

let server: TestServer;
let api: ReturnType<typeof client>;
useServer((started, caller) => {
  server = started;
  api = caller;
});

async function storedIds(): Promise<number[]> {
  return (await stored()).map((event) => event.id);
}

async function stored(): Promise<{ id: number; at: number }[]> {
  const rows = await server.server.services.db.query('SELECT id, at FROM events ORDER BY id');
  return rows.map((row) => ({ id: Number(row.id), at: new Date(row.at as string | Date).getTime() }));
}

const latestId = async () => (await api.get('ana', '/api/me')).body.lastEventId as number;

/** Events now, and events `days` later (moving the clock also runs the jobs, which may add events of their own). */
async function oldAndRecent(days: number): Promise<void> {
  await api.conversation({ stage: 'queued', groupId: 'grp_ventas' });
  await api.advance(days * DAY);
  await api.conversation({ stage: 'queued', groupId: 'grp_ventas' });
}

describe('pruning', () => {
  test('events older than the retention (7 days by default) go, by the server clock; the newest always stays', async () => {
    await oldAndRecent(6);
    const all = await stored();
    assert.equal(await server.server.pruneEvents(), 0, 'nothing is 7 days old yet');

    await api.advance(2 * DAY);
    const cutoff = server.clock.now() - 7 * DAY;
    const kept = all.filter((event) => event.at >= cutoff).map((event) => event.id);
    assert.ok(kept.length > 0 && kept.length < all.length);
    const deleted = await server.server.pruneEvents();
    assert.deepEqual((await storedIds()).slice(0, kept.length), kept, 'the recent events stay');
    assert.equal(deleted, all.length - kept.length, 'the old ones go');

    await api.advance(30 * DAY);
    const newest = await latestId();
    await server.server.pruneEvents();
    assert.deepEqual(await storedIds(), [newest], 'the newest event stays, so ids never go back');
    assert.equal(await latestId(), newest);
    await api.conversation({ stage: 'queued', groupId: 'grp_ventas' });
    assert.ok((await storedIds()).every((id) => id >= newest));
  });

  test('pruning runs at startup, then on its timer until the server closes; retention 0 keeps everything', async () => {
    const { db } = server.server.services;
    await oldAndRecent(0);
    const later = new TestClock(server.clock.now() + 8 * DAY);
    const keepAll = await createServer({ db, clock: later, eventRetentionMs: 0, eventPruneIntervalMs: 10 });
    await settle(50);
    await keepAll.close();
    assert.ok((await storedIds()).length > 1);

    const pruning = await createServer({ db, clock: later, eventPruneIntervalMs: 20 });
    try {
      const newest = await latestId();
      assert.deepEqual(await storedIds(), [newest], 'deleted at startup');
      // Back to the events' own time, so what is written now is recent and the 20 ms timer keeps it.
      later.set(server.clock.now());
      await api.conversation({ stage: 'queued', groupId: 'grp_ventas' });
      assert.ok((await storedIds()).length > 1, 'recent events stay');
      const latest = await latestId();
      later.advance(8 * DAY);
      const deadline = Date.now() + 3000;
      while ((await storedIds()).length > 1 && Date.now() < deadline) await settle(20);
      assert.deepEqual(await storedIds(), [latest], 'deleted by the timer');
    } finally {
      await pruning.close();
    }
    await api.conversation({ stage: 'queued', groupId: 'grp_ventas' });
    later.advance(8 * DAY);
    await settle(100);
    assert.ok((await storedIds()).length > 1, 'no pruning after close');
  });
});

describe('resuming after pruning', () => {
  test('a Last-Event-ID older than what is kept gets one stream.reset with the newest id, then live events', async () => {
    const mark = await latestId();
    await oldAndRecent(8);
    await server.server.pruneEvents();
    const newest = await latestId();
    assert.ok(mark < (await storedIds())[0]! - 1);

    const stream = await agentStream(server, 'ana', mark);
    await stream.until((events) => events.length > 0);
    const { conversation } = await api.conversation({ stage: 'queued', groupId: 'grp_ventas' });
    await stream.until((events) => events.some((e) => e.type === 'conversation.updated' && e.conversation.id === conversation.id));
    assert.equal(stream.events[0]!.type, 'stream.reset');
    assert.equal(stream.events[0]!.id, newest);
    assert.equal(stream.ids[0], newest, 'the SSE id moves Last-Event-ID to the newest event');
    assert.equal(stream.events.filter((e) => e.type === 'stream.reset').length, 1);
    assert.ok(stream.ids.slice(1).every((id) => id > newest), 'nothing pruned-over is replayed');
    assert.deepEqual(stream.ids, [...stream.ids].sort((a, b) => a - b));
    await stream.close();
  });

  test('a Last-Event-ID right before the oldest kept event replays as always, with no reset', async () => {
    await oldAndRecent(8);
    const before = await storedIds();
    await server.server.pruneEvents();
    const kept = await storedIds();
    assert.ok(kept.length < before.length);

    const stream = await agentStream(server, 'ana', kept[0]! - 1);
    await stream.until((events) => events.length >= kept.length);
    await settle();
    // Opening the stream may add an event of its own (the agent shows online) after the replay.
    assert.deepEqual(stream.ids.slice(0, kept.length), kept);
    assert.ok(!stream.events.some((e) => e.type === 'stream.reset'));
    await stream.close();
  });

  test('without pruning an old Last-Event-ID replays everything after it', async () => {
    const mark = await latestId();
    await oldAndRecent(8);
    const stored = await storedIds();
    const stream = await agentStream(server, 'ana', mark);
    await stream.until((events) => events.length >= stored.filter((id) => id > mark).length);
    assert.ok(!stream.events.some((e) => e.type === 'stream.reset'));
    await stream.close();
  });

  test("the customer's stream has no reset: it goes live", async () => {
    await oldAndRecent(8);
    await server.server.pruneEvents();
    const phone = await EventRecorder.open(server.baseUrl, '/api/sim/events?channel=whatsapp&from=%2B573009990002', { 'Last-Event-ID': '1' });
    const { conversation } = await api.conversation({ phone: '+573009990002', stage: 'assigned', assigneeId: 'agt_ana', groupId: 'grp_ventas' });
    await api.post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: 'phone-reset1', text: 'en vivo' });
    await phone.until((events) => events.some((e) => e.type === 'message.created' && e.message.text === 'en vivo'));
    assert.ok(phone.events.every((e) => e.type === 'message.created' || e.type === 'message.updated'));
    await phone.close();
  });
});
