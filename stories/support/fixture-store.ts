// A real OwStore and OwClient for stories and benches, without a server: the client's `fetch`
// answers from an in-memory fixture workspace using the same rules as the reference server
// (trays, status, search, sort, cursors, group visibility), and the event stream is fed with
// recorded events. Writes that matter on screen (send, read/unread, assign, close, transfer,
// tags, customer save with its version check, status) change the fixture and emit their events;
// another agent's work can be played over the live stream.
import {
  canSee,
  compareKeys,
  createStore,
  decodeCursor,
  emptyCounts,
  encodeCursor,
  inStatus,
  inTray,
  matchesSearch,
  MemoryStorage,
  messagingWindow,
  OwClient,
  sortKey,
  TRAYS,
  type Agent,
  type BootstrapResponse,
  type Conversation,
  type ConversationPage,
  type Customer,
  type ErrorBody,
  type Message,
  type OwEvent,
  type OwEventPayload,
  type OwStore,
  type ReadState,
  type SortOrder,
  type Tag,
  type StatusFilter,
  type Tray,
  type TrayCounts,
} from '../../src/client/index.js';
import { outboxKey } from '../../src/client/store/outbox.js';
import type { OutboxEntry } from '../../src/client/store-types.js';
import { fixtureWorkspace, generateConversations, type FixtureWorkspace } from './fixture-data.js';

export type FixtureNetwork =
  /** Answers at once. */
  | 'ok'
  /** Reads never answer: elements stay in their loading state. */
  | 'loading'
  /** Reads answer 500 with a reason. */
  | 'error'
  /** Every request fails as a dropped connection. */
  | 'offline';

export interface FixtureStoreOptions {
  /** Data to serve; default: the test fixture workspace with `conversations` generated conversations. */
  workspace?: FixtureWorkspace;
  /** Generated conversations when no workspace is given (default 40). */
  conversations?: number;
  /** Signed-in agent (default `agt_ana`, an agent of Ventas). */
  me?: string;
  network?: FixtureNetwork;
  /** Delay of every answer, in ms (default 0). */
  latencyMs?: number;
  /**
   * `page` (default): the store loads like in production (bootstrap, first inbox page over the API).
   * `all`: additionally every conversation the agent may see is applied as recorded events.
   */
  preload?: 'page' | 'all';
  /** Recorded events streamed after start, in order (ids are assigned). */
  events?: OwEventPayload[];
  /** Start the store (default true). */
  start?: boolean;
  /**
   * Reads that never answer while everything else does: `messages` (a conversation's message
   * pages) or `conversation` (a conversation's detail and its messages).
   */
  hang?: FixtureHang;
  /** Outbox entries restored as failed, as after a reload following a failed send. */
  failed?: FailedSend[];
  /** The next customer save meets these changes, saved by another agent just before (a 409 conflict). */
  concurrentSave?: CustomerChanges;
}

export type FixtureHang = 'messages' | 'conversation';

export interface FailedSend {
  conversationId: string;
  kind?: OutboxEntry['kind'];
  text: string;
  error: string;
  /** Default 3. */
  attempts?: number;
}

export type CustomerChanges = Partial<Pick<Customer, 'name' | 'email' | 'phone'>> & { attributes?: Customer['attributes'] };

export interface FixtureStore {
  store: OwStore;
  client: OwClient;
  backend: FixtureBackend;
  workspace: FixtureWorkspace;
}

const BASE_URL = 'https://fixture.invalid';
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const fail = (status: number, error: ErrorBody['error'], reason: string, extra: Partial<ErrorBody> = {}) => json(status, { error, reason, ...extra });
const encoder = new TextEncoder();

/** The fixture's side of the API, reached through `fetch`. */
export class FixtureBackend {
  readonly events: OwEvent[] = [];
  private lastId = 0;
  private readonly streams = new Set<ReadableStreamDefaultController<Uint8Array>>();
  private byClientId = new Map<string, Message>();
  network: FixtureNetwork;
  latencyMs: number;
  hang: FixtureHang | undefined;
  /** Changes another agent saves right before the next customer save arrives. */
  concurrentSave: CustomerChanges | undefined;

  constructor(
    readonly ws: FixtureWorkspace,
    readonly meId: string,
    options: { network?: FixtureNetwork; latencyMs?: number; hang?: FixtureHang; concurrentSave?: CustomerChanges } = {},
  ) {
    if (!ws.agents.some((a) => a.id === meId)) throw new Error(`no agent ${meId} in the fixture`);
    this.network = options.network ?? 'ok';
    this.latencyMs = options.latencyMs ?? 0;
    this.hang = options.hang;
    this.concurrentSave = options.concurrentSave;
  }

  get me(): Agent {
    return this.ws.agents.find((a) => a.id === this.meId)!;
  }

  readonly fetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input, BASE_URL);
    const method = (init.method ?? 'GET').toUpperCase();
    if (this.network === 'offline') throw new TypeError('Failed to fetch');
    if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));
    if (url.pathname === '/api/events') return this.openStream(url, init);
    if (method === 'GET' && this.network === 'loading') return new Promise<Response>(() => {});
    if (method === 'GET' && this.network === 'error') return fail(500, 'internal', 'The fixture server is failing on purpose');
    if (method === 'GET' && this.hangs(url.pathname)) return new Promise<Response>(() => {});
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    return this.route(method, url, body);
  };

  /** Records an event with the next id and streams it to every open event stream. */
  emit(payload: OwEventPayload): OwEvent {
    const event = { ...payload, id: this.nextEventId(), at: new Date().toISOString() } as OwEvent;
    this.events.push(event);
    const chunk = encoder.encode(`id: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`);
    for (const controller of this.streams) controller.enqueue(chunk);
    return event;
  }

  /**
   * Saves the customer as anyone would (the agent's own PATCH, or another agent's save played live); every open stream
   * receives `customer.updated`. `by` is who saved: by default another agent than the one signed in.
   */
  saveCustomer(customerId: string, changes: CustomerChanges, by: string | null = this.ws.agents.find((a) => a.id !== this.meId)?.id ?? null): Customer {
    const customer = this.ws.customers.get(customerId);
    if (!customer) throw new Error(`no customer ${customerId} in the fixture`);
    const next: Customer = {
      ...customer,
      ...changes,
      attributes: { ...customer.attributes, ...(changes.attributes ?? {}) },
      version: customer.version + 1,
      updatedAt: new Date().toISOString(),
      updatedBy: by,
    };
    this.ws.customers.set(customerId, next);
    this.emit({ type: 'customer.updated', customer: next });
    return next;
  }

  private hangs(pathname: string): boolean {
    if (!this.hang) return false;
    const [api, resource, id, action] = pathname.split('/').filter(Boolean);
    if (api !== 'api' || resource !== 'conversations' || !id || id === 'counts') return false;
    return action === 'messages' || (this.hang === 'conversation' && !action);
  }

  /** Ids are shared by streamed events and events applied to a store directly, so none is skipped. */
  nextEventId(): number {
    return ++this.lastId;
  }

  private visible(conversation: Conversation | undefined): conversation is Conversation {
    return !!conversation && canSee(this.me, conversation);
  }

  private readState(conversationId: string): ReadState {
    let states = this.ws.readStates.get(this.meId);
    if (!states) this.ws.readStates.set(this.meId, (states = new Map()));
    let state = states.get(conversationId);
    if (!state) states.set(conversationId, (state = { conversationId, readCount: 0, markedUnread: false, markedUnreadAt: null, version: 1 }));
    return state;
  }

  bootstrap(): BootstrapResponse {
    const { ws } = this;
    return {
      me: this.me,
      agents: ws.agents,
      groups: ws.groups,
      tags: ws.tags,
      templates: ws.templates,
      quickReplies: ws.quickReplies,
      attributeDefinitions: ws.attributeDefinitions,
      settings: ws.settings,
      lastEventId: this.lastId,
    };
  }

  private matching(status: StatusFilter, q: string, tag: string): Conversation[] {
    const out: Conversation[] = [];
    for (const conversation of this.ws.conversations.values()) {
      if (!this.visible(conversation) || !inStatus(conversation, status)) continue;
      if (tag && !conversation.tagIds.includes(tag)) continue;
      if (q.trim() && !matchesSearch(conversation, this.ws.customers.get(conversation.customerId), q)) continue;
      out.push(conversation);
    }
    return out;
  }

  counts(status: StatusFilter, q: string, tag: string): TrayCounts {
    const counts = emptyCounts();
    for (const conversation of this.matching(status, q, tag)) {
      for (const tray of TRAYS) if (inTray(conversation, tray, this.meId)) counts[tray] += 1;
    }
    return counts;
  }

  page(params: URLSearchParams): ConversationPage {
    const tray = (params.get('tray') ?? 'queued') as Tray;
    const status = (params.get('status') ?? 'active') as StatusFilter;
    const sort = (params.get('sort') ?? 'waiting') as SortOrder;
    const q = params.get('q') ?? '';
    const tag = params.get('tag') ?? '';
    const limit = Math.min(Number(params.get('limit') ?? 50), 200);
    const after = params.get('cursor') ? decodeCursor(params.get('cursor')!) : null;
    const rows = this.matching(status, q, tag)
      .filter((c) => inTray(c, tray, this.meId))
      .map((c) => ({ c, key: sortKey(c, this.readState(c.id), sort) }))
      .filter((row) => !after || compareKeys(row.key, after) > 0)
      .sort((a, b) => compareKeys(a.key, b.key));
    const slice = rows.slice(0, limit);
    const conversations = slice.map((row) => row.c);
    return {
      conversations,
      customers: conversations.map((c) => this.ws.customers.get(c.customerId)!),
      readStates: conversations.map((c) => this.readState(c.id)),
      nextCursor: rows.length > limit ? encodeCursor(slice.at(-1)!.key) : null,
      counts: this.counts(status, q, tag),
    };
  }

  private updateConversation(conversation: Conversation, changes: Partial<Conversation>): Conversation {
    const next = { ...conversation, ...changes, version: conversation.version + 1 };
    this.ws.conversations.set(next.id, next);
    this.emit({ type: 'conversation.updated', conversation: next });
    return next;
  }

  private systemMessage(conversation: Conversation, event: NonNullable<Message['event']>): void {
    this.addMessage({ conversationId: conversation.id, author: 'system', agentId: this.meId, kind: 'event', text: '', attachments: [], clientId: null, status: 'sent', event });
  }

  private addMessage(fields: Omit<Message, 'id' | 'seq' | 'createdAt' | 'version'>): Message {
    const seq = this.ws.nextSeq++;
    const message: Message = { ...fields, id: `msg_fx_${seq}`, seq, createdAt: new Date().toISOString(), version: 1 };
    const list = this.ws.messages.get(message.conversationId) ?? [];
    list.push(message);
    this.ws.messages.set(message.conversationId, list);
    this.emit({ type: 'message.created', message });
    return message;
  }

  private route(method: string, url: URL, body: Record<string, unknown>): Response {
    const path = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const { ws } = this;
    if (path[0] !== 'api') return fail(404, 'not_found', 'no such route');
    const [, resource, id, action, sub] = path;

    if (resource === 'me' && !id && method === 'GET') return json(200, this.bootstrap());
    if (resource === 'me' && id === 'status' && method === 'PUT') {
      const agent = { ...this.me, status: body.status as Agent['status'], version: this.me.version + 1 };
      ws.agents = ws.agents.map((a) => (a.id === agent.id ? agent : a));
      this.emit({ type: 'agent.updated', agent });
      return json(200, { agent });
    }
    if (method === 'GET' && !id) {
      const list: Record<string, unknown> = { tags: { tags: ws.tags }, templates: { templates: ws.templates }, 'quick-replies': { quickReplies: ws.quickReplies }, agents: { agents: ws.agents }, groups: { groups: ws.groups }, settings: { settings: ws.settings } };
      if (resource && resource in list) return json(200, list[resource]);
    }

    if (resource === 'customers' && id) {
      const customer = ws.customers.get(id);
      if (!customer) return fail(404, 'not_found', 'no such customer');
      if (method === 'GET') return json(200, { customer });
      if (method === 'PATCH') {
        const concurrent = this.concurrentSave;
        this.concurrentSave = undefined;
        const current = concurrent ? this.saveCustomer(id, concurrent) : customer;
        if (body.version !== current.version) return fail(409, 'conflict', 'the customer was changed by someone else', { current });
        const { version: _version, ...changes } = body as CustomerChanges & { version: number };
        return json(200, { customer: this.saveCustomer(id, changes, this.meId) });
      }
    }
    if (resource === 'tags' && !id && method === 'POST') {
      if (this.me.role !== 'admin') return fail(403, 'forbidden', 'only admins create tags');
      const tag: Tag = { id: `tag_fx_${ws.tags.length + 1}`, name: String(body.name), color: String(body.color) };
      ws.tags = [...ws.tags, tag];
      this.emit({ type: 'tag.updated', tag });
      return json(201, { tag });
    }

    if (resource !== 'conversations') return fail(503, 'internal', 'not available in the fixture');
    if (!id && method === 'GET') return json(200, this.page(url.searchParams));
    if (id === 'counts' && method === 'GET') {
      const p = url.searchParams;
      return json(200, this.counts((p.get('status') ?? 'active') as StatusFilter, p.get('q') ?? '', p.get('tag') ?? ''));
    }
    const conversation = ws.conversations.get(id!);
    if (!this.visible(conversation)) return fail(404, 'not_found', 'no such conversation');

    if (!action && method === 'GET') {
      return json(200, { conversation, customer: ws.customers.get(conversation.customerId), readState: this.readState(conversation.id) });
    }
    if (action === 'messages' && method === 'GET') {
      let list = ws.messages.get(conversation.id) ?? [];
      if (url.searchParams.get('kind') === 'note') list = list.filter((m) => m.kind === 'note');
      const before = url.searchParams.get('before');
      const end = before ? list.findIndex((m) => m.id === before) : list.length;
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const upto = end < 0 ? list.length : end;
      const start = Math.max(0, upto - limit);
      return json(200, { messages: list.slice(start, upto), hasMore: start > 0 });
    }
    if (action === 'messages' && method === 'POST') {
      const clientId = String(body.clientId);
      const existing = this.byClientId.get(clientId);
      if (existing) return json(200, { message: existing, conversation: ws.conversations.get(existing.conversationId), duplicate: true });
      const kind = body.kind === 'note' ? 'note' : 'text';
      if (kind === 'text' && conversation.assigneeId !== this.meId) return fail(422, 'not_assigned', 'the conversation is not assigned to you');
      let text = String(body.text ?? '');
      const template = body.templateId ? ws.templates.find((t) => t.id === body.templateId) : undefined;
      if (kind === 'text' && !template && !messagingWindow(conversation, ws.settings, Date.now()).open) {
        return fail(422, 'window_closed', 'the customer last wrote more than 24 hours ago; send a template');
      }
      if (template) text = template.body.replace(/\{\{(\d+)\}\}/g, (_m, n: string) => (body.templateVariables as string[] | undefined)?.[Number(n) - 1] ?? '');
      const message = this.addMessage({ conversationId: conversation.id, author: 'agent', agentId: this.meId, kind, text, attachments: [], clientId, status: 'sent', ...(template ? { templateId: template.id } : {}) });
      this.byClientId.set(clientId, message);
      const next =
        kind === 'note'
          ? conversation
          : this.updateConversation(conversation, { lastActivityAt: message.createdAt, waitingSince: null, lastMessage: { author: 'agent', kind, text, createdAt: message.createdAt } });
      return json(201, { message, conversation: next, duplicate: false });
    }
    if ((action === 'read' || action === 'unread') && method === 'POST') {
      const current = this.readState(conversation.id);
      const readState: ReadState =
        action === 'read'
          ? { ...current, readCount: conversation.customerMessageCount, markedUnread: false, markedUnreadAt: null, version: current.version + 1 }
          : { ...current, markedUnread: true, markedUnreadAt: new Date().toISOString(), version: current.version + 1 };
      this.ws.readStates.get(this.meId)!.set(conversation.id, readState);
      this.emit({ type: 'read.updated', readState });
      return json(200, { readState });
    }
    if (action === 'assign' && method === 'POST') {
      const next = this.updateConversation(conversation, { stage: 'assigned', assigneeId: this.meId, assignedAt: new Date().toISOString() });
      this.systemMessage(next, { type: 'assigned', byAgentId: this.meId, toAgentId: this.meId });
      return json(200, { conversation: next });
    }
    if (action === 'close' && method === 'POST') {
      const next = this.updateConversation(conversation, { status: 'closed', closedAt: new Date().toISOString(), closedHow: 'manual' });
      this.systemMessage(next, { type: 'closed', byAgentId: this.meId, closedHow: 'manual' });
      return json(200, { conversation: next });
    }
    if (action === 'transfer' && method === 'POST') {
      const changes: Partial<Conversation> =
        typeof body.agentId === 'string'
          ? { stage: 'assigned', assigneeId: body.agentId, assignedAt: new Date().toISOString() }
          : { stage: 'queued', assigneeId: null, assignedAt: null, groupId: String(body.groupId) };
      const next = this.updateConversation(conversation, changes);
      this.systemMessage(next, { type: 'transferred', byAgentId: this.meId, toAgentId: next.assigneeId, toGroupId: next.groupId });
      if (!canSee(this.me, next)) this.emit({ type: 'conversation.removed', conversationId: next.id });
      return json(200, { conversation: next });
    }
    if (action === 'tags' && sub && (method === 'PUT' || method === 'DELETE')) {
      if (!ws.tags.some((t) => t.id === sub)) return fail(404, 'not_found', 'no such tag');
      const tagIds = method === 'PUT' ? [...new Set([...conversation.tagIds, sub])] : conversation.tagIds.filter((t) => t !== sub);
      return json(200, { conversation: this.updateConversation(conversation, { tagIds }) });
    }
    return fail(503, 'internal', 'not available in the fixture');
  }

  private openStream(url: URL, init: RequestInit): Response {
    const header = new Headers(init.headers).get('Last-Event-ID') ?? url.searchParams.get('lastEventId');
    const after = Number(header ?? 0);
    let controllerRef: ReadableStreamDefaultController<Uint8Array> | undefined;
    let ping: ReturnType<typeof setInterval> | undefined;
    const close = () => {
      clearInterval(ping);
      if (controllerRef) this.streams.delete(controllerRef);
    };
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        controllerRef = controller;
        for (const event of this.events) {
          if (event.id > after) controller.enqueue(encoder.encode(`id: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`));
        }
        this.streams.add(controller);
        ping = setInterval(() => controller.enqueue(encoder.encode(': ping\n\n')), 5_000);
        init.signal?.addEventListener('abort', () => {
          close();
          try {
            controller.error(new DOMException('aborted', 'AbortError'));
          } catch {
            // Already closed.
          }
        });
      },
      cancel: close,
    });
    return new Response(stream, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
  }
}

/** Builds a started OwStore over a fixture workspace. */
export async function createFixtureStore(options: FixtureStoreOptions = {}): Promise<FixtureStore> {
  let workspace = options.workspace;
  if (!workspace) {
    workspace = fixtureWorkspace(Date.now());
    generateConversations(workspace, options.conversations ?? 40);
  }
  const backend = new FixtureBackend(workspace, options.me ?? 'agt_ana', options);
  const client = new OwClient({ baseUrl: BASE_URL, token: 'fixture', fetch: backend.fetch });
  const storage = new MemoryStorage();
  if (options.failed?.length) {
    const entries: OutboxEntry[] = options.failed.map((f, i) => ({
      clientId: `c_fixture_failed_${i}`,
      conversationId: f.conversationId,
      kind: f.kind ?? 'text',
      text: f.text,
      attachments: [],
      createdAt: new Date().toISOString(),
      attempts: f.attempts ?? 3,
      state: 'failed',
      error: f.error,
    }));
    storage.setItem(outboxKey(backend.meId), JSON.stringify(entries));
  }
  const store = createStore({ client, storage, realtime: { heartbeatMs: 5_000 } });
  const fixture = { store, client, backend, workspace };
  if (options.start === false) return fixture;

  if (options.network === 'loading' || options.network === 'offline') {
    // Never settles (loading) or keeps retrying (offline): the elements show that state.
    store.start().catch(() => {});
    return fixture;
  }
  try {
    await store.start();
  } catch {
    // The store keeps the error in its state for the elements to show.
  }
  if (options.preload === 'all') applyWorkspace(fixture);
  for (const payload of options.events ?? []) backend.emit(payload);
  return fixture;
}

/** Applies every conversation the agent may see (with customer and read state) as one batch of recorded events. */
export function applyWorkspace({ store, workspace: ws, backend }: Pick<FixtureStore, 'store' | 'workspace' | 'backend'>): void {
  const me = backend.me;
  const events: OwEvent[] = [];
  const at = new Date(ws.now).toISOString();
  const states = ws.readStates.get(me.id);
  for (const conversation of ws.conversations.values()) {
    if (!canSee(me, conversation)) continue;
    events.push({ id: backend.nextEventId(), at, type: 'customer.updated', customer: ws.customers.get(conversation.customerId)! });
    const readState = states?.get(conversation.id);
    if (readState) events.push({ id: backend.nextEventId(), at, type: 'read.updated', readState });
    events.push({ id: backend.nextEventId(), at, type: 'conversation.updated', conversation });
  }
  store.applyEvents(events);
}
