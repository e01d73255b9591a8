// Parts of an element that only a user action shows (dialogs, menus, pickers, the edit form)
// are their own chunk: the element's first render does not pay for them.
import type { ReactiveControllerHost } from 'lit';
import { lazyModule, type LazyModule } from '../../client/lazy-module.js';

/** A module loaded on first use; the host re-renders when it arrives. */
export class LazyPart<M> {
  private readonly module: LazyModule<M>;

  constructor(host: ReactiveControllerHost, load: () => Promise<M>) {
    this.module = lazyModule(`${(host as Partial<Element>).localName ?? 'an element'}'s part`, load, () => host.requestUpdate());
  }

  /** The module once loaded, else `undefined` (and loading starts; the host updates when it is in). */
  get value(): M | undefined {
    const module = this.module.value;
    if (!module) this.get().catch(() => {});
    return module;
  }

  /** Loads the module once and resolves with it. A failed load is a NetworkError and can be tried again. */
  get(): Promise<M> {
    return this.module.get();
  }
}
