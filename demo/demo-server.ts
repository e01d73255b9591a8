// The demo as one unit: the reference server on PGlite (or PostgreSQL), the demo workspace seeded once, and the demo pages.
import { createServer, type OwServer } from '../server/create-server.js';
import type { Db } from '../server/db/adapter.js';
import { openDb } from '../server/db/open.js';
import { demoCustomerSamples, demoSignIns, seedDemo, type DemoSeedResult } from '../server/seed/demo-seed.js';
import { mountDemo } from './static.js';

export interface DemoServerOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** PGlite directory (ignored with `databaseUrl`). */
  dataDir?: string;
  databaseUrl?: string;
  /** Progress lines (seeding). */
  log?: (line: string) => void;
}

export interface DemoServer {
  url: string;
  server: OwServer;
  db: Db;
  seed: DemoSeedResult;
  signIns: ReturnType<typeof demoSignIns>;
  close(): Promise<void>;
}

export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const log = options.log ?? (() => {});
  const db = await openDb({ dataDir: options.dataDir ?? './.ow-data', databaseUrl: options.databaseUrl });
  let server: OwServer | undefined;
  try {
    const started = performance.now();
    const seed = await seedDemo(db, {});
    if (seed.seeded) {
      const c = seed.counts!;
      log(`Seeded the demo workspace in ${Math.round(performance.now() - started)} ms: ${c.agents} agents, ${c.customers} customers, ${c.conversations} conversations, ${c.messages} messages, ${c.files} files.`);
    } else if (seed.seededAt) {
      const days = (Date.now() - Date.parse(seed.seededAt)) / 86_400_000;
      log(`Demo workspace: kept from an earlier start (seeded ${seed.seededAt.slice(0, 10)}).`);
      if (days >= 2) log('Its conversations have aged and closed automatically; delete the data directory (./.ow-data) for a fresh demo.');
    } else {
      log(`Demo workspace not seeded: ${seed.reason}.`);
    }
    const samples = demoCustomerSamples();
    server = await createServer({ db, mount: (app) => mountDemo(app, { samples }) });
    const url = await server.start(options.port ?? 8787, options.host ?? '127.0.0.1');
    // Let delivery progress and automatic closes catch up with the time that passed since the seed or the last run.
    await server.tick();
    const owServer = server;
    let closed = false;
    return {
      url,
      server: owServer,
      db,
      seed,
      signIns: demoSignIns(),
      async close() {
        if (closed) return;
        closed = true;
        await owServer.close();
        await db.close();
      },
    };
  } catch (error) {
    await server?.close().catch(() => {});
    await db.close().catch(() => {});
    throw error;
  }
}
