// Retention: replay by Last-Event-ID only needs recent events, and an expired sign-in token is only
// worth keeping while it can still tell its holder why it stopped working; older ones are deleted.
import type { Clock } from '../clock.js';
import type { Queryable } from '../db/adapter.js';
import type { TokenLimits } from './context.js';

/** A week covers an agent away over a weekend; a stream older than what is kept gets `stream.reset`. */
export const DEFAULT_EVENT_RETENTION_MS = 7 * 24 * 3_600_000;
/** How often old events and long-expired tokens are deleted (besides once at startup). */
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

/**
 * An expired token answers "token expired: …" (not "unknown") for this long, so an agent back from a
 * weekend or a holiday learns why they must sign in again; after that it is deleted.
 */
export const EXPIRED_TOKEN_GRACE_MS = 14 * 24 * 3_600_000;

/**
 * Deletes sign-in tokens expired more than EXPIRED_TOKEN_GRACE_MS ago, by either limit (0 = that
 * limit is off). Tokens that never expire (the fixture's) stay.
 */
export async function pruneTokens(q: Queryable, clock: Clock, limits: TokenLimits): Promise<number> {
  const now = clock.now() - EXPIRED_TOKEN_GRACE_MS;
  const conditions: string[] = [];
  const params: string[] = [];
  if (limits.lifetimeMs > 0) {
    params.push(new Date(now - limits.lifetimeMs).toISOString());
    conditions.push(`created_at < $${params.length}`);
  }
  if (limits.idleMs > 0) {
    params.push(new Date(now - limits.idleMs).toISOString());
    conditions.push(`last_used_at < $${params.length}`);
  }
  if (!conditions.length) return 0;
  const rows = await q.query(
    `WITH gone AS (DELETE FROM tokens WHERE expires AND (${conditions.join(' OR ')}) RETURNING 1) SELECT count(*)::int AS n FROM gone`,
    params,
  );
  return Number(rows[0]?.n ?? 0);
}
