// Look shared by the elements that sit beside the chat (customer panel, notes, tag picker): a card, its buttons
// and its fields.
import { css } from 'lit';

export const sidePanel = css`
  :host {
    background: var(--_bg);
    color: var(--_text);
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
`;

export const buttons = css`
  button {
    font: inherit;
    border-radius: calc(var(--_radius) / 2);
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    padding: 6px 12px;
    cursor: pointer;
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
`;

/** Text fields and selects; the customer form's inputs use it too (the panel carries it for them). */
export const fields = css`
  input,
  select,
  textarea {
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    padding: 6px 8px;
    width: 100%;
  }
`;
