// Shared setup of the client tests: the real in-process server, agent stores over it, bounded waiting.
import { after, before, beforeEach } from 'node:test';
import { startTestServer, type TestServer } from '../../server/testing.js';
import { OwClient } from '../../src/client/api-client.js';
import type { FetchLike } from '../../src/client/http.js';
import { SimClient } from '../../src/client/sim-client.js';
import { MemoryStorage, type KeyValueStorage } from '../../src/client/store/storage.js';
import { createStore, type OwStore, type StoreOptions } from '../../src/client/store.js';
import type { Channel, ConversationDetail, Stage } from '../../src/contract/index.js';

export const TOKENS = { admin: 'tok_admin', ana: 'tok_ana', bruno: 'tok_bruno', carla: 'tok_carla' } as const;
export const IDS = { admin: 'agt_admin', ana: 'agt_ana', bruno: 'agt_bruno', carla: 'agt_carla' } as const;

export interface Harness {
  server: TestServer;
  baseUrl: string;
  sim: SimClient;
  sessions: Session[];
  close(): Promise<void>;
}

export interface Session {
  client: OwClient;
  store: OwStore;
  storage: KeyValueStorage;
  errors: unknown[];
}

export async function startHarness(): Promise<Harness> {
  const server = await startTestServer();
  const sessions: Session[] = [];
  return {
    server,
    baseUrl: server.baseUrl,
    sim: new SimClient({ baseUrl: server.baseUrl }),
    sessions,
    async close() {
      for (const session of sessions) session.store.stop();
      await server.close();
    },
  };
}

/**
 * One server for the whole file, a fresh fixture and no running stores before each test.
 * The returned harness reads through to the server once `before` has started it.
 */
export function useHarness(): Harness {
  let started: Harness | undefined;
  const current = (): Harness => {
    if (!started) throw new Error('the harness starts in before(); use it inside tests and hooks');
    return started;
  };
  before(async () => {
    started = await startHarness();
  });
  after(async () => {
    await started?.close();
  });
  beforeEach(async () => {
    for (const s of current().sessions.splice(0)) s.store.stop();
    await current().server.reset();
  });
  return {
    get server() {
      return current().server;
    },
    get baseUrl() {
      return current().baseUrl;
    },
    get sim() {
      return current().sim;
    },
    get sessions() {
      return current().sessions;
    },
    close: () => current().close(),
  };
}

/** An agent's store as a browser tab would have it. Fast retry and debounce timings keep tests short. */
export function session(
  harness: Harness,
  token: string,
  options: { storage?: KeyValueStorage; fetch?: FetchLike; timeoutMs?: number } & Partial<Omit<StoreOptions, 'client'>> = {},
): Session {
  const { fetch, timeoutMs, storage = new MemoryStorage(), ...rest } = options;
  const client = new OwClient({ baseUrl: harness.baseUrl, token, fetch, timeoutMs });
  const errors: unknown[] = [];
  const store = createStore({
    client,
    storage,
    resendBaseMs: 20,
    countsDebounceMs: 30,
    realtime: { initialBackoffMs: 30, maxBackoffMs: 300 },
    onError: (error) => errors.push(error),
    ...rest,
  });
  const created = { client, store, storage, errors };
  harness.sessions.push(created);
  return created;
}

let phone = 100_000;

/** Creates a conversation directly (bypassing the bot), as the test route does. */
export function conversation(
  harness: Harness,
  input: { stage: Stage; groupId?: string; assigneeId?: string; outbound?: boolean; channel?: Channel; name?: string; messages?: { author: 'customer' | 'agent' | 'bot'; text: string }[] },
): Promise<ConversationDetail> {
  phone += 1;
  return harness.sim.createConversation({
    channel: input.channel ?? 'whatsapp',
    customer: { name: input.name ?? `Cliente ${phone}`, phone: `+5730000${phone}` },
    stage: input.stage,
    groupId: input.groupId,
    assigneeId: input.assigneeId,
    outbound: input.outbound,
    messages: input.messages ?? [{ author: 'customer', text: 'Hola, necesito ayuda' }],
  });
}

/**
 * Polls until `check` passes (does not throw and does not return false); fails with the last assertion otherwise.
 * Checks return booleans or use assert.equal/deepEqual: a failing assert.ok without a message makes Node parse the
 * source file to describe it, which costs seconds per poll.
 */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5_000): Promise<T> {
  const started = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const result = await check();
      if (result !== false) return result;
      last = new Error('condition stayed false');
    } catch (error) {
      last = error;
    }
    if (Date.now() - started > timeoutMs) throw last;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
