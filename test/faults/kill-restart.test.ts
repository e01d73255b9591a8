// The server is SIGKILLed in the middle of sends and restarted on the same data: every acknowledged message is
// there, resending the rest stores each once, and clients resume by Last-Event-ID with nothing missed.
// PGlite (data directory) always; PostgreSQL too when OW_TEST_DATABASE_URL is set.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OwClient, RealtimeStream, SimClient, type OwEvent } from '../../src/client/index.js';
import { dropSchema, startChildServer, type ChildServer, type ChildServerOptions } from './child-server.js';
import { TOKENS, agentSession, comparable, drainOutbox, serverMessages, serverView, sleep, storeView, trackedSend, waitUntil, type AgentSession } from './helpers.js';

const SENDS = 240;
const KILL_AFTER_ACKS = 60;
const CONCURRENCY = 6;

const targets: [string, () => ChildServerOptions | null][] = [
  ['PGlite', () => ({ dataDir: mkdtempSync(join(tmpdir(), 'ow-kill-')) })],
  [
    'PostgreSQL',
    () => (process.env.OW_TEST_DATABASE_URL ? { databaseUrl: process.env.OW_TEST_DATABASE_URL, schema: `ow_kill_${process.pid}_${Date.now()}` } : null),
  ],
];

const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

for (const [label, optionsFor] of targets) {
  describe(`SIGKILL mid-send and restart on ${label}`, () => {
    const options = optionsFor();
    it('keeps every acknowledged message, stores each resend once, and streams resume with nothing missed', { skip: options ? false : 'set OW_TEST_DATABASE_URL to run on PostgreSQL', timeout: 240_000 }, async () => {
      const opts = options!;
      if (opts.dataDir) cleanups.push(() => rmSync(opts.dataDir!, { recursive: true, force: true }));
      if (opts.schema) cleanups.push(() => dropSchema(opts.databaseUrl!, opts.schema!));
      let server: ChildServer = await startChildServer(opts);
      cleanups.push(() => server.stop());
      const sim = new SimClient({ baseUrl: server.baseUrl });
      const detail = await sim.createConversation({
        channel: 'whatsapp',
        customer: { name: 'Cliente Reinicio', phone: '+573005550001' },
        stage: 'assigned',
        groupId: 'grp_ventas',
        assigneeId: 'agt_ana',
        messages: [{ author: 'customer', text: 'hola antes del corte' }],
      });
      const conversationId = detail.conversation.id;

      // Ana's stream, recorded event by event; Carla's store on the same conversation.
      const ana = new OwClient({ baseUrl: server.baseUrl, token: TOKENS.ana });
      const bootEventId = (await ana.me()).lastEventId;
      const recorded: OwEvent[] = [];
      const stream = new RealtimeStream({ client: ana, lastEventId: bootEventId, onEvent: (e) => recorded.push(e), initialBackoffMs: 50, maxBackoffMs: 500, heartbeatMs: 5_000 });
      stream.start();
      cleanups.push(() => stream.stop());
      const carla: AgentSession = agentSession('carla', server.baseUrl, TOKENS.carla);
      cleanups.push(() => carla.store.stop());
      await carla.store.start();
      await carla.store.openConversation(conversationId);

      // Sends in flight when the process dies.
      const acknowledged = new Set<string>();
      const attempted: string[] = [];
      let killed = false;
      let next = 0;
      const killing = (async () => {
        await waitUntil(() => acknowledged.size >= KILL_AFTER_ACKS, 60_000, 5);
        killed = true;
        await server.kill();
      })();
      // Carla's store sends notes at the same time: its outbox has to survive the dead server.
      const carlaSends: Promise<{ clientId: string; acknowledged: boolean }>[] = [];
      const carlaSending = (async () => {
        for (let n = 0; !killed && n < 40; n++) {
          carlaSends.push(trackedSend(carla.store, conversationId, { kind: 'note', text: `nota de Carla ${n}` }));
          await sleep(20);
        }
      })();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (!killed && next < SENDS) {
            const n = next++;
            const clientId = `kill_${label}_${n}`;
            attempted.push(clientId);
            try {
              await ana.sendMessage(conversationId, { clientId, kind: n % 3 === 0 ? 'note' : 'text', text: `antes del SIGKILL ${n}` });
              acknowledged.add(clientId);
            } catch {
              // The process died under this request: unknown whether it was stored.
            }
          }
        }),
      );
      await killing;
      await carlaSending;
      assert.ok(acknowledged.size >= KILL_AFTER_ACKS, `${acknowledged.size} acknowledged before the kill`);
      assert.ok(attempted.length > acknowledged.size, 'the process died with sends in flight');
      console.log(`# ${label}: ${acknowledged.size} acknowledged, ${attempted.length - acknowledged.size} in flight when killed`);

      server = await startChildServer({ ...opts, port: server.port });
      const admin = new OwClient({ baseUrl: server.baseUrl, token: TOKENS.admin });

      const afterRestart = await serverMessages(admin, conversationId);
      const count = (id: string) => afterRestart.filter((m) => m.clientId === id).length;
      const lost = [...acknowledged].filter((id) => count(id) !== 1);
      assert.deepEqual(lost, [], 'every acknowledged message is stored exactly once after the restart');

      // The agent's client resends everything it was not sure about; each ends up stored once.
      for (const clientId of attempted) {
        const n = Number(clientId.split('_').at(-1));
        await ana.sendMessage(conversationId, { clientId, kind: n % 3 === 0 ? 'note' : 'text', text: `antes del SIGKILL ${n}` });
      }
      await sim.inbound({ channel: 'whatsapp', from: '+573005550001', text: 'hola después del reinicio' });
      // Carla's outbox: whatever the automatic resends could not deliver while the server was down is retried.
      const carlaResults = await Promise.all(carlaSends);
      await drainOutbox(carla.store);
      assert.equal(carla.store.getState().outbox.length, 0, "Carla's outbox is empty after the restart");
      const final = await serverMessages(admin, conversationId);
      for (const clientId of attempted) assert.equal(final.filter((m) => m.clientId === clientId).length, 1, `${clientId} stored once`);
      for (const { clientId } of carlaResults) assert.equal(final.filter((m) => m.clientId === clientId).length, 1, `Carla's ${clientId} stored once`);

      // Nothing missed: the recorded stream holds exactly what a fresh replay from the same point holds.
      const expectedIds = new Set(final.map((m) => m.id));
      const seenCreated = () => new Set(recorded.filter((e) => e.type === 'message.created').map((e) => (e as { message: { id: string } }).message.id));
      const caughtUp = await waitUntil(() => [...expectedIds].every((id) => seenCreated().has(id) || id === final[0]!.id), 20_000);
      assert.notEqual(caughtUp, null, `the stream resumed after the restart (missing ${[...expectedIds].filter((id) => !seenCreated().has(id)).length})`);
      const ids = recorded.map((e) => e.id);
      assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'events arrive in id order');
      assert.equal(new Set(ids).size, ids.length, 'no event delivered twice');
      const replay = await replayIds(ana.baseUrl, bootEventId);
      const recordedIds = new Set(ids);
      const missed = replay.filter((id) => id <= Math.max(...ids) && !recordedIds.has(id));
      assert.deepEqual(missed, [], 'no persisted event was skipped by the resumed stream');

      // Carla's store converges on the server's state after the restart.
      const converged = await waitUntil(async () => isDeepStrictEqual(comparable(storeView(carla.store, conversationId)), comparable(await serverView(admin, conversationId))), 20_000, 200);
      if (converged === null) {
        assert.deepEqual(comparable(storeView(carla.store, conversationId)).messages.length, (await serverView(admin, conversationId)).messages.length);
        assert.fail("Carla's store does not equal the server after the restart");
      }
      stream.stop();
      carla.store.stop();
      await server.stop();
    });
  });
}

/** Ids of every event Ana may see after `from`, from a fresh stream (read until it goes quiet). */
async function replayIds(baseUrl: string, from: number): Promise<number[]> {
  const client = new OwClient({ baseUrl, token: TOKENS.ana });
  const ids: number[] = [];
  const stream = new RealtimeStream({ client, lastEventId: from, onEvent: (e) => ids.push(e.id) });
  stream.start();
  let seen = -1;
  while (seen !== ids.length) {
    seen = ids.length;
    await sleep(700);
  }
  stream.stop();
  return ids;
}
