// The localization layer: Spanish ships with the elements, English and Portuguese arrive as
// their own chunk the first time an element renders in them, complete and with the same
// placeholders as Spanish.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/components/notes/ow-notes.js';
import '../../src/components/tag-picker/ow-tag-picker.js';
import type { OwNotes } from '../../src/components/notes/ow-notes.js';
import { describeError, describeFailure, formatDuration, isLanguageLoaded, loadLanguage, LANGUAGES, t, type Language } from '../../src/components/shared/i18n.js';
import { ApiError, NetworkError } from '../../src/client/errors.js';
import { es as agentConsole } from '../../src/components/agent-console/ow-agent-console.strings.js';
import { es as chat } from '../../src/components/chat/ow-chat.strings.js';
import { es as composer } from '../../src/components/composer/ow-composer.strings.js';
import { es as customerPanel } from '../../src/components/customer-panel/ow-customer-panel.strings.js';
import { es as inbox } from '../../src/components/inbox/ow-inbox.strings.js';
import { es as notes } from '../../src/components/notes/ow-notes.strings.js';
import { es as tagPicker } from '../../src/components/tag-picker/ow-tag-picker.strings.js';
import { es as chatDialogs } from '../../src/components/chat/dialogs.strings.js';
import { es as composerParts } from '../../src/components/composer/parts.strings.js';
import { es as customerForm } from '../../src/components/customer-panel/customer-form.strings.js';
import { es as rowActions } from '../../src/components/inbox/row-actions.strings.js';
import { es as tagOptions } from '../../src/components/tag-picker/tag-options.strings.js';
import { es as errors } from '../../src/components/shared/errors.strings.js';
import english from '../../src/components/shared/translations.en.js';
import portuguese from '../../src/components/shared/translations.pt-BR.js';
import { $ } from './support.js';

declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void> | void): void;

// Each element's strings, and those of its parts that load on demand.
const spanish: Record<string, string> = {
  ...agentConsole,
  ...chat,
  ...chatDialogs,
  ...composer,
  ...composerParts,
  ...customerPanel,
  ...customerForm,
  ...errors,
  ...inbox,
  ...rowActions,
  ...notes,
  ...tagPicker,
  ...tagOptions,
};
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('languages', () => {
  // Runs first: nothing has asked for Portuguese yet in this page.
  it('an element in a language not yet loaded renders once, already in that language', async () => {
    expect(isLanguageLoaded('pt-BR')).to.equal(false);
    const rendered: string[] = [];
    const el = document.createElement('ow-notes') as OwNotes;
    el.setAttribute('lang', 'pt-BR');
    const seen = new MutationObserver(() => rendered.push(el.shadowRoot?.textContent ?? ''));
    document.body.append(el);
    seen.observe(el.shadowRoot!, { childList: true, subtree: true, characterData: true });
    await el.updateComplete;
    seen.disconnect();
    expect(isLanguageLoaded('pt-BR')).to.equal(true);
    expect($(el, '[part~="empty"]')!.textContent).to.contain('Selecione uma conversa');
    expect(rendered.join(' ')).not.to.contain('Selecciona');
    el.remove();
  });

  it('Spanish needs no fetch', () => {
    expect(isLanguageLoaded('es')).to.equal(true);
    expect(t('es', 'notes.title')).to.equal('Notas internas');
  });

  it('changing lang on a rendered element switches its strings', async () => {
    const el = await fixture<OwNotes>(html`<ow-notes lang="es"></ow-notes>`);
    expect($(el, 'h2')!.textContent).to.equal('Notas internas');
    el.setAttribute('lang', 'en');
    await el.updateComplete;
    expect($(el, 'h2')!.textContent).to.equal('Internal notes');
  });

  it("a lang changed on the page or on a host's container reaches every element under it, across shadow roots", async () => {
    const container = await fixture<HTMLDivElement>(html`<div lang="es"></div>`);
    // As inside <ow-agent-console> or a CRM's own component: the element sits in another element's shadow root.
    const inner = container.attachShadow({ mode: 'open' });
    const nested = document.createElement('ow-notes') as OwNotes;
    inner.append(nested);
    const loose = await fixture<OwNotes>(html`<ow-notes></ow-notes>`);
    await nested.updateComplete;
    expect($(nested, 'h2')!.textContent).to.equal('Notas internas');

    container.setAttribute('lang', 'en');
    await waitUntil(() => $(nested, 'h2')!.textContent === 'Internal notes', 'the nested element follows its container');
    expect($(loose, 'h2')!.textContent).to.equal('Notas internas', 'an element elsewhere keeps its language');

    const pageLang = document.documentElement.lang;
    try {
      document.documentElement.lang = 'pt-BR';
      // "Notas internas" is Portuguese too: the empty state tells the languages apart.
      await waitUntil(() => $(loose, '[part~="empty"]')!.textContent!.includes('Selecione'), 'the element without a closer lang follows the page', { timeout: 5000 });
      expect($(nested, 'h2')!.textContent).to.equal('Internal notes', 'its container still says English');
    } finally {
      document.documentElement.lang = pageLang;
    }
  });

  it("failures are told by their kind in the agent's language, never as the transport's or server's English", async () => {
    await loadLanguage('en');
    const offline = new NetworkError('POST http://127.0.0.1:8787/api/conversations/c1/messages failed: Failed to fetch');
    expect(describeError('es', offline)).to.equal('no hay conexión con el servidor; revisa tu conexión y vuelve a intentarlo');
    expect(describeError('en', offline)).to.equal('no connection to the server; check your connection and try again');
    const taken = new ApiError(409, { error: 'conflict', reason: 'the conversation is already assigned to another agent' });
    expect(describeError('es', taken)).to.equal('alguien lo cambió antes que tú; revisa y vuelve a intentarlo');
    expect(describeError('es', new ApiError(401, { error: 'unauthorized', reason: 'token expired: unused for 12 h; sign in again' }))).to.equal(
      'tu sesión terminó; vuelve a iniciar sesión',
    );
    expect(describeError('es', new ApiError(502, null))).to.equal('el servidor tuvo un problema; vuelve a intentarlo en un momento');
    // A refused request keeps its reason: it says what to fix.
    expect(describeError('es', new ApiError(400, { error: 'bad_request', reason: 'text: too long' }))).to.equal('el servidor rechazó la solicitud (text: too long)');
    expect(describeError('es', new ApiError(400, { error: 'bad_request', reason: 'text: too long' }, '', true))).to.equal('la solicitud no es válida (text: too long)');
    // What is not a request failure keeps its message; a stored reason without a kind stays as it is.
    expect(describeError('es', new RangeError('Invalid time value'))).to.equal('Invalid time value');
    expect(describeFailure('es', null, 'saved by an older version')).to.equal('saved by an older version');
    expect(describeFailure('pt-BR', 'window_closed', 'the WhatsApp window closed')).to.equal(t('pt-BR', 'error.window_closed'));
  });

  it('waiting times of a day or more keep their hours, in two units at most', () => {
    const hour = 3_600_000;
    expect(formatDuration(45_000)).to.equal('45 s');
    expect(formatDuration(12 * 60_000)).to.equal('12 min');
    expect(formatDuration(3 * hour + 5 * 60_000)).to.equal('3 h 5 min');
    expect(formatDuration(23 * hour + 59 * 60_000)).to.equal('23 h 59 min');
    expect(formatDuration(24 * hour)).to.equal('1 d');
    // 25 h and 40 h no longer both read "1 d".
    expect(formatDuration(25 * hour + 30 * 60_000)).to.equal('1 d 1 h');
    expect(formatDuration(40 * hour)).to.equal('1 d 16 h');
    expect(formatDuration(48 * hour + 59 * 60_000)).to.equal('2 d');
    expect(formatDuration(9 * 24 * hour + 3 * hour)).to.equal('9 d 3 h');
  });

  for (const [lang, strings] of [['en', english], ['pt-BR', portuguese]] as const) {
    it(`${lang} translates every Spanish key, with the same placeholders, and nothing else`, () => {
      const translated: Record<string, string> = strings;
      expect(Object.keys(translated).sort()).to.deep.equal(Object.keys(spanish).sort());
      for (const [key, text] of Object.entries(translated)) {
        expect(text.trim(), key).not.to.equal('');
        expect(placeholders(text), key).to.deep.equal(placeholders(spanish[key]));
      }
    });
  }

  it('every language resolves every key through t()', async () => {
    for (const lang of LANGUAGES as readonly Language[]) {
      await loadLanguage(lang);
      for (const key of Object.keys(spanish)) expect(t(lang, key), `${lang} ${key}`).not.to.equal(key);
    }
  });
});
