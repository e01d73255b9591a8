// Design tokens shared by every element: `--ow-*` custom properties with fallbacks, light and dark.
import { css } from 'lit';

export const tokens = css`
  /* One palette for both schemes: light-dark() picks by the host's color-scheme, which follows
     prefers-color-scheme unless the theme attribute fixes it. */
  :host {
    --_bg: var(--ow-color-background, light-dark(#ffffff, #111418));
    --_surface: var(--ow-color-surface, light-dark(#f6f7f9, #1b2027));
    --_text: var(--ow-color-text, light-dark(#1b1f24, #e7eaee));
    --_muted: var(--ow-color-text-muted, light-dark(#5b6470, #a3acb8));
    --_border: var(--ow-color-border, light-dark(#d9dde3, #333a44));
    --_accent: var(--ow-color-accent, light-dark(#0b6e4f, #34c38f));
    --_on-accent: var(--ow-color-on-accent, light-dark(#ffffff, #0b1410));
    --_danger: var(--ow-color-danger, light-dark(#b42318, #f97066));
    --_warning: var(--ow-color-warning, light-dark(#92400e, #fbbf24));
    --_note: var(--ow-color-note, light-dark(#fff4cc, #3d3414));
    --_note-text: var(--ow-color-note-text, light-dark(#4a3800, #fde68a));
    --_outgoing: var(--ow-color-outgoing, light-dark(#d9fdd3, #144d37));
    --_incoming: var(--ow-color-incoming, light-dark(#ffffff, #1f252d));
    --_focus: var(--ow-color-focus, light-dark(#2563eb, #60a5fa));
    --_radius: var(--ow-radius, 8px);
    --_space: var(--ow-space, 8px);
    --_font: var(--ow-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--ow-font-size, 14px);
    color-scheme: light dark;
    font-family: var(--_font);
    font-size: var(--_font-size);
    color: var(--_text);
    box-sizing: border-box;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
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
