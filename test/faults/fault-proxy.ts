// A fault-injecting HTTP proxy for the fault suite: loses requests and responses, delays them and
// cuts Server-Sent Events streams, deterministically from a seed. Listens on 127.0.0.1 only.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface FaultSettings {
  /** Share of requests whose connection is destroyed before anything reaches the server. */
  dropRequestRate: number;
  /** Share of requests that the server handles completely, after which the client connection is destroyed unanswered. */
  dropResponseRate: number;
  /** Share of requests held back for a random time in `delayMs` before forwarding. */
  delayRate: number;
  delayMs: readonly [number, number];
  /** Every SSE response is cut after this many ms (0 = never). */
  sseCutEveryMs: number;
  /** Besides `sseCutEveryMs`: each SSE response is cut after a random time in this range (null = off). */
  sseCutRandomMs: readonly [number, number] | null;
  /** Share of SSE chunks of which only the first half is written before the stream is cut (a torn event). */
  sseTornChunkRate: number;
  /** Which requests faults apply to; the rest pass untouched. Default: everything. */
  applies: (method: string, path: string) => boolean;
}

export interface FaultCounters {
  requests: number;
  forwarded: number;
  droppedRequests: number;
  droppedResponses: number;
  delayed: number;
  sseStreams: number;
  sseCuts: number;
  sseTornChunks: number;
  sseStalls: number;
  upstreamErrors: number;
}

export interface FaultProxyOptions extends Partial<FaultSettings> {
  /** Origin of the server behind the proxy, e.g. `http://127.0.0.1:4000`. */
  target: string;
  seed?: number;
  port?: number;
}

export interface FaultProxy {
  /** Origin of the proxy, to give clients as their base URL. */
  readonly url: string;
  readonly counters: Readonly<FaultCounters>;
  /** Changes fault settings from now on (e.g. switch faults off to let clients converge). */
  configure(settings: Partial<FaultSettings>): void;
  /** Cuts every open SSE stream now. */
  cutStreams(): number;
  /**
   * Silently stops forwarding every open SSE stream while keeping its connection open: a half-open connection
   * (a NAT or load balancer that forgot it), which only a client-side watchdog can notice.
   */
  stallStreams(): number;
  /** Points the proxy at another server (e.g. after a restart on a new port). */
  retarget(target: string): void;
  close(): Promise<void>;
}

/** Mulberry32: small, fast, and the same sequence for the same seed on every platform. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const NO_FAULTS: Omit<FaultSettings, 'applies'> = {
  dropRequestRate: 0,
  dropResponseRate: 0,
  delayRate: 0,
  delayMs: [0, 0],
  sseCutEveryMs: 0,
  sseCutRandomMs: null,
  sseTornChunkRate: 0,
};

// Hop-by-hop headers are per connection and must not be forwarded (RFC 9110 §7.6.1).
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

function forwardableHeaders(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name.toLowerCase())) out[name] = value;
  }
  return out;
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const random = seededRandom(options.seed ?? 1);
  const settings: FaultSettings = { ...NO_FAULTS, applies: () => true, ...stripUndefined(options) };
  let target = new URL(options.target);
  const counters: FaultCounters = {
    requests: 0,
    forwarded: 0,
    droppedRequests: 0,
    droppedResponses: 0,
    delayed: 0,
    sseStreams: 0,
    sseCuts: 0,
    sseTornChunks: 0,
    sseStalls: 0,
    upstreamErrors: 0,
  };
  const upstreamAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const openStreams = new Set<() => void>();
  const stallers = new Map<() => void, () => void>();
  const sockets = new Set<Socket>();
  const between = ([min, max]: readonly [number, number]) => min + Math.floor(random() * (max - min + 1));

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    counters.requests += 1;
    const path = req.url ?? '/';
    const faulty = settings.applies(req.method ?? 'GET', path);
    // Draw every decision up front so the sequence of draws per request is fixed for a given seed.
    const dropRequest = faulty && random() < settings.dropRequestRate;
    const dropResponse = faulty && random() < settings.dropResponseRate;
    const delay = faulty && random() < settings.delayRate ? between(settings.delayMs) : 0;

    if (dropRequest) {
      counters.droppedRequests += 1;
      req.socket.destroy();
      return;
    }
    if (delay > 0) {
      counters.delayed += 1;
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (req.socket.destroyed) return;
    }

    counters.forwarded += 1;
    const upstream = http.request({
      host: target.hostname,
      port: target.port,
      method: req.method,
      path,
      headers: { ...forwardableHeaders(req.headers), host: target.host },
      agent: upstreamAgent,
    });
    upstream.on('error', () => {
      counters.upstreamErrors += 1;
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'internal', reason: 'the server behind the proxy is unreachable' }));
      } else {
        res.destroy();
      }
    });
    req.on('aborted', () => upstream.destroy());
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);

    upstream.on('response', (answer) => {
      const isStream = String(answer.headers['content-type'] ?? '').startsWith('text/event-stream');
      if (isStream) {
        pipeStream(answer, res, faulty);
        return;
      }
      if (dropResponse) {
        // Let the server finish (the body is read to its end) and then lose the answer.
        answer.resume();
        answer.on('end', () => {
          counters.droppedResponses += 1;
          res.socket?.destroy();
        });
        return;
      }
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, forwardableHeaders(answer.headers));
      answer.pipe(res);
    });
  };

  const pipeStream = (answer: IncomingMessage, res: ServerResponse, faulty: boolean) => {
    counters.sseStreams += 1;
    res.writeHead(answer.statusCode ?? 200, forwardableHeaders(answer.headers));
    res.flushHeaders();
    const timers: NodeJS.Timeout[] = [];
    let cut = false;
    const cutNow = () => {
      if (cut) return;
      cut = true;
      counters.sseCuts += 1;
      cleanup();
      answer.destroy();
      res.socket?.destroy();
    };
    let stalled = false;
    const cleanup = () => {
      for (const timer of timers) clearTimeout(timer);
      openStreams.delete(cutNow);
      stallers.delete(cutNow);
    };
    openStreams.add(cutNow);
    stallers.set(cutNow, () => {
      stalled = true;
      counters.sseStalls += 1;
    });
    if (faulty && settings.sseCutEveryMs > 0) timers.push(setTimeout(cutNow, settings.sseCutEveryMs));
    if (faulty && settings.sseCutRandomMs) timers.push(setTimeout(cutNow, between(settings.sseCutRandomMs)));
    // Once a chunk is torn nothing after it may be written: a broken connection loses a suffix of the
    // stream, never bytes in the middle of it.
    let torn = false;
    answer.on('data', (chunk: Buffer) => {
      if (cut || torn || stalled) return;
      if (faulty && chunk.length > 1 && random() < settings.sseTornChunkRate) {
        torn = true;
        counters.sseTornChunks += 1;
        res.write(chunk.subarray(0, Math.floor(chunk.length / 2)), () => cutNow());
        return;
      }
      res.write(chunk);
    });
    answer.on('end', () => {
      cleanup();
      if (!cut) res.end();
    });
    answer.on('error', () => cutNow());
    res.on('close', () => {
      cleanup();
      answer.destroy();
    });
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    counters,
    configure(next) {
      Object.assign(settings, stripUndefined(next));
    },
    cutStreams() {
      const cuts = [...openStreams];
      for (const cutNow of cuts) cutNow();
      return cuts.length;
    },
    stallStreams() {
      const stalls = [...stallers.values()];
      for (const stall of stalls) stall();
      stallers.clear();
      return stalls.length;
    },
    retarget(next) {
      target = new URL(next);
    },
    async close() {
      for (const cutNow of [...openStreams]) cutNow();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      upstreamAgent.destroy();
      await closed;
    },
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([key, v]) => v !== undefined && key !== 'target' && key !== 'seed' && key !== 'port')) as Partial<T>;
}
