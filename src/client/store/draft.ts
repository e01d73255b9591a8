// A batch of changes to an immutable StoreState: each changed branch is copied once per batch, untouched ones are shared.
import type { Message } from '../../contract/index.js';
import type { InboxState, MessageTimeline, StoreState } from '../store-types.js';
import { openRecord, sealRecord } from './layered-record.js';

export type RecordBranch = 'agents' | 'groups' | 'tags' | 'conversations' | 'customers' | 'readStates' | 'messages' | 'timelines';
type Mutable<K extends RecordBranch> = Record<string, StoreState[K][string]>;

export class Draft {
  readonly next: StoreState;
  private readonly copied = new Set<RecordBranch>();
  /** Timeline id arrays created by this batch: nobody has seen them yet, so they may change in place. */
  private readonly ownedIds = new Set<readonly string[]>();
  private hasChanges = false;

  constructor(base: StoreState) {
    this.next = { ...base };
  }

  get changed(): boolean {
    return this.hasChanges;
  }

  /** A writable copy of a record branch (copied on first use in this batch). */
  edit<K extends RecordBranch>(branch: K): Mutable<K> {
    if (!this.copied.has(branch)) {
      (this.next as Record<RecordBranch, unknown>)[branch] = openRecord(this.next[branch] as Readonly<Record<string, unknown>>);
      this.copied.add(branch);
    }
    this.hasChanges = true;
    return this.next[branch] as Mutable<K>;
  }

  /** The finished state; its records no longer accept writes. */
  finish(): StoreState {
    for (const branch of this.copied) {
      (this.next as Record<RecordBranch, unknown>)[branch] = sealRecord(this.next[branch] as Record<string, unknown>);
    }
    this.copied.clear();
    return this.next;
  }

  set<K extends keyof StoreState>(key: K, value: StoreState[K]): void {
    if (Object.is(this.next[key], value)) return;
    (this.next as unknown as Record<string, unknown>)[key] = value;
    this.hasChanges = true;
  }

  /** Stores entities by id, whatever is there. */
  putAll<K extends 'agents' | 'groups' | 'tags'>(branch: K, entities: readonly StoreState[K][string][]): void {
    const record = this.edit(branch);
    for (const entity of entities) record[entity.id] = entity;
  }

  /** Stores `entity` unless the branch already holds the same or a newer version. */
  putVersioned<K extends 'agents' | 'conversations' | 'customers' | 'readStates' | 'messages'>(
    branch: K,
    key: string,
    entity: StoreState[K][string],
  ): boolean {
    const existing = this.next[branch][key] as { version: number } | undefined;
    if (existing && existing.version >= (entity as { version: number }).version) return false;
    this.edit(branch)[key] = entity;
    return true;
  }

  remove(branch: RecordBranch, key: string): boolean {
    if (!(key in this.next[branch])) return false;
    delete this.edit(branch)[key];
    return true;
  }

  setInbox(changes: Partial<InboxState>): void {
    this.set('inbox', { ...this.next.inbox, ...changes });
  }

  setTimeline(conversationId: string, changes: Partial<MessageTimeline>): void {
    const current = this.next.timelines[conversationId] ?? { ids: [], hasMore: true, loading: false, error: null, errorCode: null };
    this.edit('timelines')[conversationId] = { ...current, ...changes };
  }

  /**
   * The ids of a timeline, writable until the batch ends: copied once per batch, so a page of messages
   * or a burst of events costs one copy of a long timeline instead of one per message.
   */
  timelineIds(conversationId: string): string[] {
    const current = this.next.timelines[conversationId];
    if (current && this.ownedIds.has(current.ids)) return current.ids as string[];
    const ids = current ? current.ids.slice() : [];
    this.ownedIds.add(ids);
    this.setTimeline(conversationId, { ids });
    return ids;
  }

  /** Takes a message out of `messages` and out of its timeline, if that is loaded. */
  removeMessage(conversationId: string, messageId: string): void {
    this.remove('messages', messageId);
    if (!this.next.timelines[conversationId]) return;
    const ids = this.timelineIds(conversationId);
    const at = ids.lastIndexOf(messageId);
    if (at >= 0) ids.splice(at, 1);
  }

  /** Places server messages that are not in the timeline yet at their `seq`. */
  insertMessages(conversationId: string, added: readonly Message[]): void {
    if (added.length === 0) return;
    const ids = this.timelineIds(conversationId);
    const merged = insertInTimeline(ids, added, this.next.messages);
    if (merged !== ids) {
      this.ownedIds.add(merged);
      this.setTimeline(conversationId, { ids: merged });
    }
  }
}

/** Optimistic messages carry their clientId as id until the server assigns one. */
export function isOptimistic(message: Message): boolean {
  return message.clientId !== null && message.id === message.clientId;
}

/** Above this many messages at once the general merge builds a new array instead of splicing in place. */
const SPLICE_MAX = 1_000;

/**
 * Timeline order: server messages by `seq`, then optimistic ones in the order they were sent.
 * Inserts `added` (server messages, none already in `ids`) into `ids`, in place when they go in one run
 * (a page of older messages before the first, new ones after the last); otherwise one merge by binary
 * search. Returns the array that holds the result: `ids` itself, or a new one.
 */
export function insertInTimeline(ids: string[], added: readonly Message[], messages: Readonly<Record<string, Message>>): string[] {
  if (added.length === 0) return ids;
  // Pages and event batches usually arrive in order already: sorting a copy of them is cheap (and stable).
  const sorted = [...added].sort((a, b) => a.seq - b.seq);
  const seqAt = (index: number): number => messages[ids[index]!]?.seq ?? Number.NEGATIVE_INFINITY;
  // Optimistic messages sit after every server message; the run of them at the end is short.
  let end = ids.length;
  while (end > 0) {
    const message = messages[ids[end - 1]!];
    if (message && !isOptimistic(message)) break;
    end -= 1;
  }
  const first = sorted[0]!.seq;
  const last = sorted[sorted.length - 1]!.seq;
  let at = -1;
  if (end === 0 || first >= seqAt(end - 1)) at = end;
  else if (last < seqAt(0)) at = 0;
  if (at >= 0 && sorted.length <= SPLICE_MAX) {
    ids.splice(at, 0, ...sorted.map((message) => message.id));
    return ids;
  }
  const merged: string[] = [];
  let from = 0;
  for (const message of sorted) {
    const to = upperBound(seqAt, from, end, message.seq);
    for (let i = from; i < to; i += 1) merged.push(ids[i]!);
    merged.push(message.id);
    from = to;
  }
  for (let i = from; i < ids.length; i += 1) merged.push(ids[i]!);
  return merged;
}

/** First index in [low, high) whose seq is above `seq` (equal seqs keep arrival order). */
function upperBound(seqAt: (index: number) => number, low: number, high: number, seq: number): number {
  let lo = low;
  let hi = high;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (seqAt(mid) <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
