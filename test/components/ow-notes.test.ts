// <ow-notes> as agents use it, against the real test server: internal notes listed, added, live, never sent to the customer.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { OwClient } from '../../src/client/api-client.js';
import type { FetchLike } from '../../src/client/http.js';
import type { OwStore } from '../../src/client/store.js';
import '../../src/components/notes/ow-notes.js';
import type { OwNotes } from '../../src/components/notes/ow-notes.js';
import * as notesStories from '../../stories/ow-notes.stories.js';
import { storyTests } from './story-tests.js';
import { $, $$, base, conversationFactory, phoneNumbers, sim, startStore, useTestServer } from './support.js';

declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void> | void): void;

const createConversation = conversationFactory({
  customer: { name: 'Mateo Ríos' },
  phone: phoneNumbers('+57300200', 4),
  messages: [
    { author: 'customer', text: 'Buenas, quiero cambiar mi plan' },
    { author: 'agent', text: 'Claro, te ayudo' },
  ],
});

async function notesFor(store: OwStore, conversationId: string): Promise<OwNotes> {
  const el = await fixture<OwNotes>(html`<ow-notes .store=${store} conversation-id=${conversationId}></ow-notes>`);
  await waitUntil(() => !$(el, '[part~="empty"]')?.textContent?.includes('Cargando'), 'notes loaded', { timeout: 5000 });
  return el;
}

function noteTexts(el: OwNotes): string[] {
  return $$(el, '[part~="note"] [part~="text"]').map((p) => p.textContent!.trim());
}

function textarea(el: OwNotes): HTMLTextAreaElement {
  return $<HTMLTextAreaElement>(el, 'textarea')!;
}

async function type(el: OwNotes, text: string): Promise<void> {
  textarea(el).focus();
  await sendKeys({ type: text });
  await el.updateComplete;
}

function addButton(el: OwNotes): HTMLButtonElement {
  return $<HTMLButtonElement>(el, '[part~="add-button"]')!;
}

useTestServer();

describe('ow-notes', () => {
  it('is labelled internal, has an empty state and a labelled field, and is accessible', async () => {
    const { conversation } = await createConversation();
    const { store } = await startStore();
    const el = await notesFor(store, conversation.id);
    expect($(el, '[part~="badge"]')!.textContent).to.contain('Solo visible para agentes');
    expect($(el, '[part~="empty"]')!.textContent).to.contain('Todavía no hay notas internas');
    expect($(el, 'label[for="note"]')!.textContent).to.equal('Nueva nota interna');
    expect(addButton(el).disabled).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('lists only the notes of the timeline, in order, with author and time', async () => {
    const { conversation } = await createConversation();
    const carla = new OwClient({ baseUrl: base, token: 'tok_carla' });
    await carla.sendMessage(conversation.id, { clientId: 'note-carla-0001', kind: 'note', text: 'Cliente VIP, ofrecer descuento' });
    const ana = new OwClient({ baseUrl: base, token: 'tok_ana' });
    await ana.sendMessage(conversation.id, { clientId: 'reply-ana-00001', text: 'Te cuento las opciones' });
    await ana.sendMessage(conversation.id, { clientId: 'note-ana-00001', kind: 'note', text: 'Ya le pasé las opciones: https://example.com/planes.' });
    const { store } = await startStore();
    const el = await notesFor(store, conversation.id);

    expect(noteTexts(el)).to.deep.equal(['Cliente VIP, ofrecer descuento', 'Ya le pasé las opciones: https://example.com/planes.']);
    const authors = $$(el, '[part~="author"]').map((a) => a.textContent!.trim());
    expect(authors[0]).to.equal('Carla Gómez');
    expect(authors[1]).to.contain('Ana Pérez');
    const time = $(el, '[part~="time"]')!;
    expect(Date.parse(time.getAttribute('datetime')!)).to.be.a('number').and.not.NaN;
    expect(time.textContent!.trim()).to.not.equal('');
    // Links are clickable, the trailing period is not part of them, and nothing is parsed as HTML.
    const link = $$(el, '[part~="text"] a')[0] as HTMLAnchorElement;
    expect(link.href).to.equal('https://example.com/planes');
    expect(link.rel).to.equal('noopener noreferrer');
    await expect(el).to.be.accessible();
  });

  it("adds a note: pending at once, then saved; the other agent's element shows it live; the customer never sees it", async () => {
    const { conversation, customer } = await createConversation();
    const ana = await startStore('tok_ana');
    const carla = await startStore('tok_carla');
    const wrapper = await fixture(html`<div>
      <ow-notes id="ana" .store=${ana.store} conversation-id=${conversation.id}></ow-notes>
      <ow-notes id="carla" .store=${carla.store} conversation-id=${conversation.id} lang="en"></ow-notes>
    </div>`);
    const notesA = wrapper.querySelector<OwNotes>('#ana')!;
    const notesB = wrapper.querySelector<OwNotes>('#carla')!;
    await waitUntil(() => ana.store.getState().timelines[conversation.id] && carla.store.getState().timelines[conversation.id], 'timelines loaded', { timeout: 5000 });
    await waitUntil(() => !ana.store.getState().timelines[conversation.id]!.loading && !carla.store.getState().timelines[conversation.id]!.loading, 'loaded');

    await type(notesA, 'Pidió factura a nombre de la empresa <b>ACME</b>');
    const added = oneEvent(notesA, 'ow-note-add');
    addButton(notesA).click();
    expect((await added).detail.text).to.equal('Pidió factura a nombre de la empresa <b>ACME</b>');
    await notesA.updateComplete;
    expect(textarea(notesA).value).to.equal('');
    const first = $(notesA, '[part~="note"]')!;
    expect(first.dataset.status).to.equal('pending');
    await waitUntil(() => $(notesA, '[part~="note"]')?.dataset.status === 'sent', 'note saved', { timeout: 5000 });

    await waitUntil(() => noteTexts(notesB).length === 1, "Carla's element shows it live", { timeout: 5000 });
    expect(noteTexts(notesB)).to.deep.equal(['Pidió factura a nombre de la empresa <b>ACME</b>']);
    expect($(notesB, '[part~="text"] b')).to.equal(null);
    expect($(notesB, '[part~="author"]')!.textContent!.trim()).to.equal('Ana Pérez');
    await waitUntil(() => $(notesB, '[role="status"]')!.textContent!.includes('New note from Ana Pérez'), 'announced to Carla');

    const stored = await ana.client.listMessages(conversation.id, { kind: 'note' });
    expect(stored.messages.map((m) => m.text)).to.deep.equal(['Pidió factura a nombre de la empresa <b>ACME</b>']);
    const customerView = await sim.conversations('whatsapp', customer.phone!);
    expect(customerView.messages.map((m) => m.text)).to.not.include('Pidió factura a nombre de la empresa <b>ACME</b>');
    expect(customerView.messages.some((m) => m.kind === 'note')).to.equal(false);
    await expect(notesA).to.be.accessible();
  });

  it('Ctrl+Enter adds the note; Enter alone starts a new line', async () => {
    const { conversation } = await createConversation();
    const { store, client } = await startStore();
    const el = await notesFor(store, conversation.id);
    await type(el, 'Primera línea');
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: 'segunda línea' });
    expect(textarea(el).value).to.equal('Primera línea\nsegunda línea');
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    await waitUntil(() => $(el, '[part~="note"]')?.dataset.status === 'sent', 'saved', { timeout: 5000 });
    expect(noteTexts(el)).to.deep.equal(['Primera línea\nsegunda línea']);
    expect((await client.listMessages(conversation.id, { kind: 'note' })).messages).to.have.length(1);
    expect(el.shadowRoot!.activeElement).to.equal(textarea(el));
  });

  it('a note that could not be saved stays with its reason and a retry that stores it once', async () => {
    const { conversation } = await createConversation();
    let offline = true;
    const flaky: FetchLike = (input, init) =>
      offline && init?.method === 'POST' && input.includes('/messages') ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init);
    const { store, client } = await startStore('tok_ana', { fetch: flaky, maxSendAttempts: 1 });
    const el = await notesFor(store, conversation.id);

    await type(el, 'Llamar mañana a las 9');
    addButton(el).click();
    await waitUntil(() => $(el, '[part~="note"]')?.dataset.status === 'failed', 'failed shown', { timeout: 5000 });
    const state = $(el, '[part~="state"]')!;
    expect(state.textContent).to.contain('No se pudo guardar');
    await expect(el).to.be.accessible();

    offline = false;
    [...state.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Reintentar')!.click();
    await waitUntil(() => $(el, '[part~="note"]')?.dataset.status === 'sent', 'saved on retry', { timeout: 5000 });
    expect((await client.listMessages(conversation.id, { kind: 'note' })).messages.map((m) => m.text)).to.deep.equal(['Llamar mañana a las 9']);
    expect(noteTexts(el)).to.deep.equal(['Llamar mañana a las 9']);
  });

  it('is readable in dark mode and in Portuguese, with a saved and a failed note', async () => {
    const { conversation } = await createConversation();
    await new OwClient({ baseUrl: base, token: 'tok_carla' }).sendMessage(conversation.id, { clientId: 'note-dark-00001', kind: 'note', text: 'Revisar https://example.com/caso' });
    const offlineSends: FetchLike = (input, init) =>
      init?.method === 'POST' && input.includes('/messages') ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init);
    const { store } = await startStore('tok_ana', { fetch: offlineSends, maxSendAttempts: 1 });
    const wrapper = await fixture(html`<div lang="pt-BR"><ow-notes theme="dark" .store=${store} conversation-id=${conversation.id}></ow-notes></div>`);
    const el = wrapper.querySelector('ow-notes')!;
    await waitUntil(() => noteTexts(el).length === 1, 'loaded', { timeout: 5000 });
    expect($(el, '[part~="badge"]')!.textContent).to.contain('Visível apenas para agentes');
    await type(el, 'Nota que não sai');
    addButton(el).click();
    await waitUntil(() => $(el, '[data-status="failed"]'), 'failed', { timeout: 5000 });
    expect($(el, '[part~="state"]')!.textContent).to.contain('Tentar de novo');
    await expect(el).to.be.accessible();
  });

  it('keeps the draft and explains when a note is too long', async () => {
    const { conversation } = await createConversation();
    const { store, client } = await startStore();
    const el = await notesFor(store, conversation.id);
    const long = 'a'.repeat(4097);
    textarea(el).value = long;
    textarea(el).dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect($(el, '[part~="error"]')!.textContent).to.contain('4096');
    expect(addButton(el).disabled).to.equal(true);
    await el.add();
    expect(textarea(el).value).to.equal(long);
    expect((await client.listMessages(conversation.id, { kind: 'note' })).messages).to.have.length(0);
  });

  it('shows a long list of notes in order, scrolled to the newest', async () => {
    const { conversation } = await createConversation();
    const carla = new OwClient({ baseUrl: base, token: 'tok_carla' });
    for (let i = 1; i <= 30; i++) await carla.sendMessage(conversation.id, { clientId: `note-long-${String(i).padStart(4, '0')}`, kind: 'note', text: `Nota ${i}` });
    const { store } = await startStore();
    const el = await notesFor(store, conversation.id);
    await waitUntil(() => noteTexts(el).length === 30, 'all shown');
    expect(noteTexts(el)[0]).to.equal('Nota 1');
    expect(noteTexts(el)[29]).to.equal('Nota 30');
    const scroller = $(el, '.scroller')!;
    await waitUntil(() => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 2, 'scrolled to the newest');
  });
});

// Every story state (a real store over the stories' in-memory workspace) renders and is axe-clean.
describe('ow-notes stories', () => {
  storyTests(notesStories, 'ow-notes');
});
