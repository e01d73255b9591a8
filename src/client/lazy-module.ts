// Code that only some uses need loads as its own chunk, once: the client's request checks and upload, and the
// elements' parts that a user action shows (src/components/shared/lazy-part.ts).
import { NetworkError } from './errors.js';

export interface LazyModule<M> {
  /** The module once it arrived, else undefined: for a caller that must act synchronously. */
  readonly value: M | undefined;
  /** Loads the module once. A failed load is forgotten, so the next call tries again. */
  get(): Promise<M>;
}

/** Loads `load` at most once at a time and keeps what it gave; `onLoad` hears of its arrival. */
export function loadOnce<M>(load: () => Promise<M>, onLoad?: (module: M) => void): LazyModule<M> {
  let loading: Promise<M> | undefined;
  const part: { value: M | undefined; get(): Promise<M> } = {
    value: undefined,
    get: () =>
      (loading ??= load().then(
        (module) => {
          part.value = module;
          onLoad?.(module);
          return module;
        },
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      )),
  };
  return part;
}

/** A chunk loaded once; a failed load is a NetworkError (retryable like the request or action it held up). */
export function lazyModule<M>(what: string, load: () => Promise<M>, onLoad?: (module: M) => void): LazyModule<M> {
  return loadOnce(
    () =>
      load().catch((error: unknown) => {
        throw new NetworkError(`${what} could not be loaded: ${(error as Error)?.message ?? String(error)}`, { cause: error });
      }),
    onLoad,
  );
}
