// Fan-out of persisted events to live subscribers, in id order. Every instance pulls new rows from the
// events table when poked: after its own commits, and on PostgreSQL on each NOTIFY from any instance.
import type { OwEvent } from '../../src/contract/index.js';
import type { Db, Row } from '../db/adapter.js';
import { iso } from '../db/rows.js';
import { lastEventId } from '../db/workspace.js';
import type { ConversationAudience, StoredEvent } from './events.js';

export type Subscriber = (stored: StoredEvent) => void;

export function toStoredEvent(row: Row): StoredEvent {
  const payload = (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as Omit<OwEvent, 'id' | 'at'>;
  return {
    event: { id: Number(row.id), at: iso(row.at), ...payload } as OwEvent,
    audience: {
      scoped: Boolean(row.scoped),
      groupId: (row.group_id as string | null) ?? null,
      assigneeId: (row.assignee_id as string | null) ?? null,
      targetAgentId: (row.target_agent_id as string | null) ?? null,
      customerId: (row.customer_id as string | null) ?? null,
      customerVisible: Boolean(row.customer_visible),
      conversations: (typeof row.audiences === 'string' ? JSON.parse(row.audiences) : (row.audiences ?? null)) as ConversationAudience[] | null,
    },
  };
}

export class EventHub {
  private lastDelivered = 0;
  private readonly subscribers = new Set<Subscriber>();
  private pulling: Promise<void> | null = null;
  private again = false;
  private unlisten: (() => Promise<void>) | null = null;
  private stopped = false;

  /** `tag` names this database (schema) inside the shared NOTIFY channel. */
  constructor(
    private readonly db: Db,
    readonly channel = 'ow_events',
    readonly tag = 'public',
  ) {}

  async start(): Promise<void> {
    this.lastDelivered = await lastEventId(this.db);
    if (this.db.listen) {
      this.unlisten = await this.db.listen(
        this.channel,
        (payload) => {
          if (payload === this.tag) void this.poke();
        },
        () => void this.poke(),
      );
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.subscribers.clear();
    await this.unlisten?.();
    await this.pulling?.catch(() => undefined);
  }

  subscribe(subscriber: Subscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /** Id of the newest stored event (0 when none). */
  latestId(): Promise<number> {
    return lastEventId(this.db);
  }

  /** Id of the oldest event still stored (0 when none): older ones were pruned. */
  async oldestId(): Promise<number> {
    const row = (await this.db.query('SELECT coalesce(min(id), 0) AS id FROM events'))[0];
    return Number(row?.id ?? 0);
  }

  /** Persisted events with id > `afterId`, oldest first. */
  async since(afterId: number, limit = 1000): Promise<StoredEvent[]> {
    const rows = await this.db.query('SELECT * FROM events WHERE id > $1 ORDER BY id LIMIT $2', [afterId, limit]);
    return rows.map(toStoredEvent);
  }

  /** Delivers every event committed since the last delivery. */
  poke(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.pulling) {
      this.again = true;
      return this.pulling;
    }
    this.pulling = this.pull()
      .catch((error: unknown) => {
        if (!this.stopped) console.error('[events] delivery failed:', (error as Error).message);
      })
      .finally(() => {
        this.pulling = null;
        if (this.again && !this.stopped) {
          this.again = false;
          void this.poke();
        }
      });
    return this.pulling;
  }

  private async pull(): Promise<void> {
    for (;;) {
      const batch = await this.since(this.lastDelivered, 500);
      for (const stored of batch) {
        this.lastDelivered = stored.event.id;
        for (const subscriber of this.subscribers) {
          try {
            subscriber(stored);
          } catch (error) {
            console.error('[events] subscriber failed:', (error as Error).message);
          }
        }
      }
      if (batch.length < 500) return;
    }
  }
}
