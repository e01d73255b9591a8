// The row menu of <ow-inbox> (mark read / unread). Only a click on a row's actions button or
// Shift+F10 on a row shows it, so it is its own chunk, loaded on first use.
import { adoptStyles, css, html, nothing, type LitElement, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { OwStoreApi } from '../../client/store-types.js';

/** What the menu needs of its inbox. */
export interface RowMenuHost {
  element: LitElement;
  t(key: string, params?: Record<string, string | number>): string;
  store(): OwStoreApi | undefined;
  /** The customer's name of a conversation, for the announcement. */
  name(conversationId: string): string;
  announce(text: string): void;
}

const menuStyles = css`
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

export class RowMenu {
  /** The conversation the open menu acts on; empty while closed. */
  conversationId = '';
  private returnFocus: HTMLElement | null = null;
  private readonly root: ShadowRoot;

  private readonly onOutsidePointer = (event: PointerEvent) => {
    if (!event.composedPath().some((node) => node instanceof HTMLElement && /\b(menu|row-actions)\b/.test(node.getAttribute('part') ?? ''))) this.close(false);
  };

  constructor(private readonly host: RowMenuHost) {
    const element = host.element;
    this.root = element.renderRoot as ShadowRoot;
    // The menu's look arrives with it, after the inbox's own styles.
    adoptStyles(this.root, [...(element.constructor as typeof LitElement).elementStyles, menuStyles]);
  }

  get isOpen(): boolean {
    return this.conversationId !== '';
  }

  /** Opens the menu for a conversation and focuses its first item; `returnFocus` gets focus back on close. */
  async open(conversationId: string, returnFocus: HTMLElement): Promise<void> {
    this.conversationId = conversationId;
    this.returnFocus = returnFocus;
    window.addEventListener('pointerdown', this.onOutsidePointer, true);
    this.host.element.requestUpdate();
    await this.host.element.updateComplete;
    this.items()[0]?.focus();
  }

  close(restoreFocus: boolean): void {
    if (!this.isOpen) return;
    this.conversationId = '';
    window.removeEventListener('pointerdown', this.onOutsidePointer, true);
    this.host.element.requestUpdate();
    const target = this.returnFocus;
    this.returnFocus = null;
    if (!restoreFocus) return;
    (target?.isConnected ? target : this.root.querySelector<HTMLElement>('[part~="row-actions"]'))?.focus();
  }

  /** The open menu beside the actions button at `top` (px in the list), above it when no room is left below. */
  render(top: number): TemplateResult | typeof nothing {
    if (!this.isOpen) return nothing;
    const { t } = this.host;
    const height = this.root.querySelector('.list-wrap')?.clientHeight ?? 0;
    const below = top + 34;
    const item = (action: 'read' | 'unread', label: string) =>
      html`<button part="menu-item" role="menuitem" tabindex="-1" data-action=${action} @click=${() => this.run(action)}>${t(label)}</button>`;
    return html`<div
      part="menu"
      id="row-menu"
      role="menu"
      aria-label=${t('inbox.menu')}
      style=${styleMap({ top: `${below + 90 > height && top > 90 ? top - 86 : below}px` })}
      @keydown=${this.onKeydown}
    >
      ${item('read', 'inbox.markRead')} ${item('unread', 'inbox.markUnread')}
    </div>`;
  }

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

  private async run(action: 'read' | 'unread'): Promise<void> {
    const { conversationId, host } = this;
    const store = host.store();
    this.close(true);
    if (!store || !conversationId) return;
    const name = host.name(conversationId);
    try {
      await (action === 'read' ? store.markRead(conversationId) : store.markUnread(conversationId));
      host.announce(host.t(action === 'read' ? 'inbox.markedRead' : 'inbox.markedUnread', { name }));
    } catch (error) {
      host.announce(host.t('inbox.actionFailed', { reason: error instanceof Error ? error.message : String(error) }));
    }
  }
}
