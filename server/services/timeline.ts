// Appending messages to a conversation and keeping its derived fields (activity, waiting, counts, preview) right.
import type {
  Conversation,
  DeliveryStatus,
  Message,
  MessageAuthor,
  MessageKind,
  SystemEvent,
} from '../../src/contract/index.js';
import type { Queryable } from '../db/adapter.js';
import { toConversation, toMessage } from '../db/rows.js';
import { insertRow, newId, updateById } from '../db/sql.js';
import type { AttachmentMeta } from '../db/types.js';
import { nowIso, type Services } from './context.js';
import type { TxEvents } from './events.js';

export interface NewMessage {
  author: MessageAuthor;
  agentId?: string | null;
  kind: MessageKind;
  text: string;
  attachments?: AttachmentMeta[];
  clientId?: string | null;
  event?: SystemEvent;
  templateId?: string;
}

const PREVIEW_LENGTH = 200;

/** Customer and bot messages have arrived; agent replies start as sent and advance with the channel (jobs.ts). */
function initialStatus(author: MessageAuthor): DeliveryStatus {
  return author === 'customer' || author === 'bot' ? 'delivered' : 'sent';
}

/** What the message changes on its conversation; empty for notes and system events. */
function conversationChanges(conversation: Conversation, message: Message): Record<string, unknown> {
  if (message.kind === 'note' || message.kind === 'event' || message.author === 'system') return {};
  const at = message.createdAt;
  const changes: Record<string, unknown> = {
    last_activity_at: at,
    last_message: { author: message.author, kind: message.kind, text: message.text.slice(0, PREVIEW_LENGTH), createdAt: at },
  };
  if (message.author === 'customer') {
    changes.last_customer_message_at = at;
    changes.customer_message_count = conversation.customerMessageCount + 1;
    if (!conversation.waitingSince) changes.waiting_since = at;
  }
  if (message.author === 'agent') changes.waiting_since = null;
  return changes;
}

export async function appendMessage(
  services: Services,
  q: Queryable,
  events: TxEvents,
  conversation: Conversation,
  input: NewMessage,
): Promise<{ message: Message; conversation: Conversation }> {
  const row = await insertRow(q, 'messages', {
    id: newId('msg'),
    conversation_id: conversation.id,
    author: input.author,
    agent_id: input.agentId ?? null,
    kind: input.kind,
    text: input.text,
    attachments: input.attachments ?? [],
    client_id: input.clientId ?? null,
    status: initialStatus(input.author),
    created_at: nowIso(services),
    event: input.event ?? null,
    template_id: input.templateId ?? null,
  });
  const message = toMessage(row, (meta) => services.files.url(meta));
  const changes = conversationChanges(conversation, message);
  let updated = conversation;
  if (Object.keys(changes).length > 0) updated = toConversation((await updateById(q, 'conversations', conversation.id, changes))!);
  events.message('message.created', message, updated);
  if (updated !== conversation) events.conversation(updated);
  return { message, conversation: updated };
}

/** Records an assignment, transfer, queueing, close or reopen in the timeline. */
export async function appendSystemEvent(
  services: Services,
  q: Queryable,
  events: TxEvents,
  conversation: Conversation,
  event: SystemEvent,
): Promise<Message> {
  const { message } = await appendMessage(services, q, events, conversation, { author: 'system', kind: 'event', text: '', event });
  return message;
}

export async function updateConversation(q: Queryable, id: string, changes: Record<string, unknown>): Promise<Conversation> {
  return toConversation((await updateById(q, 'conversations', id, changes))!);
}
