// One Server-Sent Events stream: subscribe first (buffering), replay from the table, then go live,
// never sending an id twice or out of order.
import type { OwEvent } from '../../src/contract/index.js';
import type { EventHub } from '../services/hub.js';
import type { StoredEvent } from '../services/events.js';

export interface StreamOptions {
  hub: EventHub;
  /** Replay events after this id; null = live only. */
  after: number | null;
  accept: (stored: StoredEvent) => boolean | Promise<boolean>;
  heartbeatMs: number;
  signal: AbortSignal;
  /** Registry of open streams, so the server can end them on shutdown. */
  open: Set<() => void>;
  /** Re-checked on every heartbeat: false (a token revoked elsewhere, or expired) ends the stream. */
  authorized?: () => Promise<boolean>;
  /**
   * When the events after `after` were already pruned, send one `stream.reset` (the client reloads) before going
   * live; without it such a stream just goes live.
   */
  announceReset?: boolean;
  /** Called once when the stream ends, whoever ends it. */
  onClose?: () => void;
}

const REPLAY_BATCH = 1000;
/** A client this many messages behind is cut off; it reconnects with Last-Event-ID and replays from the table. */
const MAX_BACKLOG = 5000;
const encoder = new TextEncoder();

export function eventStream(options: StreamOptions): Response {
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let lastSent = options.after ?? 0;
      let buffer: StoredEvent[] | null = [];
      let chain: Promise<void> = Promise.resolve();
      const write = (text: string) => {
        if (closed) return;
        if ((controller.desiredSize ?? 0) < -MAX_BACKLOG) return cleanup();
        controller.enqueue(encoder.encode(text));
      };
      const deliver = async (stored: StoredEvent) => {
        if (closed || stored.event.id <= lastSent) return;
        lastSent = stored.event.id;
        if (await options.accept(stored)) write(`id: ${stored.event.id}\ndata: ${JSON.stringify(stored.event)}\n\n`);
      };
      const enqueue = (stored: StoredEvent) => {
        chain = chain.then(() => deliver(stored)).catch((error: unknown) => console.error('[sse]', (error as Error).message));
      };
      const unsubscribe = options.hub.subscribe((stored) => (buffer ? buffer.push(stored) : enqueue(stored)));
      const heartbeat = setInterval(() => {
        write(': ping\n\n');
        // A failed check (database hiccup) keeps the stream; the next heartbeat asks again.
        options.authorized?.().then((ok) => ok || cleanup(), () => undefined);
      }, options.heartbeatMs);
      cleanup = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        clearInterval(heartbeat);
        options.open.delete(cleanup);
        options.onClose?.();
        try {
          controller.close();
        } catch {
          // Already closed by the client.
        }
      };
      options.open.add(cleanup);
      options.signal.addEventListener('abort', cleanup, { once: true });
      write('retry: 2000\n: connected\n\n');
      try {
        if (options.after !== null) {
          // An id this database never issued comes from another incarnation (fresh data dir): go live from now
          // instead of waiting, silently, until ids catch up with it.
          const latest = await options.hub.latestId();
          if (lastSent > latest) lastSent = latest;
          else if (lastSent < (await options.hub.oldestId()) - 1) {
            // Some events after Last-Event-ID were pruned: no replay can be complete, so go live from the newest id.
            lastSent = latest;
            if (options.announceReset) {
              const reset: OwEvent = { type: 'stream.reset', id: latest, at: new Date().toISOString() };
              write(`id: ${latest}\ndata: ${JSON.stringify(reset)}\n\n`);
            }
          }
          for (;;) {
            const batch = await options.hub.since(lastSent, REPLAY_BATCH);
            for (const stored of batch) await deliver(stored);
            if (batch.length < REPLAY_BATCH || closed) break;
          }
        }
      } catch (error) {
        console.error('[sse] replay failed:', (error as Error).message);
        cleanup();
        return;
      }
      const pending = buffer;
      buffer = null;
      for (const stored of pending) enqueue(stored);
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    },
  });
}

/** `Last-Event-ID` header or `?lastEventId=`; null when absent. */
export function lastEventIdOf(header: string | undefined, query: string | undefined): number | null | 'invalid' {
  const raw = header ?? query;
  if (raw === undefined || raw === '') return null;
  if (!/^\d{1,15}$/.test(raw.trim())) return 'invalid';
  return Number(raw.trim());
}
