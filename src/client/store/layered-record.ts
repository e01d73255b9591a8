// A read-only record for large entity branches (100,000 conversations): a new version costs a small delta copy,
// not a copy of every key. It behaves as a plain object for reads, `in`, Object.keys/values/entries and JSON.
const REMOVED: unique symbol = Symbol('removed');
type Slot<V> = V | typeof REMOVED;

interface Layers<V> {
  base: Map<string, V>;
  delta: Map<string, Slot<V>>;
  /** Open while its draft is being built; sealed records reject writes. */
  open: boolean;
}

const layersOf = new WeakMap<object, Layers<unknown>>();

/** Branches below this size stay plain objects (cheap to copy, friendlier to inspect). */
export const LAYERED_MIN_SIZE = 512;

function lookup<V>(layers: Layers<V>, key: string): V | undefined {
  const slot = layers.delta.get(key);
  if (slot !== undefined) return slot === REMOVED ? undefined : slot;
  return layers.base.get(key);
}

function keysOf<V>(layers: Layers<V>): string[] {
  const keys: string[] = [];
  for (const key of layers.base.keys()) {
    if (layers.delta.get(key) !== REMOVED) keys.push(key);
  }
  for (const [key, slot] of layers.delta) {
    if (slot !== REMOVED && !layers.base.has(key)) keys.push(key);
  }
  return keys;
}

function makeRecord<V>(layers: Layers<V>): Record<string, V> {
  const proxy = new Proxy({} as Record<string, V>, {
    get: (_target, key) => (typeof key === 'string' ? lookup(layers, key) : undefined),
    has: (_target, key) => typeof key === 'string' && lookup(layers, key) !== undefined,
    ownKeys: () => keysOf(layers),
    getOwnPropertyDescriptor: (_target, key) => {
      if (typeof key !== 'string') return undefined;
      const value = lookup(layers, key);
      return value === undefined ? undefined : { value, writable: false, enumerable: true, configurable: true };
    },
    set: (_target, key, value: V) => {
      if (!layers.open || typeof key !== 'string') return false;
      layers.delta.set(key, value);
      return true;
    },
    deleteProperty: (_target, key) => {
      if (!layers.open || typeof key !== 'string') return false;
      if (layers.base.has(key)) layers.delta.set(key, REMOVED);
      else layers.delta.delete(key);
      return true;
    },
    defineProperty: () => false,
    setPrototypeOf: () => false,
  });
  layersOf.set(proxy, layers as Layers<unknown>);
  return proxy;
}

/**
 * A writable next version of `record` for one draft: a layered record when the branch is large,
 * else a plain copy. Call `sealRecord` on it when the draft is committed.
 */
export function openRecord<V>(record: Readonly<Record<string, V>>): Record<string, V> {
  const layers = layersOf.get(record) as Layers<V> | undefined;
  if (layers) return makeRecord({ base: layers.base, delta: new Map(layers.delta), open: true });
  const copy = { ...record };
  return copy;
}

/** Ends the writes to an opened record; folds a grown delta into a new base now and then. */
export function sealRecord<V>(record: Record<string, V>): Readonly<Record<string, V>> {
  const layers = layersOf.get(record) as Layers<V> | undefined;
  if (!layers) {
    const keys = Object.keys(record);
    if (keys.length < LAYERED_MIN_SIZE) return record;
    return makeRecord({ base: new Map(keys.map((key) => [key, record[key]!])), delta: new Map(), open: false });
  }
  layers.open = false;
  // The delta is copied by every later version, so keep it around sqrt(size): O(sqrt n) per version, amortized.
  if (layers.delta.size > Math.max(256, Math.sqrt(layers.base.size))) {
    const base = new Map(layers.base);
    for (const [key, slot] of layers.delta) {
      if (slot === REMOVED) base.delete(key);
      else base.set(key, slot);
    }
    return makeRecord({ base, delta: new Map(), open: false });
  }
  return record;
}

/** Values of a record, iterating the layers directly when it is a layered one. */
export function recordValues<V>(record: Readonly<Record<string, V>>): V[] {
  const layers = layersOf.get(record) as Layers<V> | undefined;
  if (!layers) return Object.values(record);
  const values: V[] = [];
  for (const [key, value] of layers.base) {
    if (!layers.delta.has(key)) values.push(value);
  }
  for (const slot of layers.delta.values()) {
    if (slot !== REMOVED) values.push(slot);
  }
  return values;
}
