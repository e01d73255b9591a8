#!/usr/bin/env node
// `npm start`: builds the library when dist/ is missing or stale, then runs the reference server on PGlite
// (./.ow-data, or DATABASE_URL) with the demo workspace seeded on first start and the host-CRM demo pages.
//   PORT (default 8787), HOST (default 127.0.0.1), DATABASE_URL, OW_DATA_DIR, OW_SKIP_BUILD=1
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { ensureBuilt } from '../demo/ensure-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = performance.now();

if (!process.env.OW_SKIP_BUILD && !(await ensureBuilt())) process.exit(1);

const { startDemoServer } = await tsImport('../demo/demo-server.ts', import.meta.url);

const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = process.env.OW_DATA_DIR ?? join(root, '.ow-data');

let demo;
try {
  demo = await startDemoServer({ port, host, dataDir, databaseUrl, log: (line) => console.log(line) });
} catch (error) {
  if (error?.code === 'EADDRINUSE') console.error(`Port ${port} is in use. Start on another one with PORT=8788 npm start.`);
  else console.error(error);
  process.exit(1);
}

const url = demo.url;
const pad = (s, n) => s + ' '.repeat(Math.max(0, n - s.length));
console.log(`
ow-agent-kit demo is running (${((performance.now() - started) / 1000).toFixed(1)} s) on ${databaseUrl ? 'PostgreSQL' : `PGlite in ${dataDir}`}

  Agent console (<ow-agent-console>)      ${url}/
  Host CRM layout (separate elements)     ${url}/crm.html
  Customer phone simulator                ${url}/phone.html
  REST API and realtime stream            ${url}/api

Sign in as (password for all: ${demo.signIns[0]?.password ?? ''}):
${demo.signIns.map((s) => `  ${pad(s.email, 18)} ${pad(s.name, 18)} ${s.role === 'admin' ? 'admin, all groups' : s.groups}`).join('\n')}

Open two browser windows to be two agents, and the phone page to be the customer.
Press Ctrl+C to stop.
`);

let stopping = false;
async function stop(signal) {
  if (stopping) {
    console.log('Forced exit.');
    process.exit(1);
  }
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  const timer = setTimeout(() => {
    console.error('The server did not stop within 10 s; exiting.');
    process.exit(1);
  }, 10_000);
  timer.unref();
  try {
    await demo.close();
    console.log('Stopped. Data kept for the next start.');
    process.exit(0);
  } catch (error) {
    console.error(error);
    process.exit(1);
  }
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
