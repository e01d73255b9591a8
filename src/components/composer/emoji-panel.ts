// The emoji panel: a dialog around emoji-picker-element, in the composer's language, with its
// data served beside the package or by the server. Its own chunk, and the picker another one: both
// load on the first 😊.
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
  // The picker's own palette follows the composer's theme; unset, both follow the system.
  picker.classList.toggle('dark', host.theme === 'dark');
  picker.classList.toggle('light', host.theme === 'light');
  (picker.shadowRoot?.querySelector('input') ?? picker).focus();
}

async function createPicker(host: OwComposer): Promise<HTMLElement> {
  const locale = EMOJI_LOCALES[host.lang_];
  const [{ default: Picker }, i18n, source] = await Promise.all([
    import('emoji-picker-element/picker.js'),
    loadEmojiStrings(host.lang_),
    dataSource(host, locale),
  ]);
  const picker = new Picker({ dataSource: source, locale, ...(i18n ? { i18n } : {}) });
  picker.addEventListener('emoji-click', (event) => {
    if (event.detail.unicode) host.insertAtCaret(event.detail.unicode);
    host.emojiState = 'closed';
  });
  return picker;
}

/**
 * Whether `url` answers with JSON (an app's own server answers unknown paths with its HTML page).
 * A yes holds for the page; a no is asked again next time (the network may have been down).
 */
const answers = new Map<string, Promise<boolean>>();

function servesJson(url: string): Promise<boolean> {
  let answer = answers.get(url);
  if (!answer) {
    answer = fetch(url, { method: 'HEAD' }).then(
      (response) => response.ok && /json/i.test(response.headers.get('content-type') ?? ''),
      () => false,
    );
    answers.set(url, answer);
    void answer.then((ok) => ok || answers.delete(url));
  }
  return answer;
}

/**
 * Where the data is: `emoji-data-url` when set; else next to this module (the build copies it to
 * dist/emoji-data/, dev servers serve the same path), which an app's bundler may not have copied;
 * else the server the store talks to (`/api/emoji-data/<locale>`). Never a CDN.
 */
async function dataSource(host: OwComposer, locale: string): Promise<string> {
  if (host.emojiDataUrl) return host.emojiDataUrl.replaceAll('{lang}', locale);
  // A variable, not a literal, so bundlers do not try to inline the JSON into the bundle.
  const path = `./emoji-data/${locale}/data.json`;
  const candidates = [new URL(path, import.meta.url).href];
  const server = host.storeInUse?.client.emojiDataUrl(locale);
  if (server) candidates.push(server);
  for (const url of candidates) if (await servesJson(url)) return url;
  const reason = `no emoji data at ${candidates.join(' nor ')}; set the composer's emoji-data-url`;
  console.error(`ow-composer: ${reason}`);
  throw new Error(reason);
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
