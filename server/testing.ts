// In-process test server: PGlite in a fresh temp dir (or a fresh PostgreSQL schema), the fixture, test routes.
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestClock } from './clock.js';
import { createServer, type CreateServerOptions, type OwServer } from './create-server.js';
import type { Db } from './db/adapter.js';
import { migrationFiles } from './db/migrate.js';
import { openDb } from './db/open.js';
import { quoteIdent } from './db/postgres.js';
import { seedFixtureIfEmpty } from './fixtures.js';

export interface TestServer {
  baseUrl: string;
  clock: TestClock;
  close(): Promise<void>;
  reset(): Promise<void>;
  tick(): Promise<void>;
  /** PGlite data dir (kept after close when it was given) or PostgreSQL schema of this server. */
  dataDir?: string;
  schema?: string;
  server: OwServer;
}

export interface TestServerOptions {
  dataDir?: string;
  databaseUrl?: string;
  /** PostgreSQL schema to use; a fresh one (dropped on close) when absent. Pass another server's to share its data. */
  schema?: string;
  port?: number;
  testRoutes?: boolean;
  clock?: TestClock;
  heartbeatMs?: number;
  tokenIdleMs?: number;
  tokenLifetimeMs?: number;
  eventRetentionMs?: number;
  eventPruneIntervalMs?: number;
  simRoutes?: boolean;
  staticDirs?: CreateServerOptions['staticDirs'];
  mount?: CreateServerOptions['mount'];
}

const PGLITE_VERSION = (() => {
  try {
    return String(JSON.parse(readFileSync(new URL('../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')).version);
  } catch {
    return 'unknown';
  }
})();

/** A migrated, empty PGlite data dir, built once per schema version and copied for each server (initdb is slow). */
async function pgliteTemplate(): Promise<string> {
  const hash = createHash('sha256').update(PGLITE_VERSION);
  for (const file of migrationFiles()) hash.update(file.version).update(file.sql);
  const dir = join(tmpdir(), `ow-pglite-template-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(join(dir, 'PG_VERSION'))) return dir;
  const building = mkdtempSync(join(tmpdir(), 'ow-pglite-build-'));
  const db = await openDb({ dataDir: building });
  await db.close();
  try {
    renameSync(building, dir);
  } catch {
    // Another process finished first; its template is as good.
    rmSync(building, { recursive: true, force: true });
  }
  return dir;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const clock = options.clock ?? new TestClock();
  const databaseUrl = options.databaseUrl ?? (options.dataDir ? undefined : process.env.OW_TEST_DATABASE_URL || undefined);
  let db: Db;
  let dataDir: string | undefined;
  let schema: string | undefined;
  let dispose: () => Promise<void> = async () => {};

  if (databaseUrl) {
    const fresh = !options.schema;
    schema = options.schema ?? `ow_test_${randomBytes(6).toString('hex')}`;
    db = await openDb({ databaseUrl, schema });
    if (fresh) {
      dispose = async () => {
        const { default: pg } = await import('pg');
        const admin = new pg.Client({ connectionString: databaseUrl });
        await admin.connect();
        await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema!)} CASCADE`).finally(() => admin.end());
      };
    }
  } else {
    const temporary = !options.dataDir;
    dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ow-test-'));
    if (!existsSync(join(dataDir, 'PG_VERSION'))) cpSync(await pgliteTemplate(), dataDir, { recursive: true });
    db = await openDb({ dataDir });
    if (temporary) dispose = async () => rmSync(dataDir!, { recursive: true, force: true });
  }

  await seedFixtureIfEmpty(db, clock);
  const server = await createServer({
    db,
    clock,
    testRoutes: options.testRoutes ?? true,
    notifyTag: schema,
    heartbeatMs: options.heartbeatMs,
    tokenIdleMs: options.tokenIdleMs,
    tokenLifetimeMs: options.tokenLifetimeMs,
    eventRetentionMs: options.eventRetentionMs,
    eventPruneIntervalMs: options.eventPruneIntervalMs,
    simRoutes: options.simRoutes,
    staticDirs: options.staticDirs,
    mount: options.mount,
  });
  const baseUrl = await server.start(options.port ?? 0, '127.0.0.1');
  let closed = false;
  return {
    baseUrl,
    clock,
    dataDir,
    schema,
    server,
    reset: () => server.reset(),
    tick: () => server.tick(),
    async close() {
      if (closed) return;
      closed = true;
      await server.close();
      await db.close();
      await dispose();
    },
  };
}
