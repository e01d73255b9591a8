// Domain entities shared by the client, the elements and the reference server.
// Times are ISO-8601 strings in UTC; ids are opaque strings chosen by the server.

export type AgentRole = 'admin' | 'agent';
/** `online` and `away` are chosen by the agent; `offline` is set by the server after idle time. */
export type AgentStatus = 'online' | 'away' | 'offline';

export interface Agent {
  id: string;
  name: string;
  email: string;
  role: AgentRole;
  groupIds: string[];
  status: AgentStatus;
  /** Last request or heartbeat seen from this agent. */
  lastSeenAt: string;
  version: number;
}

export interface Group {
  id: string;
  name: string;
}

export const ATTRIBUTE_TYPES = ['text', 'number', 'email', 'phone', 'date', 'select', 'boolean'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export interface AttributeDefinition {
  /** Key inside `Customer.attributes`. */
  key: string;
  label: string;
  type: AttributeType;
  /** Allowed values when `type` is `select`. */
  options?: string[];
  required?: boolean;
}

/** `date` values are `YYYY-MM-DD`; `number` values are finite numbers. */
export type AttributeValue = string | number | boolean | null;

export interface Customer {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  attributes: Record<string, AttributeValue>;
  /** Increases on every save; a save must name the version it was based on. */
  version: number;
  createdAt: string;
  updatedAt: string;
  /** The agent who saved the current version; null when the bot collected it or nobody has edited it. */
  updatedBy: string | null;
}

export const CHANNELS = ['whatsapp', 'instagram', 'facebook', 'web'] as const;
export type Channel = (typeof CHANNELS)[number];

/** `bot`: the customer still talks to the bot; `queued`: waiting for an agent; `assigned`: an agent holds it. */
export type Stage = 'bot' | 'queued' | 'assigned';
export type ConversationStatus = 'active' | 'closed';
export type CloseReason = 'manual' | 'automatic';

export interface MessagePreview {
  author: MessageAuthor;
  kind: MessageKind;
  text: string;
  createdAt: string;
}

export interface Conversation {
  id: string;
  customerId: string;
  channel: Channel;
  stage: Stage;
  status: ConversationStatus;
  /** Started by the company (e.g. with a template), not by the customer. */
  outbound: boolean;
  groupId: string | null;
  assigneeId: string | null;
  tagIds: string[];
  createdAt: string;
  /** Last customer, agent or bot message (notes and system events do not count). */
  lastActivityAt: string;
  lastCustomerMessageAt: string | null;
  /** Oldest customer message not yet answered by an agent; null when answered. */
  waitingSince: string | null;
  assignedAt: string | null;
  closedAt: string | null;
  closedHow: CloseReason | null;
  /** Count of customer messages ever received; unread = this minus `ReadState.readCount`. */
  customerMessageCount: number;
  lastMessage: MessagePreview | null;
  version: number;
}

/** One agent's read position in one conversation. Private to that agent. */
export interface ReadState {
  conversationId: string;
  /** Value of `Conversation.customerMessageCount` when last read. */
  readCount: number;
  markedUnread: boolean;
  markedUnreadAt: string | null;
  version: number;
}

export type MessageAuthor = 'customer' | 'agent' | 'bot' | 'system';
export type MessageKind = 'text' | 'file' | 'image' | 'audio' | 'note' | 'event';
export type DeliveryStatus = 'pending' | 'sent' | 'delivered' | 'read' | 'failed';

export interface Attachment {
  id: string;
  name: string;
  contentType: string;
  size: number;
  /** Signed URL, usable in `<img src>` and `<a href>` without an Authorization header. */
  url: string;
}

export type SystemEventType = 'assigned' | 'transferred' | 'queued' | 'closed' | 'reopened';

/** What a `kind: 'event'` message records. */
export interface SystemEvent {
  type: SystemEventType;
  /** Agent who did it (null when the server or bot did). */
  byAgentId: string | null;
  /** Agent who now holds the conversation, when relevant. */
  toAgentId?: string | null;
  /** Group the conversation went to, when relevant. */
  toGroupId?: string | null;
  closedHow?: CloseReason;
}

export interface Message {
  id: string;
  conversationId: string;
  author: MessageAuthor;
  /** Agent who wrote it when `author` is `agent` (also for notes). */
  agentId: string | null;
  kind: MessageKind;
  text: string;
  attachments: Attachment[];
  /** Id chosen by the sender for idempotency; the same id is stored once. */
  clientId: string | null;
  status: DeliveryStatus;
  createdAt: string;
  /** Monotonic order of messages across the workspace. */
  seq: number;
  event?: SystemEvent;
  templateId?: string;
  version: number;
}

export interface Tag {
  id: string;
  name: string;
  /** CSS colour, `#rrggbb`. */
  color: string;
}

/** An approved WhatsApp template; `{{1}}`, `{{2}}` … are filled by `variables`. */
export interface Template {
  id: string;
  name: string;
  language: string;
  body: string;
  variableCount: number;
}

export interface QuickReply {
  id: string;
  /** Typed after "/" in the composer. */
  shortcut: string;
  text: string;
}

export interface WorkspaceSettings {
  voiceNotesEnabled: boolean;
  /** Active conversations close automatically this long after the last interaction; 0 disables. */
  autoCloseHours: number;
  /** A manually closed conversation reopens with the same agent if the customer writes within this; 0 disables. */
  reopenToleranceMinutes: number;
  /** Upload limit per channel, in bytes. */
  maxUploadBytes: Record<Channel, number>;
  /** Free text on WhatsApp only within this many hours of the last customer message. */
  whatsappWindowHours: number;
  /** An agent without activity for this long becomes offline. */
  idleOfflineMinutes: number;
}

export const DEFAULT_SETTINGS: WorkspaceSettings = {
  voiceNotesEnabled: true,
  autoCloseHours: 24,
  reopenToleranceMinutes: 0,
  maxUploadBytes: {
    whatsapp: 16 * 1024 * 1024,
    instagram: 8 * 1024 * 1024,
    facebook: 25 * 1024 * 1024,
    web: 10 * 1024 * 1024,
  },
  whatsappWindowHours: 24,
  idleOfflineMinutes: 10,
};

/** Inbox trays (SPEC 1). */
export const TRAYS = ['queued', 'mine', 'agents', 'bot'] as const;
export type Tray = (typeof TRAYS)[number];
/** Status filter crossed with the tray: `outbound` = active conversations started by the company. */
export const STATUS_FILTERS = ['active', 'closed', 'outbound'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
/** Sort orders (SPEC 3). */
export const SORT_ORDERS = ['waiting', 'activity', 'assignment'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export type TrayCounts = Record<Tray, number>;
