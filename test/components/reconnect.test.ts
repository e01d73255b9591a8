// Elements placed apart in a host CRM (each given the store) whose conversation failed to load while the
// connection was down: once the connection is back they load it again, with no click from the agent.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { OwClient } from '../../src/client/api-client.js';
import '../../src/components/customer-panel/ow-customer-panel.js';
import '../../src/components/notes/ow-notes.js';
import '../../src/components/tag-picker/ow-tag-picker.js';
import { $, $$, base, conversationFactory, phoneNumbers, startStore, useTestServer } from './support.js';
import { droppingNetwork } from '../client/dropping-network.js';

declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void> | void): void;

const createConversation = conversationFactory({
  customer: { name: 'Lucía Reconecta' },
  phone: phoneNumbers('+57300710', 4),
  messages: [{ author: 'customer', text: 'Hola, ¿siguen ahí?' }],
});

describe('after a connection drop', () => {
  useTestServer();

  it('the customer panel, notes and tags that could not load their conversation load it once the connection is back', async () => {
    const conversation = await createConversation();
    const id = conversation.conversation.id;
    const ana = new OwClient({ baseUrl: base, token: 'tok_ana' });
    await ana.sendMessage(id, { clientId: 'note-reconnect-1', kind: 'note', text: 'Cliente frecuente' });
    await ana.attachTag(id, 'tag_vip');

    const network = droppingNetwork();
    const { store } = await startStore('tok_ana', { fetch: network.fetch, realtime: { initialBackoffMs: 30, maxBackoffMs: 200 } });
    await waitUntil(() => store.getState().connection === 'open', 'stream open');
    network.down();
    await waitUntil(() => store.getState().connection === 'reconnecting', 'stream dropped');

    const host = await fixture<HTMLDivElement>(html`<div>
      <ow-customer-panel .store=${store} conversation-id=${id}></ow-customer-panel>
      <ow-notes .store=${store} conversation-id=${id}></ow-notes>
      <ow-tag-picker .store=${store} conversation-id=${id}></ow-tag-picker>
    </div>`);
    const [panel, notes, tags] = [...host.children] as HTMLElement[];
    for (const el of [panel!, notes!, tags!]) {
      await waitUntil(() => $(el, '[role="alert"]'), `${el.localName} says it could not load`, { timeout: 5000 });
    }

    network.up();
    await waitUntil(() => $(panel!, '[part~="value"]')?.closest('dl')?.textContent?.includes('Lucía Reconecta'), 'customer shown', { timeout: 5000 });
    await waitUntil(() => $$(notes!, '[part~="note"]').some((note) => note.textContent!.includes('Cliente frecuente')), 'note shown', { timeout: 5000 });
    await waitUntil(() => $(tags!, '[part~="chip"][data-tag="tag_vip"]'), 'tag shown', { timeout: 5000 });
    for (const el of [panel!, notes!, tags!]) expect($(el, '[role="alert"]')?.textContent ?? '', `${el.localName} has no error left`).to.equal('');
  });
});
