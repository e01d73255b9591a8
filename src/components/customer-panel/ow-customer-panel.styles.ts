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
    dl {
      display: grid;
      grid-template-columns: minmax(7em, max-content) 1fr;
      gap: calc(var(--_space) / 2) calc(var(--_space) * 2);
      margin: 0;
    }
    dt {
      color: var(--_muted);
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .empty-value {
      color: var(--_muted);
      font-style: italic;
    }
    .section-title {
      grid-column: 1 / -1;
      margin: var(--_space) 0 0;
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
