import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LAYERED_MIN_SIZE, openRecord, recordValues, sealRecord } from '../../src/client/store/layered-record.js';

function big(n: number): Record<string, { v: number }> {
  const record: Record<string, { v: number }> = {};
  for (let i = 0; i < n; i += 1) record[`k${i}`] = { v: i };
  return record;
}

test('small records stay plain objects', () => {
  const opened = openRecord({ a: 1 });
  opened.b = 2;
  const sealed = sealRecord(opened);
  assert.deepEqual(sealed, { a: 1, b: 2 });
  assert.equal(Object.getPrototypeOf(sealed), Object.prototype);
});

test('a large record reads like a plain object across versions, and old versions do not change', () => {
  const n = LAYERED_MIN_SIZE * 2;
  const v1 = sealRecord(openRecord(big(n)));
  const draft = openRecord(v1);
  draft.k1 = { v: -1 };
  draft.extra = { v: 99 };
  delete draft.k2;
  const v2 = sealRecord(draft);
  assert.deepEqual(v1.k1, { v: 1 });
  assert.equal('k2' in v1, true);
  assert.deepEqual(v2.k1, { v: -1 });
  assert.equal('k2' in v2, false);
  assert.equal(v2.k2, undefined);
  assert.deepEqual(v2.extra, { v: 99 });
  assert.equal(Object.keys(v2).length, n);
  assert.equal(recordValues(v2).length, n);
  assert.equal(Object.values(v2).length, n);
  assert.equal(JSON.parse(JSON.stringify(v2)).extra.v, 99);
  assert.deepEqual({ ...v2 }.k1, { v: -1 });
  // Sealed versions are read-only.
  assert.throws(() => {
    'use strict';
    (v2 as Record<string, unknown>).k3 = 1;
  }, TypeError);
});

test('many versions fold the delta without losing or resurrecting keys', () => {
  let record = sealRecord(openRecord(big(LAYERED_MIN_SIZE)));
  for (let i = 0; i < 2_000; i += 1) {
    const draft = openRecord(record);
    draft[`new${i}`] = { v: i };
    if (i % 2 === 0) delete draft[`k${i % LAYERED_MIN_SIZE}`];
    record = sealRecord(draft);
  }
  const keys = Object.keys(record);
  assert.equal(new Set(keys).size, keys.length);
  assert.equal(record.new1999!.v, 1999);
  assert.equal(record.k0, undefined);
  assert.deepEqual(record.k1, { v: 1 });
  assert.equal(keys.length, LAYERED_MIN_SIZE + 2_000 - LAYERED_MIN_SIZE / 2);
});
