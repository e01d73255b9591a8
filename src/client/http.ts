// Shared request plumbing of OwClient and SimClient: JSON in and out, typed errors (local validation is checks.ts).
import type { ErrorBody } from '../contract/api.js';
import { ApiError, NetworkError, isAbortError } from './errors.js';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Gives up (NetworkError) when the whole answer has not arrived within this many milliseconds. */
  timeoutMs?: number;
}

/** A query as the URL carries it: strings only, empty values left out. */
export function queryOf(params: object): Record<string, string> {
  const entries = Object.entries(params).filter(([, value]) => value !== undefined && value !== '');
  return Object.fromEntries(entries.map(([key, value]) => [key, String(value)]));
}

export function queryString(query: Record<string, string | number | undefined> | undefined): string {
  const text = new URLSearchParams(queryOf(query ?? {})).toString();
  return text ? `?${text}` : '';
}

export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

export function seg(id: string): string {
  return encodeURIComponent(id);
}

/** Calls `fetch`, mapping transport failures to NetworkError and non-2xx answers to ApiError. */
export async function send(fetchFn: FetchLike, url: string, method: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetchFn(url + queryString(options.query), { method, headers, body, signal: options.signal });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new NetworkError(`${method} ${url} failed: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
  if (!response.ok) throw apiErrorFrom(response.status, await response.text().catch(() => ''), response.statusText);
  return response;
}

export async function sendJson<T>(fetchFn: FetchLike, url: string, method: string, options: RequestOptions = {}): Promise<T> {
  const { timeoutMs, signal } = options;
  // A request the server never answers would otherwise wait forever (and an outbox entry with it).
  const controller = new AbortController();
  const forward = () => controller.abort(signal?.reason);
  if (signal?.aborted) forward();
  signal?.addEventListener('abort', forward, { once: true });
  let timedOut = false;
  const timer = timeoutMs
    ? setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs)
    : undefined;
  try {
    const response = await send(fetchFn, url, method, { ...options, signal: controller.signal });
    try {
      return (await response.json()) as T;
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw new NetworkError(`${method} ${url}: the response body could not be read`, { cause: error });
    }
  } catch (error) {
    if (timedOut) throw new NetworkError(`${method} ${url}: no answer within ${timeoutMs} ms`, { cause: error });
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forward);
  }
}

export function apiErrorFrom(status: number, text: string, statusText: string): ApiError {
  let body: ErrorBody | null = null;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object' && typeof (parsed as ErrorBody).error === 'string') body = parsed as ErrorBody;
  } catch {
    // Not JSON (e.g. a proxy's HTML page): keep the status text as the reason.
  }
  return new ApiError(status, body, statusText || `HTTP ${status}`);
}

/** The platform fetch, bound so it can be called detached from `globalThis`. */
export function defaultFetch(): FetchLike {
  return (input, init) => globalThis.fetch(input, init);
}
