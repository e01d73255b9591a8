// The signed-in agent's availability: Online / Ausente chosen by the agent, Offline as set by the server.
import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { Agent } from '../../contract/index.js';
import { OwElement } from '../shared/ow-element.js';
import { tokens } from '../shared/tokens.styles.js';
import './ow-agent-console.strings.js';
import { describeError } from '../shared/i18n.js';

export interface StatusChangeDetail {
  status: 'online' | 'away';
}

const CHOICES = ['online', 'away'] as const;

/**
 * Lets the agent switch between Online and Away. When the server has set the agent Offline after
 * inactivity, that is shown and neither choice is checked until the agent picks one.
 *
 * @fires {CustomEvent<StatusChangeDetail>} ow-status-change - The server accepted the new status; `detail.status`.
 * @csspart group - The radio group.
 * @csspart option - Each choice; the checked one also has `option-checked`.
 * @csspart indicator - The coloured dot of the current status.
 * @csspart offline - The "Desconectado" notice.
 * @csspart error - Why the last change failed.
 * @cssprop --ow-status-online - Dot colour when online.
 * @cssprop --ow-status-away - Dot colour when away.
 * @cssprop --ow-status-offline - Dot colour when offline.
 */
@customElement('ow-status-switch')
export class OwStatusSwitch extends OwElement {
  static override styles = [
    tokens,
    css`
      :host,
      [part~='group'],
      [part~='option'],
      [part~='offline'] {
        display: inline-flex;
        align-items: center;
      }
      :host {
        gap: var(--_space);
      }
      [part~='group'] {
        gap: 2px;
        margin: 0;
        padding: 2px;
        border: 1px solid var(--_border);
        border-radius: 999px;
        background: var(--_bg);
      }
      [part~='option'] {
        gap: 4px;
        padding: 3px 10px;
        border-radius: 999px;
        cursor: pointer;
        color: var(--_text);
      }
      [part~='option-checked'] {
        background: var(--_surface);
        font-weight: 600;
      }
      input {
        position: absolute;
        opacity: 0;
        width: 1px;
        height: 1px;
        margin: 0;
      }
      [part~='option']:has(input:focus-visible) {
        outline: 2px solid var(--_focus);
        outline-offset: 1px;
      }
      [part~='indicator'] {
        width: 9px;
        height: 9px;
        border-radius: 50%;
        background: var(--ow-status-offline, #9ca3af);
      }
      [data-status='online'] {
        background: var(--ow-status-online, #16a34a);
      }
      [data-status='away'] {
        background: var(--ow-status-away, #d97706);
      }
      [part~='offline'],
      [part~='error'] {
        font-size: 0.9em;
      }
      [part~='offline'] {
        gap: 4px;
        color: var(--_muted);
      }
      [part~='error'] {
        color: var(--_danger);
      }
    `,
  ];

  @state() private error = '';
  @state() private busy = false;

  private readonly signedInAgent = this.select<Agent | null>((s) => s.me, null);

  protected override render(): TemplateResult {
    const me = this.signedInAgent.value;
    const status = me?.status ?? 'offline';
    return html`
      <fieldset part="group" ?disabled=${!me} aria-busy=${this.busy ? 'true' : 'false'}>
        <legend class="visually-hidden">${this.t('status.label')}</legend>
        ${CHOICES.map((choice) => {
          const checked = status === choice;
          return html`<label part=${checked ? 'option option-checked' : 'option'}>
            <input type="radio" name="status" value=${choice} .checked=${live(checked)} @change=${() => this.chooseStatus(choice)} />
            ${checked ? html`<span part="indicator" data-status=${choice}></span>` : nothing}${this.t(`status.${choice}`)}
          </label>`;
        })}
      </fieldset>
      ${me && status === 'offline'
        ? html`<span part="offline" title=${this.t('status.offlineHint')}
            ><span part="indicator" data-status="offline"></span>${this.t('status.offline')}<span class="visually-hidden">. ${this.t('status.offlineHint')}</span></span
          >`
        : nothing}
      ${this.error ? html`<span part="error" role="alert">${this.error}</span>` : nothing}
    `;
  }

  /** The status the agent chose last, not yet sent (arrow keys can pass over a choice while one is saving). */
  private wanted: 'online' | 'away' | null = null;

  private async chooseStatus(status: 'online' | 'away'): Promise<void> {
    const store = this.activeStore;
    this.wanted = status;
    // The radios stay enabled while saving, so the focus stays on the one chosen; the last choice wins.
    if (!store || this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      for (let next: 'online' | 'away' | null = this.wanted; next; next = this.wanted) {
        this.wanted = null;
        if (store.getState().me?.status === next) continue;
        await store.setStatus(next);
        this.emit('ow-status-change', { status: next });
      }
    } catch (error) {
      this.wanted = null;
      this.error = this.t('status.failed', { reason: describeError(this.lang_, error) });
    } finally {
      this.busy = false;
      // A refused change leaves the radios showing the status the server still has.
      this.requestUpdate();
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ow-status-switch': OwStatusSwitch;
  }
  interface HTMLElementEventMap {
    'ow-status-change': CustomEvent<StatusChangeDetail>;
  }
}
