// Passwords (scrypt, salted), sign-in tokens (expiry, sign-out), and the per-request presence update.
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Agent, SignInResponse } from '../../src/contract/index.js';
import { iso, toAgent } from '../db/rows.js';
import type { Row } from '../db/adapter.js';
import { agentByEmail, agentByToken, deleteToken, insertToken, touchToken } from '../db/workspace.js';
import { updateById } from '../db/sql.js';
import { nowIso, type Services, type TokenLimits } from './context.js';
import { ServiceError } from './errors.js';
import { write } from './events.js';

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;
const KEY_LENGTH = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH);
  return `scrypt$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length);
  return timingSafeEqual(expected, actual);
}

const unauthorized = (reason: string) => new ServiceError('unauthorized', reason);

export async function signIn(services: Services, email: string, password: string): Promise<SignInResponse> {
  const row = await agentByEmail(services.db, email);
  // Hash anyway so a wrong e-mail costs as much time as a wrong password.
  const ok = row ? await verifyPassword(password, String(row.password_hash)) : (await hashPassword(password), false);
  if (!row || !ok) throw unauthorized('wrong e-mail or password');
  const token = `tok_${randomBytes(24).toString('base64url')}`;
  await insertToken(services.db, token, String(row.id), nowIso(services));
  return { token, agent: toAgent(row) };
}

/** Revokes `token`: from now on it is unknown everywhere. */
export async function signOut(services: Services, token: string): Promise<void> {
  await deleteToken(services.db, token);
}

/** Presence (and a token's last use) is written at most this often, so reads do not turn into writes. */
const SEEN_RESOLUTION_MS = 30_000;

const HOUR_MS = 3_600_000;
const span = (ms: number) => (ms % (24 * HOUR_MS) === 0 ? `${ms / (24 * HOUR_MS)} d` : ms % HOUR_MS === 0 ? `${ms / HOUR_MS} h` : `${Math.ceil(ms / 60_000)} min`);

/**
 * Why the token of `row` (from agentByToken) no longer works at `now`, or null while it does.
 * Its last use is recorded to within SEEN_RESOLUTION_MS, so an idle token may expire that much early.
 */
function expiryOf(row: Row, limits: TokenLimits, now: number): string | null {
  if (!row.token_expires) return null;
  if (limits.lifetimeMs > 0 && now - Date.parse(iso(row.token_created_at)) >= limits.lifetimeMs) {
    return `token expired: signed in more than ${span(limits.lifetimeMs)} ago; sign in again`;
  }
  if (limits.idleMs > 0 && now - Date.parse(iso(row.token_used_at)) >= limits.idleMs) {
    return `token expired: unused for ${span(limits.idleMs)}; sign in again`;
  }
  return null;
}

/** Whether `token` still works, without counting as activity (open event streams re-check with this). */
export async function tokenHolds(services: Services, token: string): Promise<boolean> {
  const row = await agentByToken(services.db, token);
  return row !== undefined && expiryOf(row, services.tokenLimits, services.clock.now()) === null;
}

/**
 * The agent owning `token`; records activity (renewing the token) and brings an offline agent back to
 * their chosen status. 401 for an unknown, revoked or expired token, with a reason telling which.
 */
export async function authenticate(services: Services, token: string): Promise<Agent> {
  const row = await agentByToken(services.db, token);
  if (!row) throw unauthorized('unknown or revoked token');
  const now = services.clock.now();
  const expired = expiryOf(row, services.tokenLimits, now);
  if (expired) throw unauthorized(expired);
  const agent = toAgent(row);
  const offline = agent.status === 'offline';
  const stale = (at: string) => now - Date.parse(at) >= SEEN_RESOLUTION_MS;
  const tokenStale = Boolean(row.token_expires) && stale(iso(row.token_used_at));
  if (!offline && !stale(agent.lastSeenAt) && !tokenStale) return agent;
  return write(services, async (q, events) => {
    // The same write renews the token: one agent with one token writes no more often than presence alone did.
    await touchToken(q, token, nowIso(services));
    if (!offline) {
      await q.query('UPDATE agents SET last_seen_at = $2 WHERE id = $1', [agent.id, nowIso(services)]);
      return { ...agent, lastSeenAt: nowIso(services) };
    }
    const back = toAgent((await updateById(q, 'agents', agent.id, { status: row.chosen_status, last_seen_at: nowIso(services) }))!);
    events.broadcast({ type: 'agent.updated', agent: back });
    return back;
  });
}
