// The inbox order kept incrementally: one changed conversation costs a binary search and two splices, not a re-sort.
import { compareKeys, insertionIndex, type SortKey } from '../rules/index.js';

export class InboxIndex {
  private sortedKeys: SortKey[] = [];
  private sortedIds: string[] = [];
  private readonly byId = new Map<string, SortKey>();
  private published: readonly string[] = [];
  private dirty = false;

  /** Replaces the whole index (query or sort order changed). */
  rebuild(keys: SortKey[]): void {
    this.sortedKeys = keys.sort(compareKeys);
    this.sortedIds = this.sortedKeys.map((key) => key.id);
    this.byId.clear();
    for (const key of this.sortedKeys) this.byId.set(key.id, key);
    this.dirty = true;
  }

  /** Moves `id` to where `key` belongs, or removes it when `key` is null. Returns whether anything moved. */
  set(id: string, key: SortKey | null): boolean {
    const old = this.byId.get(id);
    if (old && key && compareKeys(old, key) === 0) return false;
    if (!old && !key) return false;
    if (old) {
      const at = insertionIndex(this.sortedKeys, old);
      this.sortedKeys.splice(at, 1);
      this.sortedIds.splice(at, 1);
      this.byId.delete(id);
    }
    if (key) {
      const at = insertionIndex(this.sortedKeys, key);
      this.sortedKeys.splice(at, 0, key);
      this.sortedIds.splice(at, 0, id);
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
      this.published = this.sortedIds.slice();
      this.dirty = false;
    }
    return this.published;
  }
}
