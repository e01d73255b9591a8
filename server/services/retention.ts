// Retention of the events table: replay by Last-Event-ID only needs recent events, so older ones are deleted.
import type { Clock } from '../clock.js';
import type { Queryable } from '../db/adapter.js';

/** A week covers an agent away over a weekend; a stream older than what is kept gets `stream.reset`. */
export const DEFAULT_EVENT_RETENTION_MS = 7 * 24 * 3_600_000;
/** How often old events are deleted (besides once at startup). */
export const EVENT_PRUNE_INTERVAL_MS = 3_600_000;

/**
 * Deletes events stored more than `maxAgeMs` ago; 0 keeps everything. The newest event always stays,
 * so the newest id (bootstrap's `lastEventId`, the start of every live stream) never goes back.
 */
export async function pruneEvents(q: Queryable, clock: Clock, maxAgeMs: number): Promise<number> {
  if (maxAgeMs <= 0) return 0;
  const before = new Date(clock.now() - maxAgeMs).toISOString();
  const rows = await q.query(
    'WITH gone AS (DELETE FROM events WHERE at < $1 AND id < (SELECT max(id) FROM events) RETURNING 1) SELECT count(*)::int AS n FROM gone',
    [before],
  );
  return Number(rows[0]?.n ?? 0);
}
