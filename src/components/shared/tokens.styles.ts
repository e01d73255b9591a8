// Design tokens shared by every element: `--ow-*` custom properties with fallbacks, light and dark.
import { css } from 'lit';

export const tokens = css`
  :host {
    --_bg: var(--ow-color-background, #ffffff);
    --_surface: var(--ow-color-surface, #f6f7f9);
    --_text: var(--ow-color-text, #1b1f24);
    --_muted: var(--ow-color-text-muted, #5b6470);
    --_border: var(--ow-color-border, #d9dde3);
    --_accent: var(--ow-color-accent, #0b6e4f);
    --_on-accent: var(--ow-color-on-accent, #ffffff);
    --_danger: var(--ow-color-danger, #b42318);
    --_warning: var(--ow-color-warning, #92400e);
    --_note: var(--ow-color-note, #fff4cc);
    --_note-text: var(--ow-color-note-text, #4a3800);
    --_outgoing: var(--ow-color-outgoing, #d9fdd3);
    --_incoming: var(--ow-color-incoming, #ffffff);
    --_focus: var(--ow-color-focus, #2563eb);
    --_radius: var(--ow-radius, 8px);
    --_space: var(--ow-space, 8px);
    --_font: var(--ow-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--ow-font-size, 14px);
    color-scheme: light;
    font-family: var(--_font);
    font-size: var(--_font-size);
    color: var(--_text);
    box-sizing: border-box;
  }
  :host([theme='dark']) {
    --_bg: var(--ow-color-background, #111418);
    --_surface: var(--ow-color-surface, #1b2027);
    --_text: var(--ow-color-text, #e7eaee);
    --_muted: var(--ow-color-text-muted, #a3acb8);
    --_border: var(--ow-color-border, #333a44);
    --_accent: var(--ow-color-accent, #34c38f);
    --_on-accent: var(--ow-color-on-accent, #0b1410);
    --_danger: var(--ow-color-danger, #f97066);
    --_warning: var(--ow-color-warning, #fbbf24);
    --_note: var(--ow-color-note, #3d3414);
    --_note-text: var(--ow-color-note-text, #fde68a);
    --_outgoing: var(--ow-color-outgoing, #144d37);
    --_incoming: var(--ow-color-incoming, #1f252d);
    --_focus: var(--ow-color-focus, #60a5fa);
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_bg: var(--ow-color-background, #111418);
      --_surface: var(--ow-color-surface, #1b2027);
      --_text: var(--ow-color-text, #e7eaee);
      --_muted: var(--ow-color-text-muted, #a3acb8);
      --_border: var(--ow-color-border, #333a44);
      --_accent: var(--ow-color-accent, #34c38f);
      --_on-accent: var(--ow-color-on-accent, #0b1410);
      --_danger: var(--ow-color-danger, #f97066);
      --_warning: var(--ow-color-warning, #fbbf24);
      --_note: var(--ow-color-note, #3d3414);
      --_note-text: var(--ow-color-note-text, #fde68a);
      --_outgoing: var(--ow-color-outgoing, #144d37);
      --_incoming: var(--ow-color-incoming, #1f252d);
      --_focus: var(--ow-color-focus, #60a5fa);
      color-scheme: dark;
    }
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
