// <ow-composer>'s parts that load on first use (quick replies, templates, voice notes,
// attachments, the emoji panel): a key pressed before a part arrives, and a part that cannot load.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { OwClient } from '../../src/client/api-client.js';
import type { OwStore } from '../../src/client/store.js';
import '../../src/components/composer/ow-composer.js';
import type { OwComposer } from '../../src/components/composer/ow-composer.js';
import { LazyPart } from '../../src/components/shared/lazy-part.js';
import { base, conversationFactory, phoneNumbers, startStore, useTestServer } from './support.js';

// Mocha's globals, provided by the browser test runner.
declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void> | void): void;

type PartName = 'quickPart' | 'templatePart' | 'voicePart' | 'attachmentsPart' | 'emojiPart';

const createConversation = conversationFactory({
  customer: { name: 'Lucía Torres' },
  phone: phoneNumbers('+5732000', 5),
  messages: [{ author: 'customer', text: 'Hola, necesito ayuda' }],
});

async function composerFor(conversationId: string, store: OwStore): Promise<OwComposer> {
  await store.openConversation(conversationId);
  const el = await fixture<OwComposer>(html`<ow-composer .store=${store} conversation-id=${conversationId}></ow-composer>`);
  await el.updateComplete;
  return el;
}

/** The part's chunk cannot be fetched (no connection) until `online()` is called. */
function offline(el: OwComposer, name: PartName): { online: () => void } {
  const parts = el as unknown as Record<PartName, LazyPart<unknown>>;
  const real = parts[name];
  let failing = true;
  parts[name] = new LazyPart(el, () => (failing ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : real.get()));
  return { online: () => (failing = false) };
}

/** The part's chunk arrives only when `arrive()` is called (a slow connection). */
function delayed(el: OwComposer, name: PartName): { arrive: () => void } {
  const parts = el as unknown as Record<PartName, LazyPart<unknown>>;
  const real = parts[name];
  let arrive!: () => void;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  parts[name] = new LazyPart(el, () => arrived.then(() => real.get()));
  return { arrive };
}

/** A composer for a conversation whose customer last wrote 25 hours ago (the window is closed). */
async function outsideTheWindow(store: OwStore, setUp: (el: OwComposer) => void = () => {}): Promise<OwComposer> {
  await new OwClient({ baseUrl: base, token: 'tok_admin' }).updateSettings({ autoCloseHours: 0 });
  const { conversation } = await createConversation();
  await store.openConversation(conversation.id);
  const el = document.createElement('ow-composer');
  setUp(el);
  el.clock = () => Date.parse(conversation.lastCustomerMessageAt!) + 25 * 3_600_000;
  el.store = store;
  el.conversationId = conversation.id;
  await fixture(html`<div>${el}</div>`);
  return el;
}

const textarea = (el: OwComposer) => el.shadowRoot!.querySelector('textarea')!;
const errorText = (el: OwComposer) => el.shadowRoot!.querySelector('[part="errors"]')?.textContent?.replace(/\s+/g, ' ').trim();

function type(el: OwComposer, text: string): void {
  const field = textarea(el);
  field.focus();
  field.value = text;
  field.setSelectionRange(text.length, text.length);
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

function press(el: OwComposer, key: string): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true });
  textarea(el).dispatchEvent(event);
  return event;
}

useTestServer();

describe('ow-composer parts', () => {
  it('picks a quick reply with an Enter pressed before the list has loaded, rather than sending "/"', async () => {
    const { store } = await startStore();
    const { conversation } = await createConversation();
    const el = await composerFor(conversation.id, store);
    type(el, 'Buenos días /gra');
    expect(press(el, 'Enter').defaultPrevented).to.equal(true);
    await waitUntil(() => textarea(el).value !== 'Buenos días /gra', 'reply inserted');
    expect(textarea(el).value).to.equal('Buenos días Gracias por tu paciencia, ya reviso tu caso.');
    expect(store.getState().outbox).to.have.length(0);
  });

  it('closes the quick reply list with Escape before it has loaded, and leaves it closed for that "/"', async () => {
    const { store } = await startStore();
    const { conversation } = await createConversation();
    const el = await composerFor(conversation.id, store);
    type(el, 'Hola /');
    expect(press(el, 'Escape').defaultPrevented).to.equal(true);
    type(el, 'Hola /g');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(el.shadowRoot!.querySelector('[part="quick-replies"]')).to.equal(null);
    type(el, 'Hola /g /');
    await waitUntil(() => el.shadowRoot!.querySelector('[part="quick-replies"]'), 'a new "/" opens it');
  });

  it('moves through the quick replies with the arrow keys; another query starts again at the first', async () => {
    const { store } = await startStore();
    const { conversation } = await createConversation();
    const el = await composerFor(conversation.id, store);
    const options = () => [...el.shadowRoot!.querySelectorAll('[part="quick-replies"] [role="option"]')];
    const active = () => textarea(el).getAttribute('aria-activedescendant');
    type(el, 'Hola /');
    await waitUntil(() => options().length === 3, 'quick replies part loaded');
    expect(active()).to.equal(options()[0]!.id);
    expect(press(el, 'ArrowDown').defaultPrevented).to.equal(true);
    await el.updateComplete;
    expect(active()).to.equal(options()[1]!.id);
    expect(options()[1]!.getAttribute('aria-selected')).to.equal('true');
    press(el, 'ArrowUp');
    press(el, 'ArrowUp');
    await el.updateComplete;
    expect(active()).to.equal(options()[2]!.id);
    const third = options()[2]!.querySelector('span')!.textContent;
    type(el, 'Hola /g');
    await el.updateComplete;
    expect(active()).to.equal('quick-reply-0');
    type(el, 'Hola /');
    await el.updateComplete;
    press(el, 'ArrowUp');
    await el.updateComplete;
    press(el, 'Enter');
    expect(textarea(el).value).to.equal(`Hola ${third}`);
  });

  it('keeps the text and says why when the quick reply list cannot load', async () => {
    const { store } = await startStore();
    const { conversation } = await createConversation();
    const el = await composerFor(conversation.id, store);
    const network = offline(el, 'quickPart');
    type(el, 'Buenos días /gra');
    press(el, 'Enter');
    await waitUntil(() => errorText(el), 'error shown');
    expect(errorText(el)).to.include('No se pudieron abrir las respuestas rápidas: no hay conexión con el servidor; revisa tu conexión y vuelve a intentarlo');
    expect(textarea(el).value).to.equal('Buenos días /gra');
    expect(store.getState().outbox).to.have.length(0);
    network.online();
    press(el, 'Enter');
    await waitUntil(() => textarea(el).value.startsWith('Buenos días Gracias'), 'reply inserted once online');
    expect(errorText(el), 'the error went once the list worked').to.equal(undefined);
  });

  it('says why when pasted files cannot be attached, and attaches them once it can', async () => {
    const { store } = await startStore();
    const { conversation } = await createConversation();
    const el = await composerFor(conversation.id, store);
    const network = offline(el, 'attachmentsPart');
    const paste = () => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(1024)], 'contrato.pdf', { type: 'application/pdf' }));
      textarea(el).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, composed: true, cancelable: true }));
    };
    paste();
    await waitUntil(() => errorText(el), 'error shown');
    expect(errorText(el)).to.include('No se pudo subir «contrato.pdf»: no hay conexión con el servidor; revisa tu conexión y vuelve a intentarlo');
    network.online();
    paste();
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="attachment"]')?.textContent?.includes('contrato.pdf'), 'attached once online');
    expect(errorText(el), 'the error went once the file was attached').to.equal(undefined);
  });

  it('says why when the template picker cannot load outside the 24-hour window', async () => {
    const { store } = await startStore();
    const el = await outsideTheWindow(store, (composer) => offline(composer, 'templatePart'));
    await waitUntil(() => errorText(el), 'error shown');
    expect(errorText(el)).to.include('No se pudieron cargar las plantillas: no hay conexión con el servidor; revisa tu conexión y vuelve a intentarlo');
    expect(el.shadowRoot!.querySelector('[part="templates"] legend')!.textContent).to.equal('Plantillas aprobadas');
    await expect(el).to.be.accessible();
  });

  it('shows the template picker frame at once, and the picker when it has loaded', async () => {
    const { store } = await startStore();
    let picker!: { arrive: () => void };
    const el = await outsideTheWindow(store, (composer) => (picker = delayed(composer, 'templatePart')));
    expect(textarea(el).disabled).to.equal(true);
    const frame = el.shadowRoot!.querySelector('[part="templates"]');
    expect(frame?.getAttribute('aria-busy')).to.equal('true');
    expect(frame?.querySelector('legend')?.textContent).to.equal('Plantillas aprobadas');
    picker.arrive();
    await waitUntil(() => el.shadowRoot!.querySelector('[part="templates"] select'), 'picker loaded');
    expect(el.shadowRoot!.querySelector('[part="templates"]')!.hasAttribute('aria-busy')).to.equal(false);
  });

  it('says why when the voice recorder or the emoji panel cannot load', async () => {
    const { store } = await startStore();
    const { conversation } = await createConversation();
    const el = await composerFor(conversation.id, store);
    offline(el, 'voicePart');
    offline(el, 'emojiPart');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="record"]')!.click();
    await waitUntil(() => errorText(el), 'voice error shown');
    expect(errorText(el)).to.include('No se pudo usar el micrófono: no hay conexión con el servidor; revisa tu conexión y vuelve a intentarlo');
    const emoji = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="emoji"]')!;
    emoji.click();
    await waitUntil(() => errorText(el)?.includes('emojis'), 'emoji error shown');
    expect(errorText(el)).to.include('No se pudieron cargar los emojis: no hay conexión con el servidor; revisa tu conexión y vuelve a intentarlo');
    expect(emoji.getAttribute('aria-expanded')).to.equal('false');
    expect(el.shadowRoot!.querySelector('[part~="record"]')).to.exist;
  });
});
