import { css } from 'lit';
import { tokens } from '../shared/tokens.styles.js';
import { sidePanel, buttons, fields } from '../shared/side-panel.styles.js';

// The view mode; the form's and the conflict choice's look arrives with them (customer-form.styles.ts).
export const styles = [
  tokens,
  sidePanel,
  buttons,
  fields,
  css`
    :host {
      display: block;
    }
    .header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: var(--_space);
      margin-bottom: var(--_space);
    }
    h2 {
      margin: 0;
      font-size: 1.1em;
    }
    /* Label beside its value where both fit (22em and more), above it in a narrow column: there
       the value has the whole width, so a phone number or an e-mail address shows whole. */
    dl {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: calc(var(--_space) / 2) calc(var(--_space) * 2);
      margin: 0;
    }
    dt {
      flex: 1 0 8em;
      color: var(--_muted);
    }
    dd {
      flex: 1 1 calc(100% - 8em - var(--_space) * 2 - 1px);
      min-width: min(14em, 100%);
      margin: 0 0 calc(var(--_space) / 2);
      overflow-wrap: anywhere;
    }
    /* A phone number or an e-mail address is one token: it never breaks. In the rare column too
       narrow for it, it ends in "…", and selecting it still copies it whole. */
    dd[data-field='phone'],
    dd[data-field='email'] {
      white-space: nowrap;
      overflow-wrap: normal;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .empty-value {
      color: var(--_muted);
      font-style: italic;
    }
    .section-title {
      grid-column: 1 / -1;
      margin: var(--_space) 0 calc(var(--_space) / 2);
      font-size: 0.95em;
      font-weight: 600;
    }
    .alert {
      border-radius: calc(var(--_radius) / 2);
      padding: var(--_space);
      margin: 0 0 var(--_space);
      border: 1px solid var(--_danger);
      background: var(--_surface);
    }
    .status {
      color: var(--_muted);
      margin: 0;
    }
  `,
];
