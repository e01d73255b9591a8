import { css } from 'lit';
import { control } from './control.styles.js';

export const inboxStyles = [
  control,
  css`
    :host {
      display: flex;
      flex-direction: column;
      min-height: 0;
      height: 100%;
      background: var(--_bg);
      --_row-height: var(--ow-inbox-row-height, 76px);
    }
    [part~='header'] {
      display: flex;
      flex-direction: column;
      gap: var(--_space);
      padding: var(--_space);
      border-bottom: 1px solid var(--_border);
      background: var(--_surface);
    }
    [part~='trays'] {
      display: flex;
      gap: 2px;
      border-radius: var(--_radius);
      background: var(--_bg);
      border: 1px solid var(--_border);
      padding: 2px;
    }
    [part~='tray'] {
      flex: 1 1 auto;
      min-width: 0;
      display: inline-flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: 2px;
      padding: 4px 2px;
      border: 0;
      background: transparent;
      font-size: 0.9em;
      line-height: 1.2;
      text-align: center;
    }
    .tray-label {
      max-width: 100%;
      overflow-wrap: anywhere;
    }
    [part~='tray'][aria-selected='true'] {
      background: var(--_accent);
      color: var(--_on-accent);
      font-weight: 600;
    }
    [part~='count'],
    [part~='waiting'],
    [part~='unread'] {
      font-size: 0.8em;
      font-variant-numeric: tabular-nums;
    }
    [part~='count'],
    [part~='unread'] {
      border-radius: 999px;
    }
    [part~='count'] {
      min-width: 1.6em;
      padding: 0 5px;
      background: var(--_surface);
      color: var(--_text);
    }
    /* Each control as wide as its longest choice (the search box as wide as the row, for its
       placeholder): a control that does not fit beside the others goes to the next row, rather
       than cutting its text; a row's controls share what is left. */
    [part~='filters'] {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
    }
    .field {
      flex: 1 1 auto;
      display: flex;
      flex-direction: column;
      gap: 2px;
      min-width: 0;
      font-size: 0.85em;
      color: var(--_muted);
    }
    .field.search {
      flex-basis: 100%;
    }
    select,
    input {
      font-size: var(--_font-size);
      padding: 5px 6px;
      min-width: 0;
    }
    .tag-select {
      display: flex;
      align-items: center;
      gap: 4px;
    }
    .tag-select select {
      flex: 1;
    }
    .panel,
    .list-wrap {
      position: relative;
      flex: 1 1 auto;
      min-height: 0;
      display: flex;
    }
    .panel {
      flex-direction: column;
    }
    lit-virtualizer {
      flex: 1 1 auto;
      height: 100%;
      min-height: 0;
      width: 100%;
      outline-offset: -2px;
    }
    [part~='row'] {
      width: 100%;
      height: var(--_row-height);
      display: flex;
      align-items: flex-start;
      gap: var(--_space);
      padding: var(--_space) calc(var(--_space) * 5) var(--_space) var(--_space);
      border-bottom: 1px solid var(--_border);
      cursor: pointer;
      background: var(--_bg);
      color: var(--_text);
      overflow: hidden;
    }
    [part~='row']:hover {
      background: var(--_surface);
    }
    [part~='row']:focus-visible {
      outline-offset: -2px;
    }
    [part~='row-selected'],
    [part~='row-selected']:hover {
      background: color-mix(in srgb, var(--_accent) 14%, var(--_bg));
      box-shadow: inset 3px 0 0 var(--_accent);
    }
    [part~='channel'] {
      flex: none;
      width: 28px;
      height: 28px;
      border-radius: 50%;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      font-size: 11px;
      font-weight: 700;
      color: #fff;
      background: #4b5563;
    }
    [data-channel='whatsapp'] {
      background: #15803d;
    }
    [data-channel='instagram'] {
      background: #be185d;
    }
    [data-channel='facebook'] {
      background: #1d4ed8;
    }
    .main {
      flex: 1 1 auto;
      min-width: 0;
      display: flex;
      flex-direction: column;
      gap: 2px;
    }
    .line {
      display: flex;
      align-items: center;
      gap: 6px;
      min-width: 0;
    }
    [part~='name'],
    [part~='holder'] {
      flex: 1 1 auto;
      min-width: 0;
    }
    [part~='name'],
    [part~='preview'],
    [part~='holder'] {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    [part~='name'] {
      font-weight: 600;
    }
    [part~='preview'],
    [part~='holder'] {
      color: var(--_muted);
    }
    [part~='holder'] {
      font-size: 0.8em;
    }
    [part~='waiting'] {
      flex: none;
      color: var(--_warning);
      font-weight: 600;
    }
    [part~='closed-at'] {
      flex: none;
      font-size: 0.8em;
      font-variant-numeric: tabular-nums;
      color: var(--_muted);
    }
    [part~='tags'] {
      display: inline-flex;
      gap: 3px;
    }
    [part~='tag-dot'] {
      width: 10px;
      height: 10px;
      border-radius: 50%;
      background: var(--dot);
      border: 1px solid color-mix(in srgb, var(--dot) 60%, #000);
    }
    [part~='unread'] {
      flex: none;
      margin-left: auto;
      min-width: 20px;
      padding: 0 6px;
      text-align: center;
      background: var(--_accent);
      color: var(--_on-accent);
      font-weight: 700;
    }
    [part~='empty'],
    [part~='loading'],
    [part~='error'] {
      padding: calc(var(--_space) * 3) var(--_space);
      text-align: center;
      color: var(--_muted);
    }
    [part~='error'] {
      color: var(--_danger);
    }
    [part~='error'] button {
      margin-top: var(--_space);
      padding: 4px 12px;
    }
    .progress {
      position: absolute;
      top: 0;
      left: 0;
      right: 0;
      height: 2px;
      z-index: 1;
      background: linear-gradient(90deg, transparent, var(--_accent), transparent) no-repeat;
      background-size: 50% 100%;
      animation: slide 1s linear infinite;
    }
    @keyframes slide {
      from {
        background-position: -50% 0;
      }
      to {
        background-position: 150% 0;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .progress {
        animation: none;
        background: var(--_accent);
        opacity: 0.5;
      }
    }
  `,
];
