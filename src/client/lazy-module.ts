// Parts of the client that only some requests use (request checks, the upload) are their own chunk.
import { NetworkError } from './errors.js';

export interface LazyModule<M> {
  /** The module once it arrived, else undefined: for a caller that must act synchronously. */
  readonly value: M | undefined;
  /** Loads the module once. A failed load is a NetworkError (retryable like the request it held up) and is tried again next time. */
  get(): Promise<M>;
}

export function lazyModule<M>(what: string, load: () => Promise<M>): LazyModule<M> {
  let loading: Promise<M> | undefined;
  const part: { value: M | undefined; get(): Promise<M> } = {
    value: undefined,
    get: () =>
      (loading ??= load().then(
        (module) => (part.value = module),
        (error: unknown) => {
          loading = undefined;
          throw new NetworkError(`${what} could not be loaded: ${(error as Error)?.message ?? String(error)}`, { cause: error });
        },
      )),
  };
  return part;
}
