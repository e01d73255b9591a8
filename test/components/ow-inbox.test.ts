// <ow-inbox> as an agent uses it, against the real test server.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { OwClient } from '../../src/client/api-client.js';
import { unreadCount } from '../../src/client/rules/index.js';
import type { TestConversationInput } from '../../src/client/sim-client.js';
import { createStore, type OwStore } from '../../src/client/store.js';
import { MemoryStorage } from '../../src/client/store/storage.js';
import type { Conversation, ConversationDetail, Customer, OwEvent } from '../../src/contract/index.js';
import '../../src/components/inbox/ow-inbox.js';
import type { OwInbox } from '../../src/components/inbox/ow-inbox.js';
import { LazyPart } from '../../src/components/shared/lazy-part.js';
import { base, sim, startStore as startAgentStore, stopAfterTest, useTestServer } from './support.js';

declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void> | void): void;

const WAIT = { timeout: 5000 };

async function startStore(token = 'tok_ana'): Promise<OwStore> {
  return (await startAgentStore(token, { countsDebounceMs: 30 })).store;
}

let phone = 0;
async function conversation(name: string, overrides: Partial<TestConversationInput> = {}): Promise<ConversationDetail> {
  phone++;
  const detail = await sim.createConversation({
    channel: 'whatsapp',
    customer: { name, phone: `+5731100${String(phone).padStart(5, '0')}` },
    stage: 'queued',
    groupId: 'grp_ventas',
    messages: [{ author: 'customer', text: `Hola, soy ${name}` }],
    ...overrides,
  });
  // Distinct server times keep the sort orders deterministic.
  await sim.advanceClock(1000);
  return detail;
}

async function inbox(store: OwStore, attrs = ''): Promise<OwInbox> {
  const el = await fixture<OwInbox>(html`<div style="height: 600px; display: flex"><ow-inbox .store=${store} search-delay="50"></ow-inbox></div>`);
  const element = el.querySelector('ow-inbox')!;
  for (const attr of attrs.split(' ').filter(Boolean)) {
    const [name, value] = attr.split('=');
    element.setAttribute(name!, value!);
  }
  await element.updateComplete;
  return element;
}

const root = (el: OwInbox) => el.shadowRoot!;

/**
 * The row actions chunk (button and menu) through a stand-in: it fails while `online` is false
 * (no connection) and arrives only once `arrive()` was called (a slow connection).
 */
function actionsChunk(el: OwInbox, { online = true } = {}): { online: () => void; arrive: () => void } {
  const parts = el as unknown as { actionsPart: LazyPart<unknown> };
  const real = parts.actionsPart;
  let arrive!: () => void;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  parts.actionsPart = new LazyPart(el, () =>
    online ? arrived.then(() => real.get()) : Promise.reject(new TypeError('Failed to fetch dynamically imported module')),
  );
  return { online: () => (online = true), arrive };
}

async function shiftF10(): Promise<void> {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'F10' });
  await sendKeys({ up: 'Shift' });
}
const rows = (el: OwInbox) => [...root(el).querySelectorAll<HTMLElement>('[role="option"]')];
const names = (el: OwInbox) => rows(el).map((row) => row.querySelector('[part~="name"]')?.textContent?.trim());
const count = (el: OwInbox, tray: string) => root(el).querySelector(`#tray-${tray} [part~="count"]`)?.textContent?.trim();
const row = (el: OwInbox, name: string) => rows(el).find((r) => r.querySelector('[part~="name"]')?.textContent?.trim() === name);
const sameList = (a: unknown[], b: unknown[]) => JSON.stringify(a) === JSON.stringify(b);

function select(el: OwInbox, part: string, value: string): void {
  const control = root(el).querySelector<HTMLSelectElement>(`[part~="${part}"]`)!;
  control.value = value;
  control.dispatchEvent(new Event('change'));
}

/**
 * `count` queued conversations ("Registro 0", "Registro 1", …, longest waiting first) applied to the store
 * as recorded events, quicker than creating them on the server.
 */
function recordConversations(store: OwStore, count: number): { customers: Customer[]; lastId: number } {
  const at = Date.now() - 3_600_000;
  const events: OwEvent[] = [];
  let id = store.getState().lastEventId + 1_000_000;
  const customers: Customer[] = [];
  for (let i = 0; i < count; i++) {
    const iso = new Date(at + i * 1000).toISOString();
    const customer: Customer = { id: `cus_rec_${i}`, name: `Registro ${i}`, phone: `+57320${String(i).padStart(7, '0')}`, email: null, attributes: {}, version: 1, createdAt: iso, updatedAt: iso, updatedBy: null };
    customers.push(customer);
    const conversation: Conversation = {
      id: `cnv_rec_${String(i).padStart(4, '0')}`, customerId: customer.id, channel: 'whatsapp', stage: 'queued', status: 'active', outbound: false,
      groupId: null, assigneeId: null, tagIds: [], createdAt: iso, lastActivityAt: iso, lastCustomerMessageAt: iso, waitingSince: iso,
      assignedAt: null, closedAt: null, closedHow: null, customerMessageCount: 1,
      lastMessage: { author: 'customer', kind: 'text', text: 'Hola', createdAt: iso }, version: 1,
    };
    events.push({ type: 'customer.updated', id: ++id, at: iso, customer }, { type: 'conversation.updated', id: ++id, at: iso, conversation });
  }
  store.applyEvents(events);
  return { customers, lastId: id };
}

describe('ow-inbox', () => {
  useTestServer();

  it('shows the trays with live counts; a customer writing raises the Bot count at once', async () => {
    await conversation('Lucía Torres');
    await conversation('Mario Díaz', { stage: 'assigned', assigneeId: 'agt_ana' });
    const el = await inbox(await startStore());
    await waitUntil(() => names(el).length === 1, 'queued row', WAIT);
    expect(names(el)).to.deep.equal(['Lucía Torres']);
    expect(count(el, 'queued')).to.equal('1');
    expect(count(el, 'mine')).to.equal('1');
    expect(count(el, 'agents')).to.equal('1');
    expect(count(el, 'bot')).to.equal('0');
    const tab = root(el).querySelector('#tray-queued')!;
    expect(tab.getAttribute('aria-selected')).to.equal('true');
    expect(tab.textContent).to.contain('Sin asignar');

    await sim.inbound({ channel: 'whatsapp', from: '+573119990000', text: 'Buenas tardes' });
    await waitUntil(() => count(el, 'bot') === '1', 'bot count rises live', WAIT);

    (root(el).querySelector('#tray-bot') as HTMLElement).click();
    await waitUntil(() => names(el).length === 1 && el.getAttribute('tray') === 'bot', 'bot tray', WAIT);
    expect(rows(el)[0]!.querySelector('[part~="preview"]')!.textContent).to.contain('Bot:');
    await expect(el).to.be.accessible();
  });

  it('takes tray, status and sort from attributes and switches the status filter', async () => {
    const closed = await conversation('Cerrada Pérez', { stage: 'assigned', assigneeId: 'agt_ana' });
    await conversation('Activa Ruiz', { stage: 'assigned', assigneeId: 'agt_ana' });
    const store = await startStore();
    await store.close(closed.conversation.id);
    const el = await inbox(store, 'tray=mine');
    await waitUntil(() => sameList(names(el), ['Activa Ruiz']), 'active only', WAIT);
    expect(store.getState().inbox.query.tray).to.equal('mine');

    select(el, 'status-filter', 'closed');
    await waitUntil(() => sameList(names(el), ['Cerrada Pérez']), 'closed history', WAIT);
    expect(el.getAttribute('status')).to.equal('closed');

    el.setAttribute('status', 'active');
    await waitUntil(() => sameList(names(el), ['Activa Ruiz']), 'back to active', WAIT);
    expect(root(el).querySelector<HTMLSelectElement>('[part~="status-filter"]')!.value).to.equal('active');
  });

  it('shows outbound conversations under Salientes, and moves between trays with the arrow keys', async () => {
    await conversation('Saliente Gómez', { stage: 'assigned', assigneeId: 'agt_ana', outbound: true, messages: [{ author: 'agent', text: 'Hola, le escribimos de la tienda' }] });
    await conversation('Entrante Díaz', { stage: 'assigned', assigneeId: 'agt_ana' });
    const el = await inbox(await startStore(), 'tray=mine');
    await waitUntil(() => names(el).length === 2, 'both active', WAIT);
    select(el, 'status-filter', 'outbound');
    await waitUntil(() => sameList(names(el), ['Saliente Gómez']), 'outbound only', WAIT);
    expect(rows(el)[0]!.querySelector('[part~="preview"]')!.textContent).to.equal('Agente: Hola, le escribimos de la tienda');

    const mine = root(el).querySelector<HTMLElement>('#tray-mine')!;
    expect(mine.tabIndex).to.equal(0);
    mine.focus();
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => el.getAttribute('tray') === 'agents' && root(el).activeElement?.id === 'tray-agents', 'next tray chosen and focused', WAIT);
    await sendKeys({ press: 'Home' });
    await waitUntil(() => el.getAttribute('tray') === 'queued', 'first tray', WAIT);
    await sendKeys({ press: 'ArrowLeft' });
    await waitUntil(() => el.getAttribute('tray') === 'bot' && root(el).activeElement?.id === 'tray-bot', 'wraps to the last tray', WAIT);
  });

  it('re-orders live: answered conversations drop in waiting order, a new customer message rises in activity order', async () => {
    const first = await conversation('Ana Uno', { stage: 'assigned', assigneeId: 'agt_ana' });
    const second = await conversation('Beto Dos', { stage: 'assigned', assigneeId: 'agt_ana' });
    await conversation('Caro Tres', { stage: 'assigned', assigneeId: 'agt_ana', messages: [{ author: 'customer', text: 'hola' }, { author: 'agent', text: 'Hola, ¿en qué te ayudo?' }] });
    const store = await startStore();
    const el = await inbox(store, 'tray=mine');
    await waitUntil(() => names(el).length === 3, 'three rows', WAIT);
    // Longest waiting first; the answered one after the waiting ones.
    expect(names(el)).to.deep.equal(['Ana Uno', 'Beto Dos', 'Caro Tres']);
    expect(row(el, 'Ana Uno')!.querySelector('[part~="waiting"]')).to.exist;
    expect(row(el, 'Caro Tres')!.querySelector('[part~="waiting"]')).to.equal(null);

    await store.send(first.conversation.id, { text: 'Ya te ayudo' });
    await waitUntil(() => sameList(names(el), ['Beto Dos', 'Ana Uno', 'Caro Tres']), 'answered drops below waiting', WAIT);
    expect(row(el, 'Ana Uno')!.querySelector('[part~="waiting"]')).to.equal(null);

    select(el, 'sort', 'activity');
    await waitUntil(() => sameList(names(el), ['Ana Uno', 'Caro Tres', 'Beto Dos']), 'most recent exchange first', WAIT);
    expect(el.getAttribute('sort')).to.equal('activity');

    await sim.advanceClock(1000);
    await sim.inbound({ channel: 'whatsapp', from: second.customer.phone!, text: 'Sigo esperando' });
    await waitUntil(() => names(el)[0] === 'Beto Dos', 'customer message rises to the top', WAIT);

    select(el, 'sort', 'waiting');
    await sim.inbound({ channel: 'whatsapp', from: first.customer.phone!, text: 'Otra pregunta' });
    // Ana Uno waits again, but since now: Beto Dos has waited longer.
    await waitUntil(() => sameList(names(el), ['Beto Dos', 'Ana Uno', 'Caro Tres']), 'new wait counts from the unanswered message', WAIT);
  });

  it('counts a conversation marked unread as waiting in the waiting order', async () => {
    const answered = [{ author: 'customer' as const, text: 'Hola' }, { author: 'agent' as const, text: 'Listo, resuelto' }];
    const older = await conversation('Xavier Antiguo', { stage: 'assigned', assigneeId: 'agt_ana', messages: answered });
    await conversation('Yolanda Reciente', { stage: 'assigned', assigneeId: 'agt_ana', messages: answered });
    const store = await startStore();
    // Xavier's message was read: his menu offers to mark him unread.
    await store.markRead(older.conversation.id);
    const el = await inbox(store, 'tray=mine');
    // Nothing waits: most recent activity first.
    await waitUntil(() => sameList(names(el), ['Yolanda Reciente', 'Xavier Antiguo']), 'by activity', WAIT);
    const xavier = row(el, 'Xavier Antiguo')!;
    xavier.focus();
    await sendKeys({ press: 'ContextMenu' });
    await waitUntil(() => root(el).querySelector('[role="menu"]') !== null, 'menu', WAIT);
    const marked = oneEvent(el, 'ow-mark-unread');
    root(el).querySelector<HTMLElement>('[data-action="unread"]')!.click();
    expect((await marked).detail).to.deep.equal({ conversationId: older.conversation.id });
    await waitUntil(() => sameList(names(el), ['Xavier Antiguo', 'Yolanda Reciente']), 'marked unread waits, so it comes first', WAIT);
    expect(row(el, 'Xavier Antiguo')!.querySelector('[part~="waiting"]')).to.exist;
    expect(store.getState().readStates[older.conversation.id]!.markedUnread).to.equal(true);
  });

  it('searches by name, phone and text (debounced) and filters by tag', async () => {
    const lucia = await conversation('Lucía Torres');
    await conversation('Mario Díaz', { messages: [{ author: 'customer', text: 'Quiero cambiar mi pedido' }] });
    const store = await startStore();
    await store.attachTag(lucia.conversation.id, 'tag_vip');
    const el = await inbox(store);
    await waitUntil(() => names(el).length === 2, 'both rows', WAIT);

    const search = root(el).querySelector<HTMLInputElement>('[part~="search"]')!;
    search.focus();
    await sendKeys({ type: 'lucia' });
    // Typing may be slower than the debounce on a busy machine: wait for the whole word's search.
    await waitUntil(() => store.getState().inbox.query.q === 'lucia' && sameList(names(el), ['Lucía Torres']), 'name search, accents ignored', WAIT);

    search.value = '';
    search.dispatchEvent(new Event('input'));
    await sendKeys({ type: 'pedido' });
    await waitUntil(() => store.getState().inbox.query.q === 'pedido' && sameList(names(el), ['Mario Díaz']), 'text search', WAIT);

    search.value = '';
    search.dispatchEvent(new Event('input'));
    await waitUntil(() => names(el).length === 2, 'cleared', WAIT);

    const tagSelect = root(el).querySelector<HTMLSelectElement>('[part~="tag-filter"]')!;
    expect([...tagSelect.options].map((o) => o.textContent!.trim())).to.include.members(['● VIP', '● Reclamo', '● Venta']);
    select(el, 'tag-filter', 'tag_vip');
    await waitUntil(() => sameList(names(el), ['Lucía Torres']), 'tag filter', WAIT);
    expect(row(el, 'Lucía Torres')!.querySelector('[part~="tag-dot"]')!.getAttribute('title')).to.equal('VIP');
    select(el, 'tag-filter', 'tag_reclamo');
    await waitUntil(() => root(el).querySelector('[part~="empty"]') !== null, 'empty state', WAIT);
    expect(root(el).querySelector('[part~="empty"]')!.textContent).to.contain('Ninguna conversación coincide');
  });

  it('shows unread badges; the row menu offers what changes the row, read for an unread row and unread for a read one', async () => {
    const lucia = await conversation('Lucía Torres', { messages: [{ author: 'customer', text: 'Hola' }, { author: 'customer', text: '<b>¿Hay alguien?</b>' }] });
    const id = lucia.conversation.id;
    const { store, client } = await startAgentStore('tok_ana', { countsDebounceMs: 30 });
    const el = await inbox(store);
    await waitUntil(() => rows(el).length === 1, 'row', WAIT);
    const unread = () => rows(el)[0]!.querySelector('[part~="unread"]')?.textContent?.trim().split(/\s/)[0];
    const serverUnread = async () => {
      const detail = await client.getConversation(id);
      return unreadCount(detail.conversation, detail.readState);
    };
    expect(unread()).to.equal('2');
    // Message text is shown as text, never parsed as markup.
    expect(rows(el)[0]!.querySelector('[part~="preview"]')!.textContent).to.equal('<b>¿Hay alguien?</b>');
    expect(rows(el)[0]!.querySelector('b')).to.equal(null);

    // An unread row: only "read" is offered, and focus is on it.
    rows(el)[0]!.focus();
    await shiftF10();
    await waitUntil(() => root(el).querySelector('[role="menu"]') !== null, 'menu opens', WAIT);
    const items = () => [...root(el).querySelectorAll<HTMLElement>('[role="menuitem"]')];
    expect(items().map((i) => i.textContent!.trim())).to.deep.equal(['Marcar como leída']);
    expect(root(el).activeElement).to.equal(items()[0]);
    await expect(el).to.be.accessible();
    const read = oneEvent(el, 'ow-mark-read');
    await sendKeys({ press: 'Enter' });
    expect((await read).detail).to.deep.equal({ conversationId: id });
    await waitUntil(() => unread() === undefined, 'badge gone after mark read', WAIT);
    expect(rows(el)[0]!.getAttribute('part')).not.to.contain('row-unread');
    expect(await serverUnread()).to.equal(0);
    expect(root(el).querySelector('[role="menu"]')).to.equal(null);
    expect(root(el).activeElement).to.equal(rows(el)[0]);

    const button = root(el).querySelector<HTMLButtonElement>('[part~="row-actions"]')!;
    expect(button.getAttribute('aria-haspopup')).to.equal('menu');
    expect(button.getAttribute('aria-label')).to.contain('Lucía Torres');
    // The button sits beside its row, and the menu opens just below the button.
    const rowBox = rows(el)[0]!.getBoundingClientRect();
    const buttonBox = button.getBoundingClientRect();
    expect(buttonBox.top).to.be.within(rowBox.top, rowBox.bottom - buttonBox.height);
    button.click();
    await waitUntil(() => root(el).querySelector('[role="menu"]') !== null, 'menu opens by pointer', WAIT);
    expect(root(el).querySelector('[role="menu"]')!.getBoundingClientRect().top).to.be.closeTo(button.getBoundingClientRect().bottom, 8);
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    // A read row: only "unread" is offered, focused; the arrows keep focus on it.
    expect(items().map((i) => i.textContent!.trim())).to.deep.equal(['Marcar como no leída']);
    expect(root(el).activeElement).to.equal(items()[0]);
    await sendKeys({ press: 'ArrowDown' });
    expect(root(el).activeElement).to.equal(items()[0]);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => root(el).querySelector('[role="menu"]') === null, 'escape closes', WAIT);
    expect(root(el).activeElement).to.equal(button);

    // By keyboard from the row again: choosing it turns the row unread, here and on the server.
    rows(el)[0]!.focus();
    await shiftF10();
    await waitUntil(() => items().length === 1, 'menu again', WAIT);
    expect(root(el).activeElement).to.equal(items()[0]);
    expect(items()[0]!.dataset.action).to.equal('unread');
    await expect(el).to.be.accessible();
    const marked = oneEvent(el, 'ow-mark-unread');
    await sendKeys({ press: 'Enter' });
    expect((await marked).detail).to.deep.equal({ conversationId: id });
    await waitUntil(() => unread() === '1', 'marked unread counts one', WAIT);
    expect(rows(el)[0]!.getAttribute('part')).to.contain('row-unread');
    expect(root(el).activeElement).to.equal(rows(el)[0]);
    expect(await serverUnread()).to.be.greaterThan(0);
    expect((await client.getConversation(id)).readState.markedUnread).to.equal(true);

    // Unread once more: the menu offers "read" again, by pointer this time.
    button.click();
    await waitUntil(() => items().length === 1, 'menu by pointer', WAIT);
    expect(items().map((i) => i.textContent!.trim())).to.deep.equal(['Marcar como leída']);
    items()[0]!.click();
    await waitUntil(() => unread() === undefined, 'read again', WAIT);
    expect(await serverUnread()).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('is a listbox: arrows, Home and End move focus, Enter selects and fires ow-conversation-select', async () => {
    const ids: string[] = [];
    for (const name of ['Uno', 'Dos', 'Tres', 'Cuatro']) ids.push((await conversation(name)).conversation.id);
    const el = await inbox(await startStore());
    await waitUntil(() => rows(el).length === 4, 'rows', WAIT);
    const list = root(el).querySelector('[role="listbox"]')!;
    expect(list.getAttribute('aria-label')).to.equal('Conversaciones');
    expect(rows(el).map((r) => r.tabIndex)).to.deep.equal([0, -1, -1, -1]);

    rows(el)[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => root(el).activeElement === rows(el)[1], 'second row focused', WAIT);
    await sendKeys({ press: 'End' });
    await waitUntil(() => root(el).activeElement === rows(el)[3], 'last row focused', WAIT);
    await sendKeys({ press: 'ArrowUp' });
    await waitUntil(() => root(el).activeElement === rows(el)[2], 'third row focused', WAIT);
    expect(rows(el)[2]!.tabIndex).to.equal(0);

    const selected = oneEvent(el, 'ow-conversation-select');
    await sendKeys({ press: 'Enter' });
    const event = await selected;
    expect(event.detail.conversationId).to.equal(ids[2]);
    expect(event.bubbles && event.composed).to.equal(true);
    await el.updateComplete;
    expect(el.getAttribute('conversation-id')).to.equal(ids[2]);
    expect(rows(el)[2]!.getAttribute('aria-selected')).to.equal('true');
    expect(rows(el)[2]!.getAttribute('part')).to.contain('row-selected');

    await sendKeys({ press: 'Home' });
    await waitUntil(() => root(el).activeElement === rows(el)[0], 'first row focused', WAIT);
    const clicked = oneEvent(el, 'ow-conversation-select');
    rows(el)[1]!.click();
    expect((await clicked).detail.conversationId).to.equal(ids[1]);
    await el.updateComplete;
    expect(rows(el).filter((r) => r.getAttribute('aria-selected') === 'true').length).to.equal(1);
    await expect(el).to.be.accessible();
    el.theme = 'dark';
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('ticks the waiting time of visible rows', async () => {
    const detail = await conversation('Lucía Torres');
    const store = await startStore();
    const el = await inbox(store);
    await waitUntil(() => rows(el).length === 1, 'row', WAIT);
    // A recorded update whose wait began 50 s ago by this browser's clock.
    const c = detail.conversation;
    store.applyEvents([
      {
        type: 'conversation.updated',
        id: store.getState().lastEventId + 1_000_000,
        at: new Date().toISOString(),
        conversation: { ...c, version: c.version + 100, waitingSince: new Date(Date.now() - 50_000).toISOString() },
      },
    ]);
    const waiting = () => rows(el)[0]!.querySelector('[part~="waiting"]')!.textContent!.trim();
    await waitUntil(() => /^5\d s$/.test(waiting()), 'seconds shown', WAIT);
    const before = waiting();
    await waitUntil(() => waiting() !== before, 'ticks within seconds', { timeout: 2500 });
    expect(Number.parseInt(waiting(), 10)).to.be.greaterThan(Number.parseInt(before, 10));
  });

  it('re-renders for a change in a row on screen, not for one far down a long list', async () => {
    const store = await startStore();
    const el = await inbox(store);
    const { customers, lastId } = recordConversations(store, 400);
    let id = lastId;
    await waitUntil(() => names(el)[0] === 'Registro 0', 'recorded conversations shown, longest waiting first', WAIT);
    expect(rows(el).length).to.be.lessThan(60);
    await new Promise((resolve) => setTimeout(resolve, 300));
    let renders = 0;
    const render = el['render'].bind(el);
    (el as unknown as { render: () => unknown }).render = () => {
      renders++;
      return render();
    };
    const rename = (i: number, name: string) =>
      store.applyEvents([{ type: 'customer.updated', id: ++id, at: new Date().toISOString(), customer: { ...customers[i]!, name, version: customers[i]!.version + 1 } }]);
    rename(350, 'Renombrado lejos');
    const carla = store.getState().agents['agt_carla']!;
    store.applyEvents([{ type: 'agent.updated', id: ++id, at: new Date().toISOString(), agent: { ...carla, status: 'away', version: carla.version + 1 } }]);
    await el.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(renders).to.equal(0);
    rename(1, 'Renombrado visible');
    await waitUntil(() => names(el)[1] === 'Renombrado visible', 'visible row re-rendered', WAIT);
    expect(renders).to.equal(1);
  });

  it('shows who holds an assigned conversation in the Agentes tray, and "tú" for the signed-in agent', async () => {
    await conversation('Con Carla', { stage: 'assigned', assigneeId: 'agt_carla' });
    await conversation('Con Ana', { stage: 'assigned', assigneeId: 'agt_ana' });
    const store = await startStore();
    const el = await inbox(store, 'tray=agents');
    await waitUntil(() => rows(el).length === 2, 'rows', WAIT);
    const holder = (name: string) => row(el, name)!.querySelector('[part~="holder"]')!.textContent!.trim();
    expect(holder('Con Carla')).to.equal('Atiende Carla Gómez');
    expect(holder('Con Ana')).to.equal('Atiendes tú');

    el.setAttribute('lang', 'en');
    await waitUntil(() => holder('Con Ana') === 'Handled by you', 'in English', WAIT);
    expect(holder('Con Carla')).to.equal('Handled by Carla Gómez');
  });

  it('says a closed conversation is closed, how, and who held it, and when it closed instead of a waiting time', async () => {
    const admin = new OwClient({ baseUrl: base, token: 'tok_admin' });
    await admin.updateSettings({ autoCloseHours: 1 });
    const mine = await conversation('Cierre Mío', { stage: 'assigned', assigneeId: 'agt_ana' });
    const carlas = await conversation('Cierre Carla', { stage: 'assigned', assigneeId: 'agt_carla' });
    await conversation('Inactiva Carla', { stage: 'assigned', assigneeId: 'agt_carla' });
    await conversation('Inactiva Cola');
    const store = await startStore();
    await store.close(mine.conversation.id);
    await new OwClient({ baseUrl: base, token: 'tok_carla' }).close(carlas.conversation.id);
    // The idle job closes the other two.
    await sim.advanceClock(2 * 3_600_000);
    const el = await inbox(store, 'tray=agents status=closed');
    await waitUntil(() => rows(el).length === 3, 'closed rows', WAIT);
    const holder = (name: string) => row(el, name)!.querySelector('[part~="holder"]')!.textContent!.trim();
    expect(holder('Cierre Mío')).to.equal('Cerrada · la atendiste tú');
    expect(holder('Cierre Carla')).to.equal('Cerrada · la atendió Carla Gómez');
    expect(holder('Inactiva Carla')).to.equal('Cerrada automáticamente · la atendió Carla Gómez');
    for (const closedRow of rows(el)) {
      // The customers' last messages were never answered: still, a closed conversation waits for nobody.
      expect(closedRow.querySelector('[part~="waiting"]')).to.equal(null);
      const closedAt = closedRow.querySelector('[part~="closed-at"]')!;
      expect(closedAt.getAttribute('datetime')).to.match(/^\d{4}-\d\d-\d\dT/);
      expect(closedAt.getAttribute('title')).to.match(/^Cerrada el /);
    }
    await expect(el).to.be.accessible();

    el.setAttribute('tray', 'queued');
    await waitUntil(() => sameList(names(el), ['Inactiva Cola']), 'closed from the queue', WAIT);
    expect(holder('Inactiva Cola')).to.equal('Cerrada automáticamente');

    el.setAttribute('tray', 'agents');
    el.setAttribute('lang', 'en');
    await waitUntil(() => rows(el).length === 3 && holder('Cierre Mío') === 'Closed · handled by you', 'in English', WAIT);
    expect(holder('Inactiva Carla')).to.equal('Closed automatically · handled by Carla Gómez');
    el.setAttribute('lang', 'pt-BR');
    await waitUntil(() => holder('Cierre Carla') === 'Encerrada · atendida por Carla Gómez', 'in Portuguese', WAIT);

    el.setAttribute('status', 'active');
    await waitUntil(() => rows(el).length === 0, 'no active conversation is left', WAIT);
  });

  it('shows its filters whole at the widths the console gives it (280 and 340 px), in every language', async () => {
    const store = await startStore();
    const canvas = document.createElement('canvas').getContext('2d')!;
    for (const lang of ['es', 'en', 'pt-BR']) {
      for (const width of [280, 340]) {
        const wrapper = await fixture<HTMLElement>(html`<div style="height: 600px; width: ${width}px; display: flex"><ow-inbox lang=${lang} .store=${store}></ow-inbox></div>`);
        const el = wrapper.querySelector('ow-inbox')!;
        await waitUntil(() => root(el).querySelector('[part~="tag-filter"] option[value]:not([value=""])'), 'tags listed', WAIT);
        await el.updateComplete;
        const where = `${lang} at ${width} px`;
        for (const select of root(el).querySelectorAll<HTMLSelectElement>('select')) {
          // The same select left to its own width: as wide as its longest choice needs.
          const free = select.cloneNode(true) as HTMLSelectElement;
          free.style.cssText = 'position: absolute; visibility: hidden; width: auto; min-width: 0; max-width: none';
          select.after(free);
          const needed = free.getBoundingClientRect().width;
          free.remove();
          expect(select.getBoundingClientRect().width, `${select.getAttribute('part')} (${select.selectedOptions[0]?.text}), ${where}`).to.be.at.least(needed - 0.5);
        }
        const search = root(el).querySelector<HTMLInputElement>('[part~="search"]')!;
        const style = getComputedStyle(search);
        canvas.font = style.font;
        const room = search.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        expect(room, `search placeholder, ${where}`).to.be.at.least(canvas.measureText(search.placeholder).width);
        const header = root(el).querySelector<HTMLElement>('[part~="header"]')!;
        expect(header.scrollWidth, `header overflow, ${where}`).to.be.at.most(header.clientWidth);
        await expect(el).to.be.accessible();
      }
    }
  });

  it('keeps the keyboard in the list when the focused row scrolls out of the rendered range', async () => {
    const store = await startStore();
    const el = await inbox(store);
    recordConversations(store, 300);
    await waitUntil(() => row(el, 'Registro 2') !== undefined, 'recorded conversations shown', WAIT);
    // Once the virtualizer has measured the rows, a scroll is not corrected back.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const list = root(el).querySelector<HTMLElement>('lit-virtualizer')!;
    row(el, 'Registro 2')!.focus();
    list.scrollTop = list.scrollHeight / 2;
    await waitUntil(() => row(el, 'Registro 2') === undefined, 'the focused row left the DOM', WAIT);
    expect(root(el).activeElement).to.equal(list);

    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => root(el).activeElement === row(el, 'Registro 3'), 'the next conversation focused', WAIT);
    const inView = (name: string) => {
      const box = row(el, name)!.getBoundingClientRect();
      const frame = list.getBoundingClientRect();
      return box.top >= frame.top - 1 && box.bottom <= frame.bottom + 1;
    };
    expect(inView('Registro 3')).to.equal(true);
    await sendKeys({ press: 'ArrowUp' });
    await waitUntil(() => root(el).activeElement === row(el, 'Registro 2'), 'and back', WAIT);
    expect(row(el, 'Registro 2')!.tabIndex).to.equal(0);
  });

  it('jumps to the next customer whose name starts with the letters typed, leaving typing in the search box alone', async () => {
    for (const name of ['Ana Ruiz', 'Bruno Díaz', 'Álvaro Peña', 'Beatriz Gil']) await conversation(name);
    const el = await inbox(await startStore());
    await waitUntil(() => rows(el).length === 4, 'rows', WAIT);
    const focused = () => root(el).activeElement?.querySelector('[part~="name"]')?.textContent?.trim();
    const pause = () => new Promise((resolve) => setTimeout(resolve, 600));
    rows(el)[0]!.focus();
    await sendKeys({ press: 'b' });
    await waitUntil(() => focused() === 'Bruno Díaz', 'first B', WAIT);
    await pause();
    await sendKeys({ press: 'B' });
    await waitUntil(() => focused() === 'Beatriz Gil', 'next B', WAIT);
    await pause();
    // "a" wraps round to Ana; "al" typed on at once goes on to Álvaro, accents aside.
    await sendKeys({ type: 'al' });
    await waitUntil(() => focused() === 'Álvaro Peña', 'the typed prefix', WAIT);
    expect(el.conversationId).to.equal('');

    const search = root(el).querySelector<HTMLInputElement>('[part~="search"]')!;
    search.focus();
    await sendKeys({ type: 'be' });
    expect(search.value).to.equal('be');
    expect(root(el).activeElement).to.equal(search);
  });

  it('shows an agent only the conversations of their groups, in rows and counts', async () => {
    await conversation('Cliente Ventas', { groupId: 'grp_ventas' });
    await conversation('Cliente Soporte', { groupId: 'grp_soporte' });
    const el = await inbox(await startStore('tok_bruno'));
    await waitUntil(() => rows(el).length === 1, 'row', WAIT);
    expect(names(el)).to.deep.equal(['Cliente Soporte']);
    expect(count(el, 'queued')).to.equal('1');
    await conversation('Otra Ventas', { groupId: 'grp_ventas' });
    await conversation('Otra Soporte', { groupId: 'grp_soporte' });
    await waitUntil(() => rows(el).length === 2, 'new soporte row live', WAIT);
    expect(names(el)).to.not.include('Otra Ventas');
    await waitUntil(() => count(el, 'queued') === '2', 'count of visible only', WAIT);
  });

  it('loads more rows when scrolled to the end of a long list', async () => {
    for (let i = 0; i < 8; i++) await conversation(`Cliente ${i}`);
    const store = createStore({ client: new OwClient({ baseUrl: base, token: 'tok_ana' }), storage: new MemoryStorage(), pageSize: 3 });
    stopAfterTest(store);
    await store.start();
    const el = await inbox(store);
    await waitUntil(() => store.getState().inbox.ids.length === 8 && store.getState().inbox.nextCursor === null, 'pages loaded as the list is shown', WAIT);
    const list = root(el).querySelector<HTMLElement>('lit-virtualizer')!;
    list.scrollTop = list.scrollHeight;
    await waitUntil(() => names(el).includes('Cliente 7'), 'last row rendered', WAIT);
  });

  it('shows the loading, error and language states', async () => {
    const store = createStore({ client: new OwClient({ baseUrl: base, token: 'tok_nadie' }), storage: new MemoryStorage() });
    stopAfterTest(store);
    const el = await inbox(store);
    expect(root(el).querySelector('[part~="loading"]')!.textContent).to.contain('Cargando');
    await store.start().catch(() => undefined);
    await waitUntil(() => root(el).querySelector('[part~="error"]') !== null, 'error shown', WAIT);

    const good = await startStore();
    const wrapper = await fixture<HTMLElement>(html`<div lang="en"><ow-inbox .store=${good}></ow-inbox></div>`);
    const english = wrapper.querySelector('ow-inbox')!;
    await english.updateComplete;
    expect(root(english).querySelector('#tray-queued')!.textContent).to.contain('Unassigned');
    expect(root(english).querySelector('[part~="empty"]')!.textContent).to.contain('No conversations here');
    const pt = await fixture<HTMLElement>(html`<div lang="pt-BR"><ow-inbox .store=${good}></ow-inbox></div>`);
    // Portuguese loads on demand; the inbox renders once it is in.
    await pt.querySelector('ow-inbox')!.updateComplete;
    expect(root(pt.querySelector('ow-inbox')!).querySelector('#tray-mine')!.textContent).to.contain('Eu');
  });

  it('opens the row menu pressed for before its chunk arrived, once it does, focus on its first item', async () => {
    await conversation('Lucía Torres');
    const el = await inbox(await startStore());
    await waitUntil(() => rows(el).length === 1, 'row', WAIT);
    const chunk = actionsChunk(el);
    rows(el)[0]!.focus();
    await shiftF10();
    expect(root(el).querySelector('[role="menu"]')).to.equal(null);
    chunk.arrive();
    await waitUntil(() => root(el).querySelector('[role="menu"]') !== null, 'menu opens when its chunk arrives', WAIT);
    expect(root(el).activeElement?.getAttribute('data-action')).to.equal('read');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => root(el).querySelector('[role="menu"]') === null, 'escape closes', WAIT);
    expect(root(el).activeElement).to.equal(rows(el)[0]);
  });

  it('says why in the status line when the row actions cannot load, and loads them on the next try', async () => {
    await conversation('Lucía Torres');
    const el = await inbox(await startStore());
    await waitUntil(() => rows(el).length === 1, 'row', WAIT);
    const chunk = actionsChunk(el, { online: false });
    chunk.arrive();
    rows(el)[0]!.focus();
    await shiftF10();
    const status = () => root(el).querySelector('[role="status"][aria-live="polite"]')!.textContent!;
    await waitUntil(() => status().includes('No se pudo completar la acción: no hay conexión con el servidor; revisa tu conexión y vuelve a intentarlo'), 'failure announced', WAIT);
    expect(root(el).querySelector('[role="menu"]')).to.equal(null);
    expect(root(el).activeElement).to.equal(rows(el)[0]);

    chunk.online();
    await shiftF10();
    await waitUntil(() => root(el).querySelector('[role="menu"]') !== null, 'menu opens once the chunk loads', WAIT);
    expect(root(el).activeElement?.getAttribute('role')).to.equal('menuitem');
  });
});
