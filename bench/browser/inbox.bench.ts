// <ow-inbox> over 100,000 conversations in one tray: first render, and the live re-sort when one
// conversation at the bottom gets a new customer message (sort by last activity).
import '../../src/components/inbox/ow-inbox.js';
import type { OwInbox } from '../../src/components/inbox/ow-inbox.js';
import { createFixtureStore, applyWorkspace } from '../../stories/support/fixture-store.js';
import { fixtureWorkspace, generateConversations } from '../../stories/support/fixture-data.js';
import { deepQueryAll, runBench, settle, timeUntil } from './harness.js';

const CONVERSATIONS = 100_000;
const RUNS = 7;

runBench('inbox', async (ctx) => {
  const workspace = fixtureWorkspace(Date.now());
  let t = performance.now();
  generateConversations(workspace, CONVERSATIONS, { stage: 'queued', messagesPerConversation: 1, spreadHours: 24 * 30 });
  ctx.info('conversations', CONVERSATIONS);
  ctx.info('generate data (ms)', Math.round(performance.now() - t));

  const fixture = await createFixtureStore({ workspace, me: 'agt_ana', start: true });
  const { store, backend } = fixture;
  await store.setInboxQuery({ tray: 'queued', status: 'active', sort: 'activity' });
  t = performance.now();
  applyWorkspace(fixture);
  ctx.info('load 100,000 into the store as events (ms)', Math.round(performance.now() - t));
  ctx.info('rows in the tray', store.getState().inbox.ids.length);

  const rows = (el: Element) => deepQueryAll(el.shadowRoot!, '[part~="row"]');

  // First render: a fresh <ow-inbox> on the loaded store, until its rows are in the DOM and laid out.
  const first: number[] = [];
  const frames: number[] = [];
  let inbox!: OwInbox;
  for (let i = 0; i < RUNS; i++) {
    inbox?.remove();
    await settle();
    inbox = document.createElement('ow-inbox');
    inbox.store = store;
    inbox.style.cssText = 'display:block;height:800px;width:420px';
    const result = await timeUntil(() => void document.body.append(inbox), () => rows(inbox).length > 0, { element: inbox });
    first.push(result.ms);
    frames.push(result.frames);
  }
  ctx.record({ label: 'inbox first render, 100,000 conversations', runs: first, targetMs: 16.7, note: `frames waited: ${frames.join(',')}` });
  ctx.info('rows rendered', rows(inbox).length);

  // Re-sort: the conversation at the bottom gets a customer message and moves to the top.
  const storeOnly: number[] = [];
  const onScreen: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await settle();
    const ids = store.getState().inbox.ids;
    const lastId = ids[ids.length - 1]!;
    const conversation = store.getState().conversations[lastId]!;
    const at = new Date(Date.now() + i * 1000).toISOString();
    const message = {
      id: `msg_bench_${i}`,
      conversationId: lastId,
      author: 'customer' as const,
      agentId: null,
      kind: 'text' as const,
      text: `Mensaje nuevo ${i}`,
      attachments: [],
      clientId: null,
      status: 'delivered' as const,
      createdAt: at,
      seq: 10_000_000 + i,
      version: 1,
    };
    const updated = {
      ...conversation,
      lastActivityAt: at,
      lastCustomerMessageAt: at,
      customerMessageCount: conversation.customerMessageCount + 1,
      lastMessage: { author: 'customer' as const, kind: 'text' as const, text: message.text, createdAt: at },
      version: conversation.version + 1,
    };
    const events = [
      { id: backend.nextEventId(), at, type: 'message.created' as const, message },
      { id: backend.nextEventId(), at, type: 'conversation.updated' as const, conversation: updated },
    ];
    let storeMs = 0;
    const result = await timeUntil(
      () => {
        const s0 = performance.now();
        store.applyEvents(events);
        storeMs = performance.now() - s0;
      },
      () => store.getState().inbox.ids[0] === lastId && deepQueryAll(inbox.shadowRoot!, '[part~="preview"]').some((p) => p.textContent?.includes(message.text)),
      { element: inbox },
    );
    storeOnly.push(storeMs);
    onScreen.push(result.ms);
  }
  ctx.record({ label: 'inbox re-sort after a new message (store)', runs: storeOnly, targetMs: 2 });
  ctx.record({ label: 'inbox re-sort after a new message (on screen)', runs: onScreen, targetMs: 16.7 });
  store.stop();
});
