import { css } from 'lit';

export const chatStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    height: 100%;
    background: var(--_bg);
    position: relative;
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
    opacity: 0.6;
    cursor: default;
  }
  button.primary,
  .pill {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  button.primary {
    border-color: var(--_accent);
  }
  /* The read toggle is as wide as its longer label in both states, so the header does not reflow when it flips. */
  .toggle {
    display: inline-grid;
  }
  .toggle > span,
  .toggle::after {
    grid-area: 1 / 1;
  }
  .toggle::after {
    content: attr(data-other);
    visibility: hidden;
  }
  /* Rows of things that wrap: the header and the read-only notice, their parts, the failed bar. */
  header,
  .read-only,
  .sub,
  .actions,
  .failed {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  header,
  .read-only {
    justify-content: space-between;
    background: var(--_surface);
  }
  header {
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-bottom: 1px solid var(--_border);
  }
  h2 {
    margin: 0;
    font-size: 1.1em;
  }
  .sub {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .channel {
    font-weight: 600;
    color: var(--_accent);
  }
  .actions,
  .failed {
    gap: calc(var(--_space) * 0.5);
  }
  .error {
    margin: 0;
    padding: calc(var(--_space) * 0.5) var(--_space);
    color: var(--_danger);
  }
  .placeholder {
    margin: auto;
    padding: calc(var(--_space) * 2);
    color: var(--_muted);
    text-align: center;
  }
  .timeline-wrap {
    position: relative;
    flex: 1 1 auto;
    min-height: 0;
    display: flex;
    flex-direction: column;
  }
  lit-virtualizer {
    flex: 1 1 auto;
    min-height: 0;
    height: 100%;
    padding: var(--_space) 0;
  }
  /* Over the timeline's top, not above it: showing and hiding it must not move the messages. */
  .older {
    position: absolute;
    top: var(--_space);
    left: 50%;
    transform: translateX(-50%);
    z-index: 1;
    margin: 0;
    padding: calc(var(--_space) * 0.25) var(--_space);
    border-radius: 999px;
    background: var(--_bg);
    box-shadow: 0 1px 4px rgb(0 0 0 / 0.15);
    text-align: center;
    color: var(--_muted);
    font-size: 0.85em;
    white-space: nowrap;
  }
  .row {
    width: 100%;
    display: flex;
    padding: 2px calc(var(--_space) * 1.5);
  }
  .row.outgoing {
    justify-content: flex-end;
  }
  .bubble {
    max-width: var(--ow-chat-max-bubble-width, 75%);
    padding: calc(var(--_space) * 0.75) var(--_space);
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    overflow-wrap: anywhere;
  }
  .incoming .bubble {
    background: var(--_incoming);
  }
  .outgoing .bubble {
    background: var(--_outgoing);
  }
  .note .bubble {
    background: var(--_note);
    color: var(--_note-text);
    border: 1px dashed currentColor;
  }
  .note-label,
  .author {
    display: block;
    font-size: 0.8em;
    font-weight: 700;
    margin-bottom: 2px;
  }
  .author {
    color: var(--_muted);
  }
  .text {
    white-space: pre-wrap;
  }
  .text a {
    color: var(--_focus);
  }
  .meta {
    display: flex;
    justify-content: flex-end;
    gap: 4px;
    font-size: 0.75em;
    color: var(--_muted);
    margin-top: 2px;
  }
  .note .meta,
  .outgoing .meta,
  .outgoing .author {
    /* Muted grey is too faint on the dark theme's green bubble. */
    color: inherit;
  }
  .status-read {
    color: var(--_focus);
    font-weight: 700;
  }
  .status-failed {
    color: var(--_danger);
  }
  .failed {
    margin-top: calc(var(--_space) * 0.5);
    color: var(--_danger);
    font-size: 0.85em;
    /* Red on the dark theme's green bubble is too faint: the bar sits on the page background. */
    background: var(--_bg);
    padding: calc(var(--_space) * 0.5);
    border-radius: calc(var(--_radius) * 0.5);
  }
  .day,
  .event {
    justify-content: center;
    color: var(--_muted);
    font-size: 0.8em;
    padding-block: calc(var(--_space) * 0.5);
  }
  .day span {
    background: var(--_surface);
    border-radius: 999px;
    padding: 2px var(--_space);
  }
  .event span {
    text-align: center;
    font-style: italic;
  }
  .attachment {
    display: block;
    margin-top: calc(var(--_space) * 0.5);
    color: inherit;
  }
  .attachment img {
    display: block;
    max-width: min(260px, 100%);
    max-height: 260px;
    border-radius: calc(var(--_radius) * 0.75);
  }
  .attachment audio {
    max-width: 100%;
  }
  .file-size {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .pill {
    position: absolute;
    bottom: var(--_space);
    left: 50%;
    transform: translateX(-50%);
    border-radius: 999px;
    box-shadow: 0 2px 6px rgb(0 0 0 / 0.2);
  }
  /* Only the way back to the newest message, nothing new there: quieter than "Mensajes nuevos". */
  .pill.jump {
    background: var(--_surface);
    color: var(--_text);
    border-color: var(--_border);
  }
  .read-only {
    padding: calc(var(--_space) * 1.5);
    border-top: 1px solid var(--_border);
    color: var(--_muted);
  }
  ow-composer,
  ::slotted([slot='composer']) {
    flex: 0 0 auto;
  }
`;
