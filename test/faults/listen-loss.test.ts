// PostgreSQL only: the LISTEN connection of an instance is killed by the database (failover, idle reaper,
// pg_terminate_backend). Events written by the other instance must still reach that instance's agents.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { OwClient, RealtimeStream, SimClient, type OwEvent } from '../../src/client/index.js';
import { startTestServer, type TestServer } from '../../server/testing.js';
import { TOKENS, waitUntil } from './helpers.js';

const databaseUrl = process.env.OW_TEST_DATABASE_URL;
const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

test(
  "an instance whose LISTEN connection was terminated still delivers the other instance's events",
  { skip: databaseUrl ? false : 'PostgreSQL only: set OW_TEST_DATABASE_URL', timeout: 60_000 },
  async () => {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    cleanups.push(() => admin.end());
    const listeners = async () =>
      new Set((await admin.query(`SELECT pid FROM pg_stat_activity WHERE query ILIKE 'LISTEN%'`)).rows.map((r: { pid: number }) => r.pid));
    const others = await listeners();
    const writer: TestServer = await startTestServer({ databaseUrl });
    cleanups.push(() => writer.close());
    const reader: TestServer = await startTestServer({ databaseUrl, schema: writer.schema });
    cleanups.push(() => reader.close());

    const detail = await new SimClient({ baseUrl: writer.baseUrl }).createConversation({
      channel: 'whatsapp',
      customer: { name: 'Escucha Perdida', phone: '+573006660001' },
      stage: 'assigned',
      groupId: 'grp_ventas',
      assigneeId: 'agt_ana',
      messages: [{ author: 'customer', text: 'hola' }],
    });
    const carla = new OwClient({ baseUrl: reader.baseUrl, token: TOKENS.carla });
    const recorded: OwEvent[] = [];
    const stream = new RealtimeStream({ client: carla, lastEventId: (await carla.me()).lastEventId, onEvent: (e) => recorded.push(e) });
    stream.start();
    cleanups.push(() => stream.stop());
    await waitUntil(() => stream.state === 'open', 5_000, 10);

    // Only the two instances' own listeners: other test processes may share the database.
    const ours = [...(await listeners())].filter((pid) => !others.has(pid));
    assert.equal(ours.length, 2, 'one LISTEN connection per instance');
    await admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [ours]);

    const ana = new OwClient({ baseUrl: writer.baseUrl, token: TOKENS.ana });
    const sent: string[] = [];
    for (let n = 0; n < 10; n++) {
      const { message } = await ana.sendMessage(detail.conversation.id, { clientId: `listen_loss_${n}`, kind: 'note', text: `tras perder LISTEN ${n}` });
      sent.push(message.id);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const received = () => new Set(recorded.filter((e) => e.type === 'message.created').map((e) => (e as { message: { id: string } }).message.id));
    const arrived = await waitUntil(() => sent.every((id) => received().has(id)), 15_000, 50);
    assert.notEqual(arrived, null, `Carla received ${sent.filter((id) => received().has(id)).length} of ${sent.length} notes written on the other instance`);
  },
);
