// A banner shown while the realtime stream is down and reconnecting.
import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { ConnectionState } from '../../client/store-types.js';
import { OwElement } from '../shared/ow-element.js';
import { tokens } from '../shared/tokens.styles.js';
import './ow-agent-console.strings.js';

/**
 * Says when live updates are interrupted: "Reconectando…" while the stream retries. Renders
 * nothing while connected.
 *
 * @csspart banner - The banner.
 * @cssprop --ow-color-warning - Banner text and border colour.
 */
@customElement('ow-connection-status')
export class OwConnectionStatus extends OwElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
      }
      [part~='banner'] {
        padding: calc(var(--_space) / 2) var(--_space);
        border: 1px solid var(--_warning);
        border-radius: var(--_radius);
        color: var(--_warning);
        background: var(--_bg);
        font-size: 0.9em;
      }
    `,
  ];

  private readonly streamState = this.select<ConnectionState>((s) => s.connection, 'idle');

  protected override render(): TemplateResult {
    const reconnecting = this.streamState.value === 'reconnecting';
    // The live region stays in the DOM so the message is announced when it appears.
    return html`<div role="status" aria-live="polite">
      ${reconnecting ? html`<div part="banner">${this.t('connection.reconnecting')}</div>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ow-connection-status': OwConnectionStatus;
  }
}
