// What every service needs: the database, the clock, the event hub and the URL signer.
import type { Db } from '../db/adapter.js';
import type { Clock } from '../clock.js';
import type { EventHub } from './hub.js';
import type { FileSigner } from './files.js';

/** How long a sign-in token lasts; 0 turns a limit off. */
export interface TokenLimits {
  /** Unused this long, the token expires; every authenticated request renews it. */
  idleMs: number;
  /** This long after sign-in the token expires, however much it is used. */
  lifetimeMs: number;
}

/** Suits agents working shifts: overnight is idle, a month forces a fresh sign-in. */
export const DEFAULT_TOKEN_LIMITS: TokenLimits = { idleMs: 12 * 3_600_000, lifetimeMs: 30 * 24 * 3_600_000 };

export interface Services {
  db: Db;
  clock: Clock;
  tokenLimits: TokenLimits;
  hub: EventHub;
  files: FileSigner;
  /** Schedules a delivery-progress run (real timers only; tests drive it with tick()). */
  scheduleDelivery(): void;
}

export function nowIso(services: Pick<Services, 'clock'>): string {
  return new Date(services.clock.now()).toISOString();
}
