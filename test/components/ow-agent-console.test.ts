// <ow-agent-console> as an agent uses it, against the real test server.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { OwClient } from '../../src/client/api-client.js';
import type { FetchLike } from '../../src/client/http.js';
import { createStore, type OwStore, type StoreOptions } from '../../src/client/store.js';
import { MemoryStorage } from '../../src/client/store/storage.js';
import type { ConversationDetail } from '../../src/contract/index.js';
import '../../src/components/agent-console/ow-agent-console.js';
import type { OwAgentConsole } from '../../src/components/agent-console/ow-agent-console.js';
import type { SessionErrorDetail } from '../../src/components/session/ow-session.js';
import { base, sim, stopAfterTest, useTestServer } from './support.js';

declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void> | void): void;

const WAIT = { timeout: 8000 };

const part = (el: OwAgentConsole, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const inboxOf = (el: OwAgentConsole) => el.shadowRoot!.querySelector('ow-inbox')!;
const rowsOf = (el: OwAgentConsole) => [...inboxOf(el).shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')];
const visible = (node: Element | null) => Boolean(node && (node as HTMLElement).offsetParent !== null);
/** Visible to the agent: laid out and not hidden by `visibility` either (a hidden tab panel keeps its box). */
const shown = (node: Element | null) => Boolean(node?.checkVisibility({ visibilityProperty: true }));
const tab = (el: OwAgentConsole, pane: 'chat' | 'side') => el.shadowRoot!.querySelector<HTMLButtonElement>(`#tab-${pane}`)!;
const focused = (el: OwAgentConsole) => el.shadowRoot!.activeElement;

/** A real mouse click in the middle of the element. */
async function clickOn(node: Element): Promise<void> {
  const box = node.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
}

/** Tab presses until focus reaches the target in the console's shadow root (it is a few stops away). */
async function tabTo(el: OwAgentConsole, target: Element): Promise<void> {
  for (let i = 0; i < 8 && focused(el) !== target; i++) await sendKeys({ press: 'Tab' });
  expect(focused(el)).to.equal(target);
}

const scrollerOf = (chat: Element) => chat.shadowRoot!.querySelector<HTMLElement>('lit-virtualizer')!;

/** Where the chat's timeline rests once it has scrolled down into a long conversation and stopped moving. */
async function restingScroll(chat: Element): Promise<number> {
  let last = -1;
  await waitUntil(
    () => {
      const top = scrollerOf(chat).scrollTop;
      const still = top > 0 && top === last;
      last = top;
      return still;
    },
    'timeline scrolled and still',
    { ...WAIT, interval: 200 },
  );
  return last;
}

function createConversation(name: string, phone: string, replies = 0): Promise<ConversationDetail> {
  return sim.createConversation({
    channel: 'whatsapp',
    customer: { name, phone },
    stage: 'assigned',
    groupId: 'grp_ventas',
    assigneeId: 'agt_ana',
    messages: [
      { author: 'customer', text: `Hola, soy ${name}` },
      ...Array.from({ length: replies }, (_, i) => ({ author: i % 2 ? ('customer' as const) : ('agent' as const), text: `Mensaje ${i + 1}` })),
    ],
  });
}

async function consoleFor(width: number, content: (host: HTMLElement) => unknown, height = 700): Promise<OwAgentConsole> {
  const host = await fixture<HTMLElement>(html`<div style=${`width: ${width}px; height: ${height}px`}></div>`);
  content(host);
  const el = host.querySelector('ow-agent-console')!;
  await el.updateComplete;
  return el;
}

/** Ana's console at 1280 px on a store of her own (started), showing `conversationId` when given. */
async function consoleOnStore(options: { conversationId?: string; lang?: string; fetch?: FetchLike; realtime?: StoreOptions['realtime'] } = {}): Promise<{ el: OwAgentConsole; store: OwStore }> {
  const store = createStore({ client: new OwClient({ baseUrl: base, token: 'tok_ana', fetch: options.fetch }), storage: new MemoryStorage(), realtime: options.realtime });
  stopAfterTest(store);
  await store.start();
  const el = await consoleFor(1280, (host) => {
    if (options.lang) host.setAttribute('lang', options.lang);
    const console_ = document.createElement('ow-agent-console');
    console_.store = store;
    if (options.conversationId) console_.conversationId = options.conversationId;
    host.append(console_);
  });
  return { el, store };
}

function withSession(width: number, token = 'tok_ana', height = 700, lang?: string): Promise<OwAgentConsole> {
  return consoleFor(
    width,
    (host) => {
      if (lang) host.setAttribute('lang', lang);
      const el = document.createElement('ow-agent-console');
      el.setAttribute('base-url', base);
      el.setAttribute('token', token);
      host.append(el);
    },
    height,
  );
}

describe('ow-agent-console', () => {
  useTestServer();

  it('lays out inbox, chat and side column, and wires the selected conversation to every element', async () => {
    const lucia = await createConversation('Lucía Torres', '+573001110001');
    await createConversation('Mario Díaz', '+573001110002');
    const el = await withSession(1280);
    const inbox = inboxOf(el);
    inbox.setAttribute('tray', 'mine');
    await waitUntil(() => rowsOf(el).length === 2, 'inbox rows', WAIT);
    expect(part(el, 'placeholder')!.textContent).to.contain('Elige una conversación');
    for (const name of ['inbox-column', 'chat-column']) expect(visible(part(el, name)), name).to.equal(true);
    expect(visible(part(el, 'back'))).to.equal(false);

    const row = rowsOf(el).find((r) => r.textContent!.includes('Lucía Torres'))!;
    row.click();
    await waitUntil(() => el.shadowRoot!.querySelector('ow-chat') !== null, 'chat shown', WAIT);
    const id = lucia.conversation.id;
    expect(el.getAttribute('conversation-id')).to.equal(id);
    for (const tag of ['ow-inbox', 'ow-chat', 'ow-customer-panel', 'ow-tag-picker', 'ow-notes']) {
      expect(el.shadowRoot!.querySelector(tag)!.getAttribute('conversation-id'), tag).to.equal(id);
    }
    const chat = el.shadowRoot!.querySelector('ow-chat')!;
    await waitUntil(() => chat.shadowRoot!.querySelector('[part~="customer"]')?.textContent?.includes('Lucía Torres'), 'chat shows the customer', WAIT);
    // Opening the conversation marked it read: the unread badge in the inbox goes away.
    await waitUntil(() => row.querySelector('[part~="unread"]') === null, 'read on open', WAIT);
    const side = part(el, 'side-column')!;
    expect(visible(side)).to.equal(true);
    expect(side.getBoundingClientRect().left).to.be.greaterThan(chat.getBoundingClientRect().left);
    // Wide enough for both: no tabs, the side column is a landmark of its own.
    expect(shown(part(el, 'tabs'))).to.equal(false);
    expect(side.getAttribute('role')).to.equal('complementary');
    expect(part(el, 'chat-column')!.hasAttribute('role')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('collapses to one column on a narrow host with a back button that returns focus to the inbox', async () => {
    await createConversation('Lucía Torres', '+573001110003');
    // Up to 760 px: beside a 280–340 px inbox the chat would be too narrow to read.
    const el = await withSession(740);
    inboxOf(el).setAttribute('tray', 'mine');
    await waitUntil(() => rowsOf(el).length === 1, 'row', WAIT);
    expect(visible(part(el, 'chat-column'))).to.equal(false);
    rowsOf(el)[0]!.click();
    await waitUntil(() => visible(part(el, 'chat-column')) && !visible(part(el, 'inbox-column')), 'detail view', WAIT);
    const back = part(el, 'back')!;
    expect(visible(back)).to.equal(true);
    expect(el.shadowRoot!.activeElement).to.equal(back);
    back.click();
    await waitUntil(() => visible(part(el, 'inbox-column')) && !visible(part(el, 'chat-column')), 'list view', WAIT);
    await waitUntil(() => inboxOf(el).shadowRoot!.activeElement === rowsOf(el)[0], 'focus back on the row', WAIT);
  });

  it('gives the chat the whole height on a narrow host, with the customer one tab away by keyboard and mouse', async () => {
    await setViewport({ width: 1024, height: 900 });
    await createConversation('Lucía Torres', '+573001110010', 30);
    await createConversation('Mario Díaz', '+573001110011');
    const el = await withSession(400, 'tok_ana', 800);
    inboxOf(el).setAttribute('tray', 'mine');
    await waitUntil(() => rowsOf(el).length === 2, 'rows', WAIT);
    rowsOf(el).find((r) => r.textContent!.includes('Lucía Torres'))!.click();
    const chat = () => el.shadowRoot!.querySelector('ow-chat')!;
    await waitUntil(() => chat()?.shadowRoot!.querySelector('[part~="customer"]')?.textContent?.includes('Lucía Torres'), 'chat open', WAIT);

    // The chat column fills everything under the bar; the side column is not stacked under it.
    const chatColumn = part(el, 'chat-column')!;
    const side = part(el, 'side-column')!;
    const bar = part(el, 'bar')!.getBoundingClientRect();
    expect(chatColumn.getBoundingClientRect().top).to.be.closeTo(bar.bottom, 2);
    expect(chatColumn.getBoundingClientRect().height).to.be.closeTo(el.getBoundingClientRect().bottom - bar.bottom, 2);
    expect(chatColumn.getBoundingClientRect().height).to.be.greaterThan(650);
    expect(shown(chatColumn)).to.equal(true);
    expect(shown(side)).to.equal(false);
    const scrolled = await restingScroll(chat());

    // The tabs sit in the bar, under the back button, as a tab list with the chat selected.
    const tabs = part(el, 'tabs')!;
    expect(shown(tabs)).to.equal(true);
    expect(tabs.getAttribute('role')).to.equal('tablist');
    expect(tabs.getAttribute('aria-label')).to.equal('Conversación o cliente');
    expect(tab(el, 'chat').textContent!.trim()).to.equal('Conversación');
    expect(tab(el, 'side').textContent!.trim()).to.equal('Cliente');
    expect(tab(el, 'chat').getAttribute('aria-selected')).to.equal('true');
    expect(tab(el, 'side').getAttribute('aria-selected')).to.equal('false');
    expect([tab(el, 'chat').tabIndex, tab(el, 'side').tabIndex]).to.deep.equal([0, -1]);
    expect(chatColumn.getAttribute('role')).to.equal('tabpanel');
    expect(chatColumn.getAttribute('aria-labelledby')).to.equal('tab-chat');
    expect(tab(el, 'side').getAttribute('aria-controls')).to.equal(side.id);
    expect(tabs.getBoundingClientRect().top).to.be.greaterThan(part(el, 'back')!.getBoundingClientRect().top);
    await expect(el).to.be.accessible();

    // Keyboard: from the back button (focused on select) Tab reaches the selected tab; the arrow shows the customer.
    expect(focused(el)).to.equal(part(el, 'back'));
    await tabTo(el, tab(el, 'chat'));
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => shown(side) && !shown(chatColumn), 'customer shown', WAIT);
    expect(focused(el)).to.equal(tab(el, 'side'));
    expect(tab(el, 'side').getAttribute('aria-selected')).to.equal('true');
    expect(side.getAttribute('role')).to.equal('tabpanel');
    expect(side.getAttribute('aria-labelledby')).to.equal('tab-side');
    expect(side.getBoundingClientRect().height).to.be.closeTo(chatColumn.getBoundingClientRect().height, 1);
    const panel = el.shadowRoot!.querySelector('ow-customer-panel')!;
    await waitUntil(() => panel.shadowRoot!.textContent!.includes('Lucía Torres'), 'customer panel filled', WAIT);
    await expect(el).to.be.accessible();
    // Tab goes on into the customer panel, not into the hidden chat.
    await sendKeys({ press: 'Tab' });
    expect(side.contains(focused(el))).to.equal(true);

    // Mouse: the Conversación tab brings the chat back where the agent left it.
    await clickOn(tab(el, 'chat'));
    await waitUntil(() => shown(chatColumn) && !shown(side), 'chat shown again', WAIT);
    expect(tab(el, 'chat').getAttribute('aria-selected')).to.equal('true');
    expect(scrollerOf(chat()).scrollTop).to.be.closeTo(scrolled, 2);

    // Back still returns to the inbox; the other conversation opens on its chat.
    await clickOn(tab(el, 'side'));
    await waitUntil(() => shown(side), 'customer shown by mouse', WAIT);
    part(el, 'back')!.click();
    await waitUntil(() => visible(part(el, 'inbox-column')) && !shown(side) && !shown(part(el, 'tabs')), 'list view', WAIT);
    rowsOf(el).find((r) => r.textContent!.includes('Mario Díaz'))!.click();
    await waitUntil(() => chat()?.shadowRoot!.querySelector('[part~="customer"]')?.textContent?.includes('Mario Díaz'), 'other chat open', WAIT);
    expect(shown(part(el, 'chat-column'))).to.equal(true);
    expect(tab(el, 'chat').getAttribute('aria-selected')).to.equal('true');
  });

  it('keeps the inbox and gives the chat its whole column between 760 and 1024 px, the customer behind a tab', async () => {
    await setViewport({ width: 1300, height: 900 });
    await createConversation('Lucía Torres', '+573001110012', 30);
    const el = await withSession(1280, 'tok_ana', 700, 'pt-BR');
    inboxOf(el).setAttribute('tray', 'mine');
    await waitUntil(() => rowsOf(el).length === 1, 'row', WAIT);
    rowsOf(el)[0]!.click();
    const chat = () => el.shadowRoot!.querySelector('ow-chat')!;
    await waitUntil(() => chat()?.shadowRoot!.querySelector('[part~="customer"]')?.textContent?.includes('Lucía Torres'), 'chat open', WAIT);
    const chatColumn = part(el, 'chat-column')!;
    const side = part(el, 'side-column')!;
    expect(side.getAttribute('role')).to.equal('complementary');

    // The host narrows to a tablet width: the side column goes behind a tab instead of under the chat.
    (el.parentElement as HTMLElement).style.width = '800px';
    await waitUntil(() => side.getAttribute('role') === 'tabpanel', 'side column becomes a tab panel', WAIT);
    const layout = part(el, 'layout')!.getBoundingClientRect();
    expect(visible(part(el, 'inbox-column'))).to.equal(true);
    expect(visible(part(el, 'back'))).to.equal(false);
    expect(chatColumn.getBoundingClientRect().height).to.be.closeTo(layout.height, 1);
    expect(shown(side)).to.equal(false);
    expect(shown(part(el, 'tabs'))).to.equal(true);
    expect(part(el, 'tabs')!.getAttribute('aria-label')).to.equal('Conversa ou cliente');
    expect(tab(el, 'chat').textContent!.trim()).to.equal('Conversa');
    expect(tab(el, 'side').textContent!.trim()).to.equal('Cliente');
    await restingScroll(chat());
    await expect(el).to.be.accessible();

    // Mouse to the customer: it takes the chat's place, full height, beside the inbox.
    await clickOn(tab(el, 'side'));
    await waitUntil(() => shown(side) && !shown(chatColumn), 'customer shown', WAIT);
    const sideBox = side.getBoundingClientRect();
    const chatBox = chatColumn.getBoundingClientRect();
    expect([sideBox.left, sideBox.top, sideBox.width, sideBox.height]).to.deep.equal([chatBox.left, chatBox.top, chatBox.width, chatBox.height]);
    expect(tab(el, 'side').getAttribute('aria-selected')).to.equal('true');
    expect(part(el, 'tab-badge')).to.equal(null);
    await expect(el).to.be.accessible();

    // The customer writes meanwhile: the hidden chat cannot show it, the Conversa tab does.
    await sim.inbound({ channel: 'whatsapp', from: '+573001110012', text: 'Ainda estão aí?' });
    await waitUntil(() => part(el, 'tab-badge') !== null, 'new message marked on the chat tab', WAIT);
    expect(tab(el, 'chat').contains(part(el, 'tab-badge'))).to.equal(true);
    expect(tab(el, 'chat').textContent!.replace(/\s+/g, ' ').trim()).to.equal('Conversa, mensagens novas');
    await expect(el).to.be.accessible();

    // Keyboard back to the chat (Home), scrolled where it was.
    tab(el, 'side').focus();
    await sendKeys({ press: 'Home' });
    await waitUntil(() => shown(chatColumn) && !shown(side), 'chat shown again', WAIT);
    expect(focused(el)).to.equal(tab(el, 'chat'));
    expect(part(el, 'tab-badge')).to.equal(null);
    await waitUntil(() => chat().shadowRoot!.textContent!.includes('Ainda estão aí?'), 'the new message in the chat', WAIT);

    // Wide again: both columns, no tabs, landmarks again.
    (el.parentElement as HTMLElement).style.width = '1280px';
    await waitUntil(() => side.getAttribute('role') === 'complementary', 'side column is a landmark again', WAIT);
    expect(shown(side) && shown(chatColumn)).to.equal(true);
    expect(shown(part(el, 'tabs'))).to.equal(false);
  });

  it('keeps what its columns hold inside them: a short host with a long side column does not make the page scroll', async () => {
    await setViewport({ width: 1024, height: 460 });
    await createConversation('Lucía Torres', '+573001110013', 30);
    for (const width of [400, 800]) {
      const el = await withSession(width, 'tok_ana', 420);
      inboxOf(el).setAttribute('tray', 'mine');
      await waitUntil(() => rowsOf(el).length === 1, 'row', WAIT);
      rowsOf(el)[0]!.click();
      await waitUntil(() => el.shadowRoot!.querySelector('ow-notes')?.shadowRoot?.querySelector('textarea'), 'side column filled', WAIT);
      tab(el, 'side').click();
      const side = part(el, 'side-column')!;
      await waitUntil(() => shown(side) && side.scrollHeight > side.clientHeight, 'side column scrolls', WAIT);
      // The side elements' visually hidden live regions sit at the bottom of that scroll; they must not stretch the page.
      expect(document.documentElement.scrollHeight, `${width} px`).to.be.at.most(innerHeight);
      el.parentElement!.remove();
    }
  });

  it('clears the selection and says why when another agent transfers the open conversation out of view', async () => {
    const lucia = await createConversation('Lucía Torres', '+573001110004');
    const el = await withSession(480);
    const removed: string[] = [];
    el.addEventListener('ow-conversation-removed', (e) => removed.push(e.detail.conversationId));
    inboxOf(el).setAttribute('tray', 'mine');
    await waitUntil(() => rowsOf(el).length === 1, 'row', WAIT);
    rowsOf(el)[0]!.click();
    const chat = () => el.shadowRoot!.querySelector('ow-chat');
    await waitUntil(() => chat()?.shadowRoot!.querySelector('[part~="customer"]')?.textContent?.includes('Lucía Torres'), 'chat open', WAIT);
    expect(part(el, 'notice')!.textContent!.trim()).to.equal('');

    const admin = new OwClient({ baseUrl: base, token: 'tok_admin' });
    await admin.transfer(lucia.conversation.id, { groupId: 'grp_soporte' });

    await waitUntil(() => !el.hasAttribute('conversation-id'), 'selection cleared', WAIT);
    expect(chat()).to.equal(null);
    expect(el.shadowRoot!.querySelector('ow-customer-panel')).to.equal(null);
    expect(part(el, 'placeholder')!.textContent).to.contain('Elige una conversación');
    const notice = part(el, 'notice')!;
    expect(notice.getAttribute('aria-live')).to.equal('polite');
    expect(notice.textContent).to.contain('La conversación fue transferida y ya no está en tu vista');
    // The narrow layout is back on the inbox, right under the bar; the notice floats over the foot of the list.
    await waitUntil(() => visible(part(el, 'inbox-column')) && !shown(part(el, 'placeholder')), 'list view', WAIT);
    expect(part(el, 'inbox-column')!.getBoundingClientRect().top).to.equal(part(el, 'bar')!.getBoundingClientRect().bottom);
    expect(shown(notice)).to.equal(true);
    expect(notice.getBoundingClientRect().bottom).to.be.at.most(part(el, 'layout')!.getBoundingClientRect().bottom);
    expect(removed).to.deep.equal([lucia.conversation.id]);
    await expect(el).to.be.accessible();

    // Opening another conversation takes the notice away.
    await createConversation('Mario Díaz', '+573001110005');
    await waitUntil(() => rowsOf(el).length === 1, 'new row', WAIT);
    rowsOf(el)[0]!.click();
    await waitUntil(() => el.hasAttribute('conversation-id') && part(el, 'notice')!.textContent!.trim() === '', 'notice cleared', WAIT);
  });

  it('says why in the empty chat column, without moving the inbox', async () => {
    const lucia = await createConversation('Lucía Torres', '+573001110007');
    const { el, store } = await consoleOnStore({ conversationId: lucia.conversation.id });
    const chat = () => el.shadowRoot!.querySelector('ow-chat');
    await waitUntil(() => chat()?.shadowRoot!.querySelector('[part~="customer"]')?.textContent?.includes('Lucía Torres'), 'chat open', WAIT);
    const inboxColumn = part(el, 'inbox-column')!;
    const before = inboxColumn.getBoundingClientRect();
    await store.transfer(lucia.conversation.id, { groupId: 'grp_soporte' });
    await waitUntil(() => !el.hasAttribute('conversation-id'), 'selection cleared', WAIT);
    await el.updateComplete;
    const notice = part(el, 'notice')!;
    expect(notice.textContent).to.contain('La conversación fue transferida y ya no está en tu vista');
    expect(notice.getAttribute('role')).to.equal('status');
    expect(shown(notice)).to.equal(true);
    const after = inboxColumn.getBoundingClientRect();
    expect([after.top, after.left, after.height]).to.deep.equal([before.top, before.left, before.height]);
    // Where the placeholder is, in the chat column, not a line above the columns.
    const column = part(el, 'chat-column')!;
    expect(column.contains(notice)).to.equal(true);
    const box = notice.getBoundingClientRect();
    const area = column.getBoundingClientRect();
    expect(box.top >= area.top && box.bottom <= area.bottom && box.left >= area.left && box.right <= area.right, 'inside the chat column').to.equal(true);
    expect(box.bottom).to.be.at.most(part(el, 'placeholder')!.getBoundingClientRect().top);
    await expect(el).to.be.accessible();
  });

  it('from a closed conversation whose customer wrote again, opens the new one', async () => {
    const lucia = await createConversation('Lucía Torres', '+573001110031');
    const { el, store } = await consoleOnStore({ conversationId: lucia.conversation.id });
    const chat = () => el.shadowRoot!.querySelector('ow-chat')!;
    await waitUntil(() => chat()?.shadowRoot!.querySelector('[part~="customer"]'), 'chat open', WAIT);
    await store.close(lucia.conversation.id);
    const { conversation: later } = await sim.inbound({ channel: 'whatsapp', from: '+573001110031', text: 'Otra consulta' });
    await waitUntil(() => chat().shadowRoot!.querySelector('[part~="open-later"]'), 'new conversation offered', WAIT);
    chat().shadowRoot!.querySelector<HTMLButtonElement>('[part~="open-later"]')!.click();
    await waitUntil(() => el.conversationId === later.id, 'console switched to the new conversation', WAIT);
    await waitUntil(() => chat().shadowRoot!.querySelector('[part~="messages"], [role="log"]')?.textContent?.includes('Otra consulta'), 'its messages shown', WAIT);
  });

  it('does the same for the agent who transferred it out, in English', async () => {
    const lucia = await createConversation('Lucía Torres', '+573001110006');
    const { el, store } = await consoleOnStore({ conversationId: lucia.conversation.id, lang: 'en' });
    const chat = () => el.shadowRoot!.querySelector('ow-chat');
    await waitUntil(() => chat()?.shadowRoot!.querySelector('[part~="customer"]')?.textContent?.includes('Lucía Torres'), 'chat open', WAIT);
    await store.transfer(lucia.conversation.id, { groupId: 'grp_soporte' });
    await waitUntil(() => !el.hasAttribute('conversation-id'), 'selection cleared', WAIT);
    expect(chat()).to.equal(null);
    expect(part(el, 'placeholder')).to.not.equal(null);
    expect(part(el, 'notice')!.textContent).to.contain('The conversation was transferred and is no longer in your view');
  });

  it('switches the agent between Online and Ausente, and shows Offline when the server set it', async () => {
    const el = await withSession(1280);
    const status = el.shadowRoot!.querySelector('ow-status-switch')!;
    const radio = (value: string) => status.shadowRoot!.querySelector<HTMLInputElement>(`input[value="${value}"]`)!;
    await waitUntil(() => radio('online').checked, 'online after sign-in', WAIT);
    const away = radio('away');
    expect(away.closest('label')!.textContent).to.contain('Ausente');
    away.click();
    const other = createStore({ client: new OwClient({ baseUrl: base, token: 'tok_carla' }), storage: new MemoryStorage() });
    stopAfterTest(other);
    await other.start();
    await waitUntil(() => radio('away').checked && other.getState().agents['agt_ana']?.status === 'away', 'away saved on the server', WAIT);

    await sim.advanceClock(11 * 60_000);
    await waitUntil(() => status.shadowRoot!.querySelector('[part~="offline"]') !== null, 'offline shown', WAIT);
    expect(status.shadowRoot!.querySelector('[part~="offline"]')!.textContent).to.contain('Desconectado');
    expect(radio('online').checked || radio('away').checked).to.equal(false);
    radio('online').click();
    await waitUntil(() => radio('online').checked && status.shadowRoot!.querySelector('[part~="offline"]') === null, 'back online', WAIT);
    await expect(status).to.be.accessible();
  });

  it('by keyboard, the status changes with the arrow keys and the focus stays on the choice; a refused change shows the status the server kept', async () => {
    let refuse = false;
    const fetchThrough: FetchLike = (input, init) =>
      refuse && String(input).endsWith('/api/me/status') ? Promise.resolve(new Response('{"error":"internal","reason":"db down"}', { status: 500, headers: { 'Content-Type': 'application/json' } })) : fetch(input, init);
    const { el, store } = await consoleOnStore({ fetch: fetchThrough });
    const status = el.shadowRoot!.querySelector('ow-status-switch')!;
    const radio = (value: string) => status.shadowRoot!.querySelector<HTMLInputElement>(`input[value="${value}"]`)!;
    await waitUntil(() => radio('online').checked, 'online', WAIT);
    radio('online').focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(status.shadowRoot!.activeElement === radio('away'), 'focus on Ausente').to.equal(true);
    await waitUntil(() => store.getState().me?.status === 'away', 'away saved', WAIT);
    expect(status.shadowRoot!.activeElement === radio('away'), 'focus kept after saving').to.equal(true);

    refuse = true;
    await sendKeys({ press: 'ArrowLeft' });
    await waitUntil(() => status.shadowRoot!.querySelector('[part~="error"]'), 'refusal shown', WAIT);
    expect(radio('away').checked, 'the radios show the status the server kept').to.equal(true);
    expect(radio('online').checked).to.equal(false);
    expect(status.shadowRoot!.activeElement === radio('online'), 'focus kept on the refused choice').to.equal(true);
  });

  it('shows a reconnecting banner while the realtime stream is down', async () => {
    let down = false;
    const fetchThrough: FetchLike = (input, init) => {
      const url = String(input);
      if (down && url.includes('/api/events')) return Promise.reject(new TypeError('network down'));
      return fetch(input, init);
    };
    const streams: AbortController[] = [];
    const cuttable: FetchLike = (input, init) => {
      const controller = new AbortController();
      init?.signal?.addEventListener('abort', () => controller.abort());
      streams.push(controller);
      return fetchThrough(input, { ...init, signal: controller.signal });
    };
    const { el, store } = await consoleOnStore({ fetch: cuttable, realtime: { initialBackoffMs: 200, maxBackoffMs: 400 } });
    const banner = () => el.shadowRoot!.querySelector('ow-connection-status')!.shadowRoot!.querySelector('[part~="banner"]');
    await waitUntil(() => store.getState().connection === 'open', 'open', WAIT);
    expect(banner()).to.equal(null);
    down = true;
    for (const stream of streams) stream.abort();
    await waitUntil(() => banner() !== null, 'banner shown', WAIT);
    expect(banner()!.textContent).to.contain('Reconectando');
    down = false;
    await waitUntil(() => banner() === null && store.getState().connection === 'open', 'banner gone after reconnect', WAIT);
  });

  it('shows why the built-in session failed', async () => {
    const errors: SessionErrorDetail[] = [];
    const el = await consoleFor(1280, (host) => {
      const console_ = document.createElement('ow-agent-console');
      console_.addEventListener('ow-session-error', (e) => errors.push(e.detail));
      console_.setAttribute('base-url', base);
      console_.setAttribute('token', 'tok_wrong');
      host.append(console_);
    });
    await waitUntil(() => part(el, 'session-error') !== null, 'error shown', WAIT);
    expect(errors[0]!.status).to.equal(401);
    expect(part(el, 'session-error')!.textContent).to.equal('No se pudo iniciar la sesión: tu sesión terminó; vuelve a iniciar sesión');
  });

  it('says the session ended, in its language, when the token is signed out mid-session', async () => {
    const { token } = await OwClient.signIn(base, 'ana@example.com', 'secret123');
    const el = await consoleFor(1280, (host) => {
      const console_ = document.createElement('ow-agent-console');
      console_.setAttribute('lang', 'en');
      console_.setAttribute('base-url', base);
      console_.setAttribute('token', token);
      host.append(console_);
    });
    await waitUntil(() => el.shadowRoot!.querySelector('ow-session')?.currentStore?.getState().connection === 'open', 'session live', WAIT);
    await new OwClient({ baseUrl: base, token }).signOut();
    await waitUntil(() => part(el, 'session-error') !== null, 'error shown', WAIT);
    expect(part(el, 'session-error')!.textContent).to.equal('The session ended: your session ended; sign in again');
  });
});
