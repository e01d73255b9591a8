// <ow-session> providing one client and store to the elements inside it, against the real test server.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { OwClient } from '../../src/client/api-client.js';
import { createStore, type OwStore } from '../../src/client/store.js';
import { MemoryStorage } from '../../src/client/store/storage.js';
import '../../src/components/session/ow-session.js';
import '../../src/components/inbox/ow-inbox.js';
import type { OwSession, SessionErrorDetail, SessionReadyDetail } from '../../src/components/session/ow-session.js';
import type { OwInbox } from '../../src/components/inbox/ow-inbox.js';
import { base, sim } from './support.js';

declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void> | void): void;
declare function beforeEach(body: () => Promise<void> | void): void;

const WAIT = { timeout: 5000 };

const names = (inbox: OwInbox) => [...inbox.shadowRoot!.querySelectorAll('[part~="name"]')].map((n) => n.textContent?.trim());

describe('ow-session', () => {
  beforeEach(async () => {
    await sim.reset();
    await sim.createConversation({
      channel: 'whatsapp',
      customer: { name: 'Lucía Torres', phone: '+573001112233' },
      stage: 'queued',
      groupId: 'grp_ventas',
      messages: [{ author: 'customer', text: 'Hola' }],
    });
  });

  it('creates and starts a store from base-url and token and provides it to every element inside', async () => {
    const ready: SessionReadyDetail[] = [];
    const el = await fixture<OwSession>(
      html`<ow-session base-url=${base} token="tok_ana" @ow-session-ready=${(e: CustomEvent<SessionReadyDetail>) => ready.push(e.detail)}>
        <section><ow-inbox></ow-inbox></section>
        <ow-inbox></ow-inbox>
      </ow-session>`,
    );
    expect(getComputedStyle(el).display).to.equal('contents');
    await waitUntil(() => ready.length === 1, 'ow-session-ready', WAIT);
    expect(ready[0]!.store).to.equal(el.currentStore);
    expect(ready[0]!.client).to.be.instanceOf(OwClient);
    expect(ready[0]!.store.getState().me?.name).to.equal('Ana Pérez');
    const [nested, sibling] = [...el.querySelectorAll('ow-inbox')];
    await waitUntil(() => names(nested!).includes('Lucía Torres') && names(sibling!).includes('Lucía Torres'), 'both inboxes use the session store', WAIT);
    expect(nested!.store).to.equal(undefined);
    // One store shared: a tray chosen in one inbox is the shared query the other follows.
    sibling!.setAttribute('tray', 'mine');
    await waitUntil(() => nested!.getAttribute('tray') === 'mine' && names(nested!).length === 0, 'shared query', WAIT);
  });

  it('fires ow-session-error with the status when the token is refused', async () => {
    const errors: SessionErrorDetail[] = [];
    let readyFired = false;
    await fixture<OwSession>(
      html`<ow-session
        base-url=${base}
        token="tok_not_valid"
        @ow-session-error=${(e: CustomEvent<SessionErrorDetail>) => errors.push(e.detail)}
        @ow-session-ready=${() => (readyFired = true)}
      ></ow-session>`,
    );
    await waitUntil(() => errors.length === 1, 'ow-session-error', WAIT);
    expect(errors[0]!.status).to.equal(401);
    expect(errors[0]!.code).to.equal('unauthorized');
    expect(errors[0]!.reason).to.be.a('string').and.not.equal('');
    expect(readyFired).to.equal(false);
  });

  it('fires ow-session-error at once for a base-url that is no URL, instead of failing every request as offline', async () => {
    const errors: SessionErrorDetail[] = [];
    await fixture<OwSession>(
      html`<ow-session base-url="127.0.0.1:8787" token="tok_ana" @ow-session-error=${(e: CustomEvent<SessionErrorDetail>) => errors.push(e.detail)}></ow-session>`,
    );
    await waitUntil(() => errors.length === 1, 'ow-session-error', WAIT);
    expect(errors[0]!.reason).to.contain('baseUrl must be an http(s) URL').and.contain('127.0.0.1:8787');
    expect(errors[0]!.status).to.equal(null);
    expect(errors[0]!.code).to.equal(null);
  });

  it('fires ow-session-error with 401 when the token is signed out mid-session, so the page can sign in again', async () => {
    const { token } = await OwClient.signIn(base, 'ana@example.com', 'secret123');
    const errors: SessionErrorDetail[] = [];
    const ready: SessionReadyDetail[] = [];
    await fixture<OwSession>(
      html`<ow-session
        base-url=${base}
        token=${token}
        @ow-session-error=${(e: CustomEvent<SessionErrorDetail>) => errors.push(e.detail)}
        @ow-session-ready=${(e: CustomEvent<SessionReadyDetail>) => ready.push(e.detail)}
      ></ow-session>`,
    );
    await waitUntil(() => ready.length === 1 && ready[0]!.store.getState().connection === 'open', 'session live', WAIT);
    await new OwClient({ baseUrl: base, token }).signOut();
    // The server ends the revoked token's stream; reconnecting is refused.
    await waitUntil(() => errors.length === 1, 'ow-session-error after sign-out', WAIT);
    expect(errors[0]!.status).to.equal(401);
    expect(errors[0]!.reason).to.equal('unknown or revoked token');
    expect(errors[0]!.code).to.equal('unauthorized');
    const state = ready[0]!.store.getState();
    expect(state.errorStatus).to.equal(401);
    expect(state.connection).to.equal('closed');
  });

  it('stops the store it created when removed from the page, and starts a fresh one when put back', async () => {
    const el = await fixture<OwSession>(html`<ow-session base-url=${base} token="tok_ana"></ow-session>`);
    await waitUntil(() => el.currentStore?.getState().connection === 'open', 'stream open', WAIT);
    const first = el.currentStore!;
    const parent = el.parentElement!;
    el.remove();
    expect(first.getState().connection).to.equal('closed');
    parent.append(el);
    await waitUntil(() => el.currentStore !== undefined && el.currentStore !== first && el.currentStore.getState().ready, 'fresh store', WAIT);
  });

  it('provides a given store as is and never stops it; builds a store over a given client', async () => {
    const store: OwStore = createStore({ client: new OwClient({ baseUrl: base, token: 'tok_bruno' }), storage: new MemoryStorage() });
    await store.start();
    let ready = 0;
    const el = await fixture<OwSession>(html`<ow-session .store=${store} @ow-session-ready=${() => ready++}><ow-inbox></ow-inbox></ow-session>`);
    await waitUntil(() => ready === 1, 'ready for an already started store', WAIT);
    expect(el.currentStore).to.equal(store);
    el.remove();
    expect(store.getState().connection).to.not.equal('closed');
    store.stop();

    const client = new OwClient({ baseUrl: base, token: 'tok_carla' });
    const details: SessionReadyDetail[] = [];
    const withClient = await fixture<OwSession>(html`<ow-session .client=${client} @ow-session-ready=${(e: CustomEvent<SessionReadyDetail>) => details.push(e.detail)}></ow-session>`);
    await waitUntil(() => details.length === 1, 'ready', WAIT);
    expect(details[0]!.client).to.equal(client);
    expect(details[0]!.store.getState().me?.name).to.equal('Carla Gómez');
    withClient.remove();
  });
});
