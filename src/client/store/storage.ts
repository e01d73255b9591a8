// Where the outbox is persisted: localStorage in browsers, memory elsewhere (or any compatible storage).

/** The subset of the Web Storage API the store uses. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export class MemoryStorage implements KeyValueStorage {
  private readonly stored = new Map<string, string>();

  getItem(key: string): string | null {
    return this.stored.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    this.stored.set(key, value);
  }

  removeItem(key: string): void {
    this.stored.delete(key);
  }
}

/** `localStorage` when the platform has a usable one, else a fresh in-memory storage. */
export function defaultStorage(): KeyValueStorage {
  try {
    const local = (globalThis as { localStorage?: KeyValueStorage }).localStorage;
    if (local) {
      const probe = '__ow_probe__';
      local.setItem(probe, '1');
      local.removeItem(probe);
      return local;
    }
  } catch {
    // Storage disabled (private mode, sandboxed iframe): fall back to memory.
  }
  return new MemoryStorage();
}
