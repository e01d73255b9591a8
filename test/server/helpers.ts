// Shared helpers of the server tests: one server per file, a typed-enough REST caller, conversation setup and an SSE recorder.
import { after, before, beforeEach } from 'node:test';
import type { ConversationDetail, OwEvent } from '../../src/contract/index.js';
import { SseParser } from '../../src/client/sse.js';
import { startTestServer, type TestServer } from '../../server/testing.js';

export const TOKENS = { admin: 'tok_admin', ana: 'tok_ana', bruno: 'tok_bruno', carla: 'tok_carla' } as const;
export type Who = keyof typeof TOKENS;

// Tests read arbitrary JSON answers; `any` keeps assertions short where the shape is asserted anyway.
export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export function client(server: TestServer) {
  async function call<T = any>(who: Who | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const h: Record<string, string> = { ...headers };
    if (who) h.Authorization = `Bearer ${TOKENS[who]}`;
    let payload: string | undefined;
    if (body !== undefined) {
      h['Content-Type'] ??= 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const response = await fetch(server.baseUrl + path, { method, headers: h, body: payload });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Non-JSON bodies (files) stay text.
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }
  return {
    call,
    get: <T = any>(who: Who | null, path: string) => call<T>(who, 'GET', path),
    post: <T = any>(who: Who | null, path: string, body?: unknown) => call<T>(who, 'POST', path, body),
    put: <T = any>(who: Who | null, path: string, body?: unknown) => call<T>(who, 'PUT', path, body),
    patch: <T = any>(who: Who | null, path: string, body?: unknown) => call<T>(who, 'PATCH', path, body),
    del: <T = any>(who: Who | null, path: string) => call<T>(who, 'DELETE', path),
    /** Creates a conversation directly (bypassing the bot). */
    async conversation(input: {
      phone?: string;
      name?: string;
      email?: string;
      channel?: string;
      stage?: 'bot' | 'queued' | 'assigned';
      groupId?: string;
      assigneeId?: string;
      outbound?: boolean;
      messages?: { author: 'customer' | 'agent' | 'bot'; text: string }[];
    } = {}): Promise<ConversationDetail> {
      const answer = await call<ConversationDetail>(null, 'POST', '/__test/conversations', {
        channel: input.channel ?? 'whatsapp',
        customer: { name: input.name ?? 'Cliente', phone: input.phone ?? randomPhone(), ...(input.email ? { email: input.email } : {}) },
        stage: input.stage ?? 'queued',
        ...(input.groupId ? { groupId: input.groupId } : {}),
        ...(input.assigneeId ? { assigneeId: input.assigneeId } : {}),
        ...(input.outbound ? { outbound: true } : {}),
        messages: input.messages ?? [{ author: 'customer', text: 'hola' }],
      });
      if (answer.status !== 201) throw new Error(`conversation setup failed: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body;
    },
    async advance(ms: number): Promise<void> {
      const answer = await call(null, 'POST', '/__test/clock', { advanceMs: ms });
      if (answer.status !== 200) throw new Error(`clock failed: ${answer.status}`);
    },
    inbound: (from: string, text: string, extra: Record<string, unknown> = {}) =>
      call(null, 'POST', '/api/sim/inbound', { channel: 'whatsapp', from, text, ...extra }),
  };
}

let phoneCounter = 0;
export function randomPhone(): string {
  phoneCounter += 1;
  return `+57300${String(Date.now() % 100000).padStart(5, '0')}${String(phoneCounter).padStart(3, '0')}`;
}

/** Records an SSE stream's events until closed. */
export class EventRecorder {
  readonly events: OwEvent[] = [];
  readonly ids: number[] = [];
  private readonly abort = new AbortController();
  private waiters: (() => void)[] = [];
  done: Promise<void> = Promise.resolve();

  static async open(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<EventRecorder> {
    const recorder = new EventRecorder();
    const response = await fetch(baseUrl + path, { headers, signal: recorder.abort.signal });
    if (response.status !== 200 || !response.body) throw new Error(`stream failed: ${response.status} ${await response.text()}`);
    const parser = new SseParser((message) => {
      const event = JSON.parse(message.data) as OwEvent;
      recorder.events.push(event);
      recorder.ids.push(Number(message.id));
      for (const wake of recorder.waiters.splice(0)) wake();
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    recorder.done = (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          parser.push(value);
        }
      } catch {
        // Aborted by close().
      }
    })();
    return recorder;
  }

  /** Waits until `predicate` holds for the recorded events (or fails after `timeoutMs`). */
  async until(predicate: (events: OwEvent[]) => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.events)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; got ${this.events.map((e) => e.type).join(', ')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): Promise<void> {
    this.abort.abort();
    return this.done;
  }
}

/** Lets in-flight events reach open streams before asserting that something did NOT arrive. */
export function settle(ms = 300): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * One server for a test file: started before its tests, back to the fixture before each, closed after.
 * `use` receives it and its REST caller once started.
 */
export function useServer(use: (server: TestServer, api: ReturnType<typeof client>) => void): void {
  let server: TestServer | undefined;
  before(async () => {
    server = await startTestServer();
    use(server, client(server));
  });
  after(() => server?.close());
  beforeEach(() => server!.reset());
}

export function agentStream(server: TestServer, who: Who, lastEventId?: number): Promise<EventRecorder> {
  const headers: Record<string, string> = { Authorization: `Bearer ${TOKENS[who]}` };
  if (lastEventId !== undefined) headers['Last-Event-ID'] = String(lastEventId);
  return EventRecorder.open(server.baseUrl, '/api/events', headers);
}
