// The emoji panel: a dialog around emoji-picker-element, in the composer's language, with its
// data served beside the package. Its own chunk, and the picker another one: both load on the first 😊.
import { html, type TemplateResult } from 'lit';
import type { I18n } from 'emoji-picker-element/shared';
import type { Language } from '../shared/i18n.js';
import type { OwComposer } from './ow-composer.js';
import { popupStyles } from './popup.js';
import './parts.strings.js';

/** emoji-picker-element-data folder per UI language. */
const EMOJI_LOCALES: Record<Language, string> = { es: 'es', en: 'en', 'pt-BR': 'pt' };

/** Each composer's picker, made for one language (the composer closes the panel when its language changes). */
const pickers = new WeakMap<OwComposer, { lang: Language; picker: HTMLElement }>();

/** Opens the panel (it says it is loading meanwhile) and puts the focus in its search field. */
export async function showEmoji(host: OwComposer): Promise<void> {
  let made = pickers.get(host);
  if (made?.lang !== host.lang_) {
    const lang = host.lang_;
    made = { lang, picker: await createPicker(host) };
    pickers.set(host, made);
  }
  // Closed again while loading.
  if (host.emojiState !== 'loading') return;
  host.emojiState = 'open';
  await host.updateComplete;
  const { picker } = made;
  (picker.shadowRoot?.querySelector('input') ?? picker).focus();
}

async function createPicker(host: OwComposer): Promise<HTMLElement> {
  const locale = EMOJI_LOCALES[host.lang_];
  const [{ default: Picker }, i18n] = await Promise.all([import('emoji-picker-element/picker.js'), loadEmojiStrings(host.lang_)]);
  const picker = new Picker({ dataSource: dataSource(host, locale), locale, ...(i18n ? { i18n } : {}) });
  picker.addEventListener('emoji-click', (event) => {
    if (event.detail.unicode) host.insertAtCaret(event.detail.unicode);
    host.emojiState = 'closed';
  });
  return picker;
}

function dataSource(host: OwComposer, locale: string): string {
  if (host.emojiDataUrl) return host.emojiDataUrl.replaceAll('{lang}', locale);
  // The build copies the data next to the modules (dist/emoji-data/); dev servers serve the same path.
  // A variable, not a literal, so bundlers do not try to inline the JSON into the bundle.
  const path = `./emoji-data/${locale}/data.json`;
  return new URL(path, import.meta.url).href;
}

async function loadEmojiStrings(lang: Language): Promise<I18n | null> {
  if (lang === 'es') return (await import('emoji-picker-element/i18n/es.js')).default;
  if (lang === 'pt-BR') return (await import('emoji-picker-element/i18n/pt_BR.js')).default;
  return null;
}

export function renderEmojiPanel(host: OwComposer): TemplateResult {
  return html`<div
    class="popup emoji-panel"
    part="emoji-panel"
    role="dialog"
    aria-label=${host.t('composer.emojiPanel')}
    @keydown=${(event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      host.closeEmoji();
    }}
    @focusout=${(event: FocusEvent) => {
      // Closes when focus moves elsewhere (not back to the 😊 button, which toggles it).
      const next = event.relatedTarget as Node | null;
      if (next && !(event.currentTarget as HTMLElement).contains(next) && next !== host.emojiButton) host.emojiState = 'closed';
    }}
  >
    ${popupStyles}
    <style>
      .emoji-panel p {
        margin: 0;
        padding: var(--_space);
      }
    </style>
    ${host.emojiState === 'loading' ? html`<p role="status">${host.t('composer.emojiLoading')}</p>` : pickers.get(host)?.picker}
  </div>`;
}
