// Inbox sort orders (SPEC 3), shared by the store (live re-sort) and the server (paging).
import type { Conversation, ReadState, SortOrder } from '../../contract/index.js';
import { waitingSince } from './waiting.js';

/**
 * A sort key: conversations compare by `primary` ascending, then `secondary` ascending, then id.
 * Keys are numbers so a sorted array can be kept with a binary search.
 */
export interface SortKey {
  primary: number;
  secondary: number;
  id: string;
}

const NEVER = Number.MAX_SAFE_INTEGER;

/**
 * - `waiting`: waiting conversations first, longest-waiting first; then the rest by last activity, newest first.
 * - `activity`: most recent exchange first.
 * - `assignment`: earliest assigned first; never-assigned last.
 */
export function sortKey(conversation: Conversation, readState: ReadState | null | undefined, order: SortOrder): SortKey {
  const activity = Date.parse(conversation.lastActivityAt);
  switch (order) {
    case 'waiting': {
      const since = waitingSince(conversation, readState);
      return since === null
        ? { primary: 1, secondary: -activity, id: conversation.id }
        : { primary: 0, secondary: Date.parse(since), id: conversation.id };
    }
    case 'activity':
      return { primary: -activity, secondary: 0, id: conversation.id };
    case 'assignment':
      return {
        primary: conversation.assignedAt ? Date.parse(conversation.assignedAt) : NEVER,
        secondary: -activity,
        id: conversation.id,
      };
  }
}

export function compareKeys(a: SortKey, b: SortKey): number {
  return a.primary - b.primary || a.secondary - b.secondary || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Index at which `key` belongs in `keys` (sorted by `compareKeys`). */
export function insertionIndex(keys: readonly SortKey[], key: SortKey): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareKeys(keys[mid]!, key) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Opaque cursor for server paging: the key of the last row of a page. */
export function encodeCursor(key: SortKey): string {
  return `${key.primary}:${key.secondary}:${key.id}`;
}

export function decodeCursor(cursor: string): SortKey | null {
  const match = /^(-?\d+):(-?\d+):([A-Za-z0-9_-]{1,64})$/.exec(cursor);
  if (!match) return null;
  return { primary: Number(match[1]), secondary: Number(match[2]), id: match[3]! };
}
