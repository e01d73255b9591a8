// One timer per period for every waiting badge on the page, however many rows and inboxes show them.
type Listener = (now: number) => void;

interface Tick {
  timer: ReturnType<typeof setInterval>;
  listeners: Set<Listener>;
}

const ticks = new Map<number, Tick>();

/** Calls `listener` every `periodMs` from a timer shared with every other listener of that period. */
export function onTick(periodMs: number, listener: Listener): () => void {
  let tick = ticks.get(periodMs);
  if (!tick) {
    const listeners = new Set<Listener>();
    tick = { listeners, timer: setInterval(() => listeners.forEach((l) => l(Date.now())), periodMs) };
    ticks.set(periodMs, tick);
  }
  tick.listeners.add(listener);
  return () => {
    const current = ticks.get(periodMs);
    if (!current) return;
    current.listeners.delete(listener);
    if (current.listeners.size === 0) {
      clearInterval(current.timer);
      ticks.delete(periodMs);
    }
  };
}
