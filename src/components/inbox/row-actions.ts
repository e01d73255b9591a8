// The row actions of <ow-inbox>: the floating ⋮ button beside the hovered or focused row, and its
// menu (mark read, or unread: whichever changes the row). Only pointing at or focusing a row shows
// them, so they are their own chunk, loaded on the first hover, focus or Shift+F10 in the list. It
// imports nothing the elements do not already share (lit aside), so loading it splits no other
// module out of the eager bundle: positions are set through the style object after each render,
// not styleMap.
import { adoptStyles, css, html, nothing, type LitElement, type ReactiveController, type TemplateResult } from 'lit';
import { unreadCount } from '../../client/rules/index.js';
import type { OwStoreApi } from '../../client/store-types.js';
import './row-actions.strings.js';

/** What the row actions need of their inbox. */
export interface RowActionsHost {
  element: LitElement;
  t(key: string, params?: Record<string, string | number>): string;
  /** Why `error` happened, in the element's language. */
  reason(error: unknown): string;
  store(): OwStoreApi | undefined;
  announce(text: string): void;
}

interface Shown {
  /** The row the button and menu act on; empty while neither shows. */
  conversationId: string;
  /** The button's offset from the top of the list, beside its row. */
  top: number;
  menuOpen: boolean;
  /**
   * What the open menu offers: the one that changes the row, read for an unread row and unread for a
   * read one. Chosen as it opens and kept while it stays open, so Enter does what the agent read.
   */
  action: Action;
}

type Action = 'read' | 'unread';

const styles = css`
  [part~='row-actions'] {
    position: absolute;
    right: calc(var(--_space) / 2);
    width: 30px;
    height: 30px;
    border-radius: 50%;
    font-size: 18px;
    line-height: 1;
    opacity: 0;
  }
  .list-wrap:hover [part~='row-actions'],
  .list-wrap:focus-within [part~='row-actions'],
  [part~='row-actions'][aria-expanded='true'] {
    opacity: 1;
  }
  [part~='menu'] {
    position: absolute;
    right: calc(var(--_space) / 2);
    z-index: 2;
    min-width: 12rem;
    display: flex;
    flex-direction: column;
    padding: 4px;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.18);
  }
  [part~='menu-item'] {
    text-align: start;
    padding: 8px 10px;
    border: 0;
    border-radius: calc(var(--_radius) - 4px);
    background: transparent;
    color: var(--_text);
    font: inherit;
    cursor: pointer;
  }
  [part~='menu-item']:hover,
  [part~='menu-item']:focus {
    background: var(--_surface);
  }
`;

export class RowActions implements ReactiveController {
  private shown: Shown = { conversationId: '', top: 0, menuOpen: false, action: 'read' };
  private returnFocus: HTMLElement | null = null;
  private readonly root: ShadowRoot;

  private readonly onOutsidePointer = (event: PointerEvent) => {
    if (!event.composedPath().some((node) => node instanceof HTMLElement && /\b(menu|row-actions)\b/.test(node.getAttribute('part') ?? ''))) this.close(false);
  };

  constructor(private readonly host: RowActionsHost) {
    const element = host.element;
    this.root = element.renderRoot as ShadowRoot;
    // Their look arrives with them, after the inbox's own styles.
    adoptStyles(this.root, [...(element.constructor as typeof LitElement).elementStyles, styles]);
    element.addController(this);
  }

  /** Places the button beside its row and the menu beside the button (above it when no room is left below). */
  hostUpdated(): void {
    const { top } = this.shown;
    const button = this.root.querySelector<HTMLElement>('[part~="row-actions"]');
    const menu = this.root.querySelector<HTMLElement>('[part~="menu"]');
    const height = this.root.querySelector('.list-wrap')?.clientHeight ?? 0;
    const below = top + 34;
    if (button) button.style.top = `${top}px`;
    if (!menu) return;
    const tall = menu.offsetHeight;
    menu.style.top = `${below + tall > height && top > tall + 4 ? top - tall - 4 : below}px`;
  }

  /** The inbox re-renders only when what shows changed (scrolling calls this often). */
  private update(changes: Partial<Shown>): void {
    const next = { ...this.shown, ...changes };
    const shown = this.shown;
    if (next.conversationId === shown.conversationId && next.top === shown.top && next.menuOpen === shown.menuOpen && next.action === shown.action) return;
    this.shown = next;
    this.host.element.requestUpdate();
  }

  private rowFor(conversationId: string): HTMLElement | null {
    return this.root.querySelector<HTMLElement>(`[role="option"][data-id="${CSS.escape(conversationId)}"]`);
  }

  private topOf(row: HTMLElement): number {
    const wrap = this.root.querySelector('.list-wrap');
    if (!wrap) return 0;
    const box = row.getBoundingClientRect();
    return box.top - wrap.getBoundingClientRect().top + (box.height - 30) / 2;
  }

  /** Puts the button beside a row the pointer or focus reached (the open menu stays with its row). */
  show(row: HTMLElement): void {
    if (!this.shown.menuOpen && row.dataset.id) this.update({ conversationId: row.dataset.id, top: this.topOf(row) });
  }

  /** Keeps the button beside its row while the list scrolls; a row scrolled away takes them away. */
  place(): void {
    const { conversationId, menuOpen } = this.shown;
    if (!conversationId) return;
    const row = this.rowFor(conversationId);
    const top = row ? this.topOf(row) : 0;
    if (!row) {
      if (!menuOpen) this.update({ conversationId: '' });
    } else if (top < -10 || top > (this.root.querySelector('.list-wrap')?.clientHeight ?? 0)) {
      this.close(false);
      this.update({ conversationId: '' });
    } else this.update({ top });
  }

  /** Opens the menu of a conversation and focuses its first item; `returnFocus` gets focus back on close. */
  async open(conversationId: string, returnFocus: HTMLElement): Promise<void> {
    if (!conversationId) return;
    const row = this.rowFor(conversationId);
    this.update({ conversationId, top: row ? this.topOf(row) : this.shown.top, menuOpen: true, action: this.actionFor(conversationId) });
    this.returnFocus = returnFocus;
    window.addEventListener('pointerdown', this.onOutsidePointer, true);
    await this.host.element.updateComplete;
    this.items()[0]?.focus();
  }

  close(restoreFocus: boolean): void {
    if (!this.shown.menuOpen) return;
    this.update({ menuOpen: false });
    window.removeEventListener('pointerdown', this.onOutsidePointer, true);
    const target = this.returnFocus;
    this.returnFocus = null;
    if (!restoreFocus) return;
    (target?.isConnected ? target : this.root.querySelector<HTMLElement>('[part~="row-actions"]'))?.focus();
  }

  /** Read for a conversation with something unread (or marked unread), unread for one already read. */
  private actionFor(conversationId: string): Action {
    const state = this.host.store()?.getState();
    const conversation = state?.conversations[conversationId];
    return conversation && unreadCount(conversation, state?.readStates[conversationId]) === 0 ? 'unread' : 'read';
  }

  /** The customer's name of a conversation, for the button's label and the announcement. */
  private name(conversationId: string): string {
    const state = this.host.store()?.getState();
    const conversation = state?.conversations[conversationId];
    return (conversation && state?.customers[conversation.customerId]?.name) || this.host.t('inbox.noName');
  }

  /** The button and, while open, the menu (`hostUpdated` places them). */
  render(): TemplateResult {
    const { t } = this.host;
    const { conversationId, menuOpen, action } = this.shown;
    return html`<button
        part="row-actions"
        aria-haspopup="menu"
        aria-expanded=${menuOpen ? 'true' : 'false'}
        aria-controls="row-menu"
        aria-label=${conversationId ? t('inbox.actions', { name: this.name(conversationId) }) : nothing}
        ?hidden=${!conversationId}
        @click=${this.onButtonClick}
      >
        <span aria-hidden="true">⋮</span>
      </button>
      ${menuOpen
        ? html`<div
            part="menu"
            id="row-menu"
            role="menu"
            aria-label=${t('inbox.menu')}
            @keydown=${this.onKeydown}
          >
            <button part="menu-item" role="menuitem" tabindex="-1" data-action=${action} @click=${() => this.run(action)}>
              ${t(action === 'read' ? 'inbox.markRead' : 'inbox.markUnread')}
            </button>
          </div>`
        : nothing}`;
  }

  private readonly onButtonClick = (event: MouseEvent): void => {
    if (this.shown.menuOpen) this.close(true);
    else void this.open(this.shown.conversationId, event.currentTarget as HTMLElement);
  };

  private items(): HTMLElement[] {
    return [...this.root.querySelectorAll<HTMLElement>('[role="menuitem"]')];
  }

  private readonly onKeydown = (event: KeyboardEvent): void => {
    const items = this.items();
    const count = items.length;
    const current = items.indexOf(event.composedPath()[0] as HTMLElement);
    const next = { ArrowDown: current + 1, ArrowUp: current - 1 + count, Home: 0, End: count - 1 }[event.key];
    if (next !== undefined) items[next % count]?.focus();
    else if (event.key === 'Escape') this.close(true);
    else {
      if (event.key === 'Tab') this.close(false);
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  private async run(action: Action): Promise<void> {
    const { host } = this;
    const { conversationId } = this.shown;
    const store = host.store();
    this.close(true);
    if (!store || !conversationId) return;
    const name = this.name(conversationId);
    try {
      await (action === 'read' ? store.markRead(conversationId) : store.markUnread(conversationId));
      host.announce(host.t(action === 'read' ? 'inbox.markedRead' : 'inbox.markedUnread', { name }));
      // The same events as the chat's toggle, so a host hears of it wherever the agent did it.
      host.element.dispatchEvent(new CustomEvent(`ow-mark-${action}`, { detail: { conversationId }, bubbles: true, composed: true }));
    } catch (error) {
      host.announce(host.t('inbox.actionFailed', { reason: host.reason(error) }));
    }
  }
}
