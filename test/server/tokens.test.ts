// Sign-in tokens: sign-out revokes the presenting token (and ends its streams), idle and absolute expiry
// with the injected clock, and 401 reasons that tell an expired token from an unknown one.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { iso } from '../../server/db/rows.js';
import { startTestServer, type TestServer } from '../../server/testing.js';
import { client, EventRecorder, TOKENS } from './helpers.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function tokenCalls(server: TestServer) {
  const api = client(server);
  return {
    api,
    async signIn(email = 'ana@example.com'): Promise<string> {
      const answer = await api.post(null, '/api/auth/sign-in', { email, password: 'secret123' });
      assert.equal(answer.status, 200);
      return answer.body.token as string;
    },
    /** A request with `token`: status and the error reason, if any. */
    async as(token: string, method = 'GET', path = '/api/me'): Promise<{ status: number; reason?: string }> {
      const answer = await api.call(null, method, path, undefined, { Authorization: `Bearer ${token}` });
      return { status: answer.status, reason: answer.body?.reason };
    },
    stream: (token: string) => EventRecorder.open(server.baseUrl, '/api/events', { Authorization: `Bearer ${token}` }),
    /** When `token` was last recorded as used (the renewal write). */
    async lastUsed(token: string): Promise<number> {
      const rows = await server.server.services.db.query('SELECT last_used_at FROM tokens WHERE token = $1', [token]);
      return Date.parse(iso(rows[0]!.last_used_at));
    },
  };
}

/** Resolves true when the stream ended within `ms`. */
async function endsWithin(recorder: EventRecorder, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const ended = await Promise.race([
    recorder.done.then(() => true),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms))),
  ]);
  clearTimeout(timer);
  return ended;
}

describe('tokens with the default limits', () => {
  let server: TestServer;
  let t: ReturnType<typeof tokenCalls>;
  before(async () => {
    server = await startTestServer();
    t = tokenCalls(server);
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  test('sign-out revokes only the presenting token', async () => {
    const first = await t.signIn();
    const second = await t.signIn();
    assert.deepEqual(await t.as(first, 'POST', '/api/auth/sign-out'), { status: 200, reason: undefined });
    for (const [method, path] of [['GET', '/api/me'], ['GET', '/api/conversations'], ['GET', '/api/events'], ['POST', '/api/auth/sign-out']] as const) {
      assert.deepEqual(await t.as(first, method, path), { status: 401, reason: 'unknown or revoked token' }, `${method} ${path}`);
    }
    assert.equal((await t.as(second)).status, 200);
    assert.equal((await t.as(TOKENS.ana)).status, 200);
  });

  test('sign-out needs a token', async () => {
    const answer = await t.api.post(null, '/api/auth/sign-out');
    assert.equal(answer.status, 401);
    assert.equal(answer.body.error, 'unauthorized');
  });

  test("a revoked token's event stream ends; the agent's other streams go on", async () => {
    const revoked = await t.signIn();
    const kept = await t.signIn();
    const revokedStream = await t.stream(revoked);
    const keptStream = await t.stream(kept);
    try {
      assert.equal((await t.as(revoked, 'POST', '/api/auth/sign-out')).status, 200);
      // Well before the 15 s heartbeat: the instance ends the stream itself.
      assert.equal(await endsWithin(revokedStream, 2000), true, 'the revoked stream ended');
      assert.equal(await endsWithin(keptStream, 300), false, 'the other stream is still open');
      await t.api.conversation({ stage: 'queued', groupId: 'grp_ventas' });
      await keptStream.until((events) => events.some((e) => e.type === 'conversation.updated'));
    } finally {
      await revokedStream.close();
      await keptStream.close();
    }
  });

  test('unused for 12 h a token expires; every use renews it', async () => {
    const token = await t.signIn();
    await t.api.advance(11 * HOUR);
    assert.equal((await t.as(token)).status, 200);
    await t.api.advance(12 * HOUR - 1000);
    assert.equal((await t.as(token)).status, 200);
    await t.api.advance(12 * HOUR);
    const expired = await t.as(token);
    assert.equal(expired.status, 401);
    assert.match(expired.reason!, /^token expired: unused for 12 h/);
    // Still expired (not unknown) on the next try, and on the stream; signing in again works.
    assert.match((await t.as(token, 'GET', '/api/events')).reason!, /^token expired/);
    assert.equal((await t.as(await t.signIn())).status, 200);
  });

  test('renewal rides on the presence write: reads within 30 s write nothing', async () => {
    const token = await t.signIn();
    const signedInAt = await t.lastUsed(token);
    await t.api.advance(10_000);
    await t.as(token);
    await t.api.advance(10_000);
    await t.as(token);
    assert.equal(await t.lastUsed(token), signedInAt);
    await t.api.advance(15_000);
    await t.as(token);
    assert.equal(await t.lastUsed(token), signedInAt + 35_000);
  });

  test('30 days after sign-in a token expires however much it is used', async () => {
    const token = await t.signIn();
    let elapsed = 0;
    while (elapsed + 11 * HOUR < 30 * DAY) {
      await t.api.advance(11 * HOUR);
      elapsed += 11 * HOUR;
      assert.equal((await t.as(token)).status, 200, `after ${elapsed / HOUR} h`);
    }
    await t.api.advance(30 * DAY - elapsed - 1000);
    assert.equal((await t.as(token)).status, 200);
    await t.api.advance(1000);
    const expired = await t.as(token);
    assert.equal(expired.status, 401);
    assert.match(expired.reason!, /^token expired: signed in more than 30 d ago/);
  });

  test('an unknown token is told apart from an expired one', async () => {
    assert.deepEqual(await t.as('tok_nobody_has_this'), { status: 401, reason: 'unknown or revoked token' });
  });

  test('an expired token says why for 14 days, then the sweep deletes it; live and fixed tokens stay', async () => {
    const stale = await t.signIn();
    await t.api.advance(13 * HOUR);
    const live = await t.signIn();
    assert.equal(await server.server.pruneTokens(), 0, 'expired an hour ago: kept to tell why');
    assert.match((await t.as(stale)).reason!, /^token expired/);

    await t.api.advance(14 * DAY - 2 * HOUR);
    assert.equal((await t.as(live)).status, 401, 'unused for 14 days, expired too but recently');
    assert.equal(await server.server.pruneTokens(), 0, 'the stale one is still within its 14 days');
    await t.api.advance(2 * HOUR);
    assert.equal(await server.server.pruneTokens(), 1);
    assert.deepEqual(await t.as(stale), { status: 401, reason: 'unknown or revoked token' });
    assert.match((await t.as(live)).reason!, /^token expired/);
    assert.equal((await t.as(TOKENS.ana)).status, 200, "the fixture's tokens never expire, so never go");

    const used = await t.signIn();
    for (let use = 0; use < 40; use += 1) {
      await t.api.advance(11 * HOUR);
      assert.equal((await t.as(used)).status, 200);
    }
    assert.equal(await server.server.pruneTokens(), 1, 'only the other expired one goes');
    assert.equal((await t.as(used)).status, 200, 'a token in use stays');
  });

  test("the fixture's fixed test tokens do not expire", async () => {
    await t.api.advance(40 * DAY);
    assert.equal((await t.as(TOKENS.ana)).status, 200);
  });
});

describe('tokens with configured limits', () => {
  let server: TestServer;
  let t: ReturnType<typeof tokenCalls>;
  before(async () => {
    server = await startTestServer({ tokenIdleMs: 60_000, tokenLifetimeMs: 0, heartbeatMs: 100 });
    t = tokenCalls(server);
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  test('the idle limit is configurable; lifetime 0 means no absolute limit', async () => {
    const token = await t.signIn();
    for (let i = 0; i < 3; i += 1) {
      await t.api.advance(50_000);
      assert.equal((await t.as(token)).status, 200);
    }
    await t.api.advance(60_000);
    const expired = await t.as(token);
    assert.equal(expired.status, 401);
    assert.match(expired.reason!, /^token expired: unused for 1 min/);
  });

  test("an expired token's open stream ends at the next heartbeat", async () => {
    const token = await t.signIn();
    const stream = await t.stream(token);
    try {
      assert.equal(await endsWithin(stream, 300), false, 'open while the token holds');
      await t.api.advance(60_000);
      assert.equal(await endsWithin(stream, 2000), true, 'ended once expired');
    } finally {
      await stream.close();
    }
  });

  test('a token revoked by another instance ends its stream at the next heartbeat', async () => {
    const token = await t.signIn();
    const stream = await t.stream(token);
    try {
      // What a sign-out on another instance leaves behind: the row is gone, this instance was not told.
      await server.server.services.db.query('DELETE FROM tokens WHERE token = $1', [token]);
      assert.equal(await endsWithin(stream, 2000), true);
    } finally {
      await stream.close();
    }
  });
});

const databaseUrl = process.env.OW_TEST_DATABASE_URL;
const skip = databaseUrl ? false : 'needs PostgreSQL: set OW_TEST_DATABASE_URL=postgres://… to sign out across two instances';

describe('sign-out across two instances on one PostgreSQL', { skip }, () => {
  let a: TestServer;
  let b: TestServer;
  before(async () => {
    a = await startTestServer({ databaseUrl, heartbeatMs: 100 });
    b = await startTestServer({ databaseUrl, schema: a.schema, heartbeatMs: 100 });
  });
  after(async () => {
    await b?.close();
    await a?.close();
  });

  test('signed out on A, the token is refused on B and its stream on B ends', async () => {
    const onA = tokenCalls(a);
    const onB = tokenCalls(b);
    const token = await onA.signIn();
    const other = await onA.signIn();
    const stream = await onB.stream(token);
    try {
      assert.equal((await onA.as(token, 'POST', '/api/auth/sign-out')).status, 200);
      assert.deepEqual(await onB.as(token), { status: 401, reason: 'unknown or revoked token' });
      assert.equal(await endsWithin(stream, 2000), true);
      assert.equal((await onB.as(other)).status, 200);
    } finally {
      await stream.close();
    }
  });
});
