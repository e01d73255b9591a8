// A network that goes away whole (every request, and the event streams already open) until it is back.
// Plain fetch and AbortSignal: the node tests and the browser tests both use it.
import type { FetchLike } from '../../src/client/http.js';

export interface DroppingNetwork {
  fetch: FetchLike;
  down(): void;
  up(): void;
}

export function droppingNetwork(): DroppingNetwork {
  let offline = false;
  const streams = new Set<AbortController>();
  return {
    fetch: (url, init) => {
      if (offline) return Promise.reject(new TypeError('Failed to fetch: the network is down'));
      if (!url.includes('/api/events')) return fetch(url, init);
      const cut = new AbortController();
      streams.add(cut);
      return fetch(url, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, cut.signal]) : cut.signal });
    },
    down() {
      offline = true;
      for (const stream of streams) stream.abort();
      streams.clear();
    },
    up() {
      offline = false;
    },
  };
}
