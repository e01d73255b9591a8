import { css } from 'lit';

export const composerStyles = css`
  :host {
    display: block;
    background: var(--_bg);
    border-top: 1px solid var(--_border);
  }
  .form {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.75);
    padding: var(--_space) calc(var(--_space) * 1.5);
  }
  .form.dragging {
    outline: 2px dashed var(--_accent);
    outline-offset: -4px;
    background: color-mix(in srgb, var(--_accent) 8%, var(--_bg));
  }
  .form.note-mode textarea {
    background: var(--_note);
    color: var(--_note-text);
  }
  textarea {
    font: inherit;
    color: inherit;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    resize: none;
    field-sizing: content;
    min-height: 2.6em;
    max-height: var(--ow-composer-max-height, 10em);
  }
  textarea:disabled {
    background: var(--_surface);
    color: var(--_muted);
  }
  button {
    font: inherit;
    color: inherit;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 0.5) var(--_space);
    cursor: pointer;
  }
  button:disabled {
    opacity: 0.55;
    cursor: default;
  }
  button.icon {
    min-width: 2.25em;
    line-height: 1.2;
  }
  button.small {
    padding: 0 calc(var(--_space) * 0.5);
    min-width: auto;
    background: transparent;
    border-color: transparent;
  }
  /* Last in the toolbar, at its far end. */
  button.send {
    margin-inline-start: auto;
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: var(--_accent);
    font-weight: 600;
  }
  button.toggle[aria-pressed='true'] {
    background: var(--_note);
    color: var(--_note-text);
    border-color: currentColor;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
  }
  .notice {
    margin: 0;
    color: var(--_warning);
    font-size: 0.9em;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .errors li {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
    color: var(--_danger);
    font-size: 0.9em;
  }
  /* The template picker's frame; its own rules come with it. */
  .templates {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    margin: 0;
  }
`;
