// Subscribes an element to a slice of the shared store; the host re-renders only when that slice changed.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { OwStoreApi, Selector, StoreState } from '../../client/store-types.js';

export class StoreController<T> implements ReactiveController {
  value: T;
  private unsubscribe: (() => void) | null = null;
  private store: OwStoreApi | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly selector: Selector<T>,
    private readonly empty: T,
    private readonly equals: (a: T, b: T) => boolean = Object.is,
    /** Told of each change the store reports, with the slice before it. */
    private readonly changed?: (next: T, previous: T) => void,
  ) {
    this.value = empty;
    host.addController(this);
  }

  /** Points the controller at a store (or none); call when the host's store changes. */
  setStore(store: OwStoreApi | undefined): void {
    if (store === this.store) return;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.store = store;
    this.connect();
    this.host.requestUpdate();
  }

  /** Re-reads the slice, e.g. after a property the selector depends on changed. */
  refresh(): void {
    if (!this.store) return;
    const next = this.selector(this.store.getState());
    if (!this.equals(next, this.value)) {
      this.value = next;
      this.host.requestUpdate();
    }
  }

  hostConnected(): void {
    this.connect();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private connect(): void {
    if (!this.store || this.unsubscribe) return;
    this.value = this.selector(this.store.getState());
    this.unsubscribe = this.store.subscribe(
      (state: StoreState) => this.selector(state),
      (next, previous) => {
        this.value = next;
        this.host.requestUpdate();
        this.changed?.(next, previous);
      },
      this.equals,
    );
    if (this.value === undefined) this.value = this.empty;
  }
}

/** Shallow equality for arrays and plain objects of selected values. */
export function shallowEqual<T>(a: T, b: T): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
