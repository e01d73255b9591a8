// Shared setup of the element tests in the browser: the runner's test server, agent stores over it, shadow DOM queries.
import { OwClient } from '../../src/client/api-client.js';
import type { FetchLike } from '../../src/client/http.js';
import { SimClient } from '../../src/client/sim-client.js';
import { createStore, type OwStore, type StoreOptions } from '../../src/client/store.js';
import { MemoryStorage } from '../../src/client/store/storage.js';
import type { ConversationDetail, Message } from '../../src/contract/index.js';

// Mocha's globals, provided by the browser test runner.
declare function beforeEach(body: () => Promise<void> | void): void;
declare function afterEach(body: () => Promise<void> | void): void;

/** The one test server the runner starts for every browser test file. */
export const base = (window as unknown as { OW_TEST_SERVER: string }).OW_TEST_SERVER;
export const sim = new SimClient({ baseUrl: base });

const stores: OwStore[] = [];

/** Registers the per-test hooks: a fresh fixture before each test, every started store stopped after it. */
export function useTestServer(): void {
  beforeEach(async () => {
    await sim.reset();
  });
  afterEach(() => {
    for (const store of stores.splice(0)) store.stop();
  });
}

/** Stops the store when the current test ends. */
export function stopAfterTest(store: OwStore): OwStore {
  stores.push(store);
  return store;
}

/** An agent's store as a browser tab would have it, started, and stopped after the test. */
export async function startStore(
  token = 'tok_ana',
  options: Partial<StoreOptions> & { fetch?: FetchLike } = {},
): Promise<{ store: OwStore; client: OwClient }> {
  const client = new OwClient({ baseUrl: base, token, fetch: options.fetch });
  const store = createStore({ client, storage: new MemoryStorage(), ...options });
  stopAfterTest(store);
  await store.start();
  return { store, client };
}

/** Distinct phone numbers within a test: the prefix, then a counter zero-padded to `digits`. */
export function phoneNumbers(prefix: string, digits: number): () => string {
  let counter = 0;
  return () => {
    counter++;
    return `${prefix}${String(counter).padStart(digits, '0')}`;
  };
}

export type ConversationInput = Parameters<SimClient['createConversation']>[0];

/**
 * A conversation created directly through the test route, assigned to Ana in Ventas unless overridden.
 * Each file picks its customer and first messages; `phone` gives each new customer its own number.
 */
export function conversationFactory(defaults: {
  customer: Omit<ConversationInput['customer'], 'phone'>;
  phone: () => string;
  messages: NonNullable<ConversationInput['messages']>;
}): (overrides?: Partial<ConversationInput>) => Promise<ConversationDetail> {
  return (overrides = {}) =>
    sim.createConversation({
      channel: 'whatsapp',
      customer: { ...defaults.customer, phone: defaults.phone() },
      stage: 'assigned',
      groupId: 'grp_ventas',
      assigneeId: 'agt_ana',
      messages: defaults.messages,
      ...overrides,
    });
}

export async function serverMessages(client: OwClient, conversationId: string): Promise<Message[]> {
  return (await client.listMessages(conversationId, { limit: 200 })).messages;
}

export const $ = <T extends Element = HTMLElement>(el: Element, selector: string): T | null => el.shadowRoot!.querySelector<T>(selector);
export const $$ = <T extends Element = HTMLElement>(el: Element, selector: string): T[] => [...el.shadowRoot!.querySelectorAll<T>(selector)];

/**
 * The microphone is outside the project: a tone generator stands in for it as `getUserMedia`'s stream.
 * Returns what puts the real one back.
 */
export function fakeMicrophone(): () => Promise<void> {
  const audio = new AudioContext();
  const tone = audio.createOscillator();
  const microphone = audio.createMediaStreamDestination();
  tone.connect(microphone);
  tone.start();
  const devices = navigator.mediaDevices;
  Object.defineProperty(devices, 'getUserMedia', { configurable: true, value: async () => microphone.stream });
  return async () => {
    delete (devices as unknown as Record<string, unknown>).getUserMedia;
    tone.stop();
    await audio.close();
  };
}
