// Passwords (scrypt, salted), sign-in tokens, and the per-request presence update.
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Agent, SignInResponse } from '../../src/contract/index.js';
import { toAgent } from '../db/rows.js';
import { agentByEmail, agentByToken, insertToken } from '../db/workspace.js';
import { updateById } from '../db/sql.js';
import { nowIso, type Services } from './context.js';
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

/** Presence is written at most this often per agent, so reads do not turn into writes. */
const SEEN_RESOLUTION_MS = 30_000;

/** The agent owning `token`; records activity and brings an offline agent back to their chosen status. */
export async function authenticate(services: Services, token: string): Promise<Agent> {
  const row = await agentByToken(services.db, token);
  if (!row) throw unauthorized('unknown or revoked token');
  const agent = toAgent(row);
  const now = services.clock.now();
  const offline = agent.status === 'offline';
  if (!offline && now - Date.parse(agent.lastSeenAt) < SEEN_RESOLUTION_MS) return agent;
  return write(services, async (q, events) => {
    if (!offline) {
      await q.query('UPDATE agents SET last_seen_at = $2 WHERE id = $1', [agent.id, nowIso(services)]);
      return { ...agent, lastSeenAt: nowIso(services) };
    }
    const back = toAgent((await updateById(q, 'agents', agent.id, { status: row.chosen_status, last_seen_at: nowIso(services) }))!);
    events.broadcast({ type: 'agent.updated', agent: back });
    return back;
  });
}
