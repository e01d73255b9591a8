// The emoji picker's data from the server itself: public, cached by ETag, readable cross-origin.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { client, useServer } from './helpers.js';

let api: ReturnType<typeof client>;
useServer((_server, caller) => {
  api = caller;
});

describe('emoji data', () => {
  test('each language is served without a token, as emoji-picker-element data, with an ETag the picker can read cross-origin', async () => {
    for (const [locale, sample] of [['es', 'cara sonriendo'], ['en', 'grinning face'], ['pt', 'rosto risonho']] as const) {
      const answer = await api.call(null, 'GET', `/api/emoji-data/${locale}`, undefined, { Origin: 'https://crm.example.com' });
      assert.equal(answer.status, 200, locale);
      assert.match(answer.headers.get('content-type') ?? '', /application\/json/);
      assert.ok(Array.isArray(answer.body) && answer.body.length > 1000, `${locale}: a list of emojis`);
      assert.ok(
        answer.body.some((emoji: { annotation?: string }) => emoji.annotation === sample),
        `${locale}: annotated in its language ("${sample}")`,
      );
      assert.match(answer.headers.get('etag') ?? '', /^W\/"/);
      assert.equal(answer.headers.get('access-control-allow-origin'), '*');
      assert.match(answer.headers.get('access-control-expose-headers') ?? '', /ETag/i);
    }
  });

  test('an unchanged copy answers 304; an unknown language 404 with the ones there are', async () => {
    const first = await api.get(null, '/api/emoji-data/es');
    const again = await api.call(null, 'GET', '/api/emoji-data/es', undefined, { 'If-None-Match': first.headers.get('etag')! });
    assert.equal(again.status, 304);
    const unknown = await api.get(null, '/api/emoji-data/fr');
    assert.equal(unknown.status, 404);
    assert.match(unknown.body.reason, /es, en, pt/);
    assert.equal((await api.get(null, '/api/emoji-data/..%2Fpackage.json')).status, 404);
  });
});
