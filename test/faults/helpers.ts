// Shared pieces of the fault suite: agent stores over a (faulty) network, the server's own view, bounded waiting.
import { OwClient, createStore, MemoryStorage, type Conversation, type Customer, type Message, type OwStore } from '../../src/client/index.js';
import type { KeyValueStorage } from '../../src/client/index.js';

export const TOKENS = { admin: 'tok_admin', ana: 'tok_ana', bruno: 'tok_bruno', carla: 'tok_carla' } as const;

export interface AgentSession {
  name: string;
  client: OwClient;
  store: OwStore;
  storage: KeyValueStorage;
  errors: unknown[];
}

/** A store as an agent's browser tab would have it, talking to `baseUrl` (usually the fault proxy). */
export function agentSession(name: string, baseUrl: string, token: string, storage: KeyValueStorage = new MemoryStorage()): AgentSession {
  const client = new OwClient({ baseUrl, token });
  const errors: unknown[] = [];
  const store = createStore({
    client,
    storage,
    resendBaseMs: 40,
    maxSendAttempts: 6,
    countsDebounceMs: 50,
    realtime: { initialBackoffMs: 50, maxBackoffMs: 800, heartbeatMs: 5_000 },
    onError: (error) => errors.push(error),
  });
  return { name, client, store, storage, errors };
}

/** Retries `fn` while it throws, up to `attempts` times; for setup steps that run over a faulty network. */
export async function persist<T>(fn: () => Promise<T>, attempts = 20, pauseMs = 30): Promise<T> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await fn();
    } catch (error) {
      last = error;
      await sleep(pauseMs);
    }
  }
  throw last;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns true or `timeoutMs` passes; returns the time it took, or null on timeout. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<number | null> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) return null;
    await sleep(everyMs);
  }
}

/** Runs `tasks` with at most `concurrency` in flight. */
export async function pool(tasks: (() => Promise<void>)[], concurrency: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next++]!;
      await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
}

/** Every message of a conversation as the server stores it, oldest first (all pages). */
export async function serverMessages(admin: OwClient, conversationId: string): Promise<Message[]> {
  const pages: Message[][] = [];
  let before: string | undefined;
  for (;;) {
    const page = await admin.listMessages(conversationId, { limit: 200, before });
    pages.unshift(page.messages);
    if (!page.hasMore || page.messages.length === 0) break;
    before = page.messages[0]!.id;
  }
  return pages.flat();
}

export interface ConversationView {
  conversation: Conversation | undefined;
  customer: Customer | undefined;
  messages: Message[];
}

export async function serverView(admin: OwClient, conversationId: string): Promise<ConversationView> {
  const [detail, messages] = await Promise.all([admin.getConversation(conversationId), serverMessages(admin, conversationId)]);
  return { conversation: detail.conversation, customer: detail.customer, messages };
}

/** What the agent's store holds for a conversation: the same shape as the server's view. */
export function storeView(store: OwStore, conversationId: string): ConversationView {
  const state = store.getState();
  const conversation = state.conversations[conversationId];
  const timeline = state.timelines[conversationId];
  return {
    conversation,
    customer: conversation ? state.customers[conversation.customerId] : undefined,
    messages: (timeline?.ids ?? []).map((id) => state.messages[id]!).filter(Boolean),
  };
}

/** Signed file URLs carry an expiry computed per request; compare them without it. */
export function comparable(view: ConversationView): ConversationView {
  return JSON.parse(JSON.stringify(view, (key, value) => (key === 'url' && typeof value === 'string' ? value.replace(/[?].*$/, '') : value)));
}

/** Sends through the store and reports the client id and whether the server acknowledged it. */
export async function trackedSend(store: OwStore, conversationId: string, input: { text: string; kind: 'text' | 'note' }): Promise<{ clientId: string; acknowledged: boolean }> {
  const sending = store.send(conversationId, input);
  // `send` puts the entry in the outbox synchronously, before its first await.
  const clientId = store.getState().outbox.at(-1)!.clientId;
  await sending;
  const left = store.getState().outbox.find((entry) => entry.clientId === clientId);
  return { clientId, acknowledged: !left };
}

/** Retries the failed outbox entries until the outbox is empty or `rounds` pass. */
export async function drainOutbox(store: OwStore, rounds = 10): Promise<void> {
  for (let round = 0; round < rounds && store.getState().outbox.length > 0; round++) {
    for (const entry of store.getState().outbox) {
      if (entry.state === 'failed') await store.retry(entry.clientId);
    }
    await store.settled();
    if (store.getState().outbox.length > 0) await sleep(100);
  }
}
