// The "/" quick reply list: the replies matching the typed shortcut, choosing one with the
// keyboard or the mouse, and the listbox. Its own chunk: loaded when an agent first types "/".
import { html, type TemplateResult } from 'lit';
import type { QuickReply } from '../../contract/index.js';
import type { OwComposer } from './ow-composer.js';
import { popupStyles } from './popup.js';
import { shortcutBefore } from './shortcut.js';
import './parts.strings.js';
import { normalizeForSearch } from '../../client/rules/search.js';

/**
 * Replies whose shortcut starts with the query, then those that contain it; accents and case do not
 * count ("/envío" finds the shortcut `envio`, and "/envio" finds `envío`).
 */
function matching(host: OwComposer): QuickReply[] {
  const query = normalizeForSearch(host.quickQuery ?? '');
  const all = host.quickReplies.value.map((reply) => ({ reply, shortcut: normalizeForSearch(reply.shortcut) }));
  const starts = all.filter((r) => r.shortcut.startsWith(query));
  return [...starts, ...all.filter((r) => !starts.includes(r) && r.shortcut.includes(query))].map((r) => r.reply);
}

/** The open list and the id of its active option, or undefined when nothing matches. */
export function quickReplyList(host: OwComposer): { popup: TemplateResult; activeId: string } | undefined {
  const matches = matching(host);
  if (!matches.length) return undefined;
  const active = Math.min(host.quickActive, matches.length - 1);
  const popup = html`${popupStyles}
    <style>
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
    </style>
    <ul id="quick-replies" class="popup quick" role="listbox" part="quick-replies" aria-label=${host.t('composer.quickReplies')}>
      ${matches.map(
        (reply, index) => html`<li
          id="quick-reply-${index}"
          role="option"
          aria-selected=${index === active ? 'true' : 'false'}
          @mousedown=${(e: Event) => e.preventDefault()}
          @click=${() => apply(host, reply)}
        >
          <strong>/${reply.shortcut}</strong> <span>${reply.text}</span>
        </li>`,
      )}
    </ul>`;
  return { popup, activeId: `quick-reply-${active}` };
}

/** Handles a key typed while the list is open (not Escape, which the composer handles); true when the list used it. */
export function handleQuickReplyKey(host: OwComposer, event: KeyboardEvent): boolean {
  const matches = matching(host);
  if (!matches.length) return false;
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    host.quickActive = (host.quickActive + (event.key === 'ArrowDown' ? 1 : -1) + matches.length) % matches.length;
    return true;
  }
  if (event.key === 'Enter' || event.key === 'Tab') {
    event.preventDefault();
    apply(host, matches[Math.min(host.quickActive, matches.length - 1)]);
    return true;
  }
  return false;
}

/** Replaces the typed "/shortcut" with the reply's text. */
function apply(host: OwComposer, reply: QuickReply): void {
  const textarea = host.textarea;
  if (!textarea) return;
  const caret = textarea.selectionStart;
  host.quickQuery = null;
  host.insertAtCaret(reply.text, [shortcutBefore(textarea)?.at ?? caret, caret]);
}
