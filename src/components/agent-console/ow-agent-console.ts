import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { describeFailure } from '../shared/i18n.js';
import { OwElement } from '../shared/ow-element.js';
import { tokens } from '../shared/tokens.styles.js';
import '../session/ow-session.js';
import '../inbox/ow-inbox.js';
import '../chat/ow-chat.js';
import '../customer-panel/ow-customer-panel.js';
import '../tag-picker/ow-tag-picker.js';
import '../notes/ow-notes.js';
import './ow-status-switch.js';
import './ow-connection-status.js';
import type { Conversation } from '../../contract/index.js';
import type { OwStoreApi } from '../../client/store-types.js';
import type { OwInbox } from '../inbox/ow-inbox.js';
import type { SessionErrorDetail, SessionReadyDetail } from '../session/ow-session.js';
import { control } from '../inbox/control.styles.js';
import { consoleStyles } from './ow-agent-console.styles.js';
import './ow-agent-console.strings.js';

const PANES = ['chat', 'side'] as const;
type Pane = (typeof PANES)[number];

export interface ConsoleConversationRemovedDetail {
  conversationId: string;
}

/**
 * A ready agent console: the inbox, the open conversation with its composer, and a side column
 * with the customer panel, tags and internal notes, plus the agent's status switch and a banner
 * while the realtime connection is down. On a narrow host (under 760 px, by container query; two columns below that would leave the chat too narrow) it
 * shows one column at a time with a back button. Under 1024 px the side column no longer fits beside
 * the chat: the chat keeps the column's full height and a *Conversación* / *Cliente* tab pair in the
 * top bar switches between it and the customer panel, tags and notes.
 *
 * Give it `base-url` and `token` and it runs its own `<ow-session>`; otherwise it uses the store
 * of an enclosing `<ow-session>` or the `store` property.
 *
 * @attr base-url - Server origin for the built-in session.
 * @attr token - The agent's bearer token; starts the built-in session.
 * @attr conversation-id - The open conversation; set when the agent picks one in the inbox.
 * @fires {CustomEvent<ConversationSelectDetail>} ow-conversation-select - From the inbox or the chat (bubbles out) when the agent opens a conversation.
 * @fires {CustomEvent<SessionReadyDetail>} ow-session-ready - From the built-in session.
 * @fires {CustomEvent<SessionErrorDetail>} ow-session-error - From the built-in session (e.g. a bad token).
 * @fires {CustomEvent<ConsoleConversationRemovedDetail>} ow-conversation-removed - The open conversation left the agent's view (e.g. transferred to a group the agent is not in); the console has cleared `conversation-id`.
 * @csspart bar - The top bar with the back button, connection banner, status switch and the tabs.
 * @csspart back - The "back to the inbox" button (narrow hosts only).
 * @csspart tabs - The *Conversación* / *Cliente* tab list (hosts under 1024 px, while a conversation is open).
 * @csspart tab - Each of those tabs; the selected one also has `tab-selected`.
 * @csspart tab-badge - Dot on the *Conversación* tab when the customer wrote while the *Cliente* tab was shown.
 * @csspart connection - The reconnecting banner.
 * @csspart status - The status switch.
 * @csspart session-error - Why the built-in session failed.
 * @csspart notice - Polite status in the chat column, above the placeholder (over the foot of the inbox on a narrow host), e.g. why the open conversation was closed in the console.
 * @csspart layout - The grid of columns.
 * @csspart inbox-column - The column holding `<ow-inbox>`.
 * @csspart chat-column - The column holding `<ow-chat>` (a tab panel under 1024 px).
 * @csspart side-column - The column holding the customer panel, tag picker and notes (a tab panel under 1024 px).
 * @csspart placeholder - Shown in the chat column until a conversation is chosen.
 * @cssprop --ow-console-inbox-width - Grid track of the inbox column (default `minmax(280px, 340px)`).
 * @cssprop --ow-console-side-width - Grid track of the side column (default `minmax(260px, 320px)`).
 */
@customElement('ow-agent-console')
export class OwAgentConsole extends OwElement {
  static override styles = [tokens, control, consoleStyles];

  @property({ attribute: 'base-url' }) baseUrl = '';
  @property() token = '';
  /** No conversation leaves no attribute, rather than an empty one. */
  @property({ attribute: 'conversation-id', reflect: true, converter: { toAttribute: (value: string) => value || null } }) conversationId = '';

  /** Which column a narrow host shows. */
  @state() private view: 'list' | 'detail' = 'list';
  /** Which of the chat and the side column a host too narrow for both shows. */
  @state() private pane: Pane = 'chat';
  /** The side column is behind a tab (under 1024 px): the columns are tab panels then. */
  @state() private stacked = false;
  /**
   * The customer's message count when the agent turned to the side tab: messages arriving after it
   * mark the Conversación tab, since the hidden chat can neither show nor announce them.
   */
  private sideFrom: number | null = null;
  @state() private sessionError = '';
  /** Why the selection was cleared by the console itself; announced politely. */
  @state() private notice = '';
  /** The store of the built-in session, which lives inside this element and so out of context reach. */
  @state() private sessionStore?: OwStoreApi;

  /** Whether the open conversation is in the store; its disappearance means it left the agent's view. */
  private readonly selectedConversation = this.select<Conversation | undefined>((s) => s.conversations[this.conversationId], undefined);
  /** The selection whose conversation has been in the store (so a later absence is a removal, not loading). */
  private presentFor: { store: OwStoreApi; id: string } | null = null;

  @query('[part~="back"]') private backButton?: HTMLButtonElement;
  @query('ow-inbox') private inbox?: OwInbox;
  @query('[part~="layout"]') private layout?: HTMLElement;

  /** The container queries decide the layout; this reads what they decided whenever the host is resized. */
  private readonly resizes = new ResizeObserver(() => this.readLayout());

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizes.observe(this);
  }

  override disconnectedCallback(): void {
    this.resizes.disconnect();
    super.disconnectedCallback();
  }

  protected override firstUpdated(): void {
    this.readLayout();
  }

  private readLayout(): void {
    if (this.layout) this.stacked = getComputedStyle(this.layout).getPropertyValue('--_stacked').trim() === '1';
  }

  protected override get activeStore(): OwStoreApi | undefined {
    return this.store ?? this.contextStore ?? this.sessionStore;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('token') || changed.has('baseUrl')) {
      this.sessionError = '';
      this.sessionStore = undefined;
    }
    if (changed.has('sessionStore') || changed.has('store') || changed.has('contextStore')) this.selectedConversation.setStore(this.activeStore);
    if (changed.has('conversationId')) {
      this.selectedConversation.refresh();
      // A conversation opened by the host (e.g. a deep link) is shown on a narrow host too.
      this.view = this.conversationId ? 'detail' : 'list';
      // Another conversation opens on its messages, not on the previous customer's panel.
      this.pane = 'chat';
      if (this.conversationId) this.notice = '';
    }
    this.clearIfRemoved();
    // Counted from the first update that shows the side tab with the conversation loaded.
    if (this.pane !== 'side') this.sideFrom = null;
    else this.sideFrom ??= this.selectedConversation.value?.customerMessageCount ?? null;
  }

  /**
   * A conversation that was in the store and is gone was taken out of the agent's view (transferred
   * to a group they are not in, by someone else or by the agent): nothing is left to show for it.
   */
  private clearIfRemoved(): void {
    const store = this.activeStore;
    const id = this.conversationId;
    if (!store || !id) return;
    if (this.selectedConversation.value) {
      this.presentFor = { store, id };
      return;
    }
    if (this.presentFor?.store !== store || this.presentFor.id !== id) return;
    this.presentFor = null;
    // Focus inside the columns that are about to go would fall to the page.
    const focusInside = Boolean(this.shadowRoot?.activeElement?.closest('[part~="chat-column"], [part~="side-column"]'));
    this.conversationId = '';
    this.view = 'list';
    this.notice = this.t('console.removed');
    this.emit('ow-conversation-removed', { conversationId: id });
    if (focusInside) void this.updateComplete.then(() => this.inbox?.focusList());
  }

  protected override render(): TemplateResult {
    const body = this.renderConsole();
    if (this.token && !this.store) {
      return html`<ow-session base-url=${this.baseUrl} token=${this.token} @ow-session-error=${this.onSessionError} @ow-session-ready=${this.onSessionReady}
        >${body}</ow-session
      >`;
    }
    return body;
  }

  private renderConsole(): TemplateResult {
    const id = this.conversationId;
    const store = this.store;
    // The console's theme, when set, applies to every element inside it.
    const theme = this.theme ?? nothing;
    // Under 1024 px the chat and side columns are the panels of the bar's tabs; wider, they are landmarks of their own.
    const tabbed = this.stacked && Boolean(id);
    const labelledBy = (pane: Pane) => (tabbed ? `tab-${pane}` : nothing);
    const label = (key: string) => (tabbed ? nothing : this.t(key));
    return html`<div class="console" role="region" aria-label=${this.t('console.label')}>
      <div part="bar" data-view=${this.view}>
        <button part="back" @click=${this.backToList}>← ${this.t('console.back')}</button>
        <ow-connection-status part="connection" .store=${store} theme=${theme}></ow-connection-status>
        <span class="spacer"></span>
        <ow-status-switch part="status" .store=${store} theme=${theme}></ow-status-switch>
        ${id ? this.renderTabs() : nothing}
      </div>
      ${this.sessionError ? html`<div part="session-error" role="alert">${this.sessionError}</div>` : nothing}
      <div part="layout" data-view=${this.view} data-pane=${this.pane} ?data-notice=${Boolean(this.notice)}>
        <section part="inbox-column" aria-label=${this.t('console.inbox')}>
          <ow-inbox .store=${store} theme=${theme} conversation-id=${id} @ow-conversation-select=${this.onSelect}></ow-inbox>
        </section>
        <section part="chat-column" id="pane-chat" role=${tabbed ? 'tabpanel' : nothing} aria-labelledby=${labelledBy('chat')} aria-label=${label('console.chat')}>
          <p part="notice" role="status" aria-live="polite">${this.notice}</p>
          ${id ? html`<ow-chat .store=${store} theme=${theme} conversation-id=${id} @ow-conversation-select=${this.onSelect}></ow-chat>` : html`<p part="placeholder">${this.t('console.choose')}</p>`}
        </section>
        ${id
          ? html`<section part="side-column" id="pane-side" role=${tabbed ? 'tabpanel' : 'complementary'} aria-labelledby=${labelledBy('side')} aria-label=${label('console.side')}>
              <ow-customer-panel .store=${store} theme=${theme} conversation-id=${id}></ow-customer-panel>
              <ow-tag-picker .store=${store} theme=${theme} conversation-id=${id}></ow-tag-picker>
              <ow-notes .store=${store} theme=${theme} conversation-id=${id}></ow-notes>
            </section>`
          : nothing}
      </div>
    </div>`;
  }

  private renderTabs(): TemplateResult {
    const unseen = this.sideFrom !== null && (this.selectedConversation.value?.customerMessageCount ?? 0) > this.sideFrom;
    return html`<div part="tabs" role="tablist" aria-label=${this.t('console.tabs')} @keydown=${this.onTabKeydown}>
      ${PANES.map((pane) => {
        const selected = pane === this.pane;
        return html`<button
          part=${selected ? 'tab tab-selected' : 'tab'}
          role="tab"
          id=${`tab-${pane}`}
          aria-selected=${selected}
          aria-controls=${`pane-${pane}`}
          tabindex=${selected ? 0 : -1}
          @click=${() => (this.pane = pane)}
        >
          ${this.t(`console.tab.${pane}`)}${pane === 'chat' && unseen
            ? html`<span part="tab-badge"><span class="visually-hidden">, ${this.t('console.tab.unseen')}</span></span>`
            : nothing}
        </button>`;
      })}
    </div>`;
  }

  /** Arrow keys, Home and End move between the tabs and show their panel, as in any tab list. */
  private onTabKeydown(event: KeyboardEvent): void {
    const count = PANES.length;
    const current = PANES.indexOf(this.pane);
    const next = { ArrowRight: current + 1, ArrowLeft: current - 1 + count, Home: 0, End: count - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const pane = (this.pane = PANES[next % count]!);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${pane}`)?.focus());
  }

  private async onSelect(event: CustomEvent<{ conversationId: string }>): Promise<void> {
    this.conversationId = event.detail.conversationId;
    this.view = 'detail';
    this.pane = 'chat';
    await this.updateComplete;
    // On a narrow host the inbox is now hidden: keep the keyboard in the visible column.
    if (this.isNarrow()) this.backButton?.focus();
  }

  private async backToList(): Promise<void> {
    // The conversation stays selected in the inbox; only the narrow view changes.
    this.view = 'list';
    await this.updateComplete;
    this.inbox?.focusList();
  }

  private isNarrow(): boolean {
    return Boolean(this.backButton && getComputedStyle(this.backButton).display !== 'none');
  }

  private onSessionError(event: CustomEvent<SessionErrorDetail>): void {
    const { code, reason } = event.detail;
    // Refused at the start, or ended later (the token expired or was signed out).
    const key = this.sessionStore ? 'console.sessionEnded' : 'console.sessionError';
    this.sessionError = this.t(key, { reason: describeFailure(this.lang_, code, reason) });
  }

  private onSessionReady(event: CustomEvent<SessionReadyDetail>): void {
    this.sessionError = '';
    this.sessionStore = event.detail.store;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ow-agent-console': OwAgentConsole;
  }
  interface HTMLElementEventMap {
    'ow-conversation-removed': CustomEvent<ConsoleConversationRemovedDetail>;
  }
}
