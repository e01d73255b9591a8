import { css } from 'lit';
import { tokens } from '../shared/tokens.styles.js';
import { sidePanel, fields } from '../shared/side-panel.styles.js';

export const styles = [
  tokens,
  sidePanel,
  fields,
  css`
    :host {
      display: block;
    }
    h2 {
      margin: 0 0 var(--_space);
      font-size: 1.1em;
    }
    ul.chips {
      list-style: none;
      margin: 0 0 var(--_space);
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
    }
    .chip {
      display: inline-flex;
      align-items: center;
      gap: 2px;
      border-radius: 999px;
      padding: 2px 4px 2px 10px;
      font-size: 0.9em;
      font-weight: 500;
      line-height: 1.6;
      max-width: 100%;
    }
    .chip .name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .chip button {
      display: inline-grid;
      place-items: center;
      width: 1.6em;
      height: 1.6em;
      padding: 0;
      border: 0;
      border-radius: 50%;
      background: transparent;
      color: inherit;
      cursor: pointer;
      font: inherit;
    }
    .chip button:hover {
      background: color-mix(in srgb, currentColor 18%, transparent);
    }
    .chip button:focus-visible {
      outline: 2px solid currentColor;
      outline-offset: 0;
    }
    .chip[aria-busy='true'] {
      opacity: 0.6;
    }
    .none,
    .hint,
    .message,
    .error {
      color: var(--_muted);
      margin: 0 0 var(--_space);
      font-size: 0.9em;
    }
    .combobox {
      position: relative;
    }
    label {
      display: block;
      font-weight: 500;
      margin-bottom: 4px;
    }
    .error {
      color: var(--_danger);
      margin: var(--_space) 0 0;
    }
  `,
];
