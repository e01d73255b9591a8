// Base class of every <ow-*> element: finds the shared store (context or property), language and theme.
import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextConsumer } from '@lit/context';
import type { OwStoreApi } from '../../client/store-types.js';
import { storeContext } from './context.js';
import { isLanguageLoaded, languageOf, loadLanguage, t, type Language } from './i18n.js';
import './errors.strings.js';
import { StoreController } from './store-controller.js';

/** The connected elements, told when a `lang` attribute changes anywhere in the document. */
const speakers = new Set<OwElement>();
let langWatcher: MutationObserver | undefined;

/**
 * An element speaks the language of its nearest `lang`, across shadow roots: a change on the page,
 * on a host CRM's container or on `<ow-agent-console>` reaches every element under it. (A `lang`
 * changed inside another element's shadow root is not seen; the element's own attribute is.)
 */
function listenForLanguage(element: OwElement): void {
  speakers.add(element);
  if (langWatcher) return;
  langWatcher = new MutationObserver(() => {
    for (const speaker of speakers) speaker.relearnLanguage();
  });
  langWatcher.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

export abstract class OwElement extends LitElement {
  /** The shared store. Provided by an enclosing `<ow-session>`; set it directly on an element placed elsewhere. */
  @property({ attribute: false }) store?: OwStoreApi;

  /** `light`, `dark`, or unset to follow `prefers-color-scheme`. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  @state() protected contextStore?: OwStoreApi;
  @state() protected lang_: Language = 'es';

  private readonly controllers: StoreController<unknown>[] = [];

  constructor() {
    super();
    new ContextConsumer(this, {
      context: storeContext,
      subscribe: true,
      callback: (store) => {
        this.contextStore = store;
      },
    });
    this.select(
      (s) => s.connection,
      'idle',
      undefined,
      (now, before) => {
        if (now === 'open' && before === 'reconnecting') this.reconnected();
      },
    );
  }

  /** The realtime connection is back after a drop: an element loads again what failed to load meanwhile. */
  protected reconnected(): void {}

  /** The store in use: the property wins over the context. */
  protected get activeStore(): OwStoreApi | undefined {
    return this.store ?? this.contextStore;
  }

  /** Subscribes to a slice of the store; the element re-renders only when the slice changes (and `changed` hears of it). */
  protected select<T>(
    selector: (s: ReturnType<OwStoreApi['getState']>) => T,
    empty: T,
    equals?: (a: T, b: T) => boolean,
    changed?: (next: T, previous: T) => void,
  ): StoreController<T> {
    const controller = new StoreController(this, selector, empty, equals, changed);
    this.controllers.push(controller as StoreController<unknown>);
    return controller;
  }

  /** Re-reads every selected slice (call when a property a selector reads, like `conversationId`, changed). */
  protected refreshSelections(): void {
    for (const controller of this.controllers) controller.refresh();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.lang_ = languageOf(this);
    listenForLanguage(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    speakers.delete(this);
  }

  /** @internal Reads the language again from the nearest `lang` (one changed somewhere on the page). */
  relearnLanguage(): void {
    this.lang_ = languageOf(this);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('store') || changed.has('contextStore')) {
      for (const controller of this.controllers) controller.setStore(this.activeStore);
    }
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.relearnLanguage();
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  /** Renders in English or Portuguese only once that language's strings are in (one fetch per page). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const lang = this.lang_;
    if (isLanguageLoaded(lang)) return super.scheduleUpdate();
    return loadLanguage(lang).then(() => super.scheduleUpdate());
  }

  /** Localized string in this element's language. */
  protected t(key: string, params?: Record<string, string | number>): string {
    return t(this.lang_, key, params);
  }

  /** Fires an `ow-*` event that bubbles out of shadow roots; returns false if a listener cancelled it. */
  protected emit<K extends keyof HTMLElementEventMap>(type: K, detail: HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never, cancelable = false): boolean {
    return this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
  }
}
