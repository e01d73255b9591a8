// The HTTP application: CORS, body cap, routes, JSON 404 and error answers.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { ErrorBody } from '../../src/contract/index.js';
import type { Services } from '../services/context.js';
import { ServiceError } from '../services/errors.js';
import type { AppEnv } from './env.js';
import { emojiRoutes } from './routes-emoji.js';
import { eventRoutes } from './routes-events.js';
import { fileRoutes } from './routes-files.js';
import { agentRoutes } from './routes-agent.js';
import { simRoutes } from './routes-sim.js';
import { testRoutes } from './routes-test.js';
import { TokenStreams } from './token-streams.js';

/** Cap for JSON bodies; uploads have their own per-channel limits. */
export const MAX_JSON_BYTES = 1024 * 1024;

export interface AppOptions {
  heartbeatMs: number;
  openStreams: Set<() => void>;
  testHooks?: { reset(): Promise<void>; tick(): Promise<void> };
  simRoutes: boolean;
  mount?: (app: Hono) => void;
}

export function buildApp(services: Services, options: AppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const tokenStreams = new TokenStreams();

  app.use(
    '*',
    cors({
      origin: '*',
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type', 'Last-Event-ID', 'Cache-Control'],
      // The emoji picker compares ETags to skip re-reading unchanged data.
      exposeHeaders: ['ETag'],
      maxAge: 600,
    }),
  );
  app.use('*', async (c, next) => {
    if (c.req.path.endsWith('/uploads')) return next();
    return bodyLimit({
      maxSize: MAX_JSON_BYTES,
      // The body is left unread: closing the connection keeps the client from reusing it.
      onError: (c) => {
        c.header('Connection', 'close');
        return c.json<ErrorBody>({ error: 'payload_too_large', reason: `the body exceeds ${MAX_JSON_BYTES} bytes` }, 413);
      },
    })(c, next);
  });

  app.get('/health', (c) => c.json({ ok: true }));
  app.route('/api', eventRoutes(services, { heartbeatMs: options.heartbeatMs, open: options.openStreams, tokenStreams, sim: options.simRoutes }));
  app.route('/api', fileRoutes(services, { sim: options.simRoutes }));
  app.route('/api', emojiRoutes());
  if (options.simRoutes) app.route('/api/sim', simRoutes(services));
  if (options.testHooks) app.route('/__test', testRoutes(services, options.testHooks));
  app.route('/api', agentRoutes(services, tokenStreams));
  options.mount?.(app as unknown as Hono);

  app.notFound((c) => c.json<ErrorBody>({ error: 'not_found', reason: `no route ${c.req.method} ${c.req.path}` }, 404));
  app.onError((error, c) => {
    if (error instanceof ServiceError) {
      if (error.status === 413) c.header('Connection', 'close');
      return c.json(error.body(), error.status as 400);
    }
    console.error('[server] unexpected error:', error);
    return c.json<ErrorBody>({ error: 'internal', reason: 'unexpected server error' }, 500);
  });
  return app;
}
