// What every service needs: the database, the clock, the event hub and the URL signer.
import type { Db } from '../db/adapter.js';
import type { Clock } from '../clock.js';
import type { EventHub } from './hub.js';
import type { FileSigner } from './files.js';

export interface Services {
  db: Db;
  clock: Clock;
  hub: EventHub;
  files: FileSigner;
  /** Schedules a delivery-progress run (real timers only; tests drive it with tick()). */
  scheduleDelivery(): void;
}

export function nowIso(services: Pick<Services, 'clock'>): string {
  return new Date(services.clock.now()).toISOString();
}
