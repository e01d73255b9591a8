// <ow-chat> as an agent uses it, against the real test server.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { render } from 'lit';
import { a11ySnapshot, findAccessibilityNode, sendKeys } from '@web/test-runner-commands';
import type { FetchLike } from '../../src/client/http.js';
import type { OwStore } from '../../src/client/store.js';
import { unreadCount } from '../../src/client/rules/index.js';
import '../../src/components/chat/ow-chat.js';
import type { OwChat } from '../../src/components/chat/ow-chat.js';
import { LazyPart } from '../../src/components/shared/lazy-part.js';
import { linkify } from '../../src/components/shared/linkify.js';
import * as chatStories from '../../stories/ow-chat.stories.js';
import * as composerStories from '../../stories/ow-composer.stories.js';
import { storyTests } from './story-tests.js';
import { $, $$, conversationFactory, phoneNumbers, serverMessages, sim, startStore, useTestServer } from './support.js';

// Mocha's globals, provided by the browser test runner.
declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void> | void): void;

const phone = phoneNumbers('+5731000', 5);
const createConversation = conversationFactory({
  customer: { name: 'Lucía Torres' },
  phone,
  messages: [{ author: 'customer', text: 'Hola, necesito ayuda' }],
});

async function chatFor(store: OwStore, conversationId: string, height = 520): Promise<OwChat> {
  const wrapper = await fixture<HTMLElement>(
    html`<div style="height:${height}px;width:640px;display:flex;flex-direction:column"><ow-chat .store=${store} conversation-id=${conversationId}></ow-chat></div>`,
  );
  const chat = wrapper.querySelector('ow-chat')!;
  await waitUntil(() => chat.shadowRoot!.querySelector('[part~="message"], [part~="event"]'), 'timeline rendered', { timeout: 5000 });
  return chat;
}

/** A node of the accessibility tree, as the runner's a11ySnapshot gives it. */
interface AccessibilityNode {
  role: string;
  name: string;
  children: AccessibilityNode[];
}

/** An option's text as read out: a group's, or an agent's name and status. */
const optionText = (option: Element) => option.textContent!.replace(/\s+/g, ' ').trim();
const rowWithText = (chat: OwChat, text: string) => $$(chat, '[data-id]').find((row) => row.textContent!.includes(text));
const buttonNamed = (chat: OwChat, name: string) => $$<HTMLButtonElement>(chat, 'button').find((b) => b.textContent!.trim() === name);

/** The transfer or close dialog, open: the first time it opens it has to load. */
async function openDialog(chat: OwChat, name: 'transfer' | 'close'): Promise<HTMLDialogElement> {
  await waitUntil(() => $<HTMLDialogElement>(chat, `#${name}-dialog`)?.open, `${name} dialog open`);
  return $<HTMLDialogElement>(chat, `#${name}-dialog`)!;
}

function visibleIn(element: Element, container: Element): boolean {
  const box = element.getBoundingClientRect();
  const view = container.getBoundingClientRect();
  return box.bottom > view.top + 1 && box.top < view.bottom - 1;
}

useTestServer();

describe('linkify', () => {
  function rendered(text: string): HTMLElement {
    const host = document.createElement('div');
    render(linkify(text), host);
    return host;
  }

  it('links http(s), mailto and www. only, keeping the rest as text', () => {
    const host = rendered('Paga en https://pagos.example.com/f?id=7, escribe a mailto:ayuda@example.com o ve a www.tienda.co. javascript:alert(1) data:text/html,<b>x</b>');
    const links = [...host.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['https://pagos.example.com/f?id=7', 'mailto:ayuda@example.com', 'https://www.tienda.co/']);
    for (const link of links) {
      expect(link.target).to.equal('_blank');
      expect(link.rel).to.equal('noopener noreferrer');
    }
    expect(host.textContent).to.equal('Paga en https://pagos.example.com/f?id=7, escribe a mailto:ayuda@example.com o ve a www.tienda.co. javascript:alert(1) data:text/html,<b>x</b>');
    expect(host.querySelector('b')).to.equal(null);
  });

  it('keeps parentheses that belong to the link', () => {
    const host = rendered('(ver https://es.wikipedia.org/wiki/Bogotá_(ciudad))');
    expect(host.querySelector('a')!.textContent).to.equal('https://es.wikipedia.org/wiki/Bogotá_(ciudad)');
    expect(host.textContent).to.equal('(ver https://es.wikipedia.org/wiki/Bogotá_(ciudad))');
  });
});

describe('ow-chat', () => {
  it('before assignment shows a read-only notice with "Asignarme"; after taking it, the composer', async () => {
    const { store } = await startStore();
    const { conversation } = await createConversation({ stage: 'queued', assigneeId: undefined });
    const chat = await chatFor(store, conversation.id);
    expect($(chat, '[part="holder"]')!.textContent).to.equal('En cola: Ventas');
    expect($(chat, '[part="read-only"]')!.textContent).to.include('Esta conversación está en cola');
    expect($(chat, 'ow-composer')).to.equal(null);
    await expect(chat).to.be.accessible();
    const assigned = oneEvent(chat, 'ow-assign');
    $<HTMLButtonElement>(chat, '[part~="assign"]')!.click();
    expect((await assigned).detail).to.deep.equal({ conversationId: conversation.id });
    await waitUntil(() => $(chat, 'ow-composer'), 'composer in place of the notice');
    expect($(chat, '[part="read-only"]')).to.equal(null);
    expect($(chat, '[part="holder"]')!.textContent).to.equal('Asignada a Ana Pérez');
    await waitUntil(() => $(chat, '[part~="event"]')?.textContent!.includes('Ana Pérez tomó la conversación'), 'assignment shown as a system event');
  });

  it('shows notes distinct from replies, and transfers and closes as system events', async () => {
    const { store } = await startStore();
    const { conversation } = await createConversation({ messages: [{ author: 'customer', text: 'Hola' }, { author: 'agent', text: 'Hola, soy Ana' }] });
    const chat = await chatFor(store, conversation.id);
    await store.send(conversation.id, { text: 'Cliente frecuente', kind: 'note' });
    await waitUntil(() => rowWithText(chat, 'Cliente frecuente'), 'note shown');
    const note = rowWithText(chat, 'Cliente frecuente')!;
    expect(note.getAttribute('part')).to.include('message-note');
    expect(note.textContent).to.include('Nota interna');
    const reply = rowWithText(chat, 'Hola, soy Ana')!;
    const background = (row: Element) => getComputedStyle(row.querySelector('.bubble')!).backgroundColor;
    expect(background(note)).to.not.equal(background(reply));
    expect(background(note)).to.equal('rgb(255, 244, 204)');

    await store.transfer(conversation.id, { agentId: 'agt_carla' });
    await waitUntil(() => $$(chat, '[part~="event"]').some((e) => e.textContent!.includes('Ana Pérez transfirió la conversación a Carla Gómez')), 'transfer event');
    expect($(chat, '[part="read-only"]')!.textContent).to.include('Asignada a Carla Gómez');

    const carla = await startStore('tok_carla');
    await carla.store.close(conversation.id);
    await waitUntil(() => $$(chat, '[part~="event"]').some((e) => e.textContent!.includes('Carla Gómez cerró la conversación')), 'close event');
    expect($(chat, '[part="read-only"]')!.textContent!.trim()).to.equal('Conversación cerrada. Solo lectura.');
    await expect(chat).to.be.accessible();
    chat.theme = 'dark';
    await chat.updateComplete;
    await expect(chat).to.be.accessible();
  });

  it('"Asignarme" beaten by another agent says who took the conversation, once the chat learns it', async () => {
    // Ana's realtime stream is held back, as when two agents click within the same instant.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slowEvents: FetchLike = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).includes('/api/events')) return response;
      const gate = new TransformStream<Uint8Array, Uint8Array>({ transform: async (chunk, controller) => void (await held, controller.enqueue(chunk)) });
      return new Response(response.body!.pipeThrough(gate), { status: response.status, headers: response.headers });
    };
    const { store } = await startStore('tok_ana', { fetch: slowEvents });
    const carla = await startStore('tok_carla');
    const { conversation } = await createConversation({ stage: 'queued', assigneeId: undefined });
    const chat = await chatFor(store, conversation.id);
    await carla.store.assignToMe(conversation.id);
    $<HTMLButtonElement>(chat, '[part~="assign"]')!.click();
    await waitUntil(() => $(chat, '[part="error"]'), 'refusal shown');
    expect($(chat, '[part="error"]')!.textContent).to.equal('No se pudo completar la acción: alguien lo cambió antes que tú; revisa y vuelve a intentarlo');
    release();
    await waitUntil(() => $(chat, '[part="error"]')?.textContent === 'Carla Gómez ya tomó esta conversación.', 'who took it, once the chat knows');
    expect($(chat, '[part="holder"]')!.textContent).to.equal('Asignada a Carla Gómez');
    await expect(chat).to.be.accessible();
  });

  it("the built-in composer's parts are styleable from the page as composer-<part>", async () => {
    const { store } = await startStore();
    const { conversation } = await createConversation();
    const style = document.createElement('style');
    style.textContent = 'ow-chat::part(composer-textarea) { min-height: 91px; } ow-chat::part(composer-send) { letter-spacing: 3px; }';
    document.head.append(style);
    try {
      const chat = await chatFor(store, conversation.id);
      const composer = await waitUntil(() => $(chat, 'ow-composer'), 'composer').then(() => $(chat, 'ow-composer')!);
      await (composer as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
      expect(getComputedStyle(composer.shadowRoot!.querySelector('[part~="textarea"]')!).minHeight).to.equal('91px');
      expect(getComputedStyle(composer.shadowRoot!.querySelector('[part~="send"]')!).letterSpacing).to.equal('3px');
    } finally {
      style.remove();
    }
  });

  it('a failed send stays with "Reintentar"; the retry is stored exactly once', async () => {
    let loseResponses = true;
    // The request reaches the server but its answer is lost, as on a dropped connection.
    const flaky: FetchLike = async (input, init) => {
      const response = await fetch(input, init);
      if (loseResponses && init?.method === 'POST' && /\/messages$/.test(input)) throw new TypeError('Failed to fetch');
      return response;
    };
    const { store, client } = await startStore('tok_ana', { fetch: flaky, maxSendAttempts: 1 });
    const { conversation } = await createConversation();
    const chat = await chatFor(store, conversation.id);
    await store.send(conversation.id, { text: 'Te envío la cotización' });
    await waitUntil(() => rowWithText(chat, 'Te envío la cotización')?.querySelector('[part="failed"]'), 'failed message kept in the chat');
    const row = rowWithText(chat, 'Te envío la cotización')!;
    expect(row.querySelector('[part="status"]')!.getAttribute('aria-label')).to.equal('No se pudo enviar');
    // Said in the agent's language, not as the transport's "POST http://… failed: Failed to fetch".
    expect(row.querySelector('[part="failed"] span')!.textContent).to.equal('No hay conexión con el servidor; revisa tu conexión y vuelve a intentarlo');
    await expect(chat).to.be.accessible();
    chat.theme = 'dark';
    await chat.updateComplete;
    await expect(chat).to.be.accessible();
    loseResponses = false;
    [...row.querySelectorAll('button')].find((b) => b.textContent === 'Reintentar')!.click();
    await waitUntil(() => {
      const current = rowWithText(chat, 'Te envío la cotización');
      return current && !current.querySelector('[part="failed"]') && current.querySelector('[part="status"]')?.getAttribute('aria-label') !== 'Enviando';
    }, 'sent after retry');
    const stored = (await serverMessages(client, conversation.id)).filter((m) => m.text === 'Te envío la cotización');
    expect(stored).to.have.length(1);
    expect($$(chat, '[data-id]').filter((r) => r.textContent!.includes('Te envío la cotización'))).to.have.length(1);
  });

  it('"Descartar" removes a failed message', async () => {
    const failing: FetchLike = (input, init) =>
      init?.method === 'POST' && /\/messages$/.test(input) ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init);
    const { store } = await startStore('tok_ana', { fetch: failing, maxSendAttempts: 1 });
    const { conversation } = await createConversation();
    const chat = await chatFor(store, conversation.id);
    await store.send(conversation.id, { text: 'Borrador fallido' });
    await waitUntil(() => rowWithText(chat, 'Borrador fallido')?.querySelector('[part="failed"]'), 'failed');
    [...rowWithText(chat, 'Borrador fallido')!.querySelectorAll('button')].find((b) => b.textContent === 'Descartar')!.click();
    await waitUntil(() => !rowWithText(chat, 'Borrador fallido'), 'discarded');
    expect(store.getState().outbox).to.have.length(0);
  });

  it('renders hostile text as text: no element is created and no script runs', async () => {
    const win = window as unknown as { __owXss?: number };
    delete win.__owXss;
    const hostile = ['<img src=x onerror="window.__owXss=1">', '<script>window.__owXss=2</script>', '<a href="javascript:window.__owXss=3">clic</a>'];
    const { store } = await startStore();
    const { conversation } = await createConversation({ messages: hostile.map((text) => ({ author: 'customer' as const, text })) });
    const chat = await chatFor(store, conversation.id);
    await waitUntil(() => $$(chat, '[part~="message-customer"]').length === 3, 'three messages');
    const texts = $$(chat, '[part~="message-customer"] .text').map((t) => t.textContent);
    expect(texts).to.deep.equal(hostile);
    expect($(chat, '[part~="message-customer"] .text img, [part~="message-customer"] .text script, [part~="message-customer"] .text a')).to.equal(null);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(win.__owXss).to.equal(undefined);
  });

  it('makes http(s) links clickable and leaves javascript: as text', async () => {
    const { store } = await startStore();
    const text = 'Mi pedido: https://tienda.example.com/pedido/42 y javascript:alert(document.cookie)';
    const { conversation } = await createConversation({ messages: [{ author: 'customer', text }] });
    const chat = await chatFor(store, conversation.id);
    const links = $$<HTMLAnchorElement>(chat, '[part~="message-customer"] .text a');
    expect(links.map((a) => a.href)).to.deep.equal(['https://tienda.example.com/pedido/42']);
    expect(links[0]!.rel).to.equal('noopener noreferrer');
    expect($(chat, '[part~="message-customer"] .text')!.textContent).to.equal(text);
  });

  it('opens at the newest message and keeps the first visible message in place when older pages load', async () => {
    const messages = Array.from({ length: 150 }, (_, i) => ({ author: i % 3 === 0 ? ('agent' as const) : ('customer' as const), text: `Mensaje ${i}` }));
    // Created before the session starts, so its messages are history, not live events.
    const { conversation } = await createConversation({ messages });
    const { store } = await startStore('tok_ana', { messagePageSize: 40 });
    const chat = await chatFor(store, conversation.id, 420);
    const log = $(chat, '[role="log"]')!;
    await waitUntil(() => rowWithText(chat, 'Mensaje 149') && visibleIn(rowWithText(chat, 'Mensaje 149')!, log), 'scrolled to the newest message', { timeout: 5000 });
    expect(store.getState().timelines[conversation.id]!.ids).to.have.length(40);

    // Like a user who keeps scrolling up: rows never rendered have estimated heights, so the first
    // jump to the top may land a few rows down until they are measured.
    await waitUntil(
      () => {
        if (store.getState().timelines[conversation.id]!.ids.length > 40) return true;
        log.scrollTop = 0;
        return false;
      },
      'older page loaded',
      { timeout: 8000, interval: 250 },
    );
    await waitUntil(() => store.getState().timelines[conversation.id]!.ids.length === 80, 'older page in the timeline');
    // The message that was at the top before the older page arrived stays at the top: the view
    // shows the first page's earliest messages (110 on), not the newly loaded ones (70-109).
    const firstVisibleNumber = () => {
      const rows = $$(chat, '[data-id]').filter((row) => visibleIn(row, log));
      rows.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
      return Number(/Mensaje (\d+)/.exec(rows[0]?.textContent ?? '')?.[1] ?? -1);
    };
    await waitUntil(() => firstVisibleNumber() >= 110 && firstVisibleNumber() <= 130, 'anchored on the first visible message', { timeout: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(firstVisibleNumber()).to.be.within(110, 130);
    expect(store.getState().timelines[conversation.id]!.ids).to.have.length(80);
  });

  it('announces a new customer message politely and scrolls to it, or offers "Mensajes nuevos" when scrolled up', async () => {
    const customerPhone = phone();
    const messages = Array.from({ length: 60 }, (_, i) => ({ author: 'customer' as const, text: `Línea ${i}` }));
    const { conversation } = await createConversation({ customer: { name: 'Lucía Torres', phone: customerPhone }, messages });
    const { store } = await startStore('tok_ana', { messagePageSize: 60 });
    const chat = await chatFor(store, conversation.id, 420);
    const log = $(chat, '[role="log"]')!;
    await waitUntil(() => rowWithText(chat, 'Línea 59') && visibleIn(rowWithText(chat, 'Línea 59')!, log), 'at the bottom');
    await new Promise((resolve) => setTimeout(resolve, 200));

    await sim.inbound({ channel: 'whatsapp', from: customerPhone, text: '¿Siguen ahí?' });
    const announcer = $(chat, '[aria-live="polite"]')!;
    await waitUntil(() => announcer.textContent === 'Nuevo mensaje de Lucía Torres: ¿Siguen ahí?', 'announced', { timeout: 5000 });
    await waitUntil(() => rowWithText(chat, '¿Siguen ahí?') && visibleIn(rowWithText(chat, '¿Siguen ahí?')!, log), 'scrolled to it');
    expect($(chat, '[part="new-messages"]')).to.equal(null);

    // The agent scrolls up with the wheel (the chat tells their scrolling from its own corrections by their input).
    log.dispatchEvent(new WheelEvent('wheel', { deltaY: -600, bubbles: true }));
    log.scrollTop = 600;
    await new Promise((resolve) => setTimeout(resolve, 200));
    await sim.inbound({ channel: 'whatsapp', from: customerPhone, text: 'Hola??' });
    await waitUntil(() => $(chat, '[part="new-messages"]'), '"Mensajes nuevos" offered', { timeout: 5000 });
    $<HTMLButtonElement>(chat, '[part="new-messages"]')!.click();
    await waitUntil(() => rowWithText(chat, 'Hola??') && visibleIn(rowWithText(chat, 'Hola??')!, log), 'scrolled to the newest');
  });

  it('stays at the newest message when images load after the first layout, and keeps the view once scrolled up', async () => {
    const { store } = await startStore('tok_ana', { messagePageSize: 60 });
    // History: the images are in the store before the chat shows them, so they load after its first layout.
    const messages = Array.from({ length: 30 }, (_, i) => ({ author: 'customer' as const, text: `Línea ${i}` }));
    const { conversation } = await createConversation({ messages });
    const canvas = document.createElement('canvas');
    canvas.width = 240;
    canvas.height = 240;
    canvas.getContext('2d')!.fillRect(0, 0, 240, 240);
    const png = await new Promise<Blob>((resolve) => canvas.toBlob((blob) => resolve(blob!), 'image/png'));
    await store.openConversation(conversation.id);
    for (const name of ['uno.png', 'dos.png', 'tres.png']) {
      const image = await store.upload(conversation.id, new File([png], name, { type: 'image/png' }));
      await store.send(conversation.id, { text: `Foto ${name}`, attachments: [image] });
    }
    await store.send(conversation.id, { text: 'Último mensaje' });
    store.leaveConversation(conversation.id);
    const chat = await chatFor(store, conversation.id, 420);
    const log = $(chat, '[role="log"]')!;
    const images = () => $$<HTMLImageElement>(chat, '[part~="attachment"] img');
    await waitUntil(() => images().length >= 1 && images().every((img) => img.complete && img.naturalHeight > 0), 'images loaded', { timeout: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 800));
    const last = rowWithText(chat, 'Último mensaje');
    expect(last && visibleIn(last, log), 'newest message still in view').to.equal(true);
    expect(log.scrollTop + log.clientHeight).to.be.closeTo(log.scrollHeight, 40);

    // Scrolled up, a row that grows does not pull the view back down (the virtualizer may nudge it
    // while it measures; going back to the bottom would move it by the whole distance).
    log.scrollTop = Math.max(0, log.scrollTop - 600);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const topBefore = log.scrollTop;
    const below = images().at(-1)!;
    below.style.minHeight = '480px';
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(Math.abs(log.scrollTop - topBefore), 'view kept').to.be.lessThan(150);
    expect(log.scrollTop + log.clientHeight).to.be.lessThan(log.scrollHeight - 400);
  });

  it('transfers by keyboard from a searchable dialog and returns focus to "Transferir"', async () => {
    const { store, client } = await startStore();
    const { conversation } = await createConversation();
    const chat = await chatFor(store, conversation.id);
    const transfer = buttonNamed(chat, 'Transferir')!;
    expect($(chat, 'dialog'), 'dialogs load only when the agent reaches for them').to.equal(null);
    transfer.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = await openDialog(chat, 'transfer');
    expect(chat.shadowRoot!.activeElement?.id).to.equal('transfer-search');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open, 'closed with Escape');
    expect(chat.shadowRoot!.activeElement).to.equal(transfer);

    await sendKeys({ press: 'Enter' });
    expect(dialog.open).to.equal(true);
    const options = () => $$(chat, '#transfer-list [role="option"]');
    expect(options().map(optionText)).to.deep.equal([
      'Grupo Ventas',
      'Grupo Soporte',
      'Admin Ow, En línea',
      'Carla Gómez, En línea',
      'Bruno Silva, En línea',
    ]);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    const search = $<HTMLInputElement>(chat, '#transfer-search')!;
    expect(search.getAttribute('aria-activedescendant')).to.equal(options()[2]!.id);
    expect(options()[2]!.getAttribute('aria-selected')).to.equal('true');
    // The dialogs bring their styles along: the active option is highlighted.
    expect(getComputedStyle(options()[2]!).backgroundColor).to.not.equal(getComputedStyle(options()[1]!).backgroundColor);
    await expect(chat).to.be.accessible();
    await sendKeys({ type: 'carla' });
    await chat.updateComplete;
    expect(options().map(optionText)).to.deep.equal(['Carla Gómez, En línea']);
    const transferred = oneEvent(chat, 'ow-transfer');
    await sendKeys({ press: 'Enter' });
    expect((await transferred).detail).to.deep.equal({ conversationId: conversation.id, to: { agentId: 'agt_carla' } });
    expect(dialog.open).to.equal(false);
    expect(chat.shadowRoot!.activeElement).to.equal(transfer);
    expect((await client.getConversation(conversation.id)).conversation.assigneeId).to.equal('agt_carla');
    await waitUntil(() => $(chat, '[part="holder"]')!.textContent === 'Asignada a Carla Gómez', 'holder updated');
  });

  it('finds agents and groups by what the options show, with or without accents', async () => {
    const { store } = await startStore();
    const { conversation } = await createConversation();
    const chat = await chatFor(store, conversation.id);
    buttonNamed(chat, 'Transferir')!.click();
    await openDialog(chat, 'transfer');
    const search = $<HTMLInputElement>(chat, '#transfer-search')!;
    const options = () => $$(chat, '#transfer-list [role="option"]').map(optionText);
    const find = async (query: string) => {
      search.value = query;
      search.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      await chat.updateComplete;
      return options();
    };
    expect(await find('gomez')).to.deep.equal(['Carla Gómez, En línea']);
    expect(await find('CARLA GÓMEZ')).to.deep.equal(['Carla Gómez, En línea']);
    // The group options read "Grupo Soporte": that is what the agent types.
    expect(await find('grupo sop')).to.deep.equal(['Grupo Soporte']);
    expect(await find('grupo')).to.deep.equal(['Grupo Ventas', 'Grupo Soporte']);
    expect(await find('grupo gómez')).to.deep.equal([]);
    expect($(chat, '#transfer-dialog .none')!.textContent).to.equal('Sin resultados.');
  });

  it('lists agents with their status, available ones first, those of other groups under the group the conversation would go to', async () => {
    // Everyone idle for 11 minutes is set offline by the server; then Carla comes back (online) and
    // the admin comes back as away. Bruno (Soporte) stays offline.
    await sim.advanceClock(11 * 60_000);
    const admin = await startStore('tok_admin');
    await admin.store.setStatus('away');
    await startStore('tok_carla');
    const { store, client } = await startStore();
    const { conversation } = await createConversation();
    const chat = await chatFor(store, conversation.id);
    buttonNamed(chat, 'Transferir')!.click();
    const dialog = await openDialog(chat, 'transfer');
    const options = () => $$(chat, '#transfer-list [role="option"]').map(optionText);
    await waitUntil(() => options().includes('Carla Gómez, En línea'), 'statuses shown');
    expect(options()).to.deep.equal([
      'Grupo Ventas',
      'Grupo Soporte',
      'Carla Gómez, En línea',
      'Admin Ow, Ausente',
      'Bruno Silva, Desconectado',
    ]);
    const sections = $$(chat, '#transfer-list [role="group"]');
    expect(sections.map((g) => chat.shadowRoot!.getElementById(g.getAttribute('aria-labelledby')!)!.textContent)).to.deep.equal([
      'Grupos',
      'Agentes',
      'Agentes de Soporte (la conversación pasa a ese grupo)',
    ]);
    const presence = (name: string) => $$(chat, '#transfer-list .presence').find((p) => p.parentElement!.textContent!.includes(name))!;
    expect(getComputedStyle(presence('Carla'), '::before').backgroundColor).to.not.equal(getComputedStyle(presence('Bruno'), '::before').backgroundColor);
    await expect(chat).to.be.accessible();

    // Statuses are live: the admin is back online and moves up (online agents by name); the
    // option the agent highlighted stays highlighted.
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    const highlighted = () => optionText($(chat, '#transfer-list [aria-selected="true"]')!);
    expect(highlighted()).to.equal('Carla Gómez, En línea');
    await admin.store.setStatus('online');
    await waitUntil(() => options()[2] === 'Admin Ow, En línea', 'admin online first', { timeout: 5000 });
    expect(options().slice(2, 4)).to.deep.equal(['Admin Ow, En línea', 'Carla Gómez, En línea']);
    expect(highlighted()).to.equal('Carla Gómez, En línea');
    expect($<HTMLInputElement>(chat, '#transfer-search')!.getAttribute('aria-activedescendant')).to.equal($(chat, '#transfer-list [aria-selected="true"]')!.id);

    // Searching finds an agent by their group too; the server takes the conversation to it.
    $<HTMLInputElement>(chat, '#transfer-search')!.focus();
    await sendKeys({ type: 'soporte' });
    await chat.updateComplete;
    expect(options()).to.deep.equal(['Grupo Soporte', 'Bruno Silva, Desconectado']);
    await sendKeys({ press: 'ArrowDown' });
    const transferred = oneEvent(chat, 'ow-transfer');
    await sendKeys({ press: 'Enter' });
    expect((await transferred).detail).to.deep.equal({ conversationId: conversation.id, to: { agentId: 'agt_bruno' } });
    expect(dialog.open).to.equal(false);
    const after = (await client.getConversation(conversation.id).catch(() => null))?.conversation;
    // Ana is not in Soporte: she no longer sees it; an admin does, with Bruno holding it.
    expect(after ?? null).to.equal(null);
    const moved = (await admin.client.getConversation(conversation.id)).conversation;
    expect([moved.assigneeId, moved.groupId]).to.deep.equal(['agt_bruno', 'grp_soporte']);
  });

  it('says so when the dialogs cannot load, and opens them when the agent tries again', async () => {
    const { store } = await startStore();
    const { conversation } = await createConversation();
    const chat = await chatFor(store, conversation.id);
    // The dialogs' chunk fails to load once, as it would without a connection.
    const chatParts = chat as unknown as { dialogs: LazyPart<unknown> };
    const dialogs = chatParts.dialogs;
    let offline = true;
    chatParts.dialogs = new LazyPart(chat, () => (offline ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : dialogs.get()));
    buttonNamed(chat, 'Transferir')!.click();
    await waitUntil(() => $(chat, '[part="error"]'), 'error shown');
    expect($(chat, '[part="error"]')!.textContent).to.equal('No se pudo completar la acción: no hay conexión con el servidor; revisa tu conexión y vuelve a intentarlo');
    expect($(chat, 'dialog')).to.equal(null);
    offline = false;
    buttonNamed(chat, 'Transferir')!.click();
    await openDialog(chat, 'transfer');
    expect(chat.shadowRoot!.activeElement?.id).to.equal('transfer-search');
  });

  it('says so when the conversation goes to a group the agent is not in, and for an unknown id', async () => {
    const { store } = await startStore();
    const { conversation } = await createConversation();
    const chat = await chatFor(store, conversation.id);
    await store.transfer(conversation.id, { groupId: 'grp_soporte' });
    await waitUntil(() => $(chat, '[part="placeholder"]')?.textContent === 'Esta conversación no existe o ya no tienes acceso a ella.', 'no access', { timeout: 5000 });
    chat.conversationId = 'conv_does_not_exist';
    await waitUntil(() => $(chat, '[part="placeholder"]')?.textContent === 'Esta conversación no existe o ya no tienes acceso a ella.' && chat.getAttribute('conversation-id') === 'conv_does_not_exist', 'unknown id', { timeout: 5000 });
  });

  it('closes after confirmation and marks unread', async () => {
    const { store, client } = await startStore();
    const { conversation } = await createConversation();
    const chat = await chatFor(store, conversation.id);
    buttonNamed(chat, 'Marcar como no leída')!.click();
    await oneEvent(chat, 'ow-mark-unread');
    expect(store.getState().readStates[conversation.id]!.markedUnread).to.equal(true);

    buttonNamed(chat, 'Cerrar')!.click();
    const dialog = await openDialog(chat, 'close');
    $$<HTMLButtonElement>(chat, '#close-dialog button').find((b) => b.textContent === 'Cancelar')!.click();
    expect(dialog.open).to.equal(false);
    expect((await client.getConversation(conversation.id)).conversation.status).to.equal('active');

    buttonNamed(chat, 'Cerrar')!.click();
    const closed = oneEvent(chat, 'ow-close');
    $$<HTMLButtonElement>(chat, '#close-dialog button').find((b) => b.textContent === 'Cerrar conversación')!.click();
    await closed;
    expect((await client.getConversation(conversation.id)).conversation.status).to.equal('closed');
    await waitUntil(() => $(chat, '[part="holder"]')!.textContent === 'Cerrada', 'closed shown');
    await waitUntil(() => chat.shadowRoot!.activeElement?.getAttribute('role') === 'log', 'focus kept in the chat');
  });

  it('a closed conversation whose customer wrote again offers the new conversation', async () => {
    const customerPhone = phone();
    const { conversation } = await createConversation({ customer: { name: 'Tomás Rivas', phone: customerPhone } });
    const { store } = await startStore();
    const chat = await chatFor(store, conversation.id);
    await store.close(conversation.id);
    await waitUntil(() => $(chat, '[part~="read-only"]')?.textContent?.includes('Conversación cerrada'), 'closed notice');
    expect($(chat, '[part~="open-later"]')).to.equal(null);

    const { conversation: later } = await sim.inbound({ channel: 'whatsapp', from: customerPhone, text: 'Hola de nuevo' });
    expect(later.id).to.not.equal(conversation.id);
    await waitUntil(() => $(chat, '[part~="open-later"]'), 'the new conversation offered', { timeout: 5000 });
    expect($(chat, '[part~="read-only"]')!.textContent).to.contain('El cliente volvió a escribir en una conversación nueva.');
    const button = $<HTMLButtonElement>(chat, '[part~="open-later"]')!;
    expect(button.textContent!.trim()).to.equal('Ver la conversación nueva');
    await expect(chat).to.be.accessible();
    const chosen = oneEvent(chat, 'ow-conversation-select');
    button.click();
    expect((await chosen).detail).to.deep.equal({ conversationId: later.id });

    // Another closed conversation, of a customer who has not written again, offers nothing.
    const { conversation: other } = await createConversation({ customer: { name: 'Inés Paredes', phone: phone() } });
    await store.close(other.id);
    chat.conversationId = other.id;
    await waitUntil(() => $(chat, '[part~="customer"]')?.textContent?.includes('Inés Paredes'), 'the other conversation shown');
    await waitUntil(() => $(chat, '[part~="read-only"]'), 'its closed notice');
    expect($(chat, '[part~="open-later"]') === null, 'no new conversation offered').to.equal(true);
  });

  it('"Marcar como no leída" becomes "Marcar como leída"; messages arriving meanwhile leave it unread', async () => {
    const customerPhone = phone();
    const { conversation } = await createConversation({ customer: { name: 'Lucía Torres', phone: customerPhone } });
    const { store, client } = await startStore();
    const chat = await chatFor(store, conversation.id);
    const unread = () => {
      const state = store.getState();
      return unreadCount(state.conversations[conversation.id]!, state.readStates[conversation.id]);
    };
    const toggle = () => $<HTMLButtonElement>(chat, '[part~="unread-action"]')!;
    const announcer = $(chat, '[part="announcer"]')!;
    await waitUntil(() => unread() === 0, 'opening marked it read');
    expect(toggle().textContent).to.equal('Marcar como no leída');
    const width = toggle().getBoundingClientRect().width;

    toggle().focus();
    const markedUnread = oneEvent(chat, 'ow-mark-unread');
    await sendKeys({ press: 'Enter' });
    expect((await markedUnread).detail).to.deep.equal({ conversationId: conversation.id });
    await waitUntil(() => toggle().textContent === 'Marcar como leída', 'the button offers the way back');
    expect(toggle().getBoundingClientRect().width, 'as wide in both states: the header does not reflow').to.equal(width);
    // The other label only holds the width: it is not part of the button's name.
    // The runner's typing says void; the command answers with the tree.
    const tree = (await a11ySnapshot({})) as unknown as AccessibilityNode;
    expect(findAccessibilityNode<AccessibilityNode>(tree, (node) => node.role === 'button' && node.name === 'Marcar como leída'), 'named by its current label only').to.not.equal(null);
    expect(chat.shadowRoot!.activeElement, 'focus stays on the toggle').to.equal(toggle());
    expect(announcer.textContent).to.equal('Conversación con Lucía Torres marcada como no leída');
    expect(store.getState().readStates[conversation.id]!.markedUnread).to.equal(true);
    await expect(chat).to.be.accessible();

    // The chat stays open: a message from the customer shows in it but does not mark it read.
    await sim.inbound({ channel: 'whatsapp', from: customerPhone, text: 'Sigo esperando' });
    await waitUntil(() => rowWithText(chat, 'Sigo esperando'), 'message shown');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(store.getState().conversations[conversation.id]!.customerMessageCount).to.equal(2);
    expect(unread()).to.equal(1);
    const held = (await client.getConversation(conversation.id)).readState;
    expect([held.readCount, held.markedUnread]).to.deep.equal([1, true]);
    expect(toggle().textContent).to.equal('Marcar como leída');

    const markedRead = oneEvent(chat, 'ow-mark-read');
    await sendKeys({ press: 'Enter' });
    expect((await markedRead).detail).to.deep.equal({ conversationId: conversation.id });
    await waitUntil(() => toggle().textContent === 'Marcar como no leída', 'back to "no leída"');
    expect(unread()).to.equal(0);
    expect(announcer.textContent).to.equal('Conversación con Lucía Torres marcada como leída');
    expect((await client.getConversation(conversation.id)).readState.markedUnread).to.equal(false);

    // Read again, the open chat marks arriving messages read as on opening, and the button does not flicker.
    const labels = new Set<string>();
    const watch = new MutationObserver(() => labels.add(toggle().textContent!));
    watch.observe(chat.shadowRoot!, { subtree: true, characterData: true, childList: true });
    await sim.inbound({ channel: 'whatsapp', from: customerPhone, text: '¿Hola?' });
    await waitUntil(() => rowWithText(chat, '¿Hola?'), 'second message shown');
    await waitUntil(async () => (await client.getConversation(conversation.id)).readState.readCount === 3, 'marked read as it arrived', { timeout: 5000 });
    watch.disconnect();
    expect(unread()).to.equal(0);
    expect([...labels].filter((label) => label !== 'Marcar como no leída')).to.deep.equal([]);
  });

  it('offers "Marcar como leída" when the conversation was marked unread elsewhere while open', async () => {
    const { store } = await startStore();
    const { conversation } = await createConversation();
    const chat = await chatFor(store, conversation.id);
    await waitUntil(() => store.getState().readStates[conversation.id]?.readCount === 1, 'opening marked it read');
    // As from the inbox's row menu.
    await store.markUnread(conversation.id);
    await waitUntil(() => buttonNamed(chat, 'Marcar como leída'), 'toggle follows the store');
    const markedRead = oneEvent(chat, 'ow-mark-read');
    buttonNamed(chat, 'Marcar como leída')!.click();
    await markedRead;
    expect(store.getState().readStates[conversation.id]!.markedUnread).to.equal(false);
    await waitUntil(() => buttonNamed(chat, 'Marcar como no leída'), 'toggle back');
  });

  it('shows attachments: images open in a new tab, audio has a player, files download with their size', async () => {
    const { store } = await startStore();
    const { conversation } = await createConversation();
    const png = new Uint8Array(64);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const pdf = new TextEncoder().encode('%PDF-1.4\n' + 'x'.repeat(2000));
    const image = await store.upload(conversation.id, new File([png], 'foto.png', { type: 'image/png' }));
    const file = await store.upload(conversation.id, new File([pdf], 'factura.pdf', { type: 'application/pdf' }));
    const chat = await chatFor(store, conversation.id);
    await store.send(conversation.id, { text: '', attachments: [image, file] });
    await waitUntil(() => $(chat, '[part~="attachment"] img'), 'image shown');
    const imageLink = $<HTMLAnchorElement>(chat, 'a.image')!;
    expect(imageLink.target).to.equal('_blank');
    expect(imageLink.querySelector('img')!.alt).to.equal('foto.png');
    const fileLink = $<HTMLAnchorElement>(chat, 'a.file')!;
    expect(fileLink.textContent).to.include('factura.pdf');
    expect(fileLink.textContent!.replace(/\s+/g, ' ').trim()).to.equal('📄Descargar factura.pdf 2 kB');
    await expect(chat).to.be.accessible();
  });

  it('speaks English and Portuguese', async () => {
    const { store } = await startStore();
    const { conversation } = await createConversation({ stage: 'queued', assigneeId: undefined });
    const en = await fixture<HTMLElement>(html`<div lang="en"><ow-chat .store=${store} conversation-id=${conversation.id}></ow-chat></div>`);
    const enChat = en.querySelector('ow-chat')!;
    await waitUntil(() => $(enChat, '[part="holder"]'), 'rendered');
    expect($(enChat, '[part="holder"]')!.textContent).to.equal('Queued: Ventas');
    expect($(enChat, '[part~="assign"]')!.textContent).to.equal('Assign to me');
    expect($(enChat, '[part~="unread-action"]')!.textContent).to.equal('Mark as unread');
    const pt = await fixture<OwChat>(html`<ow-chat lang="pt-BR" .store=${store} conversation-id=${conversation.id}></ow-chat>`);
    await waitUntil(() => $(pt, '[part="holder"]'), 'rendered');
    expect($(pt, '[part="holder"]')!.textContent).to.equal('Na fila: Ventas');
  });
});

// Every story state (a real store over the stories' in-memory workspace) renders and is axe-clean.
describe('ow-chat and ow-composer stories', () => {
  // The chat's stories that need a click (a dialog open, a toggle) are checked in that state.
  storyTests(chatStories, 'ow-chat', {
    prefix: 'ow-chat ',
    play: true,
    check: async (name, element) => {
      if (name === 'TransferDialog') {
        expect($<HTMLDialogElement>(element, '#transfer-dialog')?.open).to.equal(true);
        expect($$(element, '#transfer-list [role="option"]').map(optionText)).to.deep.equal([
          'Grupo Ventas',
          'Grupo Soporte',
          'Admin Ow, En línea',
          'Carla Gómez, Desconectado',
          'Bruno Silva, Ausente',
        ]);
      }
      if (name === 'MarkedUnread') expect($(element, '[part~="unread-action"]')!.textContent).to.equal('Marcar como leída');
      if (name === 'ClosedCustomerWroteAgain') await waitUntil(() => $(element, '[part~="open-later"]'), 'the new conversation offered');
    },
  });
  storyTests(composerStories, 'ow-composer', { prefix: 'ow-composer ' });
});
