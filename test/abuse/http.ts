// Raw HTTP for the abuse suite: bodies exactly as given (no client-side validation), answers as they come.
import http from 'node:http';

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- answers are probed field by field
}

export interface RawRequest {
  token?: string | null;
  /** Serialized as JSON. */
  json?: unknown;
  body?: string | Uint8Array | FormData;
  contentType?: string;
  headers?: Record<string, string>;
  /** Send once more when the reused connection turns out closed by the server (see `call`). */
  retryOnClosedConnection?: boolean;
}

export async function call(baseUrl: string, method: string, path: string, request: RawRequest = {}): Promise<RawAnswer> {
  const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
  if (request.token) headers.Authorization = `Bearer ${request.token}`;
  let body: BodyInit | undefined;
  if (request.json !== undefined) {
    body = JSON.stringify(request.json);
    headers['Content-Type'] = 'application/json';
  } else if (request.body !== undefined) {
    body = request.body as BodyInit;
    if (request.contentType) headers['Content-Type'] = request.contentType;
  }
  let response: Response;
  try {
    response = await fetch(baseUrl + path, { method, headers, body, redirect: 'manual' });
  } catch (error) {
    // A keep-alive connection the server closed after its previous answer: that request is pinned by its own
    // test; here the probe is sent again on a fresh connection.
    if (!request.retryOnClosedConnection || (error as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw error;
    response = await fetch(baseUrl + path, { method, headers, body, redirect: 'manual' });
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/**
 * A request over node:http, for what fetch will not send: a Content-Length that lies, or headers without a body.
 * Resolves with the answer as soon as the server answers, even if the body was never sent.
 */
export function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string | number>,
  body: Uint8Array | null,
  timeoutMs = 10_000,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path: url.pathname + url.search, headers });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`${method} ${path}: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        clearTimeout(timer);
        req.destroy();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text });
      });
      res.on('error', () => undefined);
    });
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    if (body) req.write(body);
    // With a lying Content-Length the request never ends on our side; the server must answer anyway.
    const declared = Number(headers['Content-Length'] ?? headers['content-length'] ?? NaN);
    if (!body || Number.isNaN(declared) || declared === body.length) req.end();
  });
}

/** Reads an SSE response for `ms` and returns its raw text (then aborts it). */
export async function readEventsFor(baseUrl: string, token: string, lastEventId: string | null, ms: number, query = ''): Promise<{ status: number; text: string }> {
  const controller = new AbortController();
  const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' };
  if (lastEventId !== null) headers['Last-Event-ID'] = lastEventId;
  const response = await fetch(`${baseUrl}/api/events${query}`, { headers, signal: controller.signal });
  if (!response.ok || !response.body) return { status: response.status, text: await response.text() };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // aborted after `ms`
  } finally {
    clearTimeout(timer);
  }
  return { status: response.status, text };
}

/** Data payloads of an SSE text, parsed. */
export function eventsIn(text: string): { id: number; type: string; [key: string]: unknown }[] {
  return text
    .split(/\n\n/)
    .map((block) => block.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trimStart()).join('\n'))
    .filter(Boolean)
    .map((data) => JSON.parse(data));
}
