// Shape of the store's state and of its public API. Elements code against these types.
import type { OwClient } from './api-client.js';
import type { Failure, FailureCode } from './errors.js';
import type {
  Agent,
  AttributeDefinition,
  Attachment,
  BootstrapResponse,
  Conversation,
  Customer,
  Group,
  Message,
  OwEvent,
  QuickReply,
  ReadState,
  SortOrder,
  StatusFilter,
  Tag,
  Template,
  Tray,
  TrayCounts,
  UpdateCustomerBody,
  WorkspaceSettings,
} from '../contract/index.js';

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface InboxQuery {
  tray: Tray;
  status: StatusFilter;
  sort: SortOrder;
  /** Search in customer name, phone and message text. */
  q: string;
  /** Tag id filter, or empty for all. */
  tag: string;
}

/** `error` and `errorCode` (from Failure): why the last page did not load, in the client's words and by kind. */
export interface InboxState extends Failure {
  query: InboxQuery;
  /** Conversation ids matching `query`, in `query.sort` order, kept live as events arrive. */
  ids: readonly string[];
  nextCursor: string | null;
  loading: boolean;
  /** Live count per tray for the current status, search and tag. */
  counts: TrayCounts;
}

/** `error` and `errorCode` (from Failure): why the last page did not load, in the client's words and by kind. */
export interface MessageTimeline extends Failure {
  /** Oldest first; includes optimistic messages from the outbox (status `pending` or `failed`). */
  ids: readonly string[];
  hasMore: boolean;
  loading: boolean;
}

/** A message the agent sent that the server has not acknowledged yet. Persisted across reloads. */
export interface OutboxEntry {
  clientId: string;
  conversationId: string;
  kind: 'text' | 'note';
  text: string;
  attachments: Attachment[];
  templateId?: string;
  templateVariables?: string[];
  createdAt: string;
  attempts: number;
  state: 'sending' | 'failed';
  /** Reason of the last failure (the client's words), shown beside "retry"… */
  error: string | null;
  /** …in the agent's language by its kind (absent in entries saved by older versions). */
  errorCode?: FailureCode | null;
}

export interface StoreState {
  me: Agent | null;
  agents: Readonly<Record<string, Agent>>;
  groups: Readonly<Record<string, Group>>;
  tags: Readonly<Record<string, Tag>>;
  templates: readonly Template[];
  quickReplies: readonly QuickReply[];
  attributeDefinitions: readonly AttributeDefinition[];
  settings: WorkspaceSettings | null;
  conversations: Readonly<Record<string, Conversation>>;
  customers: Readonly<Record<string, Customer>>;
  /** The signed-in agent's read state per conversation id. */
  readStates: Readonly<Record<string, ReadState>>;
  /** Every known message by id (server ids), plus optimistic ones keyed by `clientId`. */
  messages: Readonly<Record<string, Message>>;
  /** Per conversation id. */
  timelines: Readonly<Record<string, MessageTimeline>>;
  outbox: readonly OutboxEntry[];
  inbox: InboxState;
  connection: ConnectionState;
  lastEventId: number;
  /** Set once bootstrap (GET /api/me) has loaded. */
  ready: boolean;
  /** Fatal error (e.g. bad token), for an element to show. */
  error: string | null;
  /** HTTP status of that error when the server refused (401: the token expired or was revoked; sign in again), else null. */
  errorStatus: number | null;
  /** Its kind, for words in the agent's language. */
  errorCode: FailureCode | null;
}

export type Selector<T> = (state: StoreState) => T;
export type Unsubscribe = () => void;

export interface UploadProgress {
  loaded: number;
  total: number;
}

/** Result of a customer save: either saved, or a conflict with the value another agent stored. */
export type CustomerSaveResult =
  | { ok: true; customer: Customer }
  | { ok: false; conflict: true; current: Customer };

/** Public API of the store every element shares. */
export interface OwStoreApi {
  /** The REST client the store talks through (for calls the store does not cover, e.g. settings). */
  readonly client: OwClient;
  getState(): StoreState;
  /**
   * Calls `listener` whenever `selector(state)` changes (by `equals`, default `Object.is`).
   * Does not call it immediately.
   */
  subscribe<T>(selector: Selector<T>, listener: (value: T, previous: T) => void, equals?: (a: T, b: T) => boolean): Unsubscribe;

  /** Loads bootstrap data, the inbox and opens the realtime stream. */
  start(): Promise<void>;
  stop(): void;
  /** Loads bootstrap data and the persisted outbox without a server round trip (recorded sessions, tests). */
  hydrate(boot: BootstrapResponse): void;
  /** Applies events as if they had arrived on the stream, as one batch (recorded events, tests). */
  applyEvents(events: readonly OwEvent[]): void;
  /** Resolves when every send in flight has been acknowledged or has failed. */
  settled(): Promise<void>;

  setInboxQuery(query: Partial<InboxQuery>): Promise<void>;
  loadMoreConversations(): Promise<void>;
  /** Loads the conversation, its newest messages and marks it read; while it stays open, arriving messages are marked read too. */
  openConversation(conversationId: string): Promise<void>;
  /** The open conversation left the screen: arriving messages stay unread (without an id: whichever is open). */
  leaveConversation(conversationId?: string): void;
  loadOlderMessages(conversationId: string): Promise<void>;

  /** Optimistic: the message appears at once as pending. Resolves when acknowledged or failed. */
  send(conversationId: string, input: { text: string; attachments?: Attachment[]; kind?: 'text' | 'note'; templateId?: string; templateVariables?: string[] }): Promise<void>;
  /** Retries a failed outbox entry with the same clientId. */
  retry(clientId: string): Promise<void>;
  /** Drops a failed entry from the outbox. */
  discard(clientId: string): void;
  upload(conversationId: string, file: Blob & { name?: string }, onProgress?: (p: UploadProgress) => void, signal?: AbortSignal): Promise<Attachment>;

  assignToMe(conversationId: string): Promise<void>;
  transfer(conversationId: string, to: { agentId: string } | { groupId: string }): Promise<void>;
  close(conversationId: string): Promise<void>;
  markRead(conversationId: string): Promise<void>;
  markUnread(conversationId: string): Promise<void>;
  attachTag(conversationId: string, tagId: string): Promise<void>;
  detachTag(conversationId: string, tagId: string): Promise<void>;
  createTag(name: string, color: string): Promise<Tag>;
  saveCustomer(customerId: string, changes: Omit<UpdateCustomerBody, 'version'>, baseVersion: number): Promise<CustomerSaveResult>;
  setStatus(status: 'online' | 'away'): Promise<void>;
}
