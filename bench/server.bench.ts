// Reference server figures: send-to-delivery latency of one message to 50 agents' SSE streams (p50/p99),
// and sustained sends per second with those streams open. PGlite always; PostgreSQL when
// OW_TEST_DATABASE_URL (or BENCH_DATABASE_URL) is set. Server and streams share this process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SseParser } from '../src/client/sse.js';
import type { OwEvent } from '../src/contract/index.js';
import { startTestServer, type TestServer } from '../server/testing.js';

const AGENTS = 50;
const LATENCY_SENDS = Number(process.env.BENCH_SENDS ?? 100);
const THROUGHPUT_MS = Number(process.env.BENCH_THROUGHPUT_MS ?? 5000);
const THROUGHPUT_CONCURRENCY = 8;

async function addAgents(server: TestServer): Promise<string[]> {
  const db = server.server.services.db;
  const at = new Date(server.clock.now()).toISOString();
  const hash = String((await db.query("SELECT password_hash FROM agents WHERE id = 'agt_ana'"))[0]!.password_hash);
  const tokens: string[] = [];
  await db.tx(async (q) => {
    for (let i = 0; i < AGENTS; i++) {
      const id = `agt_bench_${i}`;
      await q.query(
        `INSERT INTO agents (id, name, email, role, group_ids, status, chosen_status, last_seen_at, password_hash)
         VALUES ($1, $2, $3, 'agent', '["grp_ventas"]', 'online', 'online', $4, $5)`,
        [id, `Bench ${i}`, `bench${i}@example.com`, at, hash],
      );
      await q.query('INSERT INTO tokens (token, agent_id, created_at) VALUES ($1, $2, $3)', [`tok_bench_${i}`, id, at]);
      tokens.push(`tok_bench_${i}`);
    }
  });
  return tokens;
}

interface Stream {
  close(): void;
}

/** Opens one agent stream; `onMessage` gets each message.created with the time it was parsed. */
async function openStream(baseUrl: string, token: string, onMessage: (clientId: string, at: number) => void): Promise<Stream> {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}/api/events`, { headers: { Authorization: `Bearer ${token}` }, signal: abort.signal });
  if (!response.ok || !response.body) throw new Error(`stream: ${response.status}`);
  const parser = new SseParser((message) => {
    const event = JSON.parse(message.data) as OwEvent;
    if (event.type === 'message.created' && event.message.clientId) onMessage(event.message.clientId, performance.now());
  });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        parser.push(value);
      }
    } catch {
      // Closed.
    }
  })();
  return { close: () => abort.abort() };
}

async function createConversation(baseUrl: string, phone: string): Promise<string> {
  const response = await fetch(`${baseUrl}/__test/conversations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ channel: 'web', customer: { name: 'Bench', phone }, stage: 'assigned', assigneeId: 'agt_admin', groupId: 'grp_ventas' }),
  });
  return ((await response.json()) as { conversation: { id: string } }).conversation.id;
}

async function send(baseUrl: string, conversationId: string, clientId: string): Promise<number> {
  const response = await fetch(`${baseUrl}/api/conversations/${conversationId}/messages`, {
    method: 'POST',
    headers: { Authorization: 'Bearer tok_admin', 'Content-Type': 'application/json' },
    body: JSON.stringify({ clientId, text: `bench ${clientId}` }),
  });
  await response.arrayBuffer();
  return response.status;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function run(label: string, databaseUrl: string | undefined): Promise<void> {
  // An explicit data dir keeps PGlite even when OW_TEST_DATABASE_URL is set.
  const dataDir = databaseUrl ? undefined : mkdtempSync(join(tmpdir(), 'ow-bench-'));
  const server = await startTestServer(databaseUrl ? { databaseUrl } : { dataDir });
  try {
    const tokens = await addAgents(server);
    const arrivals = new Map<string, number[]>();
    const streams = await Promise.all(
      tokens.map((token) =>
        openStream(server.baseUrl, token, (clientId, at) => {
          const list = arrivals.get(clientId);
          if (list) list.push(at);
        }),
      ),
    );
    const conversationId = await createConversation(server.baseUrl, '+570000000001');

    // Latency: one send at a time, until all 50 streams got it.
    const latencies: number[] = [];
    for (let i = 0; i < LATENCY_SENDS; i++) {
      const clientId = `lat-${label}-${i}`;
      const list: number[] = [];
      arrivals.set(clientId, list);
      const started = performance.now();
      await send(server.baseUrl, conversationId, clientId);
      const deadline = Date.now() + 10_000;
      while (list.length < AGENTS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1));
      for (const at of list) latencies.push(at - started);
      arrivals.delete(clientId);
    }
    latencies.sort((a, b) => a - b);

    // Throughput: several senders on their own conversations, streams still open.
    const conversations = await Promise.all(
      Array.from({ length: THROUGHPUT_CONCURRENCY }, (_, i) => createConversation(server.baseUrl, `+57000000100${i}`)),
    );
    let sent = 0;
    let failed = 0;
    const until = performance.now() + THROUGHPUT_MS;
    const started = performance.now();
    await Promise.all(
      conversations.map(async (id, worker) => {
        for (let n = 0; performance.now() < until; n++) {
          const status = await send(server.baseUrl, id, `tp-${label}-${worker}-${n}`);
          if (status === 201) sent += 1;
          else failed += 1;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    for (const stream of streams) stream.close();

    console.log(
      `${label.padEnd(10)} send→SSE latency to ${AGENTS} streams (${latencies.length} deliveries): ` +
        `p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms | ` +
        `sustained sends: ${(sent / seconds).toFixed(0)}/s (${THROUGHPUT_CONCURRENCY} concurrent senders, ${failed} failed)`,
    );
  } finally {
    await server.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.OW_TEST_DATABASE_URL;
console.log(`node ${process.version}; ${AGENTS} agent streams; ${LATENCY_SENDS} latency sends; ${THROUGHPUT_MS} ms throughput window`);
await run('pglite', undefined);
if (postgresUrl) await run('postgres', postgresUrl);
else console.log('postgres   skipped: set OW_TEST_DATABASE_URL=postgres://… to measure PostgreSQL too');
