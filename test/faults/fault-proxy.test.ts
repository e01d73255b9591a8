// The fault proxy itself: each fault does what it says, and the same seed gives the same faults.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom, startFaultProxy } from './fault-proxy.js';

let upstream: http.Server;
let upstreamUrl = '';
let handled = 0;

before(async () => {
  upstream = http.createServer((req, res) => {
    if (req.url === '/stream') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      let n = 0;
      const timer = setInterval(() => res.write(`id: ${++n}\ndata: {"n":${n}}\n\n`), 20);
      res.on('close', () => clearInterval(timer));
      return;
    }
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      handled += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ echo: body }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});

after(async () => {
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});

/** Reads a streamed body until it ends or breaks; returns the text and whether it broke. */
async function readStream(res: Response): Promise<{ text: string; broke: boolean }> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text, broke: false };
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    return { text, broke: true };
  }
}

async function attempt(url: string, body = 'x'): Promise<'ok' | 'failed'> {
  try {
    const res = await fetch(url, { method: 'POST', body });
    assert.equal((await res.json()).echo, body);
    return 'ok';
  } catch {
    return 'failed';
  }
}

describe('fault proxy', () => {
  it('passes requests through untouched without faults', async () => {
    const proxy = await startFaultProxy({ target: upstreamUrl });
    try {
      for (let i = 0; i < 5; i++) assert.equal(await attempt(`${proxy.url}/x`, `body ${i}`), 'ok');
      assert.equal(proxy.counters.forwarded, 5);
    } finally {
      await proxy.close();
    }
  });

  it('drops requests before the server sees them', async () => {
    const proxy = await startFaultProxy({ target: upstreamUrl, dropRequestRate: 1 });
    try {
      const before = handled;
      assert.equal(await attempt(`${proxy.url}/x`), 'failed');
      assert.equal(handled, before);
      assert.equal(proxy.counters.droppedRequests, 1);
    } finally {
      await proxy.close();
    }
  });

  it('drops responses after the server handled the request', async () => {
    const proxy = await startFaultProxy({ target: upstreamUrl, dropResponseRate: 1 });
    try {
      const before = handled;
      assert.equal(await attempt(`${proxy.url}/x`), 'failed');
      assert.equal(handled, before + 1);
      assert.equal(proxy.counters.droppedResponses, 1);
    } finally {
      await proxy.close();
    }
  });

  it('delays requests', async () => {
    const proxy = await startFaultProxy({ target: upstreamUrl, delayRate: 1, delayMs: [150, 150] });
    try {
      const started = Date.now();
      assert.equal(await attempt(`${proxy.url}/x`), 'ok');
      assert.ok(Date.now() - started >= 140);
      assert.equal(proxy.counters.delayed, 1);
    } finally {
      await proxy.close();
    }
  });

  it('cuts event streams every N ms', async () => {
    const proxy = await startFaultProxy({ target: upstreamUrl, sseCutEveryMs: 120 });
    try {
      const started = Date.now();
      const res = await fetch(`${proxy.url}/stream`);
      const { text, broke } = await readStream(res);
      assert.ok(broke, 'the stream ends with an error, like a broken connection');
      assert.ok(Date.now() - started < 1000);
      assert.match(text, /id: 1\n/);
      assert.equal(proxy.counters.sseCuts, 1);
    } finally {
      await proxy.close();
    }
  });

  it('tears a chunk in half before cutting', async () => {
    const proxy = await startFaultProxy({ target: upstreamUrl, sseTornChunkRate: 1 });
    try {
      const res = await fetch(`${proxy.url}/stream`);
      const { text } = await readStream(res);
      assert.ok(text.length > 0 && !text.endsWith('\n\n'), `a torn event: ${JSON.stringify(text)}`);
      // A broken connection loses the end of the stream, never bytes in its middle.
      const whole = Array.from({ length: 50 }, (_, i) => `id: ${i + 1}\ndata: {"n":${i + 1}}\n\n`).join('');
      assert.ok(whole.startsWith(text), `what arrived is a prefix of what was sent: ${JSON.stringify(text)}`);
      assert.equal(proxy.counters.sseTornChunks, 1);
    } finally {
      await proxy.close();
    }
  });

  it('is deterministic for a seed', async () => {
    const run = async () => {
      const proxy = await startFaultProxy({ target: upstreamUrl, seed: 42, dropRequestRate: 0.4 });
      const outcomes: string[] = [];
      for (let i = 0; i < 20; i++) outcomes.push(await attempt(`${proxy.url}/x`));
      await proxy.close();
      return outcomes.join(',');
    };
    const first = await run();
    assert.equal(await run(), first);
    assert.match(first, /failed/);
    assert.match(first, /ok/);
    const a = seededRandom(7);
    const b = seededRandom(7);
    assert.deepEqual([a(), a(), a()], [b(), b(), b()]);
  });
});
