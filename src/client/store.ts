// The reactive store every element shares: normalized server state kept live by realtime events, plus the outbox.
import type { Agent, Attachment, BootstrapResponse, Conversation, ConversationDetail, ConversationPage, Customer, Message, MessagePage, OwEvent, ReadState, Tag, UpdateCustomerBody, WorkspaceSettings } from '../contract/index.js';
import type { OwClient } from './api-client.js';
import { ApiError, failureCodeOf, failureOf, isRetryable, NO_FAILURE, reasonOf } from './errors.js';
import { RealtimeStream, type RealtimeOptions } from './realtime.js';
import { canSee, emptyCounts, inStatus, inTray, matchesSearch, sortKey, type SortKey } from './rules/index.js';
import { Draft, isOptimistic } from './store/draft.js';
import { InboxIndex } from './store/inbox.js';
import { recordValues } from './store/layered-record.js';
import { loadOutbox, newClientId, optimisticMessage, resendDelayMs, saveOutbox, sendBody } from './store/outbox.js';
import { defaultStorage, type KeyValueStorage } from './store/storage.js';
import type {
  CustomerSaveResult,
  InboxQuery,
  MessageTimeline,
  OutboxEntry,
  OwStoreApi,
  Selector,
  StoreState,
  Unsubscribe,
  UploadProgress,
} from './store-types.js';
import { requestChecks } from './request-checks.js';

export interface StoreOptions {
  client: OwClient;
  /** Where the outbox survives reloads; localStorage in browsers, memory elsewhere by default. */
  storage?: KeyValueStorage;
  /** Clock for timestamps of optimistic messages. */
  now?: () => number;
  /** Conversations per inbox page. */
  pageSize?: number;
  /** Messages per timeline page. */
  messagePageSize?: number;
  /** Automatic resends of a message after a network error or 5xx before it is marked failed. */
  maxSendAttempts?: number;
  /** Base delay of automatic resends (doubled each time). */
  resendBaseMs?: number;
  /** Delay after conversation events before tray counts are refreshed from the server. */
  countsDebounceMs?: number;
  /** Passed to the RealtimeStream (heartbeat and backoff tuning). */
  realtime?: Pick<RealtimeOptions, 'heartbeatMs' | 'initialBackoffMs' | 'maxBackoffMs'>;
  /** Failures of background work (counts refresh, mark read on arrival, stream errors). */
  onError?: (error: unknown) => void;
}

export type SendInput = Parameters<OwStoreApi['send']>[1];

interface Subscription {
  selector: Selector<unknown>;
  listener: (value: unknown, previous: unknown) => void;
  equals: (a: unknown, b: unknown) => boolean;
  value: unknown;
  active: boolean;
}

/** The entities a server answer or an event may carry, at most one of each kind. */
interface Entities {
  customer?: Customer;
  readState?: ReadState;
  conversation?: Conversation;
  message?: Message;
  agent?: Agent;
  tag?: Tag;
  settings?: WorkspaceSettings;
}

const BULK_BATCH = 500;

export const DEFAULT_INBOX_QUERY: InboxQuery = { tray: 'queued', status: 'active', sort: 'waiting', q: '', tag: '' };

export function initialState(): StoreState {
  return {
    me: null,
    agents: {},
    groups: {},
    tags: {},
    templates: [],
    quickReplies: [],
    attributeDefinitions: [],
    settings: null,
    conversations: {},
    customers: {},
    readStates: {},
    messages: {},
    timelines: {},
    outbox: [],
    inbox: { query: DEFAULT_INBOX_QUERY, ids: [], nextCursor: null, loading: false, ...NO_FAILURE, counts: emptyCounts() },
    connection: 'idle',
    lastEventId: 0,
    ready: false,
    error: null,
    errorStatus: null,
    errorCode: null,
  };
}

export class OwStore implements OwStoreApi {
  private storeState: StoreState = initialState();
  private subscribers: Subscription[] = [];
  /** The REST client the store talks through (for calls the store does not cover, e.g. settings). */
  readonly client: OwClient;
  private readonly outboxStorage: KeyValueStorage;
  private readonly timeSource: () => number;
  private readonly timelinePageSize: number;
  private readonly storeOptions: StoreOptions;
  private readonly inboxOrder = new InboxIndex();
  /** Conversations the server returned for the current search: they match even when the text is not in the preview. */
  private serverMatches = new Set<string>();
  private eventStream: RealtimeStream | null = null;
  private started = false;
  private openConversationId: string | null = null;
  /** The open conversation whose automatic "read" did not reach the server; sent again once the stream is back. */
  private readOwed: string | null = null;
  /** The conversation on screen the agent marked unread: arrivals leave it unread until it is marked read. */
  private unreadHeld: string | null = null;
  private readonly deliveries = new Map<string, Promise<void>>();
  private inboxRequest = 0;
  private countsTimer: ReturnType<typeof setTimeout> | undefined;
  private pendingEvents: OwEvent[] = [];
  private outboxDirty = false;
  private readonly recentConversationIds = new Set<string>();
  /** Conversations out of the agent's view (removed, or 404): not asked for again until an event brings them back. */
  private readonly goneIds = new Set<string>();
  /** Timeline loads under way: elements asking for the same conversation at once share one. */
  private readonly timelineLoads = new Map<string, Promise<void>>();
  /** Outbox entries this store saw acknowledged or discarded, so they are not taken back from storage. */
  private readonly settledIds = new Set<string>();
  private readonly customerRequests = new Map<string, Promise<void>>();
  /** Set while applying a large batch: one rebuild beats thousands of single moves. */
  private bulk = false;
  /** Set while loading again after `stream.reset`: events wait, then apply on top of the fresh data. */
  private reloading = false;

  constructor(options: StoreOptions) {
    this.storeOptions = options;
    this.client = options.client;
    this.outboxStorage = options.storage ?? defaultStorage();
    this.timeSource = options.now ?? Date.now;
    this.timelinePageSize = options.messagePageSize ?? 50;
  }

  getState(): StoreState {
    return this.storeState;
  }

  subscribe<T>(selector: Selector<T>, listener: (value: T, previous: T) => void, equals: (a: T, b: T) => boolean = Object.is): Unsubscribe {
    const subscription: Subscription = {
      selector,
      listener: listener as Subscription['listener'],
      equals: equals as Subscription['equals'],
      value: selector(this.storeState),
      active: true,
    };
    this.subscribers = [...this.subscribers, subscription];
    return () => {
      // A listener may unsubscribe another one during a notification round: it must not be called after that.
      subscription.active = false;
      this.subscribers = this.subscribers.filter((s) => s !== subscription);
    };
  }

  // ---- Lifecycle ----

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    let boot;
    // The first inbox page and any send check their input: the checks load alongside the bootstrap.
    requestChecks.get().catch(() => {});
    try {
      boot = await this.client.me();
    } catch (error) {
      this.started = false;
      this.mutate((d) => setFatal(d, error));
      throw error;
    }
    this.hydrate(boot);
    this.eventStream = new RealtimeStream({
      ...this.storeOptions.realtime,
      client: this.client,
      lastEventId: boot.lastEventId,
      onEvent: (event) => this.enqueueEvent(event),
      onStateChange: (connection) => {
        this.mutate((d) => d.set('connection', connection));
        if (connection === 'open') this.catchUp();
      },
      onError: (error, fatal) => {
        if (fatal) this.mutate((d) => setFatal(d, error));
        this.reportFailure(error);
      },
    });
    this.eventStream.start();
    // What the previous page left unsent goes out first: it must not wait on (or be lost with) the inbox load.
    for (const entry of this.storeState.outbox) {
      if (entry.state === 'sending') void this.deliver(entry.clientId);
    }
    await this.setInboxQuery({});
  }

  /**
   * The stream is open again: what failed for want of a connection goes again (a read owed to the
   * conversation on screen, the inbox page, that conversation's messages); the stream brings the rest.
   */
  private catchUp(): void {
    const open = this.openConversationId;
    if (this.readOwed && this.readOwed === open) void this.markOpenRead(open);
    const { inbox, timelines } = this.storeState;
    if (inbox.errorCode === 'network') {
      (inbox.nextCursor ? this.loadMoreConversations() : this.setInboxQuery({})).catch(() => {});
    }
    // Opened again, as the agent opened it: loaded, then marked read if still on screen.
    if (open && timelines[open]?.errorCode === 'network') this.openConversation(open).catch(() => {});
  }

  /** Loads bootstrap data and the persisted outbox (what `start` does before it goes online). */
  hydrate(boot: BootstrapResponse): void {
    const outbox = loadOutbox(this.outboxStorage, boot.me.id);
    this.mutate((d) => {
      d.set('lastEventId', boot.lastEventId);
      d.set('outbox', outbox);
      this.putBootstrap(d, boot);
    });
  }

  /** Bootstrap data in, the outbox's messages placed, the inbox order rebuilt. */
  private putBootstrap(d: Draft, boot: BootstrapResponse): void {
    d.set('me', boot.me);
    d.putAll('agents', [...boot.agents, boot.me]);
    d.putAll('groups', boot.groups);
    d.putAll('tags', boot.tags);
    d.set('templates', boot.templates);
    d.set('quickReplies', boot.quickReplies);
    d.set('attributeDefinitions', boot.attributeDefinitions);
    d.set('settings', boot.settings);
    for (const entry of d.next.outbox) this.placeOptimistic(d, entry, true);
    this.rebuildIndex(d);
    d.set('ready', true);
    d.set('error', null);
    d.set('errorStatus', null);
    d.set('errorCode', null);
  }

  /**
   * After `stream.reset` (the server no longer has the events this store missed): loads again what start()
   * loaded and each open timeline, and replaces the server state with it in one change; the outbox stays.
   */
  private async reload(): Promise<void> {
    this.reloading = true;
    for (let attempt = 1; this.started; attempt++) {
      try {
        if (await this.loadAgain()) break;
      } catch (error) {
        this.reportFailure(error);
        if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
          this.mutate((d) => setFatal(d, error));
          break;
        }
        await delay(resendDelayMs(attempt, 1000));
      }
    }
    this.reloading = false;
    this.flushEvents();
  }

  /** One reload; false when the inbox query changed meanwhile (the page loaded is not the one shown). */
  private async loadAgain(): Promise<boolean> {
    const { query } = this.storeState.inbox;
    const request = ++this.inboxRequest;
    const boot = await this.client.me();
    const [page, ...timelines] = await Promise.all([
      this.client.listConversations({ ...query, limit: this.storeOptions.pageSize ?? 50 }),
      ...Object.keys(this.storeState.timelines).map((id) =>
        this.fetchTimeline(id).catch((error: unknown) => {
          if (error instanceof ApiError && error.status === 404) return null;
          throw error;
        }),
      ),
    ]);
    if (!this.started) return true;
    if (request !== this.inboxRequest) return false;
    this.serverMatches = new Set();
    this.goneIds.clear();
    // Server state starts over (nothing is notified until the loaded data is in); the outbox and the stream stay.
    const { outbox, inbox, connection, lastEventId } = this.storeState;
    this.storeState = { ...initialState(), outbox, inbox, connection, lastEventId, me: boot.me };
    this.mutate((d) => {
      this.bulk = true;
      for (const loaded of timelines) {
        if (!loaded) continue;
        const [detail, messages] = loaded;
        this.putEntities(d, detail);
        d.setTimeline(detail.conversation.id, { hasMore: messages.hasMore });
        this.putMessages(d, messages.messages);
      }
      this.putInboxPage(d, page);
      this.bulk = false;
      this.putBootstrap(d, boot);
    });
    if (this.openConversationId && !this.storeState.timelines[this.openConversationId]) this.openConversationId = null;
    return true;
  }

  stop(): void {
    this.started = false;
    this.eventStream?.stop();
    this.eventStream = null;
    clearTimeout(this.countsTimer);
    this.mutate((d) => d.set('connection', 'closed'));
  }

  /** Resolves when every send in flight has been acknowledged or has failed. */
  async settled(): Promise<void> {
    while (this.deliveries.size > 0) await Promise.allSettled([...this.deliveries.values()]);
  }

  // ---- Inbox ----

  async setInboxQuery(query: Partial<InboxQuery>): Promise<void> {
    const next: InboxQuery = { ...this.storeState.inbox.query, ...query };
    const searchChanged = next.q !== this.storeState.inbox.query.q;
    if (searchChanged) this.serverMatches = new Set();
    const request = ++this.inboxRequest;
    this.mutate((d) => {
      d.setInbox({ query: next, loading: true, ...NO_FAILURE, nextCursor: null });
      this.rebuildIndex(d);
    });
    await this.loadInboxPage(request, null);
  }

  async loadMoreConversations(): Promise<void> {
    const { nextCursor, loading } = this.storeState.inbox;
    if (!nextCursor || loading) return;
    const request = this.inboxRequest;
    this.mutate((d) => d.setInbox({ loading: true }));
    await this.loadInboxPage(request, nextCursor);
  }

  private async loadInboxPage(request: number, cursor: string | null): Promise<void> {
    const query = this.storeState.inbox.query;
    try {
      const page = await this.client.listConversations({ ...query, cursor: cursor ?? undefined, limit: this.storeOptions.pageSize ?? 50 });
      if (request !== this.inboxRequest) return;
      this.mutate((d) => this.putInboxPage(d, page));
    } catch (error) {
      if (request !== this.inboxRequest) return;
      this.mutate((d) => d.setInbox({ loading: false, ...failureOf(error) }));
      throw error;
    }
  }

  private putInboxPage(d: Draft, page: ConversationPage): void {
    if (d.next.inbox.query.q.trim()) for (const conversation of page.conversations) this.serverMatches.add(conversation.id);
    for (const customer of page.customers) d.putVersioned('customers', customer.id, customer);
    for (const readState of page.readStates) d.putVersioned('readStates', readState.conversationId, readState);
    for (const conversation of page.conversations) this.putConversation(d, conversation);
    for (const conversation of page.conversations) this.reindex(d, conversation.id);
    d.setInbox({ nextCursor: page.nextCursor, counts: page.counts, loading: false, ...NO_FAILURE });
  }

  /** Where a conversation goes in the inbox, or null when it is not in the current tray, status, tag and search. */
  private inboxKey(conversation: Conversation | undefined, state: StoreState): SortKey | null {
    const { query } = state.inbox;
    if (!conversation || !state.me || !inStatus(conversation, query.status) || !inTray(conversation, query.tray, state.me.id)) return null;
    if (query.tag && !conversation.tagIds.includes(query.tag)) return null;
    const matches = !query.q.trim() || this.serverMatches.has(conversation.id) || matchesSearch(conversation, state.customers[conversation.customerId], query.q);
    return matches ? sortKey(conversation, state.readStates[conversation.id], query.sort) : null;
  }

  private reindex(d: Draft, conversationId: string): void {
    if (!this.bulk) this.inboxOrder.set(conversationId, this.inboxKey(d.next.conversations[conversationId], d.next));
  }

  private rebuildIndex(d: Draft): void {
    const keys = [];
    for (const conversation of recordValues(d.next.conversations)) {
      const key = this.inboxKey(conversation, d.next);
      if (key) keys.push(key);
    }
    this.inboxOrder.rebuild(keys);
  }

  private scheduleCountsRefresh(): void {
    if (!this.started) return;
    clearTimeout(this.countsTimer);
    this.countsTimer = setTimeout(() => void this.refreshCounts(), this.storeOptions.countsDebounceMs ?? 250);
  }

  private async refreshCounts(): Promise<void> {
    const { status, q, tag } = this.storeState.inbox.query;
    try {
      const counts = await this.client.counts({ status, q, tag });
      const current = this.storeState.inbox.query;
      if (current.status !== status || current.q !== q || current.tag !== tag) return;
      this.mutate((d) => d.setInbox({ counts }));
    } catch (error) {
      this.reportFailure(error);
    }
  }

  /** Conversations that arrived by event name a customer the store may not have yet (the inbox shows its name). */
  private loadMissingCustomers(): void {
    const { conversations, customers } = this.storeState;
    for (const conversationId of this.recentConversationIds) {
      const customerId = conversations[conversationId]?.customerId;
      if (!customerId) continue;
      if (customers[customerId] || this.customerRequests.has(customerId)) continue;
      const request = this.applyAnswer(this.client.getCustomer(customerId))
        .then(() => undefined, (error: unknown) => {
          if (!(error instanceof ApiError && error.status === 404)) this.reportFailure(error);
        })
        .finally(() => this.customerRequests.delete(customerId));
      this.customerRequests.set(customerId, request);
    }
    this.recentConversationIds.clear();
  }

  // ---- Conversations and messages ----

  async openConversation(conversationId: string): Promise<void> {
    this.openConversationId = conversationId;
    this.unreadHeld = null;
    await this.loadTimeline(conversationId);
    if (this.openConversationId === conversationId) await this.markRead(conversationId);
  }

  /** The conversation and its newest messages, from the server (once for callers at the same time). */
  private loadTimeline(conversationId: string): Promise<void> {
    if (this.goneIds.has(conversationId)) return Promise.reject(new ApiError(404, { error: 'not_found', reason: 'the conversation is not in your view' }));
    let load = this.timelineLoads.get(conversationId);
    if (!load) {
      load = this.fetchIntoTimeline(conversationId).finally(() => this.timelineLoads.delete(conversationId));
      this.timelineLoads.set(conversationId, load);
    }
    return load;
  }

  private async fetchIntoTimeline(conversationId: string): Promise<void> {
    this.updateTimeline(conversationId, { loading: true, ...NO_FAILURE });
    try {
      const [detail, page] = await this.fetchTimeline(conversationId);
      this.mutate((d) => {
        // Its read state and customer go in first: the conversation's inbox place depends on both.
        this.putEntities(d, detail);
        this.putMessages(d, page.messages);
        const timeline = d.next.timelines[conversationId];
        const pending = this.storeState.outbox.filter((entry) => entry.conversationId === conversationId).length;
        // Keep hasMore from an earlier full load: this page only refreshed the newest messages.
        const hasMore = timeline && timeline.ids.length > page.messages.length + pending ? timeline.hasMore : page.hasMore;
        d.setTimeline(conversationId, { loading: false, hasMore });
      });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) this.mutate((d) => this.dropConversation(d, conversationId));
      else this.updateTimeline(conversationId, { loading: false, ...failureOf(error) });
      throw error;
    }
  }

  /** A conversation and the newest page of its messages. */
  private fetchTimeline(conversationId: string): Promise<[ConversationDetail, MessagePage]> {
    return Promise.all([this.client.getConversation(conversationId), this.client.listMessages(conversationId, { limit: this.timelinePageSize })]);
  }

  /** Forgets which conversation is on screen (arriving messages are no longer marked read). */
  leaveConversation(conversationId?: string): void {
    if (conversationId === undefined || this.openConversationId === conversationId) this.openConversationId = null;
    this.readOwed = null;
    this.unreadHeld = null;
  }

  async loadOlderMessages(conversationId: string): Promise<void> {
    const timeline = this.storeState.timelines[conversationId];
    if (!timeline || timeline.loading || !timeline.hasMore) return;
    const oldest = timeline.ids.find((id) => {
      const message = this.storeState.messages[id];
      return message && !isOptimistic(message);
    });
    this.updateTimeline(conversationId, { loading: true, ...NO_FAILURE });
    try {
      const page = await this.client.listMessages(conversationId, { before: oldest, limit: this.timelinePageSize });
      this.mutate((d) => {
        this.putMessages(d, page.messages);
        d.setTimeline(conversationId, { loading: false, hasMore: page.hasMore });
      });
    } catch (error) {
      this.updateTimeline(conversationId, { loading: false, ...failureOf(error) });
      throw error;
    }
  }

  private updateTimeline(conversationId: string, changes: Partial<MessageTimeline>): void {
    this.mutate((d) => d.setTimeline(conversationId, changes));
  }

  /** Stores a conversation the signed-in agent may see, or drops it when they may not any more. */
  private putConversation(d: Draft, conversation: Conversation): void {
    const me = d.next.me;
    if (me && !canSee(me, conversation)) {
      this.dropConversation(d, conversation.id);
      return;
    }
    this.goneIds.delete(conversation.id);
    if (d.putVersioned('conversations', conversation.id, conversation)) this.reindex(d, conversation.id);
  }

  private dropConversation(d: Draft, conversationId: string): void {
    const timeline = d.next.timelines[conversationId];
    if (timeline) {
      const messages = d.edit('messages');
      for (const id of timeline.ids) delete messages[id];
      d.remove('timelines', conversationId);
    }
    d.remove('conversations', conversationId);
    d.remove('readStates', conversationId);
    this.serverMatches.delete(conversationId);
    this.inboxOrder.set(conversationId, null);
    this.goneIds.add(conversationId);
    if (this.openConversationId === conversationId) this.openConversationId = null;
  }

  /**
   * Places server messages in their timelines (if loaded), replacing optimistic twins and settling their outbox
   * entries; new ones enter their timeline in one insert per conversation. A message is in `messages` exactly
   * when it is in its conversation's timeline, so that lookup, not a scan of the timeline, tells whether it is
   * already there.
   */
  private putMessages(d: Draft, messages: readonly Message[]): void {
    const added = new Map<string, Message[]>();
    for (const message of messages) {
      const { clientId, conversationId } = message;
      if (clientId && findEntry(d.next.outbox, clientId)) this.settle(d, clientId);
      if (!d.next.timelines[conversationId]) continue;
      const twin = clientId ? d.next.messages[clientId] : undefined;
      if (twin && isOptimistic(twin) && message.id !== twin.id) d.removeMessage(conversationId, twin.id);
      const known = d.next.messages[message.id] !== undefined;
      const stored = d.putVersioned('messages', message.id, message);
      if (!known) {
        const list = added.get(conversationId);
        if (list) list.push(message);
        else added.set(conversationId, [message]);
      } else if (stored) {
        // A changed message gives its timeline a new version, as an added one does.
        d.setTimeline(conversationId, {});
      }
    }
    for (const [conversationId, list] of added) d.insertMessages(conversationId, list);
  }

  // ---- Sending ----

  async send(conversationId: string, input: SendInput): Promise<void> {
    const entry: OutboxEntry = {
      clientId: newClientId(),
      conversationId,
      kind: input.kind ?? 'text',
      text: input.text,
      attachments: input.attachments ?? [],
      createdAt: new Date(this.timeSource()).toISOString(),
      attempts: 0,
      state: 'sending',
      error: null,
      errorCode: null,
    };
    if (input.templateId !== undefined) entry.templateId = input.templateId;
    if (input.templateVariables !== undefined) entry.templateVariables = input.templateVariables;
    // Refused here, before it enters the outbox: the caller keeps the draft and shows the reason. Once the checks
    // are in (start() loads them) this runs synchronously, so the message shows at once. Were they unable to load,
    // the entry still goes to the outbox: its delivery checks again and fails there retryably, so nothing is lost.
    const checks = requestChecks.value ?? (await requestChecks.get().catch(() => undefined));
    checks?.validate(checks.SendMessageBody, sendBody(entry));
    this.mutate((d) => {
      d.set('outbox', [...d.next.outbox, entry]);
      this.placeOptimistic(d, entry, false);
      this.outboxDirty = true;
    });
    await this.deliver(entry.clientId);
  }

  async retry(clientId: string): Promise<void> {
    const inFlight = this.deliveries.get(clientId);
    if (inFlight) return inFlight;
    if (!findEntry(this.storeState.outbox, clientId)) return;
    this.updateEntry(clientId, { state: 'sending', ...NO_FAILURE });
    await this.deliver(clientId);
  }

  discard(clientId: string): void {
    const entry = findEntry(this.storeState.outbox, clientId);
    if (entry?.state !== 'failed') return;
    this.mutate((d) => {
      this.settle(d, clientId);
      d.removeMessage(entry.conversationId, clientId);
    });
  }

  upload(conversationId: string, file: Blob & { name?: string }, onProgress?: (p: UploadProgress) => void, signal?: AbortSignal): Promise<Attachment> {
    return this.client.upload(conversationId, file, { onProgress, signal }).then((r) => r.attachment);
  }

  /** Shows an outbox entry in its timeline; a `restored` one (from storage) may have been delivered meanwhile. */
  private placeOptimistic(d: Draft, entry: OutboxEntry, restored: boolean): void {
    const timeline = d.next.timelines[entry.conversationId];
    const delivered =
      restored &&
      timeline?.ids.some((id) => {
        const message = d.next.messages[id];
        return message && message.clientId === entry.clientId && !isOptimistic(message);
      });
    if (delivered) {
      this.settle(d, entry.clientId);
      return;
    }
    const message = optimisticMessage(entry, d.next.me);
    const present = d.next.messages[message.id] !== undefined;
    d.edit('messages')[message.id] = message;
    // Optimistic messages follow every server message, in the order sent.
    if (present) d.setTimeline(entry.conversationId, {});
    else d.timelineIds(entry.conversationId).push(message.id);
  }

  /** Takes an entry out of the outbox for good: delivered, or discarded by the agent. */
  private settle(d: Draft, clientId: string): void {
    d.set(
      'outbox',
      d.next.outbox.filter((e) => e.clientId !== clientId),
    );
    this.settledIds.add(clientId);
    this.outboxDirty = true;
  }

  private deliver(clientId: string): Promise<void> {
    const existing = this.deliveries.get(clientId);
    if (existing) return existing;
    const delivery = this.deliverLoop(clientId).finally(() => this.deliveries.delete(clientId));
    this.deliveries.set(clientId, delivery);
    return delivery;
  }

  private async deliverLoop(clientId: string): Promise<void> {
    for (;;) {
      const entry = findEntry(this.storeState.outbox, clientId);
      if (entry?.state !== 'sending') return;
      try {
        await this.applyAnswer(this.client.sendMessage(entry.conversationId, sendBody(entry)));
        return;
      } catch (error) {
        // Stopped (the tab is going away): the entry stays `sending` in storage for the next start.
        if (!this.started) return;
        const current = findEntry(this.storeState.outbox, clientId);
        // Settled meanwhile by the realtime echo of the stored message.
        if (!current) return;
        const attempts = current.attempts + 1;
        if (isRetryable(error) && attempts < (this.storeOptions.maxSendAttempts ?? 4)) {
          this.updateEntry(clientId, { attempts, ...failureOf(error) });
          await delay(resendDelayMs(attempts, this.storeOptions.resendBaseMs ?? 500));
          if (!this.started) return;
          continue;
        }
        this.updateEntry(clientId, { attempts, state: 'failed', ...failureOf(error) });
        return;
      }
    }
  }

  private updateEntry(clientId: string, changes: Partial<OutboxEntry>): void {
    this.mutate((d) => {
      const entry = findEntry(d.next.outbox, clientId);
      if (!entry) return;
      const next = { ...entry, ...changes };
      d.set(
        'outbox',
        d.next.outbox.map((e) => (e === entry ? next : e)),
      );
      this.outboxDirty = true;
      const message = d.next.messages[clientId];
      if (message && isOptimistic(message)) {
        const status = next.state === 'failed' ? 'failed' : 'pending';
        if (message.status !== status) d.edit('messages')[clientId] = { ...message, status };
      }
    });
  }

  // ---- Conversation actions: each applies the server's answer at once (its event then changes nothing) ----

  async assignToMe(conversationId: string): Promise<void> {
    await this.applyAnswer(this.client.assign(conversationId));
  }

  async transfer(conversationId: string, to: { agentId: string } | { groupId: string }): Promise<void> {
    await this.applyAnswer(this.client.transfer(conversationId, to));
  }

  async close(conversationId: string): Promise<void> {
    await this.applyAnswer(this.client.close(conversationId));
  }

  async markRead(conversationId: string): Promise<void> {
    await this.applyAnswer(this.client.markRead(conversationId));
    // Read again by choice: still on screen, arrivals are read as they come.
    if (this.unreadHeld === conversationId) {
      this.unreadHeld = null;
      this.openConversationId = conversationId;
    }
  }

  async markUnread(conversationId: string): Promise<void> {
    // Unread by choice, from wherever (the chat, the inbox's menu): a "read" owed from before must not undo
    // it, and while it stays on screen arriving messages leave it unread.
    if (this.readOwed === conversationId) this.readOwed = null;
    if (this.openConversationId === conversationId) {
      this.openConversationId = null;
      this.unreadHeld = conversationId;
    }
    await this.applyAnswer(this.client.markUnread(conversationId));
  }

  /**
   * Marks the conversation on screen read after a customer message arrived in it. A network failure
   * is retried a few times while it stays open, then owed until the stream is back.
   */
  private async markOpenRead(conversationId: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.markRead(conversationId);
        if (this.readOwed === conversationId) this.readOwed = null;
        return;
      } catch (error) {
        const stillOpen = this.started && this.openConversationId === conversationId;
        if (!isRetryable(error) || !stillOpen) return this.reportFailure(error);
        if (attempt >= (this.storeOptions.maxSendAttempts ?? 4)) {
          this.readOwed = conversationId;
          return this.reportFailure(error);
        }
        await delay(resendDelayMs(attempt, this.storeOptions.resendBaseMs ?? 500));
        if (this.openConversationId !== conversationId) return;
      }
    }
  }

  async attachTag(conversationId: string, tagId: string): Promise<void> {
    await this.applyAnswer(this.client.attachTag(conversationId, tagId));
  }

  async detachTag(conversationId: string, tagId: string): Promise<void> {
    await this.applyAnswer(this.client.detachTag(conversationId, tagId));
  }

  async createTag(name: string, color: string): Promise<Tag> {
    return (await this.applyAnswer(this.client.createTag({ name, color }))).tag;
  }

  async saveCustomer(customerId: string, changes: Omit<UpdateCustomerBody, 'version'>, baseVersion: number): Promise<CustomerSaveResult> {
    try {
      const { customer } = await this.applyAnswer(this.client.updateCustomer(customerId, { ...changes, version: baseVersion }));
      return { ok: true, customer };
    } catch (error) {
      const current = error instanceof ApiError && error.status === 409 ? error.body?.current : undefined;
      if (!current) throw error;
      this.mutate((d) => this.putCustomer(d, current));
      return { ok: false, conflict: true, current };
    }
  }

  async setStatus(status: 'online' | 'away'): Promise<void> {
    await this.applyAnswer(this.client.setStatus(status));
  }

  /** Stores what a server answer carries and resolves with the answer. */
  private async applyAnswer<T extends Entities>(request: Promise<T>): Promise<T> {
    const answer = await request;
    this.mutate((d) => this.putEntities(d, answer));
    return answer;
  }

  /** Stores each entity an answer or event carries: a conversation after its read state and customer. */
  private putEntities(d: Draft, { customer, readState, conversation, message, agent, tag, settings }: Entities): void {
    if (customer) this.putCustomer(d, customer);
    if (readState && d.putVersioned('readStates', readState.conversationId, readState)) this.reindex(d, readState.conversationId);
    if (conversation) this.putConversation(d, conversation);
    if (message) this.putMessages(d, [message]);
    if (agent) this.putAgent(d, agent);
    if (tag) d.putAll('tags', [tag]);
    if (settings) d.set('settings', settings);
  }

  private putCustomer(d: Draft, customer: Customer): void {
    if (!d.putVersioned('customers', customer.id, customer)) return;
    // Search matches on the customer's name and phone, so their conversations may enter or leave the inbox.
    if (!d.next.inbox.query.q.trim()) return;
    for (const conversation of recordValues(d.next.conversations)) {
      if (conversation.customerId === customer.id) this.reindex(d, conversation.id);
    }
  }

  private putAgent(d: Draft, agent: Agent): void {
    if (!d.putVersioned('agents', agent.id, agent)) return;
    if (d.next.me?.id !== agent.id) return;
    const groupsChanged = d.next.me.role !== agent.role || d.next.me.groupIds.join() !== agent.groupIds.join();
    d.set('me', agent);
    if (groupsChanged) this.rebuildIndex(d);
  }

  // ---- Realtime ----

  /** Applies events as if they had arrived on the stream, as one batch (recorded events, tests). */
  applyEvents(events: readonly OwEvent[]): void {
    for (const event of events) this.pendingEvents.push(event);
    this.flushEvents();
  }

  private enqueueEvent(event: OwEvent): void {
    this.pendingEvents.push(event);
    // Events of one network chunk arrive back to back: apply them as one batch, notify once.
    if (this.pendingEvents.length === 1) queueMicrotask(() => this.flushEvents());
  }

  private flushEvents(): void {
    if (this.pendingEvents.length === 0 || this.reloading) return;
    const events = this.pendingEvents;
    this.pendingEvents = [];
    let conversationsChanged = false;
    let markOpenRead = false;
    this.mutate((d) => {
      this.bulk = events.length > BULK_BATCH;
      for (const [at, event] of events.entries()) {
        if (event.id <= d.next.lastEventId) continue;
        d.set('lastEventId', event.id);
        if (event.type === 'stream.reset') {
          // What follows the reset waits for the reload and then applies on top of it.
          this.pendingEvents = events.slice(at + 1);
          this.reloading = true;
          break;
        }
        if (event.type === 'conversation.removed') this.dropConversation(d, event.conversationId);
        else this.putEntities(d, event);
        if (event.type === 'conversation.updated') this.recentConversationIds.add(event.conversation.id);
        if (event.type.startsWith('conversation.')) conversationsChanged = true;
        if (event.type === 'message.created' && event.message.author === 'customer' && event.message.conversationId === this.openConversationId) {
          markOpenRead = true;
        }
      }
      if (this.bulk) {
        this.bulk = false;
        this.rebuildIndex(d);
      }
    });
    if (this.reloading) return void this.reload();
    if (conversationsChanged) {
      this.scheduleCountsRefresh();
      this.loadMissingCustomers();
    }
    const open = this.openConversationId;
    if (markOpenRead && open) void this.markOpenRead(open);
  }

  // ---- State plumbing ----

  private mutate(recipe: (draft: Draft) => void): void {
    const draft = new Draft(this.storeState);
    recipe(draft);
    if (this.inboxOrder.changed) draft.setInbox({ ids: this.inboxOrder.snapshot() });
    if (this.outboxDirty) {
      this.outboxDirty = false;
      this.persistOutbox(draft.next);
    }
    if (!draft.changed) return;
    this.storeState = draft.finish();
    this.notifySubscribers();
  }

  private persistOutbox(state: StoreState): void {
    // A stopped store no longer owns the storage: a newer one (after a reload) may be writing it.
    if (!state.me || !this.started) return;
    try {
      // Another tab of the same agent may have queued entries since this store loaded: keep them.
      const mine = new Set(state.outbox.map((entry) => entry.clientId));
      const others = loadOutbox(this.outboxStorage, state.me.id).filter((entry) => !mine.has(entry.clientId) && !this.settledIds.has(entry.clientId));
      saveOutbox(this.outboxStorage, state.me.id, [...state.outbox, ...others]);
    } catch (error) {
      this.reportFailure(error);
    }
  }

  private notifySubscribers(): void {
    for (const subscription of this.subscribers) {
      if (!subscription.active) continue;
      const value = subscription.selector(this.storeState);
      if (subscription.equals(subscription.value, value)) continue;
      const previous = subscription.value;
      subscription.value = value;
      subscription.listener(value, previous);
    }
  }

  private reportFailure(error: unknown): void {
    if (this.storeOptions.onError) this.storeOptions.onError(error);
    else console.warn('[ow-agent-kit]', error);
  }
}

export function createStore(options: StoreOptions): OwStore {
  return new OwStore(options);
}

function findEntry(outbox: readonly OutboxEntry[], clientId: string): OutboxEntry | undefined {
  return outbox.find((entry) => entry.clientId === clientId);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A failure the store cannot get past (the server refused the token, or the bootstrap failed). */
function setFatal(d: Draft, error: unknown): void {
  d.set('error', reasonOf(error));
  d.set('errorStatus', error instanceof ApiError ? error.status : null);
  d.set('errorCode', failureCodeOf(error));
}
