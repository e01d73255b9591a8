// Hono typing of the app: the authenticated agent, and the token it presented, travel in the context.
import type { Agent } from '../../src/contract/index.js';

export interface AppEnv {
  Variables: { agent: Agent; token: string };
}
