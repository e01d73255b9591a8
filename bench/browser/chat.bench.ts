// <ow-chat> on a conversation with 10,000 messages already in the store: open, and append one.
import '../../src/components/chat/ow-chat.js';
import type { OwChat } from '../../src/components/chat/ow-chat.js';
import type { Message } from '../../src/client/index.js';
import { createFixtureStore } from '../../stories/support/fixture-store.js';
import { addConversation, addMessages, fixtureWorkspace } from '../../stories/support/fixture-data.js';
import { deepQueryAll, runBench, settle, timeUntil } from './harness.js';

const MESSAGES = 10_000;
const RUNS = 7;

runBench('chat', async (ctx) => {
  const workspace = fixtureWorkspace(Date.now());
  const conversation = addConversation(workspace, { customer: { name: 'Lucía Torres' }, assigneeId: 'agt_ana', stage: 'assigned', minutesAgo: 2 });
  addMessages(workspace, conversation.id, MESSAGES - 1);
  ctx.info('messages', workspace.messages.get(conversation.id)!.length);

  const { store, backend } = await createFixtureStore({ workspace, me: 'agt_ana' });
  // Every page into the store first: the figure is about rendering a long timeline, not fetching it.
  let t = performance.now();
  await store.openConversation(conversation.id);
  while (store.getState().timelines[conversation.id]?.hasMore) await store.loadOlderMessages(conversation.id);
  ctx.info('load all pages into the store (ms)', Math.round(performance.now() - t));
  ctx.info('messages in the store timeline', store.getState().timelines[conversation.id]!.ids.length);

  const newestId = () => store.getState().timelines[conversation.id]!.ids.at(-1)!;
  const rendered = (el: Element, id: string) => deepQueryAll(el.shadowRoot!, `[data-id="${CSS.escape(id)}"]`).length > 0;

  const open: number[] = [];
  const frames: number[] = [];
  let chat!: OwChat;
  for (let i = 0; i < RUNS; i++) {
    chat?.remove();
    await settle();
    chat = document.createElement('ow-chat');
    chat.store = store;
    chat.style.cssText = 'display:flex;flex-direction:column;height:800px;width:640px';
    const id = newestId();
    const result = await timeUntil(
      () => {
        chat.conversationId = conversation.id;
        document.body.append(chat);
      },
      () => rendered(chat, id),
      { element: chat },
    );
    open.push(result.ms);
    frames.push(result.frames);
  }
  ctx.record({ label: 'chat open, 10,000 messages', runs: open, targetMs: 50, note: `frames waited: ${frames.join(',')}` });

  const append: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await settle();
    const at = new Date().toISOString();
    const message: Message = {
      id: `msg_bench_${i}`,
      conversationId: conversation.id,
      author: 'customer',
      agentId: null,
      kind: 'text',
      text: `Mensaje nuevo ${i}`,
      attachments: [],
      clientId: null,
      status: 'delivered',
      createdAt: at,
      seq: 10_000_000 + i,
      version: 1,
    };
    const result = await timeUntil(
      () => store.applyEvents([{ id: backend.nextEventId(), at, type: 'message.created', message }]),
      () => rendered(chat, message.id),
      { element: chat },
    );
    append.push(result.ms);
  }
  ctx.record({ label: 'chat append one message (on screen)', runs: append, targetMs: 16.7 });
  store.stop();
});
