// Realtime events sent over Server-Sent Events (`GET /api/events`).
// Every event has a persisted, increasing `id` (also the SSE `id:` field, for Last-Event-ID replay).
// Entities carry `version`: a client keeps the higher version, so applying an event twice changes nothing.
import type { Agent, Conversation, Customer, Message, ReadState, Tag, WorkspaceSettings } from './domain.js';

interface EventBase {
  id: number;
  at: string;
}

/** A conversation was created or changed (assignment, transfer, tags, close, reopen, activity). */
export interface ConversationUpdatedEvent extends EventBase {
  type: 'conversation.updated';
  conversation: Conversation;
}
/** The receiving agent may no longer see this conversation (e.g. transferred to a group they are not in). */
export interface ConversationRemovedEvent extends EventBase {
  type: 'conversation.removed';
  conversationId: string;
}
export interface MessageCreatedEvent extends EventBase {
  type: 'message.created';
  message: Message;
}
/** Delivery status changes. */
export interface MessageUpdatedEvent extends EventBase {
  type: 'message.updated';
  message: Message;
}
export interface CustomerUpdatedEvent extends EventBase {
  type: 'customer.updated';
  customer: Customer;
}
/** Sent only to the agent the read state belongs to. */
export interface ReadUpdatedEvent extends EventBase {
  type: 'read.updated';
  readState: ReadState;
}
export interface AgentUpdatedEvent extends EventBase {
  type: 'agent.updated';
  agent: Agent;
}
export interface TagUpdatedEvent extends EventBase {
  type: 'tag.updated';
  tag: Tag;
}
export interface SettingsUpdatedEvent extends EventBase {
  type: 'settings.updated';
  settings: WorkspaceSettings;
}

/**
 * Sent first on a stream whose Last-Event-ID is older than the events the server still keeps (they are pruned
 * after a while): the missed changes cannot be replayed, so the client loads its data again. Its `id` is the
 * newest event id; the stream goes on live from there. Never stored, never replayed.
 */
export interface StreamResetEvent extends EventBase {
  type: 'stream.reset';
}

export type OwEvent =
  | ConversationUpdatedEvent
  | ConversationRemovedEvent
  | MessageCreatedEvent
  | MessageUpdatedEvent
  | CustomerUpdatedEvent
  | ReadUpdatedEvent
  | AgentUpdatedEvent
  | TagUpdatedEvent
  | SettingsUpdatedEvent
  | StreamResetEvent;

export type OwEventType = OwEvent['type'];

/** Distributive Omit, so each member of the union keeps its own fields. */
export type OwEventPayload = OwEvent extends infer E ? (E extends OwEvent ? Omit<E, 'id' | 'at'> : never) : never;

/** SSE comment line sent every this many milliseconds so proxies keep the stream open. */
export const HEARTBEAT_MS = 15_000;
