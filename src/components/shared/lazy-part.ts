// Parts of an element that only a user action shows (dialogs, menus, pickers, the edit form)
// are their own chunk: the element's first render does not pay for them.
import type { ReactiveControllerHost } from 'lit';

/** A module loaded on first use; the host re-renders when it arrives. */
export class LazyPart<M> {
  private module?: M;
  private loading?: Promise<M>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly load: () => Promise<M>,
  ) {}

  /** The module once loaded, else `undefined` (and loading starts; the host updates when it is in). */
  get value(): M | undefined {
    if (!this.module) this.get().catch(() => {});
    return this.module;
  }

  /** Loads the module once and resolves with it. A failed load (network) can be tried again. */
  get(): Promise<M> {
    this.loading ??= this.load().then(
      (module) => {
        this.module = module;
        this.host.requestUpdate();
        return module;
      },
      (error: unknown) => {
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }
}
