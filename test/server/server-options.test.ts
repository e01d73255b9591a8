// Factory options and transport details: heartbeats, CORS for embedding, static folders, test routes off, 500 answers.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../../server/testing.js';

describe('server options', () => {
  let server: TestServer;
  const staticDir = mkdtempSync(join(tmpdir(), 'ow-static-'));
  before(async () => {
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>demo</title>');
    server = await startTestServer({
      heartbeatMs: 100,
      testRoutes: false,
      simRoutes: false,
      staticDirs: { '/demo': staticDir },
      mount: (app) => {
        app.get('/boom', () => {
          throw new Error('kaput');
        });
      },
    });
  });
  after(async () => {
    await server.close();
    rmSync(staticDir, { recursive: true, force: true });
  });

  test('the event stream sends heartbeat comments', async () => {
    const abort = new AbortController();
    const response = await fetch(`${server.baseUrl}/api/events`, { headers: { Authorization: 'Bearer tok_ana' }, signal: abort.signal });
    assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const deadline = Date.now() + 3000;
    while (!/: ping\n\n[\s\S]*: ping\n\n/.test(text) && Date.now() < deadline) text += (await reader.read()).value ?? '';
    abort.abort();
    assert.match(text, /: ping\n\n[\s\S]*: ping\n\n/);
  });

  test('CORS lets a CRM on another origin call with a bearer token', async () => {
    const preflight = await fetch(`${server.baseUrl}/api/conversations`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://crm.example.com', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/i);
    const real = await fetch(`${server.baseUrl}/api/me`, { headers: { Origin: 'https://crm.example.com', Authorization: 'Bearer tok_ana' } });
    assert.equal(real.headers.get('access-control-allow-origin'), '*');
  });

  test('static folders, mounted routes; test routes and the simulated channel disabled', async () => {
    const page = await fetch(`${server.baseUrl}/demo/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<title>demo<\/title>/);
    assert.equal((await fetch(`${server.baseUrl}/__test/reset`, { method: 'POST' })).status, 404);
    const inbound = await fetch(`${server.baseUrl}/api/sim/inbound`, { method: 'POST', body: '{}', headers: { Authorization: 'Bearer tok_ana' } });
    assert.equal(inbound.status, 404);
    assert.equal((await fetch(`${server.baseUrl}/api/sim/conversations?channel=web&from=abc`, { headers: { Authorization: 'Bearer tok_ana' } })).status, 404);
    const boom = await fetch(`${server.baseUrl}/boom`);
    assert.equal(boom.status, 500);
    assert.deepEqual(await boom.json(), { error: 'internal', reason: 'unexpected server error' });
    assert.equal((await fetch(`${server.baseUrl}/api/me`, { headers: { Authorization: 'Bearer tok_ana' } })).status, 200);
  });
});
