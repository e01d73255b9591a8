// Row -> domain mapping shared by the queries.
import type { AttachmentMeta } from './types.js';
import type {
  Agent,
  AgentRole,
  AgentStatus,
  Attachment,
  AttributeDefinition,
  Channel,
  CloseReason,
  Conversation,
  ConversationStatus,
  Customer,
  DeliveryStatus,
  Group,
  Message,
  MessageAuthor,
  MessageKind,
  MessagePreview,
  QuickReply,
  ReadState,
  Stage,
  SystemEvent,
  Tag,
  Template,
} from '../../src/contract/index.js';
import type { Row } from './adapter.js';

export function iso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return new Date(String(value)).toISOString();
}

export function isoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : iso(value);
}

function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export function toAgent(row: Row): Agent {
  return {
    id: String(row.id),
    name: String(row.name),
    email: String(row.email),
    role: row.role as AgentRole,
    groupIds: json<string[]>(row.group_ids),
    status: row.status as AgentStatus,
    lastSeenAt: iso(row.last_seen_at),
    version: Number(row.version),
  };
}

export function toGroup(row: Row): Group {
  return { id: String(row.id), name: String(row.name) };
}

export function toTag(row: Row): Tag {
  return { id: String(row.id), name: String(row.name), color: String(row.color) };
}

export function toTemplate(row: Row): Template {
  return {
    id: String(row.id),
    name: String(row.name),
    language: String(row.language),
    body: String(row.body),
    variableCount: Number(row.variable_count),
  };
}

export function toQuickReply(row: Row): QuickReply {
  return { id: String(row.id), shortcut: String(row.shortcut), text: String(row.text) };
}

export function toAttributeDefinition(row: Row): AttributeDefinition {
  const definition: AttributeDefinition = { key: String(row.key), label: String(row.label), type: row.type as AttributeDefinition['type'] };
  const options = json<string[] | null>(row.options);
  if (options) definition.options = options;
  if (row.required) definition.required = true;
  return definition;
}

export function toCustomer(row: Row): Customer {
  return {
    id: String(row.id),
    name: String(row.name),
    phone: (row.phone as string | null) ?? null,
    email: (row.email as string | null) ?? null,
    attributes: json<Customer['attributes']>(row.attributes),
    version: Number(row.version),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    updatedBy: (row.updated_by as string | null) ?? null,
  };
}

export function toConversation(row: Row): Conversation {
  return {
    id: String(row.id),
    customerId: String(row.customer_id),
    channel: row.channel as Channel,
    stage: row.stage as Stage,
    status: row.status as ConversationStatus,
    outbound: Boolean(row.outbound),
    groupId: (row.group_id as string | null) ?? null,
    assigneeId: (row.assignee_id as string | null) ?? null,
    tagIds: json<string[]>(row.tag_ids),
    createdAt: iso(row.created_at),
    lastActivityAt: iso(row.last_activity_at),
    lastCustomerMessageAt: isoOrNull(row.last_customer_message_at),
    waitingSince: isoOrNull(row.waiting_since),
    assignedAt: isoOrNull(row.assigned_at),
    closedAt: isoOrNull(row.closed_at),
    closedHow: (row.closed_how as CloseReason | null) ?? null,
    customerMessageCount: Number(row.customer_message_count),
    lastMessage: json<MessagePreview | null>(row.last_message ?? null),
    version: Number(row.version),
  };
}

export function toMessage(row: Row, signUrl: (meta: AttachmentMeta) => string): Message {
  const metas = json<AttachmentMeta[]>(row.attachments);
  const message: Message = {
    id: String(row.id),
    conversationId: String(row.conversation_id),
    author: row.author as MessageAuthor,
    agentId: (row.agent_id as string | null) ?? null,
    kind: row.kind as MessageKind,
    text: String(row.text),
    attachments: metas.map((meta): Attachment => ({ ...meta, url: signUrl(meta) })),
    clientId: (row.client_id as string | null) ?? null,
    status: row.status as DeliveryStatus,
    createdAt: iso(row.created_at),
    seq: Number(row.seq),
    version: Number(row.version),
  };
  const event = json<SystemEvent | null>(row.event ?? null);
  if (event) message.event = event;
  if (row.template_id) message.templateId = String(row.template_id);
  return message;
}

export function toReadState(row: Row | undefined, conversationId: string): ReadState {
  if (!row) return { conversationId, readCount: 0, markedUnread: false, markedUnreadAt: null, version: 0 };
  return {
    conversationId,
    readCount: Number(row.read_count),
    markedUnread: Boolean(row.marked_unread),
    markedUnreadAt: isoOrNull(row.marked_unread_at),
    version: Number(row.version),
  };
}
