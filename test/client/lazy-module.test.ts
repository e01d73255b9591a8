// Parts of the client that load on first use (request checks, upload): loaded once, and a failed load is a
// retryable NetworkError that the next use tries again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, NetworkError, isRetryable } from '../../src/client/errors.js';
import { lazyModule } from '../../src/client/lazy-module.js';
import { requestChecks } from '../../src/client/request-checks.js';

test('a lazy module loads once and is then available synchronously', async () => {
  let loads = 0;
  const part = lazyModule('the part', async () => {
    loads += 1;
    return { answer: 42 };
  });
  assert.equal(part.value, undefined);
  const [a, b] = await Promise.all([part.get(), part.get()]);
  assert.equal(a, b);
  assert.equal(part.value, a);
  await part.get();
  assert.equal(loads, 1);
});

test('a failed load is a retryable NetworkError naming the part, and the next use loads again', async () => {
  let fail = true;
  const part = lazyModule('the upload', async () => {
    if (fail) throw new TypeError('Failed to fetch dynamically imported module');
    return { ok: true };
  });
  await assert.rejects(part.get(), (error: unknown) => {
    assert.ok(error instanceof NetworkError);
    assert.ok(isRetryable(error));
    assert.match(error.message, /the upload could not be loaded: Failed to fetch/);
    return true;
  });
  assert.equal(part.value, undefined);
  fail = false;
  assert.deepEqual(await part.get(), { ok: true });
});

test('the request checks refuse bad input with the local bad_request ApiError', async () => {
  const checks = await requestChecks.get();
  assert.throws(
    () => checks.validate(checks.SendMessageBody, { clientId: 'c_123456789', text: 'x'.repeat(4097) }),
    (error: unknown) => error instanceof ApiError && error.local && error.status === 400 && /text: must be at most 4096 characters/.test(error.reason),
  );
  assert.deepEqual(checks.validate(checks.CountsQuery, { status: 'closed' }), { status: 'closed' });
});
