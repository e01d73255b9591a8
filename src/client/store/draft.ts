// A batch of changes to an immutable StoreState: each changed branch is copied once per batch, untouched ones are shared.
import type { Message } from '../../contract/index.js';
import type { MessageTimeline, StoreState } from '../store-types.js';
import { openRecord, sealRecord } from './layered-record.js';

export type RecordBranch = 'agents' | 'groups' | 'tags' | 'conversations' | 'customers' | 'readStates' | 'messages' | 'timelines';
type Mutable<K extends RecordBranch> = Record<string, StoreState[K][string]>;

export class Draft {
  readonly next: StoreState;
  private readonly copied = new Set<RecordBranch>();
  private touched = false;

  constructor(readonly base: StoreState) {
    this.next = { ...base };
  }

  get changed(): boolean {
    return this.touched;
  }

  /** A writable copy of a record branch (copied on first use in this batch). */
  edit<K extends RecordBranch>(branch: K): Mutable<K> {
    if (!this.copied.has(branch)) {
      (this.next as Record<RecordBranch, unknown>)[branch] = openRecord(this.next[branch] as Readonly<Record<string, unknown>>);
      this.copied.add(branch);
    }
    this.touched = true;
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
    this.touched = true;
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

  setTimeline(conversationId: string, changes: Partial<MessageTimeline>): void {
    const current = this.next.timelines[conversationId] ?? emptyTimeline();
    this.edit('timelines')[conversationId] = { ...current, ...changes };
  }
}

export function emptyTimeline(): MessageTimeline {
  return { ids: [], hasMore: true, loading: false, error: null };
}

/** Optimistic messages carry their clientId as id until the server assigns one. */
export function isOptimistic(message: Message): boolean {
  return message.clientId !== null && message.id === message.clientId;
}

/**
 * Timeline order: server messages by `seq`, then optimistic ones in the order they were sent.
 * Walks from the end because new messages almost always belong there.
 */
export function insertInTimeline(ids: readonly string[], message: Message, messages: Readonly<Record<string, Message>>): string[] {
  const next = ids.slice();
  let at = next.length;
  if (!isOptimistic(message)) {
    while (at > 0) {
      const previous = messages[next[at - 1]!];
      if (previous && !isOptimistic(previous) && previous.seq <= message.seq) break;
      at -= 1;
    }
  }
  next.splice(at, 0, message.id);
  return next;
}
