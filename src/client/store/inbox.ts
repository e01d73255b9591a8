// The inbox order kept incrementally: one changed conversation costs a binary search and two splices, not a re-sort.
import { compareKeys, insertionIndex, type SortKey } from '../rules/index.js';

export class InboxIndex {
  private keys: SortKey[] = [];
  private ids: string[] = [];
  private readonly byId = new Map<string, SortKey>();
  private published: readonly string[] = [];
  private dirty = false;

  get size(): number {
    return this.keys.length;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Replaces the whole index (query or sort order changed). */
  rebuild(keys: SortKey[]): void {
    this.keys = keys.sort(compareKeys);
    this.ids = this.keys.map((key) => key.id);
    this.byId.clear();
    for (const key of this.keys) this.byId.set(key.id, key);
    this.dirty = true;
  }

  /** Moves `id` to where `key` belongs, or removes it when `key` is null. Returns whether anything moved. */
  set(id: string, key: SortKey | null): boolean {
    const old = this.byId.get(id);
    if (old && key && compareKeys(old, key) === 0) return false;
    if (!old && !key) return false;
    if (old) {
      const at = insertionIndex(this.keys, old);
      this.keys.splice(at, 1);
      this.ids.splice(at, 1);
      this.byId.delete(id);
    }
    if (key) {
      const at = insertionIndex(this.keys, key);
      this.keys.splice(at, 0, key);
      this.ids.splice(at, 0, id);
      this.byId.set(id, key);
    }
    this.dirty = true;
    return true;
  }

  /** Whether the order changed since the last snapshot. */
  get changed(): boolean {
    return this.dirty;
  }

  /** An immutable copy of the ordered ids; the same array until the order changes. */
  snapshot(): readonly string[] {
    if (this.dirty) {
      this.published = this.ids.slice();
      this.dirty = false;
    }
    return this.published;
  }
}
