// <ow-agent-console> as an agent uses it, against the real test server.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { OwClient } from '../../src/client/api-client.js';
import type { FetchLike } from '../../src/client/http.js';
import { createStore } from '../../src/client/store.js';
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

function createConversation(name: string, phone: string): Promise<ConversationDetail> {
  return sim.createConversation({
    channel: 'whatsapp',
    customer: { name, phone },
    stage: 'assigned',
    groupId: 'grp_ventas',
    assigneeId: 'agt_ana',
    messages: [{ author: 'customer', text: `Hola, soy ${name}` }],
  });
}

async function consoleFor(width: number, content: (host: HTMLElement) => unknown): Promise<OwAgentConsole> {
  const host = await fixture<HTMLElement>(html`<div style=${`width: ${width}px; height: 700px`}></div>`);
  content(host);
  const el = host.querySelector('ow-agent-console')!;
  await el.updateComplete;
  return el;
}

function withSession(width: number, token = 'tok_ana'): Promise<OwAgentConsole> {
  return consoleFor(width, (host) => {
    const el = document.createElement('ow-agent-console');
    el.setAttribute('base-url', base);
    el.setAttribute('token', token);
    host.append(el);
  });
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
    await expect(el).to.be.accessible();
  });

  it('collapses to one column on a narrow host with a back button that returns focus to the inbox', async () => {
    await createConversation('Lucía Torres', '+573001110003');
    const el = await withSession(480);
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
    // The narrow layout is back on the inbox.
    await waitUntil(() => visible(part(el, 'inbox-column')) && !visible(part(el, 'chat-column')), 'list view', WAIT);
    expect(removed).to.deep.equal([lucia.conversation.id]);
    await expect(el).to.be.accessible();

    // Opening another conversation takes the notice away.
    await createConversation('Mario Díaz', '+573001110005');
    await waitUntil(() => rowsOf(el).length === 1, 'new row', WAIT);
    rowsOf(el)[0]!.click();
    await waitUntil(() => el.hasAttribute('conversation-id') && part(el, 'notice')!.textContent!.trim() === '', 'notice cleared', WAIT);
  });

  it('does the same for the agent who transferred it out, in English', async () => {
    const lucia = await createConversation('Lucía Torres', '+573001110006');
    const store = createStore({ client: new OwClient({ baseUrl: base, token: 'tok_ana' }), storage: new MemoryStorage() });
    stopAfterTest(store);
    await store.start();
    const el = await consoleFor(1280, (host) => {
      host.setAttribute('lang', 'en');
      const console_ = document.createElement('ow-agent-console');
      console_.store = store;
      console_.conversationId = lucia.conversation.id;
      host.append(console_);
    });
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
    const store = createStore({ client: new OwClient({ baseUrl: base, token: 'tok_ana', fetch: cuttable }), storage: new MemoryStorage(), realtime: { initialBackoffMs: 200, maxBackoffMs: 400 } });
    stopAfterTest(store);
    await store.start();
    const el = await consoleFor(1280, (host) => {
      const console_ = document.createElement('ow-agent-console');
      console_.store = store;
      host.append(console_);
    });
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
    expect(part(el, 'session-error')!.textContent).to.contain('No se pudo iniciar la sesión');
  });
});
