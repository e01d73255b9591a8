// Generates the demo workspace as plain domain objects: deterministic for a given seed, with times relative to `now`.
import {
  DEFAULT_SETTINGS,
  type Agent,
  type AttributeDefinition,
  type AttributeValue,
  type Channel,
  type Conversation,
  type Customer,
  type Group,
  type Message,
  type MessageAuthor,
  type MessageKind,
  type QuickReply,
  type ReadState,
  type SystemEvent,
  type Tag,
  type Template,
  type WorkspaceSettings,
} from '../../src/contract/index.js';
import { BOT_TEXT, type BotStep } from '../services/bot.js';
import { parcelPhoto, receiptScreenshot, simplePdf } from './files.js';
import {
  CHANNEL_WEIGHTS,
  CITIES,
  COMPANIES,
  FIRST_NAMES,
  LAST_NAMES,
  SCRIPTS,
  SHORT_OPENERS,
  WEEKDAYS,
  type Script,
  type Turn,
} from './demo-scripts.js';

export const DEMO_PASSWORD = 'demo1234';

export interface DemoAgent {
  agent: Agent;
  password: string;
}

/** How a customer is addressed on a channel (the `from` of the simulated channel). */
export interface DemoIdentity {
  customerId: string;
  channel: Channel;
  address: string;
}

export interface DemoFile {
  attachmentId: string;
  messageId: string;
  conversationId: string;
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface DemoReadState {
  agentId: string;
  readState: ReadState;
}

export interface DemoData {
  settings: WorkspaceSettings;
  groups: Group[];
  agents: DemoAgent[];
  tags: Tag[];
  templates: Template[];
  quickReplies: QuickReply[];
  attributeDefinitions: AttributeDefinition[];
  customers: Customer[];
  identities: DemoIdentity[];
  conversations: Conversation[];
  /** Sorted by `seq`. Attachment URLs are empty: the server signs them when it serves a message. */
  messages: Message[];
  files: DemoFile[];
  readStates: DemoReadState[];
  /** What the bot is waiting for in conversations still at the bot stage. */
  botSteps: Record<string, BotStep>;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const AUTO_CLOSE_HOURS = 48;

/** mulberry32: a small, good-enough PRNG so the same seed gives the same workspace. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chance = (p: number): boolean => next() < p;
  /** Skewed towards `min`: most waits are short, a few are long. */
  const skewed = (min: number, max: number): number => min + (max - min) * next() ** 2.2;
  const weighted = <T>(entries: readonly (readonly [T, number])[]): T => {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1]![0];
  };
  return { next, int, pick, chance, skewed, weighted };
}

type Rng = ReturnType<typeof prng>;

const GROUPS: Group[] = [
  { id: 'grp_ventas', name: 'Ventas' },
  { id: 'grp_soporte', name: 'Soporte' },
];
const GROUP_OF = { ventas: 'grp_ventas', soporte: 'grp_soporte' } as const;

function demoAgents(now: string): DemoAgent[] {
  const agent = (id: string, name: string, email: string, role: Agent['role'], groupIds: string[]): DemoAgent => ({
    agent: { id, name, email, role, groupIds, status: 'offline', lastSeenAt: now, version: 1 },
    password: DEMO_PASSWORD,
  });
  return [
    agent('agt_valentina', 'Valentina Ríos', 'admin@demo.ow', 'admin', []),
    agent('agt_sofia', 'Sofía Martínez', 'sofia@demo.ow', 'agent', ['grp_ventas']),
    agent('agt_lucas', 'Lucas Fernández', 'lucas@demo.ow', 'agent', ['grp_ventas']),
    agent('agt_mateo', 'Mateo González', 'mateo@demo.ow', 'agent', ['grp_soporte']),
    agent('agt_camila', 'Camila Herrera', 'camila@demo.ow', 'agent', ['grp_soporte']),
  ];
}

const TAGS: Tag[] = [
  { id: 'tag_vip', name: 'VIP', color: '#d97706' },
  { id: 'tag_reclamo', name: 'Reclamo', color: '#dc2626' },
  { id: 'tag_venta', name: 'Venta', color: '#16a34a' },
  { id: 'tag_urgente', name: 'Urgente', color: '#9333ea' },
  { id: 'tag_seguimiento', name: 'Seguimiento', color: '#2563eb' },
];
const TAG_BY_NAME = new Map(TAGS.map((t) => [t.name, t.id]));

const TEMPLATES: Template[] = [
  { id: 'tpl_seguimiento', name: 'seguimiento', language: 'es', body: 'Hola {{1}}, ¿podemos ayudarte con algo más?', variableCount: 1 },
  {
    id: 'tpl_recordatorio_pago',
    name: 'recordatorio_pago',
    language: 'es',
    body: 'Hola {{1}}, te recordamos que tu pago de {{2}} vence mañana.',
    variableCount: 2,
  },
  {
    id: 'tpl_confirmacion_pedido',
    name: 'confirmacion_pedido',
    language: 'es',
    body: 'Hola {{1}}, tu pedido {{2}} fue confirmado y llegará el {{3}}. ¡Gracias por comprar en Andes!',
    variableCount: 3,
  },
  {
    id: 'tpl_encuesta',
    name: 'encuesta_satisfaccion',
    language: 'es',
    body: 'Hola {{1}}, ¿cómo calificarías la atención que recibiste? Responde con un número del 1 al 5.',
    variableCount: 1,
  },
];

const QUICK_REPLIES: QuickReply[] = [
  { id: 'qr_saludo', shortcut: 'saludo', text: '¡Hola! Gracias por escribirnos. ¿En qué te puedo ayudar?' },
  { id: 'qr_gracias', shortcut: 'gracias', text: 'Gracias por tu paciencia, ya reviso tu caso.' },
  { id: 'qr_horario', shortcut: 'horario', text: 'Nuestro horario es de lunes a viernes de 8:00 a 18:00 y sábados de 9:00 a 13:00.' },
  { id: 'qr_envio', shortcut: 'envio', text: 'Los envíos nacionales tardan de 2 a 5 días hábiles. Te comparto la guía apenas salga tu pedido.' },
  { id: 'qr_factura', shortcut: 'factura', text: 'La factura electrónica llega al correo registrado en las 24 horas siguientes a la compra.' },
  { id: 'qr_pago', shortcut: 'pago', text: 'Puedes pagar con tarjeta, PSE o transferencia. ¿Cuál prefieres?' },
  { id: 'qr_despedida', shortcut: 'despedida', text: 'Fue un gusto ayudarte. ¡Que tengas un excelente día! 😊' },
];

const CITY_NAMES = CITIES.map((c) => c.city);
const ATTRIBUTE_DEFINITIONS: AttributeDefinition[] = [
  { key: 'documento', label: 'Documento', type: 'text' },
  { key: 'ciudad', label: 'Ciudad', type: 'select', options: CITY_NAMES },
  { key: 'plan', label: 'Plan', type: 'select', options: ['Básico', 'Plus', 'Empresa'] },
  { key: 'fecha_nacimiento', label: 'Fecha de nacimiento', type: 'date' },
  { key: 'acepta_marketing', label: 'Acepta marketing', type: 'boolean' },
  { key: 'compras', label: 'Compras', type: 'number' },
  { key: 'telefono_alterno', label: 'Teléfono alterno', type: 'phone' },
];

function ascii(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.');
}

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
}

interface CustomerProfile {
  customer: Customer;
  first: string;
  city: (typeof CITIES)[number];
  company: string;
}

function makeCustomers(rng: Rng, count: number, nowIso: string): { profiles: CustomerProfile[]; identities: DemoIdentity[] } {
  const profiles: CustomerProfile[] = [];
  const identities: DemoIdentity[] = [];
  const usedNames = new Set<string>();
  for (let i = 0; i < count; i++) {
    let first = rng.pick(FIRST_NAMES);
    let name = `${first} ${rng.pick(LAST_NAMES)}`;
    while (usedNames.has(name)) {
      first = rng.pick(FIRST_NAMES);
      name = `${first} ${rng.pick(LAST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    }
    usedNames.add(name);
    const city = rng.pick(CITIES);
    const id = `cus_demo_${String(i + 1).padStart(4, '0')}`;
    const phone = (city.prefix + digits(rng, city.digits)).replace(/ /g, '');
    const handle = ascii(name);
    const email = `${handle}${rng.chance(0.4) ? rng.int(1, 99) : ''}@${rng.pick(['gmail.com', 'hotmail.com', 'outlook.com', 'yahoo.com'])}`;
    const compras = rng.weighted([
      [0, 2],
      [rng.int(1, 6), 5],
      [rng.int(7, 30), 2],
    ] as const);
    const attributes: Record<string, AttributeValue> = { ciudad: city.city, compras };
    if (rng.chance(0.7)) attributes.documento = rng.chance(0.8) ? `${rng.int(10, 99)}.${digits(rng, 3)}.${digits(rng, 3)}` : `${digits(rng, 8)}-${rng.int(0, 9)}`;
    if (rng.chance(0.6)) attributes.plan = rng.pick(['Básico', 'Plus', 'Empresa']);
    if (rng.chance(0.5)) attributes.fecha_nacimiento = `${rng.int(1965, 2004)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    if (rng.chance(0.8)) attributes.acepta_marketing = rng.chance(0.6);
    profiles.push({
      customer: { id, name, phone, email, attributes, version: 1, createdAt: nowIso, updatedAt: nowIso, updatedBy: null },
      first,
      city,
      company: rng.pick(COMPANIES),
    });
    identities.push(
      { customerId: id, channel: 'whatsapp', address: phone },
      { customerId: id, channel: 'instagram', address: `@${handle.replace(/\./g, '_')}` },
      { customerId: id, channel: 'facebook', address: `fb.${handle}` },
      { customerId: id, channel: 'web', address: email },
    );
  }
  return { profiles, identities };
}

type Plan = 'closed' | 'assigned' | 'queued' | 'bot' | 'outbound';

interface ConversationSpec {
  id: string;
  plan: Plan;
  profile: CustomerProfile;
  channel: Channel;
  script: Script;
  assigneeId: string | null;
  closedHow: 'manual' | 'automatic' | null;
  /** Closed conversations: absolute start. Active ones are laid out from 0 and shifted to end at `endAt`. */
  startAt: number;
  endAt: number;
}

interface Draft {
  author: MessageAuthor;
  kind: MessageKind;
  text: string;
  at: number;
  agentId: string | null;
  event?: SystemEvent;
  templateId?: string;
  file?: Turn['file'];
}

const GROUP_LABEL = { ventas: 'Ventas', soporte: 'Soporte' } as const;

/** What customers write while they wait in the queue. */
const WAITING_NUDGES = ['¿Hay alguien ahí?', 'Sigo esperando, por favor 🙏', 'Hola?? necesito ayuda', 'Quedo atenta, gracias', '¿Me pueden ayudar hoy?', 'Buenas, ¿alguna novedad?'];

/** The live bot's own lines, so seeded history reads like conversations the bot had. */
function botLines(name: string, group: 'ventas' | 'soporte') {
  return {
    askName: BOT_TEXT.greeting,
    askEmail: BOT_TEXT.askEmail(name),
    askGroup: BOT_TEXT.menu(GROUPS),
    welcomeBack: BOT_TEXT.welcomeBack(name),
    queued: BOT_TEXT.queued(GROUP_LABEL[group]),
  };
}

function lastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return i;
  return -1;
}

function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (m, key: string) => vars[key] ?? m);
}

function money(rng: Rng, city: string): string {
  const amount = rng.int(3, 60) * 10;
  if (city === 'Lima') return `S/ ${amount}`;
  if (city === 'Ciudad de México') return `$${(amount * 10).toLocaleString('es-MX')} MXN`;
  if (city === 'Santiago') return `$${(amount * 1000).toLocaleString('es-CL')} CLP`;
  if (city === 'Buenos Aires') return `$${(amount * 1000).toLocaleString('es-AR')} ARS`;
  return `$${(amount * 1000).toLocaleString('es-CO')} COP`;
}

/** Lays out one conversation's messages in time, starting at 0; the caller shifts them. */
function layout(rng: Rng, spec: ConversationSpec, knownCustomer: boolean, agentsByGroup: Record<string, string[]>): Draft[] {
  const { profile, script } = spec;
  const vars: Record<string, string> = {
    first: profile.first,
    email: profile.customer.email ?? '',
    city: profile.city.city,
    barrio: rng.pick(profile.city.barrios),
    order: `#A-${rng.int(40000, 99999)}`,
    guide: `${rng.pick(['SRV', 'ENV', 'TCC'])}${digits(rng, 9)}`,
    ticket: String(rng.int(10000, 99999)),
    amount: money(rng, profile.city.city),
    nit: `${rng.int(100, 999)}.${rng.int(100, 999)}`,
    company: profile.company,
    weekday: rng.pick(WEEKDAYS),
  };
  const drafts: Draft[] = [];
  let t = 0;
  const add = (d: Omit<Draft, 'at'>, gap: number) => {
    t += Math.round(gap);
    drafts.push({ ...d, at: t });
  };
  const customerGap = () => rng.skewed(40_000, 90 * MIN);
  const agentGap = () => rng.skewed(50_000, 14 * MIN);
  const botGap = () => rng.int(2_000, 9_000);
  const groupKey = script.group;
  const groupId = GROUP_OF[groupKey];
  const bot = botLines(profile.customer.name, groupKey);
  const assignee = spec.assigneeId;

  if (spec.plan === 'outbound') return outboundLayout(rng, spec, vars);

  const opener = spec.plan === 'bot' || (spec.plan === 'queued' && rng.chance(0.4)) ? rng.pick(SHORT_OPENERS.filter((o) => o.group === groupKey)).text : script.turns[0]!.text;
  add({ author: 'customer', kind: 'text', text: fill(opener, vars), agentId: null }, 0);

  // The bot collects name and e-mail from customers it does not know yet, then asks for the area.
  const botSteps: Omit<Draft, 'at'>[][] = knownCustomer
    ? [[{ author: 'bot', kind: 'text', text: bot.welcomeBack, agentId: null }, { author: 'bot', kind: 'text', text: bot.askGroup, agentId: null }]]
    : [
        [{ author: 'bot', kind: 'text', text: bot.askName, agentId: null }],
        [{ author: 'customer', kind: 'text', text: profile.customer.name, agentId: null }, { author: 'bot', kind: 'text', text: bot.askEmail, agentId: null }],
        [{ author: 'customer', kind: 'text', text: profile.customer.email ?? '', agentId: null }, { author: 'bot', kind: 'text', text: bot.askGroup, agentId: null }],
      ];
  const finish: Omit<Draft, 'at'>[] = [
    { author: 'customer', kind: 'text', text: groupKey === 'ventas' ? '1' : '2', agentId: null },
    { author: 'bot', kind: 'text', text: bot.queued, agentId: null },
    { author: 'system', kind: 'event', text: '', agentId: null, event: { type: 'queued', byAgentId: null, toGroupId: groupId } },
  ];
  const abandoned = spec.plan === 'bot' || (spec.plan === 'closed' && spec.assigneeId === null);
  const stepsDone = abandoned ? rng.int(1, botSteps.length) : botSteps.length;
  for (const step of botSteps.slice(0, stepsDone)) {
    for (const d of step) add(d, d.author === 'bot' ? botGap() : rng.int(8_000, 120_000));
  }
  if (abandoned) {
    if (spec.plan === 'closed') closeDrafts(rng, spec, add);
    return drafts;
  }
  for (const d of finish) add(d, d.author === 'customer' ? rng.int(5_000, 40_000) : botGap());

  // Customer lines that directly follow the opener are written while waiting in the queue.
  let next = 1;
  while (next < script.turns.length && script.turns[next]!.who === 'c') {
    const turn = script.turns[next]!;
    add(customerDraft(turn, vars), rng.int(20_000, 4 * MIN));
    next++;
  }
  if (spec.plan === 'queued') {
    if (rng.chance(0.5)) add({ author: 'customer', kind: 'text', text: rng.pick(WAITING_NUDGES), agentId: null }, rng.skewed(4 * MIN, 3 * HOUR));
    return drafts;
  }

  add({ author: 'system', kind: 'event', text: '', agentId: null, event: { type: 'assigned', byAgentId: assignee, toAgentId: assignee } }, rng.skewed(MIN, 45 * MIN));
  const end = spec.plan === 'closed' ? script.turns.length : rng.int(next + 1, script.turns.length);
  const colleagues = agentsByGroup[groupId] ?? [];
  for (let i = next; i < end; i++) {
    const turn = script.turns[i]!;
    if (turn.who === 'c') add(customerDraft(turn, vars), customerGap());
    else if (turn.who === 'a') add({ author: 'agent', kind: turn.file ? 'file' : 'text', text: fill(turn.text, vars), agentId: assignee, file: turn.file }, agentGap());
    else add({ author: 'agent', kind: 'note', text: fill(turn.text, vars), agentId: rng.chance(0.8) ? assignee : rng.pick(colleagues) }, rng.int(20_000, 3 * MIN));
  }
  if (spec.plan === 'closed') closeDrafts(rng, spec, add);
  return drafts;
}

function customerDraft(turn: Turn, vars: Record<string, string>): Omit<Draft, 'at'> {
  const kind: MessageKind = turn.file === 'photo' || turn.file === 'receipt' ? 'image' : turn.file ? 'file' : 'text';
  return { author: 'customer', kind, text: fill(turn.text, vars), agentId: null, file: turn.file };
}

function closeDrafts(rng: Rng, spec: ConversationSpec, add: (d: Omit<Draft, 'at'>, gap: number) => void): void {
  if (spec.closedHow === 'manual') {
    add({ author: 'system', kind: 'event', text: '', agentId: null, event: { type: 'closed', byAgentId: spec.assigneeId, closedHow: 'manual' } }, rng.int(MIN, 20 * MIN));
    return;
  }
  add({ author: 'system', kind: 'event', text: '', agentId: null, event: { type: 'closed', byAgentId: null, closedHow: 'automatic' } }, AUTO_CLOSE_HOURS * HOUR);
}

function outboundLayout(rng: Rng, spec: ConversationSpec, vars: Record<string, string>): Draft[] {
  const template = rng.pick(TEMPLATES.slice(0, 3));
  const values = [vars.first!, template.id === 'tpl_recordatorio_pago' ? vars.amount! : vars.order!, vars.weekday!];
  const text = template.body.replace(/\{\{(\d)\}\}/g, (_, n: string) => values[Number(n) - 1] ?? '');
  const drafts: Draft[] = [{ author: 'agent', kind: 'text', text, at: 0, agentId: spec.assigneeId, templateId: template.id }];
  if (rng.chance(0.5)) return drafts;
  const replies: Record<string, [string, string]> = {
    tpl_seguimiento: ['Sí, quería saber si ya tienen el modelo nuevo en tienda', `Hola ${vars.first}. Sí, llegó esta semana a la tienda de ${vars.city}. ¿Quieres que te lo aparte?`],
    tpl_recordatorio_pago: ['Gracias por el recordatorio, ya pagué por PSE', `¡Perfecto, ${vars.first}! Ya vemos el pago reflejado. Que tengas buen día.`],
    tpl_confirmacion_pedido: ['Genial! ¿Me avisan cuando salga?', 'Claro que sí, te escribimos con el número de guía apenas despache.'],
  };
  const [customer, agent] = replies[template.id]!;
  drafts.push({ author: 'customer', kind: 'text', text: customer, at: rng.int(10 * MIN, 5 * HOUR), agentId: null });
  if (rng.chance(0.6)) drafts.push({ author: 'agent', kind: 'text', text: agent, at: drafts[1]!.at + rng.int(2 * MIN, 20 * MIN), agentId: spec.assigneeId });
  return drafts;
}

function makeFile(rng: Rng, kind: NonNullable<Turn['file']>, vars: { name: string; order: string }): { name: string; contentType: string; bytes: Uint8Array } {
  switch (kind) {
    case 'photo':
      return { name: `IMG_${rng.int(1000, 9999)}.png`, contentType: 'image/png', bytes: parcelPhoto(rng.pick([[37, 99, 235], [217, 119, 6], [22, 163, 74], [190, 24, 93]] as const)) };
    case 'receipt':
      return { name: `comprobante_${rng.int(100000, 999999)}.png`, contentType: 'image/png', bytes: receiptScreenshot() };
    case 'invoice': {
      const number = `FE-${rng.int(10000, 99999)}`;
      return {
        name: `factura-${number}.pdf`,
        contentType: 'application/pdf',
        bytes: simplePdf(`Andes S.A.S. · Factura electrónica ${number}`, [`Cliente: ${vars.name}`, `Pedido: ${vars.order}`, 'Forma de pago: PSE', 'Gracias por su compra.']),
      };
    }
    case 'guide':
      return {
        name: `guia-recoleccion-${rng.int(1000, 9999)}.pdf`,
        contentType: 'application/pdf',
        bytes: simplePdf('Guía de recolección', [`Remitente: ${vars.name}`, 'Franja: 8:00 a 12:00', 'Entregue el producto en su caja original.']),
      };
  }
}

export interface DemoOptions {
  /** Seed of the pseudo-random generator. */
  seed?: number;
  conversations?: number;
}

export function generateDemoData(now: number, options: DemoOptions = {}): DemoData {
  const rng = prng(options.seed ?? 20261125);
  const total = options.conversations ?? 300;
  const nowIso = new Date(now).toISOString();
  const settings: WorkspaceSettings = { ...DEFAULT_SETTINGS, autoCloseHours: AUTO_CLOSE_HOURS, maxUploadBytes: { ...DEFAULT_SETTINGS.maxUploadBytes } };
  const agents = demoAgents(nowIso);
  const agentsByGroup: Record<string, string[]> = {};
  for (const { agent } of agents) for (const g of agent.groupIds) (agentsByGroup[g] ??= []).push(agent.id);

  const plans: Plan[] = [];
  const share: [Plan, number][] = [
    ['closed', 0.37],
    ['assigned', 0.28],
    ['queued', 0.16],
    ['bot', 0.08],
    ['outbound', 0.11],
  ];
  for (const [plan, fraction] of share) for (let i = 0; i < Math.round(total * fraction); i++) plans.push(plan);
  while (plans.length < total) plans.push('assigned');
  plans.length = total;

  const activeCount = plans.filter((p) => p !== 'closed').length;
  const customerCount = Math.max(activeCount + Math.ceil((total - activeCount) * 0.45), 1);
  const { profiles, identities } = makeCustomers(rng, customerCount, nowIso);

  // Each customer has at most one active conversation; closed ones go partly to returning customers.
  const specs: ConversationSpec[] = [];
  let nextFresh = 0;
  plans.forEach((plan, i) => {
    const profile = plan === 'closed' && (nextFresh >= customerCount || rng.chance(0.55)) ? rng.pick(profiles.slice(0, Math.max(1, nextFresh))) : profiles[nextFresh++ % customerCount]!;
    const script = rng.pick(SCRIPTS);
    const channel: Channel = plan === 'outbound' ? 'whatsapp' : rng.weighted(CHANNEL_WEIGHTS);
    const groupId = GROUP_OF[script.group];
    const abandonedBot = plan === 'closed' && rng.chance(0.08);
    const assigneeId = plan === 'assigned' || plan === 'outbound' || (plan === 'closed' && !abandonedBot) ? rng.pick(agentsByGroup[groupId]!) : null;
    const closedHow = plan !== 'closed' ? null : abandonedBot || rng.chance(0.3) ? 'automatic' : 'manual';
    let endAt = now;
    let startAt = 0;
    if (plan === 'closed') startAt = now - rng.int(2 * DAY + 6 * HOUR, 14 * DAY);
    else if (plan === 'bot') endAt = now - rng.skewed(MIN, 3 * HOUR);
    else if (plan === 'queued') endAt = now - rng.skewed(2 * MIN, 30 * HOUR);
    else if (plan === 'assigned') endAt = now - rng.skewed(3 * MIN, 40 * HOUR);
    else endAt = now - rng.int(30 * MIN, 40 * HOUR);
    specs.push({ id: `cnv_demo_${String(i + 1).padStart(4, '0')}`, plan, profile, channel, script, assigneeId, closedHow, startAt, endAt });
  });

  interface Built {
    spec: ConversationSpec;
    drafts: Draft[];
  }
  const built: Built[] = specs.map((spec) => {
    const drafts = layout(rng, spec, false, agentsByGroup);
    return { spec, drafts };
  });
  // A customer the bot met before is greeted back instead of asked again: re-lay out later conversations of the same customer.
  const timeOf = (b: Built) => (b.spec.plan === 'closed' ? b.spec.startAt : b.spec.endAt - b.drafts[b.drafts.length - 1]!.at);
  const chronological = [...built].sort((a, b) => timeOf(a) - timeOf(b));
  const seen = new Set<string>();
  for (const b of chronological) {
    const cid = b.spec.profile.customer.id;
    if (seen.has(cid) && b.spec.plan !== 'outbound') b.drafts = layout(rng, b.spec, true, agentsByGroup);
    seen.add(cid);
  }

  const conversations: Conversation[] = [];
  const messages: Message[] = [];
  const files: DemoFile[] = [];
  const readStates: DemoReadState[] = [];
  const botSteps: Record<string, BotStep> = {};
  let messageNo = 0;
  let fileNo = 0;
  for (const { spec, drafts } of built) {
    const span = drafts[drafts.length - 1]!.at;
    // Closed conversations keep their start unless that would put the close in the future.
    const offset = spec.plan === 'closed' ? Math.min(spec.startAt, now - 20 * MIN - span) : spec.endAt - span;
    const iso = (d: Draft) => new Date(offset + d.at).toISOString();
    const convMessages: Message[] = drafts.map((d) => {
      const id = `msg_demo_${String(++messageNo).padStart(6, '0')}`;
      const message: Message = {
        id,
        conversationId: spec.id,
        author: d.author,
        agentId: d.agentId,
        kind: d.kind,
        text: d.text,
        attachments: [],
        clientId: d.author === 'agent' ? `seed${String(messageNo).padStart(8, '0')}` : null,
        status: d.author === 'customer' ? 'delivered' : d.author === 'system' ? 'sent' : 'read',
        createdAt: iso(d),
        seq: 0,
        version: 1,
      };
      if (d.event) message.event = d.event;
      if (d.templateId) message.templateId = d.templateId;
      if (d.file) {
        const f = makeFile(rng, d.file, { name: spec.profile.customer.name, order: `#A-${rng.int(40000, 99999)}` });
        const attachmentId = `att_demo_${String(++fileNo).padStart(4, '0')}`;
        files.push({ attachmentId, messageId: id, conversationId: spec.id, ...f });
        message.attachments = [{ id: attachmentId, name: f.name, contentType: f.contentType, size: f.bytes.length, url: '' }];
      }
      return message;
    });
    // Agent and bot messages the customer has not answered yet are delivered, the newest sometimes only sent.
    const lastCustomer = lastIndex(convMessages, (m) => m.author === 'customer');
    convMessages.forEach((m, i) => {
      if ((m.author === 'agent' || m.author === 'bot') && m.kind !== 'note' && i > lastCustomer && spec.plan !== 'closed') {
        m.status = rng.chance(0.3) ? 'sent' : rng.chance(0.5) ? 'delivered' : 'read';
      }
    });
    messages.push(...convMessages);
    if (spec.plan === 'bot') {
      const lastBot = convMessages[lastIndex(convMessages, (m) => m.author === 'bot')]?.text;
      botSteps[spec.id] = lastBot === BOT_TEXT.greeting ? 'ask_name' : lastBot?.startsWith('Gracias,') ? 'ask_email' : 'ask_group';
    }
    conversations.push(summarize(rng, spec, convMessages));
    readStates.push(...readStatesFor(rng, spec, conversations[conversations.length - 1]!, convMessages, agents));
  }

  messages.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
  messages.forEach((m, i) => (m.seq = i + 1));

  // Customers exist since their first conversation; the bot has not yet collected name and e-mail of those still in the middle of it.
  const firstSeen = new Map<string, string>();
  for (const c of conversations) {
    const prev = firstSeen.get(c.customerId);
    if (!prev || c.createdAt < prev) firstSeen.set(c.customerId, c.createdAt);
  }
  // Only customers the bot has not yet asked for the e-mail (or not had it answered) lack it.
  const botOnly = new Set(specs.filter((s) => s.plan === 'bot' && botSteps[s.id] !== 'ask_group').map((s) => s.profile.customer.id));
  const hasOther = new Set(specs.filter((s) => s.plan !== 'bot').map((s) => s.profile.customer.id));
  const customers = profiles
    .filter((p) => firstSeen.has(p.customer.id))
    .map((p) => {
      const created = firstSeen.get(p.customer.id)!;
      const c: Customer = { ...p.customer, createdAt: created, updatedAt: created };
      if (botOnly.has(c.id) && !hasOther.has(c.id)) {
        c.email = null;
        c.attributes = {};
      }
      return c;
    });
  const customerIds = new Set(customers.map((c) => c.id));

  return {
    settings,
    groups: GROUPS.map((g) => ({ ...g })),
    agents,
    tags: TAGS.map((t) => ({ ...t })),
    templates: TEMPLATES.map((t) => ({ ...t })),
    quickReplies: QUICK_REPLIES.map((q) => ({ ...q })),
    attributeDefinitions: ATTRIBUTE_DEFINITIONS.map((d) => ({ ...d, options: d.options ? [...d.options] : undefined })),
    customers,
    identities: identities.filter((i) => customerIds.has(i.customerId)),
    conversations,
    messages,
    files,
    readStates,
    botSteps,
  };
}

function summarize(rng: Rng, spec: ConversationSpec, msgs: Message[]): Conversation {
  const talk = msgs.filter((m) => m.kind !== 'note' && m.kind !== 'event');
  const fromCustomer = talk.filter((m) => m.author === 'customer');
  const lastAgent = lastIndex(talk, (m) => m.author === 'agent');
  const unanswered = talk.slice(lastAgent + 1).find((m) => m.author === 'customer');
  const assigned = msgs.find((m) => m.event?.type === 'assigned');
  const closed = msgs.find((m) => m.event?.type === 'closed');
  const last = talk[talk.length - 1] ?? msgs[0]!;
  const groupId = spec.plan === 'bot' || (spec.plan === 'closed' && spec.assigneeId === null) ? null : GROUP_OF[spec.script.group];
  const stage = spec.assigneeId ? 'assigned' : groupId ? 'queued' : 'bot';
  const tagIds: string[] = [];
  if (spec.plan !== 'bot' && spec.plan !== 'queued' && rng.chance(0.55)) {
    for (const name of spec.script.tags) if (rng.chance(0.75)) tagIds.push(TAG_BY_NAME.get(name)!);
  }
  if (spec.plan === 'queued' && spec.script.tags.includes('Urgente') && rng.chance(0.5)) tagIds.push('tag_urgente');
  const compras = spec.profile.customer.attributes.compras;
  if (typeof compras === 'number' && compras >= 12 && !tagIds.includes('tag_vip') && spec.plan !== 'bot') tagIds.push('tag_vip');
  return {
    id: spec.id,
    customerId: spec.profile.customer.id,
    channel: spec.channel,
    stage,
    status: closed ? 'closed' : 'active',
    outbound: spec.plan === 'outbound',
    groupId,
    assigneeId: spec.assigneeId,
    tagIds,
    createdAt: msgs[0]!.createdAt,
    lastActivityAt: last.createdAt,
    lastCustomerMessageAt: fromCustomer[fromCustomer.length - 1]?.createdAt ?? null,
    waitingSince: closed ? null : (unanswered?.createdAt ?? null),
    assignedAt: assigned?.createdAt ?? (spec.plan === 'outbound' ? msgs[0]!.createdAt : null),
    closedAt: closed?.createdAt ?? null,
    closedHow: closed?.event?.closedHow ?? null,
    customerMessageCount: fromCustomer.length,
    lastMessage: { author: last.author, kind: last.kind, text: last.text, createdAt: last.createdAt },
    version: 1,
  };
}

/** Who has read what: closed and answered conversations are read; new customer messages are unread for the agents who may see them. */
function readStatesFor(rng: Rng, spec: ConversationSpec, conversation: Conversation, msgs: Message[], agents: DemoAgent[]): DemoReadState[] {
  const out: DemoReadState[] = [];
  const total = conversation.customerMessageCount;
  const trailing = (() => {
    let n = 0;
    for (let i = msgs.length - 1; i >= 0; i--) {
      const m = msgs[i]!;
      if (m.author === 'customer') n++;
      else if (m.author === 'agent' && m.kind !== 'note') break;
    }
    return n;
  })();
  for (const { agent } of agents) {
    const sees = agent.role === 'admin' || conversation.groupId === null || agent.groupIds.includes(conversation.groupId ?? '') || conversation.assigneeId === agent.id;
    if (!sees) continue;
    let readCount = total;
    let markedUnread = false;
    if (spec.plan === 'queued' || spec.plan === 'bot') readCount = rng.chance(0.2) ? total : 0;
    else if (spec.plan !== 'closed') {
      if (conversation.assigneeId === agent.id) {
        readCount = rng.chance(0.6) ? total - trailing : total;
        markedUnread = trailing === 0 && rng.chance(0.06);
      } else readCount = rng.chance(0.5) ? total : Math.max(0, total - trailing);
    }
    if (readCount === 0 && !markedUnread) continue;
    out.push({
      agentId: agent.id,
      readState: {
        conversationId: conversation.id,
        readCount,
        markedUnread,
        markedUnreadAt: markedUnread ? conversation.lastActivityAt : null,
        version: 1,
      },
    });
  }
  return out;
}
