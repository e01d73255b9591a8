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
    outline: 2px dashed transparent;
    outline-offset: -4px;
  }
  .form.dragging {
    outline-color: var(--_accent);
    background: color-mix(in srgb, var(--_accent) 8%, var(--_bg));
  }
  .form.note-mode textarea {
    background: var(--_note);
    color: var(--_note-text);
  }
  .drop-hint {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    font-weight: 600;
    color: var(--_accent);
    pointer-events: none;
    z-index: 2;
    background: color-mix(in srgb, var(--_bg) 80%, transparent);
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
    width: 100%;
  }
  textarea:disabled {
    background: var(--_surface);
    color: var(--_muted);
  }
  button,
  select,
  input {
    font: inherit;
    color: inherit;
  }
  button {
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
  button.send {
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
  .spacer {
    flex: 1;
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
  .uploads {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5);
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
    border: 1px solid var(--_border);
    border-radius: 999px;
    padding: 2px var(--_space);
    background: var(--_surface);
    font-size: 0.85em;
    max-width: 100%;
  }
  .chip .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    max-width: 16em;
  }
  .chip .size {
    color: var(--_muted);
  }
  progress {
    width: 5em;
    accent-color: var(--_accent);
  }
  .popup {
    position: absolute;
    bottom: calc(100% - var(--_space));
    left: calc(var(--_space) * 1.5);
    z-index: 3;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.18);
  }
  .quick {
    right: calc(var(--_space) * 1.5);
    max-height: 14em;
    overflow: auto;
    padding: calc(var(--_space) * 0.5);
  }
  .quick li {
    padding: calc(var(--_space) * 0.5) var(--_space);
    border-radius: calc(var(--_radius) * 0.5);
    cursor: pointer;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .quick li[aria-selected='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .emoji-panel p {
    margin: 0;
    padding: var(--_space);
  }
  .voice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  .rec {
    color: var(--_danger);
    font-weight: 600;
  }
  .templates {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    margin: 0;
  }
  .templates label {
    display: flex;
    flex-direction: column;
    gap: 2px;
    font-size: 0.9em;
  }
  .templates select,
  .templates input {
    padding: calc(var(--_space) * 0.5);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_bg);
  }
  .preview {
    white-space: pre-wrap;
    background: var(--_outgoing);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  .templates .send {
    align-self: flex-end;
  }
`;
