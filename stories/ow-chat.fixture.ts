// A real OwStore for the chat and composer stories, answered by an in-memory workspace instead of a server.
import { OwClient } from '../src/client/api-client.js';
import { createStore, type OwStore } from '../src/client/store.js';
import { MemoryStorage } from '../src/client/store/storage.js';
import { outboxKey } from '../src/client/store/outbox.js';
import type { OutboxEntry } from '../src/client/store-types.js';
import {
  DEFAULT_SETTINGS,
  type Agent,
  type BootstrapResponse,
  type Conversation,
  type Customer,
  type Message,
  type ReadState,
  type SendMessageInput,
  type WorkspaceSettings,
} from '../src/contract/index.js';

const HOUR = 3_600_000;
const now = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();

const agent = (id: string, name: string, email: string, groupIds: string[], role: Agent['role'] = 'agent'): Agent => ({
  id,
  name,
  email,
  role,
  groupIds,
  status: 'online',
  lastSeenAt: iso(now),
  version: 1,
});

const AGENTS = [
  agent('agt_admin', 'Admin Ow', 'admin@example.com', [], 'admin'),
  agent('agt_ana', 'Ana Pérez', 'ana@example.com', ['grp_ventas']),
  agent('agt_bruno', 'Bruno Silva', 'bruno@example.com', ['grp_soporte']),
  agent('agt_carla', 'Carla Gómez', 'carla@example.com', ['grp_ventas']),
];

export interface StoryConversation {
  id: string;
  customerName: string;
  stage?: Conversation['stage'];
  status?: Conversation['status'];
  assigneeId?: string | null;
  channel?: Conversation['channel'];
  /** Hours since the customer's last message (the WhatsApp window closes at 24). */
  customerLastWroteHoursAgo?: number;
  messages: Array<Partial<Message> & Pick<Message, 'author' | 'text'>>;
}

export interface StoryWorkspace {
  conversations: StoryConversation[];
  settings?: Partial<WorkspaceSettings>;
  /** Message pages never arrive: the loading state stays on screen. */
  hangMessages?: boolean;
  /** Failed outbox entries, as a reload after a failed send would restore them. */
  failed?: Array<Pick<OutboxEntry, 'conversationId' | 'text'> & { error: string }>;
}

/** A long customer conversation: `count` messages alternating customer, agent and now and then the bot or a note. */
export function longChat(count: number): StoryConversation['messages'] {
  const lines = [
    'Hola, quisiera saber el estado de mi pedido',
    '¡Hola! Con gusto lo reviso. ¿Me compartes el número de pedido?',
    'Es el 48213, lo pedí la semana pasada',
    'Gracias. Tu pedido salió ayer; puedes seguirlo en https://envios.example.com/48213',
    'Perfecto, muchas gracias 🙌',
  ];
  return Array.from({ length: count }, (_, i) => {
    const author = i % 11 === 10 ? 'bot' : i % 2 === 0 ? 'customer' : 'agent';
    return { author, text: `${lines[i % lines.length]} (${i + 1})`, kind: i % 17 === 16 ? 'note' : 'text', createdAt: iso(now - (count - i) * 9 * 60_000) };
  });
}

/** Builds a started store over an in-memory workspace; Ana Pérez (Ventas) is signed in. */
export async function storyStore(workspace: StoryWorkspace): Promise<OwStore> {
  const settings: WorkspaceSettings = { ...DEFAULT_SETTINGS, ...workspace.settings };
  const customers = new Map<string, Customer>();
  const conversations = new Map<string, Conversation>();
  const messages = new Map<string, Message[]>();
  const readStates = new Map<string, ReadState>();
  let seq = 1;

  for (const input of workspace.conversations) {
    const customer: Customer = {
      id: `cus_${input.id}`,
      name: input.customerName,
      phone: '+57 300 555 0101',
      email: null,
      attributes: {},
      version: 1,
      createdAt: iso(now - 72 * HOUR),
      updatedAt: iso(now - 72 * HOUR),
    };
    customers.set(customer.id, customer);
    const list: Message[] = input.messages.map((m, i) => ({
      id: `msg_${input.id}_${i}`,
      conversationId: input.id,
      agentId: m.author === 'agent' ? 'agt_ana' : null,
      kind: 'text',
      attachments: [],
      clientId: null,
      status: m.author === 'agent' ? 'read' : 'sent',
      createdAt: iso(now - (input.messages.length - i) * 5 * 60_000),
      seq: seq++,
      version: 1,
      ...m,
    }));
    messages.set(input.id, list);
    const lastCustomer =
      input.customerLastWroteHoursAgo !== undefined
        ? iso(now - input.customerLastWroteHoursAgo * HOUR)
        : ([...list].reverse().find((m) => m.author === 'customer')?.createdAt ?? null);
    const stage = input.stage ?? 'assigned';
    conversations.set(input.id, {
      id: input.id,
      customerId: customer.id,
      channel: input.channel ?? 'whatsapp',
      stage,
      status: input.status ?? 'active',
      outbound: false,
      groupId: 'grp_ventas',
      assigneeId: input.assigneeId !== undefined ? input.assigneeId : stage === 'assigned' ? 'agt_ana' : null,
      tagIds: [],
      createdAt: list[0]?.createdAt ?? iso(now),
      lastActivityAt: list[list.length - 1]?.createdAt ?? iso(now),
      lastCustomerMessageAt: lastCustomer,
      waitingSince: null,
      assignedAt: stage === 'assigned' ? iso(now - 2 * HOUR) : null,
      closedAt: input.status === 'closed' ? iso(now) : null,
      closedHow: input.status === 'closed' ? 'manual' : null,
      customerMessageCount: list.filter((m) => m.author === 'customer').length,
      lastMessage: null,
      version: 1,
    });
    readStates.set(input.id, { conversationId: input.id, readCount: 0, markedUnread: false, markedUnreadAt: null, version: 1 });
  }

  const boot: BootstrapResponse = {
    me: AGENTS[1]!,
    agents: AGENTS,
    groups: [
      { id: 'grp_ventas', name: 'Ventas' },
      { id: 'grp_soporte', name: 'Soporte' },
    ],
    tags: [],
    templates: [
      { id: 'tpl_seguimiento', name: 'seguimiento', language: 'es', body: 'Hola {{1}}, ¿podemos ayudarte con algo más?', variableCount: 1 },
      { id: 'tpl_recordatorio', name: 'recordatorio_pago', language: 'es', body: 'Hola {{1}}, te recordamos que tu pago de {{2}} vence mañana.', variableCount: 2 },
    ],
    quickReplies: [
      { id: 'qr_saludo', shortcut: 'saludo', text: '¡Hola! Gracias por escribirnos. ¿En qué te puedo ayudar?' },
      { id: 'qr_gracias', shortcut: 'gracias', text: 'Gracias por tu paciencia, ya reviso tu caso.' },
      { id: 'qr_horario', shortcut: 'horario', text: 'Nuestro horario es de lunes a viernes de 8:00 a 18:00.' },
    ],
    attributeDefinitions: [],
    settings,
    lastEventId: 0,
  };

  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  const detail = (id: string) => ({ conversation: conversations.get(id), customer: customers.get(conversations.get(id)!.customerId), readState: readStates.get(id) });
  const update = (id: string, changes: Partial<Conversation>) => {
    const next = { ...conversations.get(id)!, ...changes, version: conversations.get(id)!.version + 1 };
    conversations.set(id, next);
    return json({ conversation: next });
  };

  const fetchFixture = async (input: string, init?: RequestInit): Promise<Response> => {
    const url = new URL(input, 'http://fixture');
    const method = init?.method ?? 'GET';
    const path = url.pathname;
    if (path === '/api/me') return json(boot);
    if (path === '/api/events') {
      // Open and silent, with heartbeats so the client keeps it.
      let timer: ReturnType<typeof setInterval>;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          const ping = new TextEncoder().encode(': ping\n\n');
          controller.enqueue(ping);
          timer = setInterval(() => controller.enqueue(ping), 10_000);
        },
        cancel() {
          clearInterval(timer);
        },
      });
      return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
    }
    if (path === '/api/conversations/counts') return json({ queued: 0, mine: conversations.size, agents: 0, bot: 0 });
    if (path === '/api/conversations') {
      return json({ conversations: [], customers: [], readStates: [], nextCursor: null, counts: { queued: 0, mine: conversations.size, agents: 0, bot: 0 } });
    }
    const match = /^\/api\/conversations\/([^/]+)(?:\/(\w+))?$/.exec(path);
    const id = match?.[1] ?? '';
    if (!match || !conversations.has(id)) return json({ error: 'not_found', reason: 'unknown conversation' }, 404);
    const action = match[2];
    if (!action) return json(detail(id));
    if (action === 'messages' && method === 'GET') {
      if (workspace.hangMessages) return new Promise<Response>(() => {});
      const all = messages.get(id)!;
      const before = url.searchParams.get('before');
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const end = before ? all.findIndex((m) => m.id === before) : all.length;
      const start = Math.max(0, end - limit);
      return json({ messages: all.slice(start, end), hasMore: start > 0 });
    }
    if (action === 'messages') {
      const body = JSON.parse(String(init?.body)) as SendMessageInput;
      const message: Message = {
        id: `msg_sent_${seq}`,
        conversationId: id,
        author: 'agent',
        agentId: 'agt_ana',
        kind: body.kind === 'note' ? 'note' : 'text',
        text: body.text ?? '',
        attachments: [],
        clientId: body.clientId,
        status: 'sent',
        createdAt: iso(Date.now()),
        seq: seq++,
        version: 1,
        ...(body.templateId ? { templateId: body.templateId } : {}),
      };
      messages.get(id)!.push(message);
      return json({ message, conversation: conversations.get(id), duplicate: false }, 201);
    }
    if (action === 'read' || action === 'unread') {
      const readState = { ...readStates.get(id)!, markedUnread: action === 'unread', version: readStates.get(id)!.version + 1 };
      readStates.set(id, readState);
      return json({ readState });
    }
    if (action === 'assign') return update(id, { stage: 'assigned', assigneeId: 'agt_ana', assignedAt: iso(Date.now()) });
    if (action === 'close') return update(id, { status: 'closed', closedAt: iso(Date.now()), closedHow: 'manual' });
    if (action === 'transfer') {
      const to = JSON.parse(String(init?.body)) as { agentId?: string; groupId?: string };
      return update(id, to.agentId ? { stage: 'assigned', assigneeId: to.agentId } : { stage: 'queued', assigneeId: null, groupId: to.groupId ?? null });
    }
    return json({ error: 'bad_request', reason: `${method} ${path} is not part of the story workspace` }, 400);
  };

  const storage = new MemoryStorage();
  if (workspace.failed?.length) {
    const entries: OutboxEntry[] = workspace.failed.map((f, i) => ({
      clientId: `c_story_failed_${i}`,
      conversationId: f.conversationId,
      kind: 'text',
      text: f.text,
      attachments: [],
      createdAt: iso(Date.now()),
      attempts: 3,
      state: 'failed',
      error: f.error,
    }));
    storage.setItem(outboxKey('agt_ana'), JSON.stringify(entries));
  }
  const store = createStore({ client: new OwClient({ baseUrl: 'http://fixture', token: 'story', fetch: fetchFixture }), storage });
  await store.start();
  return store;
}
