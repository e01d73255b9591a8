// <ow-chat> opens on the newest message every time, and stays there while the agent has not
// scrolled up, whatever renders late around the timeline (composer, template picker, host size).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { OwClient } from '../../src/client/api-client.js';
import type { OwStore } from '../../src/client/store.js';
import '../../src/components/chat/ow-chat.js';
import type { OwChat } from '../../src/components/chat/ow-chat.js';
import type { OwComposer } from '../../src/components/composer/ow-composer.js';
import { $, $$, base, conversationFactory, phoneNumbers, sim, startStore, useTestServer } from './support.js';

// Mocha's globals, provided by the browser test runner.
declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void> | void): void;

const HOUR = 3_600_000;
const phone = phoneNumbers('+5731500', 5);
const createConversation = conversationFactory({
  customer: { name: 'Lucía Torres' },
  phone,
  messages: [{ author: 'customer', text: 'Hola, necesito ayuda' }],
});

/** `count` messages, each numbered, alternating between the customer and the agent. */
const numbered = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({ author: i % 2 ? ('agent' as const) : ('customer' as const), text: `${prefix} ${i}` }));

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const log = (chat: OwChat) => $(chat, '[role="log"]')!;

/** How far, in pixels, the newest message's bottom is below the timeline's visible bottom (0 when in view). */
function hiddenBelow(chat: OwChat): number {
  const rows = $$(chat, '[data-id]');
  if (!rows.length) return Infinity;
  const bottom = Math.max(...rows.map((row) => row.getBoundingClientRect().bottom));
  return Math.max(0, Math.round(bottom - log(chat).getBoundingClientRect().bottom));
}

/** Empty space, in pixels, between the newest message and the timeline's bottom edge (inside its padding). */
function emptyBelow(chat: OwChat): number {
  const rows = $$(chat, '[data-id]');
  if (!rows.length) return 0;
  const bottom = Math.max(...rows.map((row) => row.getBoundingClientRect().bottom));
  const timeline = log(chat);
  return Math.round(timeline.getBoundingClientRect().bottom - parseFloat(getComputedStyle(timeline).paddingBottom) - bottom);
}

/** The newest message is rendered and entirely in view. */
function atNewest(chat: OwChat, newest: string): boolean {
  return $$(chat, '[data-id]').some((row) => row.textContent!.includes(newest)) && hiddenBelow(chat) === 0;
}

/** Waits until the view settled (no scroll or size change for a while), then says where it is. */
async function settled(chat: OwChat): Promise<void> {
  let last = '';
  let stable = 0;
  await waitUntil(
    () => {
      const timeline = log(chat);
      const now = `${timeline.scrollTop}/${timeline.clientHeight}/${timeline.scrollHeight}`;
      stable = now === last ? stable + 1 : 0;
      last = now;
      return stable >= 6;
    },
    'view settled',
    { timeout: 5000, interval: 50 },
  );
}

async function expectAtNewest(chat: OwChat, newest: string, what: string): Promise<void> {
  await settled(chat);
  const timeline = log(chat);
  expect(atNewest(chat, newest), `${what}: ${hiddenBelow(chat)} px of the newest message hidden, scrollTop ${timeline.scrollTop} of ${timeline.scrollHeight - timeline.clientHeight}`).to.equal(true);
  expect($(chat, '[part="new-messages"]'), `${what}: no "Mensajes nuevos" needed`).to.equal(null);
  expect(emptyBelow(chat), `${what}: no empty band under the newest message`).to.be.at.most(1);
}

/** A chat in a host of the given size. */
async function mount(store: OwStore, conversationId: string, size: { width?: number; height?: number } = {}): Promise<{ host: HTMLElement; chat: OwChat }> {
  const host = await fixture<HTMLElement>(
    html`<div style="height:${size.height ?? 520}px;width:${size.width ?? 640}px;display:flex;flex-direction:column">
      <ow-chat .store=${store} conversation-id=${conversationId}></ow-chat>
    </div>`,
  );
  const chat = host.querySelector('ow-chat')!;
  await waitUntil(() => $(chat, '[data-id]'), 'timeline rendered', { timeout: 5000 });
  return { host, chat };
}

useTestServer();

describe('ow-chat opens on the newest message', () => {
  it('outside the WhatsApp 24-hour window, where the template picker arrives after the timeline', async () => {
    // Automatic closing would end the conversation before the window matters.
    await new OwClient({ baseUrl: base, token: 'tok_admin' }).updateSettings({ autoCloseHours: 0 });
    const { conversation: few } = await createConversation({ messages: numbered('Pocos', 9) });
    const { conversation: many } = await createConversation({ messages: numbered('Muchos', 40) });
    await sim.advanceClock(25 * HOUR);
    const { store } = await startStore();
    // Narrow, as in a console with the side panel open.
    const { chat } = await mount(store, few.id, { width: 360, height: 560 });
    // The server's clock moved on, the browser's did not: the composer is told the server's time as soon as it renders.
    const serverNow = () => Date.parse(many.lastCustomerMessageAt!) + 25 * HOUR;
    const composer = () => $<OwComposer>(chat, 'ow-composer');
    await waitUntil(composer, 'composer rendered');
    composer()!.clock = serverNow;
    await waitUntil(() => composer()!.shadowRoot!.querySelector('[part="templates"] select'), 'template picker loaded', { timeout: 5000 });
    await expectAtNewest(chat, 'Pocos 8', 'a short conversation');

    chat.conversationId = many.id;
    await waitUntil(() => $$(chat, '[data-id]').some((row) => row.textContent!.includes('Muchos')), 'second conversation shown');
    await expectAtNewest(chat, 'Muchos 39', 'a long conversation');
  });

  it('outside the 24-hour window when the chat is opened again in a new element', async () => {
    await new OwClient({ baseUrl: base, token: 'tok_admin' }).updateSettings({ autoCloseHours: 0 });
    const { conversation } = await createConversation({ messages: numbered('Línea', 12) });
    await sim.advanceClock(25 * HOUR);
    const { store } = await startStore();
    await store.openConversation(conversation.id);
    store.leaveConversation(conversation.id);
    const { chat } = await mount(store, conversation.id, { width: 360, height: 520 });
    // Set in the first update, before the template picker's chunk is asked for.
    $<OwComposer>(chat, 'ow-composer')!.clock = () => Date.parse(conversation.lastCustomerMessageAt!) + 25 * HOUR;
    await waitUntil(() => $<OwComposer>(chat, 'ow-composer')!.shadowRoot!.querySelector('[part="templates"] select'), 'template picker loaded', { timeout: 5000 });
    await expectAtNewest(chat, 'Línea 11', 'reopened outside the window');
  });

  it('each time the conversation-id switches back and forth on one element', async () => {
    const { conversation: a } = await createConversation({ messages: numbered('Alfa', 30) });
    const { conversation: b } = await createConversation({ messages: numbered('Beta', 8) });
    const { conversation: c } = await createConversation({ stage: 'queued', assigneeId: undefined, messages: numbered('Gamma', 14) });
    const { store } = await startStore();
    const { chat } = await mount(store, a.id, { height: 480 });
    const newest = { [a.id]: 'Alfa 29', [b.id]: 'Beta 7', [c.id]: 'Gamma 13' };
    await expectAtNewest(chat, newest[a.id]!, 'first open');
    for (const id of [b.id, a.id, c.id, b.id, a.id, c.id]) {
      // The agent scrolls up a little before moving on: the next conversation must not inherit it.
      log(chat).dispatchEvent(new WheelEvent('wheel', { deltaY: -150, bubbles: true }));
      log(chat).scrollTop = Math.max(0, log(chat).scrollTop - 150);
      chat.conversationId = id;
      const prefix = newest[id]!.split(' ')[0]!;
      await waitUntil(() => $$(chat, '[data-id]').some((row) => row.textContent!.includes(prefix)), 'switched');
      await expectAtNewest(chat, newest[id]!, `back on ${newest[id]}`);
    }
  });

  it('from a conversation of tall messages to one of short ones: the newest sits on the bottom edge, no empty band under it', async () => {
    const long = 'Te cuento con detalle lo que pasó con el pedido, la factura y la entrega, que llegó tarde y con una caja abierta. ';
    const { conversation: tall } = await createConversation({
      messages: Array.from({ length: 16 }, (_, i) => ({ author: i % 2 ? ('agent' as const) : ('customer' as const), text: `${long.repeat(2)}${i}` })),
    });
    const { conversation: short } = await createConversation({ messages: numbered('Ok', 13) });
    const { store } = await startStore();
    const { chat } = await mount(store, tall.id, { height: 480 });
    await expectAtNewest(chat, '15', 'the tall one');
    chat.conversationId = short.id;
    await waitUntil(() => $$(chat, '[data-id]').some((row) => row.textContent!.includes('Ok 12')), 'switched');
    await expectAtNewest(chat, 'Ok 12', 'the short one');
  });

  it('stays on the newest message when the composer grows or the host shrinks after opening', async () => {
    const { conversation } = await createConversation({ messages: numbered('Línea', 10) });
    const { store } = await startStore();
    const host = await fixture<HTMLElement>(
      html`<div style="height:560px;width:640px;display:flex;flex-direction:column">
        <ow-chat .store=${store} conversation-id=${conversation.id}><div slot="composer" style="height:40px">composer</div></ow-chat>
      </div>`,
    );
    const chat = host.querySelector('ow-chat')!;
    await waitUntil(() => $$(chat, '[data-id]').length, 'timeline rendered');
    await expectAtNewest(chat, 'Línea 9', 'opened');
    // The host's own composer grows (a template panel, a long draft).
    host.querySelector<HTMLElement>('[slot="composer"]')!.style.height = '260px';
    await expectAtNewest(chat, 'Línea 9', 'after the composer grew');
    host.style.height = '380px';
    await expectAtNewest(chat, 'Línea 9', 'after the host shrank');
    host.style.height = '600px';
    await expectAtNewest(chat, 'Línea 9', 'after the host grew');
  });

  it('opened while hidden (a tab panel not shown), on the newest message once shown', async () => {
    const { conversation } = await createConversation({ messages: numbered('Línea', 60) });
    const { store } = await startStore('tok_ana', { messagePageSize: 30 });
    const host = await fixture<HTMLElement>(
      html`<div style="height:520px;width:640px;display:none;flex-direction:column"><ow-chat .store=${store} conversation-id=${conversation.id}></ow-chat></div>`,
    );
    const chat = host.querySelector('ow-chat')!;
    await waitUntil(() => store.getState().timelines[conversation.id]?.ids.length, 'timeline loaded', { timeout: 5000 });
    await pause(500);
    host.style.display = 'flex';
    await waitUntil(() => $(chat, '[data-id]'), 'rows rendered');
    await expectAtNewest(chat, 'Línea 59', 'shown');
    expect(store.getState().timelines[conversation.id]!.ids, 'no older page loaded by the view starting at the top').to.have.length(30);
  });

  it('once the agent scrolled up, the view stays where they put it when the host shrinks', async () => {
    const { conversation } = await createConversation({ messages: numbered('Línea', 40) });
    const { store } = await startStore();
    const { host, chat } = await mount(store, conversation.id, { height: 560 });
    await expectAtNewest(chat, 'Línea 39', 'opened');
    // As the agent does it: the wheel, then the view moves.
    log(chat).dispatchEvent(new WheelEvent('wheel', { deltaY: -400, bubbles: true }));
    log(chat).scrollTop -= 400;
    await pause(300);
    const top = log(chat).scrollTop;
    host.style.height = '380px';
    await settled(chat);
    expect(Math.abs(log(chat).scrollTop - top), 'view kept').to.be.lessThan(40);
    expect(hiddenBelow(chat)).to.be.greaterThan(300);
  });
});

/** The topmost message row at least partly in view, and how far its top is below the timeline's top edge. */
function firstVisible(chat: OwChat): { id: string; offset: number } | null {
  const top = log(chat).getBoundingClientRect().top;
  let best: { id: string; offset: number } | null = null;
  for (const row of $$(chat, '[data-id]')) {
    const box = row.getBoundingClientRect();
    if (box.bottom <= top + 1) continue;
    if (!best || box.top - top < best.offset) best = { id: row.dataset.id!, offset: box.top - top };
  }
  return best;
}

/** Where this message's row is, relative to the chat's own top (what the agent sees); null when not rendered. */
function rowTop(chat: OwChat, id: string): number | null {
  const row = $(chat, `[data-id="${CSS.escape(id)}"]`);
  return row ? row.getBoundingClientRect().top - chat.getBoundingClientRect().top : null;
}

/** The agent's wheel, `deltaY` pixels up. */
function wheelUp(chat: OwChat, deltaY: number): void {
  log(chat).dispatchEvent(new WheelEvent('wheel', { deltaY: -deltaY, bubbles: true }));
  log(chat).scrollTop = Math.max(0, log(chat).scrollTop - deltaY);
}

describe('ow-chat in a long conversation', () => {
  it('offers "Ir al último mensaje" once the view is more than a screen above the newest message, by click or keyboard', async () => {
    const customerPhone = phone();
    const { conversation } = await createConversation({ customer: { name: 'Lucía Torres', phone: customerPhone }, messages: numbered('Línea', 450) });
    const { store } = await startStore('tok_ana', { messagePageSize: 100 });
    const { chat } = await mount(store, conversation.id, { height: 560 });
    await expectAtNewest(chat, 'Línea 449', 'opened');
    const jump = () => $<HTMLButtonElement>(chat, '[part~="new-messages"]');
    expect(jump(), 'at the newest: no button').to.equal(null);

    // Half a screen up: still close to the newest message.
    wheelUp(chat, log(chat).clientHeight / 2);
    await settled(chat);
    expect(jump(), 'half a screen up').to.equal(null);

    // Several screens up, as the agent reads back.
    for (let i = 0; i < 6; i++) {
      wheelUp(chat, 300);
      await pause(40);
    }
    await waitUntil(jump, '"Ir al último mensaje" offered', { timeout: 3000 });
    expect(jump()!.textContent!.trim()).to.equal('Ir al último mensaje ↓');
    expect(jump()!.getAttribute('part')).to.equal('new-messages jump-latest');
    await expect(chat).to.be.accessible();

    jump()!.click();
    await expectAtNewest(chat, 'Línea 449', 'after "Ir al último mensaje"');
    expect(jump(), 'gone at the newest').to.equal(null);

    // Up again; a customer message arrives meanwhile: the button says so, and the keyboard takes the agent there.
    for (let i = 0; i < 6; i++) {
      wheelUp(chat, 300);
      await pause(40);
    }
    await waitUntil(jump, 'offered again', { timeout: 3000 });
    await sim.inbound({ channel: 'whatsapp', from: customerPhone, text: '¿Siguen ahí?' });
    await waitUntil(() => jump()?.textContent!.trim() === 'Mensajes nuevos ↓', '"Mensajes nuevos" on the same button', { timeout: 5000 });
    expect(jump()!.getAttribute('part')).to.equal('new-messages');
    jump()!.focus();
    await sendKeys({ press: 'Enter' });
    await expectAtNewest(chat, '¿Siguen ahí?', 'after Enter on "Mensajes nuevos"');
    expect(jump()).to.equal(null);
    expect(chat.shadowRoot!.activeElement, 'focus moves to the timeline, not lost with the button').to.equal(log(chat));
  });

  /**
   * A 200-message conversation opened on its newest 40; the agent wheels up a little at a time until
   * the chat asks for the older page. Says where the view was then, and where the first message in
   * view was just before the older page reached the chat, and gives the timeline once it settled.
   */
  async function wheelUpToOlderPage(): Promise<{
    chat: OwChat;
    ids: () => readonly string[];
    requestedAt: number;
    asked: { id: string; top: number };
    before: { id: string; top: number; offset: number };
  }> {
    const long = 'Una línea más larga para que cada mensaje ocupe dos o tres renglones en la burbuja del chat. ';
    const messages = Array.from({ length: 200 }, (_, i) => ({ author: i % 2 ? ('agent' as const) : ('customer' as const), text: `${i % 3 ? '' : long}Mensaje ${i}` }));
    const { conversation } = await createConversation({ messages });
    const { store } = await startStore('tok_ana', { messagePageSize: 40 });
    const { chat } = await mount(store, conversation.id, { height: 560 });
    await expectAtNewest(chat, 'Mensaje 199', 'opened');
    const timeline = () => store.getState().timelines[conversation.id]!;

    // Watched as the store changes, before the chat renders the change.
    let requestedAt: number | null = null;
    let asked: { id: string; top: number } | null = null;
    let before: { id: string; top: number; offset: number } | null = null;
    const stop = store.subscribe(
      (s) => s.timelines[conversation.id],
      (now, previous) => {
        if (now?.loading && !previous?.loading && requestedAt === null) {
          requestedAt = log(chat).scrollTop;
          // The first message in view is cut by the timeline's top edge (not on it), as a wheel leaves it.
          const first = firstVisible(chat)!;
          log(chat).scrollTop += first.offset + 23;
          asked = { id: first.id, top: rowTop(chat, first.id)! };
        }
        if (now && previous && now.ids.length > previous.ids.length && !before) {
          const first = firstVisible(chat)!;
          before = { id: first.id, top: rowTop(chat, first.id)!, offset: first.offset };
        }
      },
    );
    try {
      await waitUntil(
        () => {
          if (requestedAt !== null) return true;
          wheelUp(chat, 90);
          return false;
        },
        'older page asked for',
        { timeout: 8000, interval: 80 },
      );
      await waitUntil(() => before !== null, 'older page in the store', { timeout: 5000 });
      await waitUntil(() => !timeline().loading && $$(chat, '[data-id]').length > 0, 'rendered');
      await settled(chat);
    } finally {
      stop();
    }
    return { chat, ids: () => timeline().ids, requestedAt: requestedAt!, asked: asked!, before: before! };
  }

  it('asks for older messages while the view is still a screen or less from the top, not once it sits there', async () => {
    const { requestedAt, ids } = await wheelUpToOlderPage();
    expect(requestedAt, 'asked for well before the top').to.be.greaterThan(150);
    expect(ids()).to.have.length(80);
  });

  it('keeps the first message in view where it was, to the pixel, when the older page arrives', async () => {
    const { chat, asked, before, ids } = await wheelUpToOlderPage();
    const { id, top, offset } = before;
    expect(id, 'the same message first in view').to.equal(asked.id);
    expect(Math.abs(offset), 'the message first in view started cut by the top edge, not on it').to.be.greaterThan(5);
    // "Cargando mensajes anteriores…" shows over the timeline: the messages do not move for it.
    expect(Math.abs(top - asked.top), `moved from ${asked.top} to ${top} px while loading`).to.be.at.most(2);
    const after = rowTop(chat, id);
    expect(after, 'the message first in view is still rendered').to.not.equal(null);
    const offsetAfter = after! + chat.getBoundingClientRect().top - log(chat).getBoundingClientRect().top;
    expect(Math.abs(offsetAfter - offset), `first message in view moved from ${offset} to ${offsetAfter} px below the timeline's top`).to.be.at.most(2);
    expect(Math.abs(after! - top), `first message in view moved from ${top} to ${after} px on screen`).to.be.at.most(2);
    // And it stays there: nothing corrects it afterwards.
    await pause(400);
    expect(Math.abs(rowTop(chat, id)! - top), 'still in place').to.be.at.most(2);
    expect(ids()).to.have.length(80);
  });
});
