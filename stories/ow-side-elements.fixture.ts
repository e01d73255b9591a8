// A real OwStore for the customer panel, notes and tag picker stories, answered by an in-memory workspace
// instead of a server; it can also play another agent's saves through the realtime stream.
import { OwClient } from '../src/client/api-client.js';
import { createStore, type OwStore } from '../src/client/store.js';
import { MemoryStorage } from '../src/client/store/storage.js';
import { outboxKey } from '../src/client/store/outbox.js';
import type { OutboxEntry } from '../src/client/store-types.js';
import type { BootstrapResponse, Customer, Message, OwEventPayload, SendMessageInput, Tag } from '../src/contract/index.js';
import { addConversation, fixtureWorkspace, MINUTE, type ConversationInput } from './support/fixture-data.js';

export interface SideStoryOptions {
  /** Who is signed in (default Ana Pérez, an agent). */
  me?: 'agt_ana' | 'agt_admin';
  conversation?: Omit<ConversationInput, 'id'>;
  /** Notes in the timeline, by agent, oldest first. */
  notes?: Array<{ agentId: string; text: string; minutesAgo: number }>;
  /** Extra admin-created tags. */
  tags?: Tag[];
  /** The conversation and its messages never arrive: the loading state stays on screen. */
  hang?: boolean;
  /** The next customer save meets these changes, saved by Carla just before (a conflict). */
  concurrentSave?: Partial<Pick<Customer, 'name' | 'email' | 'phone'>> & { attributes?: Customer['attributes'] };
  /** A note restored from the outbox as failed, as after a reload following a failed save. */
  failedNote?: { text: string; error: string };
}

export interface SideStory {
  store: OwStore;
  conversationId: string;
  /** Another agent saves the customer now; every element sees it through the realtime stream. */
  remoteSave(changes: SideStoryOptions['concurrentSave']): void;
}

export const STORY_CONVERSATION = 'cnv_story';

export const COLLECTED_CUSTOMER: ConversationInput['customer'] = {
  name: 'Valentina Rojas',
  phone: '+57 300 555 0142',
  email: 'valentina.rojas@example.com',
  attributes: { documento: '1.020.304.050', ciudad: 'Bogotá', fecha_nacimiento: '1992-08-14', acepta_marketing: true, compras: 12 },
};

export async function sideStory(options: SideStoryOptions = {}): Promise<SideStory> {
  const ws = fixtureWorkspace(Date.now());
  const conversation = addConversation(ws, {
    id: STORY_CONVERSATION,
    assigneeId: 'agt_ana',
    customer: COLLECTED_CUSTOMER,
    messages: [
      { author: 'customer', text: 'Hola, quiero actualizar mis datos' },
      { author: 'agent', text: 'Claro, ¿qué dato cambiamos?' },
    ],
    ...options.conversation,
  });
  const messages = ws.messages.get(conversation.id)!;
  for (const note of options.notes ?? []) {
    messages.push({
      id: `msg_note_${ws.nextSeq}`,
      conversationId: conversation.id,
      author: 'agent',
      agentId: note.agentId,
      kind: 'note',
      text: note.text,
      attachments: [],
      clientId: null,
      status: 'sent',
      createdAt: new Date(ws.now - note.minutesAgo * MINUTE).toISOString(),
      seq: ws.nextSeq++,
      version: 1,
    });
  }
  messages.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  const tags = new Map([...ws.tags, ...(options.tags ?? [])].map((t) => [t.id, t]));
  const meId = options.me ?? 'agt_ana';
  const me = ws.agents.find((a) => a.id === meId)!;
  let eventId = 0;
  let pendingConflict = options.concurrentSave;
  let stream: ReadableStreamDefaultController<Uint8Array> | null = null;
  const encoder = new TextEncoder();

  const boot: BootstrapResponse = {
    me,
    agents: ws.agents,
    groups: ws.groups,
    tags: [...tags.values()],
    templates: ws.templates,
    quickReplies: ws.quickReplies,
    attributeDefinitions: ws.attributeDefinitions,
    settings: ws.settings,
    lastEventId: 0,
  };

  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  const push = (event: OwEventPayload) => {
    eventId++;
    stream?.enqueue(encoder.encode(`id: ${eventId}\ndata: ${JSON.stringify({ ...event, id: eventId, at: new Date().toISOString() })}\n\n`));
  };
  const saveCustomer = (customer: Customer, changes: NonNullable<SideStoryOptions['concurrentSave']>): Customer => {
    const next: Customer = {
      ...customer,
      ...changes,
      attributes: { ...customer.attributes, ...changes.attributes },
      version: customer.version + 1,
      updatedAt: new Date().toISOString(),
    };
    ws.customers.set(next.id, next);
    return next;
  };
  const remoteSave = (changes: SideStoryOptions['concurrentSave']) => {
    const customer = saveCustomer(ws.customers.get(conversation.customerId)!, changes ?? {});
    push({ type: 'customer.updated', customer });
  };
  const updateConversation = (tagIds: string[]) => {
    const next = { ...ws.conversations.get(conversation.id)!, tagIds, version: ws.conversations.get(conversation.id)!.version + 1 };
    ws.conversations.set(next.id, next);
    return json({ conversation: next });
  };

  const fetchFixture = async (input: string, init?: RequestInit): Promise<Response> => {
    const url = new URL(input, 'http://fixture');
    const method = init?.method ?? 'GET';
    const path = url.pathname;
    const body = () => JSON.parse(String(init?.body ?? '{}')) as Record<string, unknown>;
    if (path === '/api/me') return json(boot);
    if (path === '/api/events') {
      const events = new ReadableStream<Uint8Array>({
        start(controller) {
          stream = controller;
          controller.enqueue(encoder.encode(': ping\n\n'));
        },
        cancel() {
          stream = null;
        },
      });
      return new Response(events, { headers: { 'Content-Type': 'text/event-stream' } });
    }
    const counts = { queued: 0, mine: 1, agents: 0, bot: 0 };
    if (path === '/api/conversations/counts') return json(counts);
    if (path === '/api/conversations') return json({ conversations: [], customers: [], readStates: [], nextCursor: null, counts });
    if (path === '/api/tags' && method === 'POST') {
      if (me.role !== 'admin') return json({ error: 'forbidden', reason: 'only admins create tags' }, 403);
      const { name, color } = body() as { name: string; color: string };
      const tag = { id: `tag_${tags.size + 1}`, name, color };
      tags.set(tag.id, tag);
      return json({ tag }, 201);
    }
    const customerMatch = /^\/api\/customers\/([^/]+)$/.exec(path);
    if (customerMatch && method === 'PATCH') {
      const customer = ws.customers.get(customerMatch[1]!)!;
      if (pendingConflict) {
        const current = saveCustomer(customer, pendingConflict);
        pendingConflict = undefined;
        push({ type: 'customer.updated', customer: current });
        return json({ error: 'conflict', reason: 'the customer changed since version ' + customer.version, current }, 409);
      }
      const { version, ...changes } = body() as { version: number } & NonNullable<SideStoryOptions['concurrentSave']>;
      if (version !== customer.version) return json({ error: 'conflict', reason: 'stale version', current: customer }, 409);
      return json({ customer: saveCustomer(customer, { ...changes, attributes: changes.attributes ?? {} }) });
    }
    const match = /^\/api\/conversations\/([^/]+)(?:\/(\w+))?(?:\/([^/]+))?$/.exec(path);
    if (!match || match[1] !== conversation.id) return json({ error: 'not_found', reason: 'unknown conversation' }, 404);
    if (options.hang && method === 'GET') return new Promise<Response>(() => {});
    const current = ws.conversations.get(conversation.id)!;
    const action = match[2];
    if (!action && method === 'GET') {
      return json({ conversation: current, customer: ws.customers.get(current.customerId), readState: ws.readStates.get('agt_ana')!.get(current.id) });
    }
    if (action === 'messages' && method === 'GET') return json({ messages, hasMore: false });
    if (action === 'messages' && method === 'POST') {
      const sent = body() as SendMessageInput;
      const message: Message = {
        id: `msg_sent_${ws.nextSeq}`,
        conversationId: current.id,
        author: 'agent',
        agentId: me.id,
        kind: sent.kind === 'note' ? 'note' : 'text',
        text: sent.text ?? '',
        attachments: [],
        clientId: sent.clientId,
        status: 'sent',
        createdAt: new Date().toISOString(),
        seq: ws.nextSeq++,
        version: 1,
      };
      messages.push(message);
      return json({ message, conversation: current, duplicate: false }, 201);
    }
    if (action === 'read' || action === 'unread') {
      const readState = { ...ws.readStates.get('agt_ana')!.get(current.id)!, version: 2 };
      return json({ readState });
    }
    if (action === 'tags' && match[3]) {
      const tagId = decodeURIComponent(match[3]);
      if (!tags.has(tagId)) return json({ error: 'not_found', reason: 'unknown tag' }, 404);
      const without = current.tagIds.filter((t) => t !== tagId);
      return updateConversation(method === 'PUT' ? [...without, tagId] : without);
    }
    return json({ error: 'bad_request', reason: `${method} ${path} is not part of the story workspace` }, 400);
  };

  const storage = new MemoryStorage();
  if (options.failedNote) {
    const entry: OutboxEntry = {
      clientId: 'c_story_failed_note',
      conversationId: conversation.id,
      kind: 'note',
      text: options.failedNote.text,
      attachments: [],
      createdAt: new Date().toISOString(),
      attempts: 4,
      state: 'failed',
      error: options.failedNote.error,
    };
    storage.setItem(outboxKey(me.id), JSON.stringify([entry]));
  }
  const store = createStore({ client: new OwClient({ baseUrl: 'http://fixture', token: 'story', fetch: fetchFixture }), storage });
  await store.start();
  return { store, conversationId: conversation.id, remoteSave };
}
