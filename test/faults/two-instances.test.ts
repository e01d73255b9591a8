// Two server instances on one PostgreSQL database, agents on each; one instance is SIGKILLed and the agents on
// the other keep receiving every event (fan-out through LISTEN/NOTIFY, replay from the shared events table).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { OwClient, RealtimeStream, SimClient, type OwEvent } from '../../src/client/index.js';
import { dropSchema, startChildServer, type ChildServer } from './child-server.js';
import { TOKENS, agentSession, comparable, pool, serverMessages, serverView, sleep, storeView, trackedSend, waitUntil, type AgentSession } from './helpers.js';

const databaseUrl = process.env.OW_TEST_DATABASE_URL;
const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

test(
  'agents on the surviving instance receive every event when the other instance is killed',
  { skip: databaseUrl ? false : 'PostgreSQL only: set OW_TEST_DATABASE_URL (two instances share one database)', timeout: 240_000 },
  async () => {
    const schema = `ow_two_${process.pid}_${Date.now()}`;
    cleanups.push(() => dropSchema(databaseUrl!, schema));
    // One after the other: the first one creates and seeds the workspace.
    const doomed: ChildServer = await startChildServer({ databaseUrl, schema });
    cleanups.push(() => doomed.stop());
    const survivor: ChildServer = await startChildServer({ databaseUrl, schema });
    cleanups.push(() => survivor.stop());

    const detail = await new SimClient({ baseUrl: doomed.baseUrl }).createConversation({
      channel: 'whatsapp',
      customer: { name: 'Cliente Dos Instancias', phone: '+573007770001' },
      stage: 'assigned',
      groupId: 'grp_ventas',
      assigneeId: 'agt_ana',
      messages: [{ author: 'customer', text: 'hola a las dos instancias' }],
    });
    const conversationId = detail.conversation.id;
    const simOnSurvivor = new SimClient({ baseUrl: survivor.baseUrl });
    const admin = new OwClient({ baseUrl: survivor.baseUrl, token: TOKENS.admin });

    // Ana works on the instance that will die, Carla on the one that survives.
    const ana: AgentSession = agentSession('ana', doomed.baseUrl, TOKENS.ana);
    const carla: AgentSession = agentSession('carla', survivor.baseUrl, TOKENS.carla);
    cleanups.push(() => ana.store.stop(), () => carla.store.stop());
    await ana.store.start();
    await carla.store.start();
    await ana.store.openConversation(conversationId);
    await carla.store.openConversation(conversationId);
    carla.store.leaveConversation();

    const carlaClient = new OwClient({ baseUrl: survivor.baseUrl, token: TOKENS.carla });
    const bootEventId = (await carlaClient.me()).lastEventId;
    const recorded: OwEvent[] = [];
    const stream = new RealtimeStream({ client: carlaClient, lastEventId: bootEventId, onEvent: (e) => recorded.push(e), initialBackoffMs: 50, maxBackoffMs: 500 });
    stream.start();
    cleanups.push(() => stream.stop());
    await waitUntil(() => stream.state === 'open', 10_000, 20);

    // Both agents write at once; Ana's instance is killed while she is sending.
    const anaAcknowledged: string[] = [];
    let killed = false;
    const anaWork = pool(
      Array.from({ length: 60 }, (_, n) => async () => {
        if (killed) return;
        const result = await trackedSend(ana.store, conversationId, { kind: n % 2 ? 'note' : 'text', text: `ana en la instancia A ${n}` }).catch(() => null);
        if (result?.acknowledged) anaAcknowledged.push(result.clientId);
        if (anaAcknowledged.length >= 25 && !killed) {
          killed = true;
          await doomed.kill();
        }
      }),
      3,
    );
    const carlaWork = pool(
      Array.from({ length: 40 }, (_, n) => async () => {
        await trackedSend(carla.store, conversationId, { kind: 'note', text: `carla en la instancia B ${n}` });
        await sleep(15);
      }),
      2,
    );
    await Promise.all([anaWork, carlaWork]);
    assert.ok(killed, 'the first instance was killed mid-work');

    // After the kill the survivor keeps producing events of every kind.
    for (let n = 0; n < 5; n++) await simOnSurvivor.inbound({ channel: 'whatsapp', from: '+573007770001', text: `cliente tras la caída ${n}` });
    const customer = carla.store.getState().customers[detail.customer.id]!;
    await carla.store.saveCustomer(customer.id, { attributes: { ciudad: 'Santiago' } }, customer.version);
    await carla.store.attachTag(conversationId, 'tag_reclamo');

    const final = await serverMessages(admin, conversationId);
    for (const clientId of anaAcknowledged) assert.equal(final.filter((m) => m.clientId === clientId).length, 1, `Ana's acknowledged ${clientId} is stored once`);

    const created = () => new Set(recorded.filter((e) => e.type === 'message.created').map((e) => (e as { message: { id: string } }).message.id));
    const expected = final.slice(1).map((m) => m.id);
    const everything = await waitUntil(() => expected.every((id) => created().has(id)), 20_000);
    assert.notEqual(everything, null, `Carla's stream misses ${expected.filter((id) => !created().has(id)).length} of ${expected.length} messages`);

    const ids = recorded.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length, 'no event twice');
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'events in id order');
    const replay = await replayIds(survivor.baseUrl, bootEventId);
    const got = new Set(ids);
    assert.deepEqual(replay.filter((id) => id <= Math.max(...ids) && !got.has(id)), [], 'no persisted event skipped');

    const converged = await waitUntil(
      async () => isDeepStrictEqual(comparable(storeView(carla.store, conversationId)), comparable(await serverView(admin, conversationId))),
      20_000,
      200,
    );
    assert.notEqual(converged, null, "Carla's store equals the database after the other instance died");
  },
);

async function replayIds(baseUrl: string, from: number): Promise<number[]> {
  const ids: number[] = [];
  const stream = new RealtimeStream({ client: new OwClient({ baseUrl, token: TOKENS.carla }), lastEventId: from, onEvent: (e) => ids.push(e.id) });
  stream.start();
  let seen = -1;
  while (seen !== ids.length) {
    seen = ids.length;
    await sleep(700);
  }
  stream.stop();
  return ids;
}
