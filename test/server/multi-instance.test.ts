// Two server instances on one PostgreSQL database: events made on one reach SSE clients of the other (LISTEN/NOTIFY).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { randomBytes } from 'node:crypto';
import { systemClock } from '../../server/clock.js';
import { openDb } from '../../server/db/open.js';
import { FIXTURE, seedFixtureIfEmpty } from '../../server/fixtures.js';
import { startTestServer, type TestServer } from '../../server/testing.js';
import { agentStream, client, settle } from './helpers.js';

const databaseUrl = process.env.OW_TEST_DATABASE_URL;
const skip = databaseUrl ? false : 'needs PostgreSQL: set OW_TEST_DATABASE_URL=postgres://… to run the two-instance test';

describe('two instances on one PostgreSQL', { skip }, () => {
  let a: TestServer;
  let b: TestServer;
  before(async () => {
    a = await startTestServer({ databaseUrl });
    b = await startTestServer({ databaseUrl, schema: a.schema });
  });
  after(async () => {
    await b?.close();
    await a?.close();
  });

  test('a change on instance A reaches an agent streaming from instance B, and the reverse, filtered by group', async () => {
    const onB = await agentStream(b, 'carla');
    const brunoOnB = await agentStream(b, 'bruno');
    const onA = await agentStream(a, 'ana');
    const { conversation } = await client(a).conversation({ stage: 'queued', groupId: 'grp_ventas' });
    await client(a).post('ana', `/api/conversations/${conversation.id}/assign`);
    await onB.until((events) => events.some((e) => e.type === 'conversation.updated' && e.conversation.id === conversation.id && e.conversation.assigneeId === 'agt_ana'));

    await client(b).post('carla', `/api/conversations/${conversation.id}/messages`, { clientId: 'from-b-0001', kind: 'note', text: 'nota desde B' });
    await onA.until((events) => events.some((e) => e.type === 'message.created' && e.message.text === 'nota desde B'));

    await settle();
    assert.ok(!brunoOnB.events.some((e) => JSON.stringify(e).includes(conversation.id)));
    // Both instances deliver the same ids in the same order.
    const common = onA.ids.filter((id) => onB.ids.includes(id));
    assert.deepEqual(common, onB.ids.filter((id) => onA.ids.includes(id)));
    assert.ok(common.length >= 2);
    await Promise.all([onA.close(), onB.close(), brunoOnB.close()]);
  });

  test('one clientId sent to both instances at once is stored once', async () => {
    const { conversation } = await client(a).conversation({ stage: 'assigned', assigneeId: 'agt_ana', groupId: 'grp_ventas' });
    const body = { clientId: 'both-inst-01', text: 'hola' };
    const answers = await Promise.all([a, b, a, b].map((s) => client(s).post('ana', `/api/conversations/${conversation.id}/messages`, body)));
    assert.equal(new Set(answers.map((x) => x.body.message.id)).size, 1);
    assert.deepEqual(answers.map((x) => x.status).sort(), [200, 200, 200, 201]);
  });

  test('instances starting together on an empty database seed the fixture once', async () => {
    const schema = `ow_test_${randomBytes(6).toString('hex')}`;
    const dbs = await Promise.all([openDb({ databaseUrl, schema }), openDb({ databaseUrl, schema })]);
    try {
      const seeded = await Promise.all(dbs.map((db) => seedFixtureIfEmpty(db, systemClock)));
      assert.deepEqual(seeded.sort(), [false, true]);
      const rows = await dbs[0]!.query('SELECT count(*)::int AS n FROM agents');
      assert.equal(rows[0]!.n, FIXTURE.agents.length);
    } finally {
      await dbs[0]!.query(`DROP SCHEMA ${schema} CASCADE`);
      await Promise.all(dbs.map((db) => db.close()));
    }
  });
});
