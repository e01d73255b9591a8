// Realtime stream of OwEvents over Server-Sent Events read from a fetch body, so the token travels in a header.
import { HEARTBEAT_MS, type OwEvent } from '../contract/index.js';
import { ApiError, isAbortError } from './errors.js';
import { SseParser, type SseMessage } from './sse.js';

export type RealtimeState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface RealtimeOptions {
  client: { openEventStream(lastEventId: number, signal?: AbortSignal): Promise<Response> };
  /** Resume after this event id (0 = only new events). */
  lastEventId?: number;
  onEvent: (event: OwEvent) => void;
  onStateChange?: (state: RealtimeState) => void;
  /** `fatal` errors (401, 403) stop the stream; others are followed by a reconnect. */
  onError?: (error: unknown, fatal: boolean) => void;
  /** The server's heartbeat period; no bytes for twice this long counts as a dead connection. */
  heartbeatMs?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Source of jitter, replaceable for deterministic tests. */
  random?: () => number;
}

export class RealtimeStream {
  private _state: RealtimeState = 'closed';
  private _lastEventId: number;
  private streaming = false;
  private connectionAbort: AbortController | null = null;
  private endBackoff: (() => void) | null = null;
  /** Number of connections opened so far (the first one plus reconnects). */
  connections = 0;

  constructor(private readonly streamOptions: RealtimeOptions) {
    this._lastEventId = streamOptions.lastEventId ?? 0;
  }

  get state(): RealtimeState {
    return this._state;
  }

  /** Id of the last event delivered; events with an id at or below it are never delivered again. */
  get lastEventId(): number {
    return this._lastEventId;
  }

  start(): void {
    if (this.streaming) return;
    this.streaming = true;
    void this.connectLoop();
  }

  stop(): void {
    this.streaming = false;
    this.connectionAbort?.abort();
    this.endBackoff?.();
  }

  /** Drops the current connection and reconnects at once (e.g. when the browser comes back online). */
  reconnect(): void {
    if (!this.streaming) return;
    this.connectionAbort?.abort();
    this.endBackoff?.();
  }

  /** Delay before reconnect attempt `attempt` (0-based): exponential, capped, with jitter in [50 %, 100 %]. */
  backoffMs(attempt: number): number {
    const { initialBackoffMs = 500, maxBackoffMs = 10_000, random = Math.random } = this.streamOptions;
    return Math.round(Math.min(maxBackoffMs, initialBackoffMs * 2 ** attempt) * (0.5 + random() * 0.5));
  }

  /** No bytes for this long means a dead connection: twice the server's heartbeat period. */
  private get silenceLimitMs(): number {
    return (this.streamOptions.heartbeatMs ?? HEARTBEAT_MS) * 2;
  }

  private async connectLoop(): Promise<void> {
    let attempt = 0;
    // Later attempts are already `reconnecting`: that state is set before each backoff.
    this.setState('connecting');
    while (this.streaming) {
      const controller = new AbortController();
      this.connectionAbort = controller;
      // A connect that never answers is as dead as a silent stream.
      const connectTimer = setTimeout(() => controller.abort(), this.silenceLimitMs);
      try {
        const response = await this.streamOptions.client.openEventStream(this._lastEventId, controller.signal).finally(() => clearTimeout(connectTimer));
        if (!this.streaming) {
          await response.body?.cancel().catch(() => undefined);
          break;
        }
        this.connections += 1;
        this.setState('open');
        const receivedBytes = await this.readBody(response, controller);
        if (receivedBytes) attempt = 0;
      } catch (error) {
        if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
          this.streaming = false;
          this.streamOptions.onError?.(error, true);
          break;
        }
        if (!(isAbortError(error) || controller.signal.aborted)) this.streamOptions.onError?.(error, false);
      }
      if (!this.streaming) break;
      this.setState('reconnecting');
      await this.sleep(this.backoffMs(attempt));
      attempt += 1;
    }
    this.connectionAbort = null;
    this.setState('closed');
  }

  /** Reads the body until it ends, breaks, or goes silent; resolves whether any bytes arrived. */
  private async readBody(response: Response, controller: AbortController): Promise<boolean> {
    if (!response.body) return false;
    const { signal } = controller;
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser((message) => {
      // Nothing after a broken message may be applied: its id would carry the stream past the lost event.
      if (!signal.aborted) this.handle(message, controller);
    });
    let receivedBytes = false;
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => controller.abort(), this.silenceLimitMs);
    };
    const onAbort = () => void reader.cancel().catch(() => undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    arm();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || signal.aborted) break;
        receivedBytes = true;
        arm();
        parser.push(decoder.decode(value, { stream: true }));
      }
    } finally {
      clearTimeout(watchdog);
      signal.removeEventListener('abort', onAbort);
      reader.releaseLock();
    }
    return receivedBytes;
  }

  private handle(message: SseMessage, controller: AbortController): void {
    let event: OwEvent;
    try {
      event = JSON.parse(message.data) as OwEvent;
    } catch (error) {
      // A corrupted event is a broken connection: reconnect and replay from the last good id.
      this.streamOptions.onError?.(error, false);
      controller.abort();
      return;
    }
    // The SSE `id:` field when the message has one, else the event's own id.
    const id = message.id ? Number(message.id) : event.id;
    if (!Number.isFinite(id) || id <= this._lastEventId) return;
    this._lastEventId = id;
    try {
      this.streamOptions.onEvent(event);
    } catch (error) {
      this.streamOptions.onError?.(error, false);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.endBackoff = () => {
        this.endBackoff = null;
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private setState(state: RealtimeState): void {
    if (state === this._state) return;
    this._state = state;
    this.streamOptions.onStateChange?.(state);
  }
}
