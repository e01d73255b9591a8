// Time source of the server: the system clock in production, a manually advanced one in tests.

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to, so time-based rules are tested without waiting. */
export class TestClock implements Clock {
  private current: number;

  constructor(start: number = Math.floor(Date.now() / 1000) * 1000) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  advance(ms: number): number {
    this.current += ms;
    return this.current;
  }

  set(ms: number): void {
    this.current = ms;
  }
}

export function isoAt(clock: Clock): string {
  return new Date(clock.now()).toISOString();
}
