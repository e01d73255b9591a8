// Buttons, selects and fields of the inbox and the console bar: one look, each part adds its size and shape.
import { css } from 'lit';

export const control = css`
  button,
  select,
  input {
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
  }
  button {
    cursor: pointer;
  }
`;
