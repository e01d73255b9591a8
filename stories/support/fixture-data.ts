// A workspace like the reference server's test fixture, plus generated conversations, for stories
// and benches. Deterministic: the same seed gives the same data.
import {
  DEFAULT_SETTINGS,
  type Agent,
  type AttributeDefinition,
  type Channel,
  type Conversation,
  type Customer,
  type Group,
  type Message,
  type MessageAuthor,
  type QuickReply,
  type ReadState,
  type Stage,
  type Tag,
  type Template,
  type WorkspaceSettings,
} from '../../src/contract/index.js';
import { FIXTURE } from '../../server/fixture-workspace.js';

export interface FixtureWorkspace {
  agents: Agent[];
  groups: Group[];
  tags: Tag[];
  templates: Template[];
  quickReplies: QuickReply[];
  attributeDefinitions: AttributeDefinition[];
  settings: WorkspaceSettings;
  customers: Map<string, Customer>;
  conversations: Map<string, Conversation>;
  /** Messages per conversation id, oldest first. */
  messages: Map<string, Message[]>;
  /** Read state per agent id, then conversation id. */
  readStates: Map<string, Map<string, ReadState>>;
  /** "Now" of the fixture, in ms; times of generated data are before it. */
  now: number;
  nextSeq: number;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A fixed instant, so stories render the same waiting times on every run. */
export const FIXTURE_NOW = Date.UTC(2026, 2, 10, 15, 30);

export function fixtureWorkspace(now = FIXTURE_NOW): FixtureWorkspace {
  // Statuses vary so the stories show every kind of agent.
  const statuses: Record<string, Agent['status']> = { agt_bruno: 'away', agt_carla: 'offline' };
  const agent = ({ id, name, email, role, groupIds }: (typeof FIXTURE.agents)[number]): Agent => ({
    id,
    name,
    email,
    role,
    groupIds: [...groupIds],
    status: statuses[id] ?? 'online',
    lastSeenAt: iso(now - 2 * MINUTE),
    version: 1,
  });
  return {
    agents: FIXTURE.agents.map(agent),
    groups: FIXTURE.groups.map((group) => ({ ...group })),
    tags: FIXTURE.tags.map((tag) => ({ ...tag })),
    templates: FIXTURE.templates.map((template) => ({ ...template })),
    quickReplies: FIXTURE.quickReplies.map((reply) => ({ ...reply })),
    attributeDefinitions: FIXTURE.attributeDefinitions.map((definition) => ({ ...definition })),
    settings: structuredClone(DEFAULT_SETTINGS),
    customers: new Map(),
    conversations: new Map(),
    messages: new Map(),
    readStates: new Map(),
    now,
    nextSeq: 1,
  };
}

/** Small deterministic PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['María', 'José', 'Lucía', 'Carlos', 'Valentina', 'Andrés', 'Camila', 'Diego', 'Sofía', 'Mateo', 'Isabela', 'Juan', 'Fernanda', 'Pedro', 'Gabriela', 'Luis', 'Mariana', 'Tomás', 'Paula', 'João'];
const LAST = ['González', 'Rodríguez', 'López', 'Martínez', 'García', 'Pérez', 'Sánchez', 'Ramírez', 'Torres', 'Flores', 'Rivera', 'Gómez', 'Díaz', 'Reyes', 'Morales', 'Souza', 'Oliveira', 'Castro', 'Vargas', 'Rojas'];
const CITIES = ['Bogotá', 'Lima', 'Santiago', 'Ciudad de México', 'São Paulo'];
const CUSTOMER_LINES = [
  'Hola, quisiera saber el estado de mi pedido.',
  '¿Tienen envío a domicilio?',
  'Me llegó el producto equivocado 😕',
  '¿Cuál es el precio del plan anual?',
  'Necesito cambiar la dirección de entrega.',
  'Gracias, quedo atenta.',
  '¿Puedo pagar con tarjeta de crédito?',
  'El enlace de pago no funciona: https://pagos.example.com/checkout',
  'Buenas tardes, ¿siguen abiertos?',
  'Quiero hacer un reclamo por una demora.',
];
const AGENT_LINES = [
  '¡Hola! Gracias por escribirnos. ¿En qué te puedo ayudar?',
  'Ya reviso tu caso, dame un momento.',
  'Tu pedido sale mañana por la mañana.',
  'Te comparto el enlace correcto: https://tienda.example.com/pedidos',
  'Listo, actualicé la dirección.',
  '¿Te puedo ayudar con algo más?',
];
const BOT_LINES = ['¡Hola! Soy el asistente virtual. ¿Cómo te llamas?', 'Gracias. ¿Cuál es tu correo electrónico?', 'Te comunico con un agente.'];
const CHANNELS: Channel[] = ['whatsapp', 'whatsapp', 'whatsapp', 'instagram', 'facebook', 'web'];

export interface MessageInput {
  author: MessageAuthor;
  text: string;
  kind?: Message['kind'];
  agentId?: string | null;
  /** What happened, for `author: 'system'` (kind `event`). */
  event?: Message['event'];
  minutesAgo?: number;
}

export interface ConversationInput {
  id?: string;
  channel?: Channel;
  stage?: Stage;
  status?: 'active' | 'closed';
  outbound?: boolean;
  groupId?: string | null;
  assigneeId?: string | null;
  tagIds?: string[];
  customer?: Partial<Customer> & { name: string };
  /** Messages oldest first; times are spread back from `lastAt`. */
  messages?: MessageInput[];
  /** Minutes before `now` of the newest message (default 5). */
  minutesAgo?: number;
  /** Customer messages the viewing agent has not read. */
  unread?: number;
}

/** Adds one conversation with its customer and messages; returns it. */
export function addConversation(ws: FixtureWorkspace, input: ConversationInput): Conversation {
  const n = ws.conversations.size + 1;
  const id = input.id ?? `cnv_${String(n).padStart(6, '0')}`;
  const customerId = input.customer?.id ?? `cus_${String(n).padStart(6, '0')}`;
  const lastAt = ws.now - (input.minutesAgo ?? 5) * MINUTE;
  const lines = input.messages ?? [{ author: 'customer', text: CUSTOMER_LINES[n % CUSTOMER_LINES.length]! }];
  const earliest = Math.min(...lines.map((line) => (line.minutesAgo !== undefined ? ws.now - line.minutesAgo * MINUTE : Infinity)));
  const createdAt = Math.min(lastAt - lines.length * 2 * MINUTE, earliest - MINUTE);

  const customer: Customer = {
    id: customerId,
    name: input.customer?.name ?? `Cliente ${n}`,
    phone: `+57 300 ${String(1_000_000 + n).slice(-7)}`,
    email: null,
    attributes: {},
    version: 1,
    createdAt: iso(createdAt),
    updatedAt: iso(createdAt),
    updatedBy: null,
    ...input.customer,
  } as Customer;
  ws.customers.set(customerId, customer);

  const messages: Message[] = lines.map((line, i) => {
    const at = line.minutesAgo !== undefined ? ws.now - line.minutesAgo * MINUTE : createdAt + (i + 1) * ((lastAt - createdAt) / lines.length);
    const kind = line.kind ?? (line.author === 'system' ? 'event' : 'text');
    const agentId = line.author === 'agent' ? line.agentId ?? input.assigneeId ?? 'agt_ana' : null;
    return {
      id: `msg_${id}_${i + 1}`,
      conversationId: id,
      author: line.author,
      agentId,
      kind,
      text: line.text,
      attachments: [],
      clientId: null,
      status: line.author === 'agent' ? 'read' : 'delivered',
      createdAt: iso(at),
      seq: ws.nextSeq++,
      version: 1,
      ...(line.event ? { event: line.event } : {}),
    };
  });
  ws.messages.set(id, messages);

  const counted = messages.filter((m) => m.kind !== 'note' && m.kind !== 'event');
  const customerMessages = messages.filter((m) => m.author === 'customer');
  const last = counted.at(-1) ?? null;
  // Waiting since the oldest customer message after the last agent reply.
  let waitingSince: string | null = null;
  for (const m of counted) {
    if (m.author === 'agent') waitingSince = null;
    else if (m.author === 'customer' && waitingSince === null) waitingSince = m.createdAt;
  }
  const stage = input.stage ?? (input.assigneeId ? 'assigned' : 'queued');
  const status = input.status ?? 'active';
  const conversation: Conversation = {
    id,
    customerId,
    channel: input.channel ?? 'whatsapp',
    stage,
    status,
    outbound: input.outbound ?? false,
    groupId: input.groupId === undefined ? 'grp_ventas' : input.groupId,
    assigneeId: input.assigneeId ?? null,
    tagIds: input.tagIds ?? [],
    createdAt: iso(createdAt),
    lastActivityAt: last?.createdAt ?? iso(createdAt),
    lastCustomerMessageAt: customerMessages.at(-1)?.createdAt ?? null,
    waitingSince: stage === 'bot' ? null : waitingSince,
    assignedAt: input.assigneeId ? iso(createdAt + MINUTE) : null,
    closedAt: status === 'closed' ? iso(lastAt + MINUTE) : null,
    closedHow: status === 'closed' ? 'manual' : null,
    customerMessageCount: customerMessages.length,
    lastMessage: last ? { author: last.author, kind: last.kind, text: last.text, createdAt: last.createdAt } : null,
    version: 1,
  };
  ws.conversations.set(id, conversation);

  const unread = Math.min(input.unread ?? 0, customerMessages.length);
  for (const agent of ws.agents) {
    let states = ws.readStates.get(agent.id);
    if (!states) ws.readStates.set(agent.id, (states = new Map()));
    states.set(id, { conversationId: id, readCount: customerMessages.length - unread, markedUnread: false, markedUnreadAt: null, version: 1 });
  }
  return conversation;
}

export interface GenerateOptions {
  seed?: number;
  /** Messages per conversation (default 1–6 at random). */
  messagesPerConversation?: number;
  /** Spread of the conversations' last activity back from `now`, in hours (default 72). */
  spreadHours?: number;
  /** Put every conversation in this stage (active, in Ventas), e.g. one tray holding them all. */
  stage?: Stage;
}

/** Adds `count` varied conversations across trays, channels, groups and states. */
export function generateConversations(ws: FixtureWorkspace, count: number, options: GenerateOptions = {}): void {
  const rnd = random(options.seed ?? 7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const spread = (options.spreadHours ?? 72) * 60;
  const agentsByGroup: Record<string, string[]> = { grp_ventas: ['agt_ana', 'agt_carla'], grp_soporte: ['agt_bruno'] };
  for (let i = 0; i < count; i++) {
    const fixed = options.stage;
    const groupId = fixed || rnd() < 0.65 ? 'grp_ventas' : 'grp_soporte';
    const roll = rnd();
    const stage: Stage = fixed ?? (roll < 0.35 ? 'queued' : roll < 0.9 ? 'assigned' : 'bot');
    const assigneeId = stage === 'assigned' ? (fixed ? 'agt_ana' : pick(agentsByGroup[groupId]!)) : null;
    const status = !fixed && stage !== 'bot' && rnd() < 0.15 ? 'closed' : 'active';
    const total = options.messagesPerConversation ?? 1 + Math.floor(rnd() * 6);
    const messages: NonNullable<ConversationInput['messages']> = [];
    for (let m = 0; m < total; m++) {
      const author: MessageAuthor = stage === 'bot' ? (m % 2 ? 'bot' : 'customer') : m % 3 === 1 && assigneeId ? 'agent' : 'customer';
      const text = author === 'customer' ? pick(CUSTOMER_LINES) : author === 'bot' ? pick(BOT_LINES) : pick(AGENT_LINES);
      messages.push({ author, text, agentId: author === 'agent' ? assigneeId : null });
    }
    const name = `${pick(FIRST)} ${pick(LAST)}`;
    addConversation(ws, {
      channel: pick(CHANNELS),
      stage,
      status,
      outbound: !fixed && status === 'active' && rnd() < 0.05,
      groupId,
      assigneeId,
      tagIds: rnd() < 0.2 ? [pick(ws.tags).id] : [],
      customer: {
        name,
        email: rnd() < 0.5 ? `${name.split(' ')[0]!.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '')}${i}@example.com` : null,
        attributes: { ciudad: pick(CITIES), compras: Math.floor(rnd() * 20), acepta_marketing: rnd() < 0.5 },
      },
      messages,
      minutesAgo: 1 + Math.floor(rnd() * spread),
      unread: rnd() < 0.3 ? 1 + Math.floor(rnd() * 3) : 0,
    });
  }
}

/** Appends `count` messages to one conversation (long timelines), oldest first, ending `minutesAgo` before now. */
export function addMessages(ws: FixtureWorkspace, conversationId: string, count: number, options: { seed?: number; minutesAgo?: number } = {}): void {
  const conversation = ws.conversations.get(conversationId);
  if (!conversation) throw new Error(`no conversation ${conversationId}`);
  const rnd = random(options.seed ?? 11);
  const list = ws.messages.get(conversationId) ?? [];
  const end = ws.now - (options.minutesAgo ?? 1) * MINUTE;
  const start = end - count * 3 * MINUTE;
  for (let i = 0; i < count; i++) {
    const author: MessageAuthor = rnd() < 0.5 ? 'customer' : 'agent';
    const note = author === 'agent' && rnd() < 0.05;
    list.push({
      id: `msg_${conversationId}_x${i + 1}`,
      conversationId,
      author,
      agentId: author === 'agent' ? conversation.assigneeId ?? 'agt_ana' : null,
      kind: note ? 'note' : 'text',
      text: author === 'customer' ? CUSTOMER_LINES[Math.floor(rnd() * CUSTOMER_LINES.length)]! : AGENT_LINES[Math.floor(rnd() * AGENT_LINES.length)]!,
      attachments: [],
      clientId: null,
      status: author === 'agent' ? 'read' : 'delivered',
      createdAt: iso(start + i * 3 * MINUTE),
      seq: ws.nextSeq++,
      version: 1,
    });
  }
  list.sort((a, b) => a.seq - b.seq);
  ws.messages.set(conversationId, list);
  const last = list.filter((m) => m.kind !== 'note' && m.kind !== 'event').at(-1);
  const customerCount = list.filter((m) => m.author === 'customer').length;
  ws.conversations.set(conversationId, {
    ...conversation,
    customerMessageCount: customerCount,
    lastActivityAt: last?.createdAt ?? conversation.lastActivityAt,
    lastMessage: last ? { author: last.author, kind: last.kind, text: last.text, createdAt: last.createdAt } : conversation.lastMessage,
    version: conversation.version + 1,
  });
  for (const states of ws.readStates.values()) {
    const state = states.get(conversationId);
    if (state) states.set(conversationId, { ...state, readCount: customerCount });
  }
}

/**
 * A long chat: `count` messages, 9 minutes apart up to now, mostly customer and agent in turn,
 * now and then the bot or an internal note.
 */
export function longChat(count: number): MessageInput[] {
  const lines = [
    'Hola, quisiera saber el estado de mi pedido',
    '¡Hola! Con gusto lo reviso. ¿Me compartes el número de pedido?',
    'Es el 48213, lo pedí la semana pasada',
    'Gracias. Tu pedido salió ayer; puedes seguirlo en https://envios.example.com/48213',
    'Perfecto, muchas gracias 🙌',
  ];
  return Array.from({ length: count }, (_, i) => ({
    author: i % 11 === 10 ? 'bot' : i % 2 === 0 ? 'customer' : 'agent',
    agentId: i % 11 !== 10 && i % 2 === 1 ? 'agt_ana' : null,
    kind: i % 17 === 16 ? 'note' : 'text',
    text: `${lines[i % lines.length]} (${i + 1})`,
    minutesAgo: (count - i) * 9,
  }));
}

/** Messages `stepMinutes` apart, the newest `endMinutesAgo` before now. */
export function spaced(messages: MessageInput[], stepMinutes = 5, endMinutesAgo = stepMinutes): MessageInput[] {
  return messages.map((m, i) => ({ ...m, minutesAgo: endMinutesAgo + (messages.length - 1 - i) * stepMinutes }));
}

/** Internal notes by other agents merged into a timeline, everything in time order. */
export function withNotes(messages: MessageInput[], notes: Array<{ agentId: string; text: string; minutesAgo: number }>): MessageInput[] {
  const all: MessageInput[] = [...messages, ...notes.map((n) => ({ author: 'agent' as const, kind: 'note' as const, ...n }))];
  return all.map((m, i) => ({ m, i })).sort((a, b) => (b.m.minutesAgo ?? 0) - (a.m.minutesAgo ?? 0) || a.i - b.i).map(({ m }) => m);
}

/** A customer the bot and earlier agents already asked everything (every attribute filled in). */
export const COLLECTED_CUSTOMER: NonNullable<ConversationInput['customer']> = {
  id: 'cus_story',
  name: 'Valentina Rojas',
  phone: '+57 300 555 0142',
  email: 'valentina.rojas@example.com',
  attributes: { documento: '1.020.304.050', ciudad: 'Bogotá', fecha_nacimiento: '1992-08-14', acepta_marketing: true, compras: 12 },
};

export const CUSTOMER_CONVERSATION = 'cnv_story';

export interface CustomerWorkspaceOptions {
  /** Replaces parts of the conversation (e.g. `tagIds`, or another `customer`). */
  conversation?: Omit<ConversationInput, 'id'>;
  /** Internal notes by agents, merged into the timeline by time. */
  notes?: Array<{ agentId: string; text: string; minutesAgo: number }>;
  /** Tags an admin created besides the fixture's. */
  tags?: Tag[];
}

/**
 * The test fixture's workspace with one conversation (`cnv_story`) assigned to Ana Pérez, whose
 * customer has everything collected: what the customer panel, notes and tag picker show.
 */
export function customerWorkspace(options: CustomerWorkspaceOptions = {}, now = Date.now()): FixtureWorkspace {
  const ws = fixtureWorkspace(now);
  ws.tags.push(...(options.tags ?? []));
  const messages = spaced(
    [
      { author: 'customer', text: 'Hola, quiero actualizar mis datos' },
      { author: 'agent', agentId: 'agt_ana', text: 'Claro, ¿qué dato cambiamos?' },
    ],
    2,
    5,
  );
  addConversation(ws, { id: CUSTOMER_CONVERSATION, assigneeId: 'agt_ana', customer: COLLECTED_CUSTOMER, messages: withNotes(messages, options.notes ?? []), ...options.conversation });
  return ws;
}

export { HOUR, MINUTE };
