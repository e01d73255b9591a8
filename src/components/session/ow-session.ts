// Gives every <ow-*> element inside it one shared client and store, through @lit/context.
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { OwClient } from '../../client/api-client.js';
import { ApiError } from '../../client/errors.js';
import { createStore } from '../../client/store.js';
import type { OwStoreApi } from '../../client/store-types.js';
import { clientContext, storeContext } from '../shared/context.js';
import { failureCodeOf, reasonOf, type FailureCode } from '../../client/errors.js';
import { shallowEqual } from '../shared/store-controller.js';

export interface SessionReadyDetail {
  store: OwStoreApi;
  client: OwClient | undefined;
}

export interface SessionErrorDetail {
  /** Why the session failed, in the client's words, e.g. "unknown or revoked token". */
  reason: string;
  /** HTTP status when the server refused (401 for a bad token), else null. */
  status: number | null;
  /** Its kind (`unauthorized`, `network`…), to say it in the agent's language; null for a configuration error. */
  code: FailureCode | null;
  error: unknown;
}

/**
 * Provides the client and store to every `<ow-*>` element inside it. Give it `base-url` and
 * `token` and it creates, starts and (when removed from the page) stops its own store; or give it
 * a ready `client` (it creates the store) or a ready `store` (used as is, never stopped by it).
 *
 * @attr base-url - Origin of the server, e.g. `https://crm.example.com`; empty for the page's origin.
 * @attr token - The agent's bearer token.
 * @fires {CustomEvent<SessionReadyDetail>} ow-session-ready - The store has loaded the agent's bootstrap data; `detail.store`, `detail.client`.
 * @fires {CustomEvent<SessionErrorDetail>} ow-session-error - The session could not start or was refused later (bad token, server down); `detail.reason`, `detail.status`, `detail.code`.
 * @slot - The elements that share this session.
 */
@customElement('ow-session')
export class OwSession extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  @property({ attribute: 'base-url' }) baseUrl = '';
  @property() token = '';
  /** A ready client; the session creates the store over it. */
  @property({ attribute: false }) client?: OwClient;
  /** A ready store; the session only provides it (the owner starts and stops it). */
  @property({ attribute: false }) store?: OwStoreApi;

  private readonly storeProvider = new ContextProvider(this, { context: storeContext });
  private readonly clientProvider = new ContextProvider(this, { context: clientContext });

  /** The store this session created and must stop; null when it uses a given store. */
  private ownedStore: OwStoreApi | null = null;
  private activeStore: OwStoreApi | undefined;
  private stopWatching: (() => void) | null = null;
  private generation = 0;

  /** The store in use (given or created), once there is one. */
  get currentStore(): OwStoreApi | undefined {
    return this.activeStore;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back on the page after a removal: the stopped store is replaced by a fresh one.
    if (this.hasUpdated && !this.activeStore) this.setUp();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.tearDown();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('baseUrl') || changed.has('token') || changed.has('client') || changed.has('store')) this.setUp();
  }

  protected override render() {
    return html`<slot></slot>`;
  }

  private setUp(): void {
    this.tearDown();
    const generation = ++this.generation;
    let client: OwClient | undefined;
    try {
      client = this.client ?? (this.token ? new OwClient({ baseUrl: this.baseUrl, token: this.token }) : undefined);
    } catch (error) {
      // A base-url that is no URL: said like any other failure to start.
      this.reportFailure(error);
      return;
    }
    const store = this.store ?? (client ? createStore({ client }) : undefined);
    this.clientProvider.setValue(client);
    this.storeProvider.setValue(store);
    this.activeStore = store;
    if (!store) return;
    this.watch(store, generation);
    if (this.store) {
      if (store.getState().ready) this.announceReady(store, client, generation);
      return;
    }
    this.ownedStore = store;
    store.start().then(
      () => this.announceReady(store, client, generation),
      (error: unknown) => {
        if (generation === this.generation) this.reportFailure(error);
      },
    );
  }

  /** Reports readiness of a store started elsewhere, and errors that arrive after the start. */
  private watch(store: OwStoreApi, generation: number): void {
    this.stopWatching = store.subscribe(
      (s) => [s.ready, s.error, s.errorStatus, s.errorCode] as const,
      ([ready, error, status, code], [wasReady]) => {
        if (generation !== this.generation) return;
        if (ready && !wasReady && this.store === store) this.announceReady(store, this.client, generation);
        // Refused later (token expired or revoked): same event, with the status, so the page can sign in again.
        if (ready && error) this.fire<SessionErrorDetail>('ow-session-error', { reason: error, status, code, error: new Error(error) });
      },
      shallowEqual,
    );
  }

  private announceReady(store: OwStoreApi, client: OwClient | undefined, generation: number): void {
    if (generation === this.generation) this.fire<SessionReadyDetail>('ow-session-ready', { store, client });
  }

  private reportFailure(error: unknown): void {
    // A refusal without a reason is told by its code (an ApiError's message).
    this.fire<SessionErrorDetail>('ow-session-error', { reason: reasonOf(error), status: error instanceof ApiError ? error.status : null, code: failureCodeOf(error), error });
  }

  private fire<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
  }

  private tearDown(): void {
    this.generation++;
    this.stopWatching?.();
    this.stopWatching = null;
    this.ownedStore?.stop();
    this.ownedStore = null;
    this.activeStore = undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ow-session': OwSession;
  }
  interface HTMLElementEventMap {
    'ow-session-ready': CustomEvent<SessionReadyDetail>;
    'ow-session-error': CustomEvent<SessionErrorDetail>;
  }
}
