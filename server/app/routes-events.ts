// Realtime streams: agents (filtered by what each may see) and the simulated customer.
import { Hono } from 'hono';
import * as v from 'valibot';
import { CHANNELS } from '../../src/contract/index.js';
import { tokenHolds } from '../services/auth.js';
import type { Services } from '../services/context.js';
import { badRequest } from '../services/errors.js';
import { visibleTo } from '../services/events.js';
import { customerIdFor } from '../services/sim.js';
import { requireAgent } from './auth.js';
import type { AppEnv } from './env.js';
import { readQuery } from './http.js';
import { eventStream, lastEventIdOf } from './sse.js';
import type { TokenStreams } from './token-streams.js';

const SimQuery = v.strictObject({
  channel: v.picklist(CHANNELS),
  from: v.pipe(v.string(), v.trim(), v.minLength(3), v.maxLength(64)),
  lastEventId: v.optional(v.string()),
});

export interface EventRouteOptions {
  heartbeatMs: number;
  open: Set<() => void>;
  /** Agent streams by token, ended by sign-out. */
  tokenStreams: TokenStreams;
  sim: boolean;
}

export function eventRoutes(services: Services, options: EventRouteOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  const after = (header: string | undefined, query: string | undefined) => {
    const value = lastEventIdOf(header, query);
    if (value === 'invalid') throw badRequest('Last-Event-ID: must be an event id');
    return value;
  };

  app.get('/events', requireAgent(services), (c) => {
    const { agent, token } = c.var;
    const lastEventId = after(c.req.header('last-event-id'), c.req.query('lastEventId'));
    const revocation = options.tokenStreams.hold(token);
    return eventStream({
      hub: services.hub,
      after: lastEventId,
      accept: (stored) => visibleTo(agent, stored.audience),
      heartbeatMs: options.heartbeatMs,
      signal: AbortSignal.any([c.req.raw.signal, revocation.signal]),
      open: options.open,
      authorized: () => tokenHolds(services, token),
      announceReset: true,
      onClose: revocation.release,
    });
  });

  if (!options.sim) return app;
  app.get('/sim/events', (c) => {
    const query = readQuery(c, SimQuery);
    // The customer may not exist yet when the phone opens its stream: resolved on the first visible message.
    let customerId: string | null = null;
    return eventStream({
      hub: services.hub,
      after: after(c.req.header('last-event-id'), query.lastEventId),
      accept: async ({ event, audience }) => {
        if (!audience.customerVisible || (event.type !== 'message.created' && event.type !== 'message.updated')) return false;
        customerId ??= await customerIdFor(services, query.channel, query.from);
        return customerId !== null && audience.customerId === customerId;
      },
      heartbeatMs: options.heartbeatMs,
      signal: c.req.raw.signal,
      open: options.open,
    });
  });

  return app;
}
