// Server factory: wires database, clock, event hub, periodic jobs and the HTTP app; listens on demand.
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import { HEARTBEAT_MS } from '../src/contract/index.js';
import { buildApp } from './app/index.js';
import { systemClock, TestClock, type Clock } from './clock.js';
import type { Db } from './db/adapter.js';
import { seedFixture } from './fixtures.js';
import { DEFAULT_TOKEN_LIMITS, type Services } from './services/context.js';
import { FileSigner } from './services/files.js';
import { EventHub } from './services/hub.js';
import { DELIVERY_DELAY_MS, runJobs } from './services/jobs.js';
import { DEFAULT_EVENT_RETENTION_MS, EVENT_PRUNE_INTERVAL_MS, pruneEvents, pruneTokens } from './services/retention.js';

export interface CreateServerOptions {
  db: Db;
  clock?: Clock;
  /** Enables /__test/* (reset, clock, tick, direct conversations). Never in production. */
  testRoutes?: boolean;
  /** The simulated customer channel /api/sim/* (no authentication). Default on; turn off where real channels are wired. */
  simRoutes?: boolean;
  /** Origin used in signed file URLs, e.g. https://ow.example.com; defaults to the listening address. */
  publicUrl?: string;
  heartbeatMs?: number;
  /** A sign-in token unused this long expires (every authenticated request renews it); 0 = never. Default 12 h. */
  tokenIdleMs?: number;
  /** A sign-in token expires this long after sign-in, however much it is used; 0 = never. Default 30 days. */
  tokenLifetimeMs?: number;
  /** Period of the background jobs; 0 disables the timer (tests call tick()). Default 1000, 0 with a TestClock. */
  jobIntervalMs?: number;
  /** Realtime events older than this are deleted (at startup, then periodically); 0 keeps them forever. Default 7 days. */
  eventRetentionMs?: number;
  /** Period of that deletion, which also deletes sign-in tokens expired more than 14 days ago. Default 1 h. */
  eventPruneIntervalMs?: number;
  /** Names this workspace in the PostgreSQL NOTIFY channel (the schema when several share a database). */
  notifyTag?: string;
  /** Static folders by URL prefix, e.g. `{ '/demo': '/abs/path/demo' }` (index.html for directories). */
  staticDirs?: Record<string, string>;
  /** Adds routes (e.g. demo pages) before the 404 handler. */
  mount?: (app: Hono) => void;
}

function mountStatic(app: Hono, dirs: Record<string, string>): void {
  for (const [prefix, dir] of Object.entries(dirs)) {
    const base = prefix.replace(/\/+$/, '');
    app.use(
      `${base}/*`,
      serveStatic({ root: dir, rewriteRequestPath: (path) => path.slice(base.length) || '/' }),
    );
  }
}

function logPruneFailure(error: unknown): void {
  console.error('[retention] pruning failed:', (error as Error).message);
}

export interface OwServer {
  app: Hono;
  services: Services;
  /** Listens on host:port (port 0 = any free one); resolves with the base URL. */
  start(port?: number, host?: string): Promise<string>;
  /** Stops listening, ends open streams and jobs. The database stays open (its owner closes it). */
  close(): Promise<void>;
  /** Runs the periodic jobs now. */
  tick(): Promise<void>;
  /** Deletes the events older than the retention now; resolves with how many. */
  pruneEvents(): Promise<number>;
  /** Deletes the sign-in tokens expired more than 14 days ago now; resolves with how many. */
  pruneTokens(): Promise<number>;
  /** Replaces the workspace with the fixture (test routes). */
  reset(): Promise<void>;
}

export async function createServer(options: CreateServerOptions): Promise<OwServer> {
  const clock = options.clock ?? systemClock;
  const hub = new EventHub(options.db, 'ow_events', options.notifyTag ?? 'public');
  await hub.start();
  const files = await FileSigner.create(options.db, () => clock.now(), options.publicUrl ?? '');
  const timers = new Set<NodeJS.Timeout>();
  const realTime = !(clock instanceof TestClock);
  const services: Services = {
    db: options.db,
    clock,
    tokenLimits: {
      idleMs: options.tokenIdleMs ?? DEFAULT_TOKEN_LIMITS.idleMs,
      lifetimeMs: options.tokenLifetimeMs ?? DEFAULT_TOKEN_LIMITS.lifetimeMs,
    },
    hub,
    files,
    scheduleDelivery() {
      if (!realTime) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        void tick();
      }, DELIVERY_DELAY_MS + 50);
      timer.unref();
      timers.add(timer);
    },
  };

  let ticking: Promise<void> | null = null;
  const tick = (): Promise<void> => {
    ticking ??= runJobs(services)
      .catch((error: unknown) => console.error('[jobs] failed:', (error as Error).message))
      .finally(() => (ticking = null));
    return ticking;
  };
  const reset = async () => {
    await seedFixture(options.db, clock);
    await hub.poke();
  };

  const openStreams = new Set<() => void>();
  const app = buildApp(services, {
    heartbeatMs: options.heartbeatMs ?? HEARTBEAT_MS,
    openStreams,
    testHooks: options.testRoutes ? { reset, tick } : undefined,
    simRoutes: options.simRoutes ?? true,
    mount: (mounted) => {
      if (options.staticDirs) mountStatic(mounted, options.staticDirs);
      options.mount?.(mounted);
    },
  });

  const retentionMs = options.eventRetentionMs ?? DEFAULT_EVENT_RETENTION_MS;
  /** Deletions under way; close() waits for them. */
  const pruning = new Set<Promise<unknown>>();
  const pruned = (run: Promise<number>) => {
    const settled = run.catch(() => undefined).finally(() => pruning.delete(settled));
    pruning.add(settled);
    return run;
  };
  const prune = () => pruned(pruneEvents(options.db, clock, retentionMs));
  const pruneExpiredTokens = () => pruned(pruneTokens(options.db, clock, services.tokenLimits));
  const sweep = () => [prune(), pruneExpiredTokens()];
  await Promise.all(sweep());
  const pruneEvery = options.eventPruneIntervalMs ?? EVENT_PRUNE_INTERVAL_MS;
  const pruneTimer = pruneEvery > 0 ? setInterval(() => sweep().forEach((run) => void run.catch(logPruneFailure)), pruneEvery) : null;
  pruneTimer?.unref();

  const interval = options.jobIntervalMs ?? (realTime ? 1000 : 0);
  const jobTimer = interval > 0 ? setInterval(() => void tick(), interval) : null;
  jobTimer?.unref();

  let server: ServerType | null = null;
  return {
    app: app as unknown as Hono,
    services,
    tick,
    reset,
    pruneEvents: prune,
    pruneTokens: pruneExpiredTokens,
    async start(port = 0, host = '127.0.0.1') {
      const listening = await new Promise<AddressInfo>((resolve, reject) => {
        const s = serve({ fetch: app.fetch, port, hostname: host }, (info) => resolve(info));
        s.once('error', reject);
        server = s;
      });
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${listening.port}`;
      if (!options.publicUrl) files.publicUrl = url;
      return url;
    },
    async close() {
      if (jobTimer) clearInterval(jobTimer);
      if (pruneTimer) clearInterval(pruneTimer);
      for (const timer of timers) clearTimeout(timer);
      for (const end of [...openStreams]) end();
      await hub.stop();
      await ticking;
      await Promise.all(pruning);
      const s = server;
      server = null;
      if (s) {
        await new Promise<void>((resolve) => {
          s.close(() => resolve());
          (s as { closeAllConnections?: () => void }).closeAllConnections?.();
        });
      }
    },
  };
}
