import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
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
import type { OwInbox } from '../inbox/ow-inbox.js';
import type { SessionErrorDetail } from '../session/ow-session.js';
import { consoleStyles } from './ow-agent-console.styles.js';
import './ow-agent-console.strings.js';

/**
 * A ready agent console: the inbox, the open conversation with its composer, and a side column
 * with the customer panel, tags and internal notes, plus the agent's status switch and a banner
 * while the realtime connection is down. On a narrow host (under 640 px, by container query) it
 * shows one column at a time with a back button; under 1024 px the side column moves below the chat.
 *
 * Give it `base-url` and `token` and it runs its own `<ow-session>`; otherwise it uses the store
 * of an enclosing `<ow-session>` or the `store` property.
 *
 * @attr base-url - Server origin for the built-in session.
 * @attr token - The agent's bearer token; starts the built-in session.
 * @attr conversation-id - The open conversation; set when the agent picks one in the inbox.
 * @fires ow-conversation-select - From the inbox (bubbles out) when the agent opens a conversation.
 * @fires ow-session-ready - From the built-in session.
 * @fires ow-session-error - From the built-in session (e.g. a bad token).
 * @csspart bar - The top bar with the back button, connection banner and status switch.
 * @csspart back - The "back to the inbox" button (narrow hosts only).
 * @csspart connection - The reconnecting banner.
 * @csspart status - The status switch.
 * @csspart session-error - Why the built-in session failed.
 * @csspart layout - The grid of columns.
 * @csspart inbox-column - The column holding `<ow-inbox>`.
 * @csspart chat-column - The column holding `<ow-chat>`.
 * @csspart side-column - The column holding the customer panel, tag picker and notes.
 * @csspart placeholder - Shown in the chat column until a conversation is chosen.
 * @cssprop --ow-console-inbox-width - Grid track of the inbox column (default `minmax(280px, 340px)`).
 * @cssprop --ow-console-side-width - Grid track of the side column (default `minmax(260px, 320px)`).
 */
@customElement('ow-agent-console')
export class OwAgentConsole extends OwElement {
  static override styles = [tokens, consoleStyles];

  @property({ attribute: 'base-url' }) baseUrl = '';
  @property() token = '';
  @property({ attribute: 'conversation-id', reflect: true }) conversationId = '';

  /** Which column a narrow host shows. */
  @state() private view: 'list' | 'detail' = 'list';
  @state() private sessionError = '';

  @query('[part~="back"]') private backButton?: HTMLButtonElement;
  @query('ow-inbox') private inbox?: OwInbox;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('token') || changed.has('baseUrl')) this.sessionError = '';
    // A conversation opened by the host (e.g. a deep link) is shown on a narrow host too.
    if (changed.has('conversationId')) this.view = this.conversationId ? 'detail' : 'list';
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
    return html`<div class="console" role="region" aria-label=${this.t('console.label')}>
      <div part="bar" data-view=${this.view}>
        <button part="back" @click=${this.back}>← ${this.t('console.back')}</button>
        <ow-connection-status part="connection" .store=${store} theme=${theme}></ow-connection-status>
        <span class="spacer"></span>
        <ow-status-switch part="status" .store=${store} theme=${theme}></ow-status-switch>
      </div>
      ${this.sessionError ? html`<div part="session-error" role="alert">${this.t('console.sessionError', { reason: this.sessionError })}</div>` : nothing}
      <div part="layout" data-view=${this.view}>
        <section part="inbox-column" aria-label=${this.t('console.inbox')}>
          <ow-inbox .store=${store} theme=${theme} conversation-id=${id} @ow-conversation-select=${this.onSelect}></ow-inbox>
        </section>
        <section part="chat-column" aria-label=${this.t('console.chat')}>
          ${id ? html`<ow-chat .store=${store} theme=${theme} conversation-id=${id}></ow-chat>` : html`<p part="placeholder">${this.t('console.choose')}</p>`}
        </section>
        ${id
          ? html`<aside part="side-column" aria-label=${this.t('console.side')}>
              <ow-customer-panel .store=${store} theme=${theme} conversation-id=${id}></ow-customer-panel>
              <ow-tag-picker .store=${store} theme=${theme} conversation-id=${id}></ow-tag-picker>
              <ow-notes .store=${store} theme=${theme} conversation-id=${id}></ow-notes>
            </aside>`
          : nothing}
      </div>
    </div>`;
  }

  private async onSelect(event: CustomEvent<{ conversationId: string }>): Promise<void> {
    this.conversationId = event.detail.conversationId;
    this.view = 'detail';
    await this.updateComplete;
    // On a narrow host the inbox is now hidden: keep the keyboard in the visible column.
    if (this.isNarrow()) this.backButton?.focus();
  }

  private async back(): Promise<void> {
    // The conversation stays selected in the inbox; only the narrow view changes.
    this.view = 'list';
    await this.updateComplete;
    this.inbox?.focusList();
  }

  private isNarrow(): boolean {
    return Boolean(this.backButton && getComputedStyle(this.backButton).display !== 'none');
  }

  private onSessionError(event: CustomEvent<SessionErrorDetail>): void {
    this.sessionError = event.detail.reason;
  }

  private onSessionReady(): void {
    this.sessionError = '';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ow-agent-console': OwAgentConsole;
  }
}
