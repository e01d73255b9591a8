// Bearer-token authentication of agent routes.
import type { MiddlewareHandler } from 'hono';
import type { Services } from '../services/context.js';
import { authenticate } from '../services/auth.js';
import { ServiceError } from '../services/errors.js';
import type { AppEnv } from './env.js';

export function requireAgent(services: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+([A-Za-z0-9_-]{1,200})$/i.exec(header.trim());
    if (!match) throw new ServiceError('unauthorized', header ? 'malformed Authorization header' : 'missing Authorization: Bearer <token>');
    c.set('agent', await authenticate(services, match[1]!));
    c.set('token', match[1]!);
    await next();
  };
}
