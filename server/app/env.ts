// Hono typing of the app: the authenticated agent travels in the context.
import type { Agent } from '../../src/contract/index.js';

export interface AppEnv {
  Variables: { agent: Agent };
}
