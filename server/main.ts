// Runs the reference server: PGlite in OW_DATA_DIR, or PostgreSQL when DATABASE_URL is set.
import { createServer } from './create-server.js';
import { openDb } from './db/open.js';
import { FIXTURE_PASSWORD, seedFixtureIfEmpty } from './fixtures.js';
import { systemClock } from './clock.js';

const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = process.env.OW_DATA_DIR ?? './.ow-data';
const HOUR_MS = 3_600_000;

/** A duration setting in `unit`s (0 turns the limit off); the factory's default when unset. */
function duration(name: string, unitMs: number): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`[server] ${name}: expected a number >= 0, got "${raw}"`);
    process.exit(1);
  }
  return value * unitMs;
}
const tokenIdleMs = duration('OW_TOKEN_IDLE_HOURS', HOUR_MS);
const tokenLifetimeMs = duration('OW_TOKEN_LIFETIME_DAYS', 24 * HOUR_MS);
const eventRetentionMs = duration('OW_EVENT_RETENTION_DAYS', 24 * HOUR_MS);

const db = await openDb({ databaseUrl, dataDir, schema: process.env.DATABASE_SCHEMA || undefined });
if (await seedFixtureIfEmpty(db, systemClock)) {
  console.log(`[server] empty workspace: seeded the test fixture (agents ana@example.com … password ${FIXTURE_PASSWORD}, fixed tokens tok_*).`);
  console.log('[server] Its credentials are public: do not expose this workspace to others as it is.');
}
const publicUrl = process.env.OW_PUBLIC_URL || undefined;
if (!publicUrl && (host === '0.0.0.0' || host === '::')) {
  // Signed file links are absolute; http://0.0.0.0:PORT/… opens nowhere.
  console.warn(`[server] HOST=${host} without OW_PUBLIC_URL: image and file links will point at ${host}; set OW_PUBLIC_URL to the address agents reach.`);
}
const server = await createServer({
  db,
  publicUrl,
  notifyTag: process.env.DATABASE_SCHEMA || undefined,
  simRoutes: process.env.OW_SIM !== 'off',
  tokenIdleMs,
  tokenLifetimeMs,
  eventRetentionMs,
});
const url = await server.start(port, host);
console.log(`[server] listening on ${url} (${databaseUrl ? 'PostgreSQL' : `PGlite in ${dataDir}`})`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`[server] ${signal}: shutting down`);
  try {
    await server.close();
    await db.close();
  } finally {
    process.exit(0);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
