import { css } from 'lit';
import { tokens } from '../shared/tokens.styles.js';
import { sidePanel, buttons, fields } from '../shared/side-panel.styles.js';

export const styles = [
  tokens,
  sidePanel,
  buttons,
  fields,
  css`
    :host {
      display: flex;
      flex-direction: column;
      gap: var(--_space);
      min-height: 0;
    }
    .header {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      justify-content: space-between;
      gap: var(--_space);
    }
    h2 {
      margin: 0;
      font-size: 1.1em;
    }
    .badge {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      font-size: 0.85em;
      padding: 2px 8px;
      border-radius: 999px;
      background: var(--_note);
      color: var(--_note-text);
      border: 1px solid currentColor;
    }
    .scroller {
      overflow-y: auto;
      max-height: var(--ow-notes-max-height, 24rem);
      min-height: 0;
    }
    ol {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--_space);
    }
    li {
      background: var(--_note);
      color: var(--_note-text);
      border-left: 4px solid var(--_warning);
      border-radius: calc(var(--_radius) / 2);
      padding: var(--_space);
    }
    li[data-status='failed'] {
      border-left-color: var(--_danger);
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 8px;
      font-size: 0.85em;
      margin-bottom: 4px;
    }
    .author {
      font-weight: 600;
    }
    .text {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      margin: 0;
    }
    .text a {
      color: inherit;
    }
    .state {
      font-size: 0.85em;
      margin-top: 4px;
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      align-items: center;
    }
    .state.failed {
      font-weight: 600;
    }
    .empty,
    .hint {
      color: var(--_muted);
      margin: 0;
    }
    form {
      display: grid;
      gap: 4px;
    }
    label {
      font-weight: 500;
    }
    textarea {
      min-height: 4.5em;
      resize: vertical;
    }
    textarea[aria-invalid='true'] {
      border-color: var(--_danger);
    }
    .hint {
      font-size: 0.85em;
    }
    .error {
      color: var(--_danger);
      margin: 0;
      font-size: 0.9em;
    }
    .actions {
      display: flex;
      justify-content: flex-end;
    }
    /* Retry, discard and "load older" are smaller than the add button. */
    button:not(.primary) {
      padding: 4px 12px;
    }
  `,
];
