// A customer writes on a channel: find or create the customer and the conversation (new, continued or reopened).
import type { Channel, Conversation, Customer, InboundMessageBody, Message } from '../../src/contract/index.js';
import { isUniqueViolation, type Queryable } from '../db/adapter.js';
import { conversationRow, latestConversation } from '../db/conversations.js';
import { customerByIdentity, customerRow, insertIdentity } from '../db/customers.js';
import { toConversation, toCustomer } from '../db/rows.js';
import { insertRow, newId } from '../db/sql.js';
import type { AttachmentMeta } from '../db/types.js';
import { readSettings } from '../db/workspace.js';
import { botReply, type BotStep } from './bot.js';
import { nowIso, type Services } from './context.js';
import { badRequest } from './errors.js';
import { write, type TxEvents } from './events.js';
import { kindForAttachments } from './messages.js';
import { appendMessage, appendSystemEvent, updateConversation } from './timeline.js';

const PHONE = /^\+?[0-9 ()-]{5,24}$/;

export async function findOrCreateCustomer(
  services: Services,
  q: Queryable,
  channel: Channel,
  handle: string,
  details: { name?: string; phone?: string; email?: string },
): Promise<Customer> {
  const existing = await customerByIdentity(q, channel, handle);
  if (existing) return toCustomer(existing);
  const at = nowIso(services);
  const phone = details.phone ?? (channel === 'whatsapp' && PHONE.test(handle) ? handle : null);
  const row = await insertRow(q, 'customers', {
    id: newId('cus'),
    name: details.name ?? handle,
    phone,
    email: details.email ?? null,
    attributes: {},
    created_at: at,
    updated_at: at,
  });
  await insertIdentity(q, channel, handle, String(row.id));
  return toCustomer(row);
}

export async function createConversation(
  services: Services,
  q: Queryable,
  fields: { customerId: string; channel: Channel; stage: Conversation['stage']; groupId?: string | null; assigneeId?: string | null; outbound?: boolean },
): Promise<Conversation> {
  const at = nowIso(services);
  const row = await insertRow(q, 'conversations', {
    id: newId('conv'),
    customer_id: fields.customerId,
    channel: fields.channel,
    stage: fields.stage,
    status: 'active',
    outbound: fields.outbound ?? false,
    group_id: fields.groupId ?? null,
    assignee_id: fields.assigneeId ?? null,
    assigned_at: fields.assigneeId ? at : null,
    tag_ids: [],
    created_at: at,
    last_activity_at: at,
  });
  return toConversation(row);
}

/** The conversation a new customer message goes to (SPEC 11: reopen within tolerance, else a new bot conversation). */
async function targetConversation(services: Services, q: Queryable, events: TxEvents, customer: Customer, channel: Channel): Promise<{ conversation: Conversation; fresh: boolean }> {
  const latestRow = await latestConversation(q, customer.id, channel);
  const latest = latestRow ? toConversation(latestRow) : null;
  if (latest?.status === 'active') return { conversation: latest, fresh: false };
  if (latest && latest.closedHow === 'manual' && latest.assigneeId && latest.closedAt) {
    const settings = await readSettings(q);
    const within = services.clock.now() - Date.parse(latest.closedAt) <= settings.reopenToleranceMinutes * 60_000;
    if (settings.reopenToleranceMinutes > 0 && within) {
      const reopened = await updateConversation(q, latest.id, {
        status: 'active', stage: 'assigned', closed_at: null, closed_how: null, bot_step: null,
      });
      events.conversation(reopened);
      await appendSystemEvent(services, q, events, reopened, { type: 'reopened', byAgentId: null, toAgentId: reopened.assigneeId });
      return { conversation: reopened, fresh: false };
    }
  }
  const conversation = await createConversation(services, q, { customerId: customer.id, channel, stage: 'bot' });
  events.conversation(conversation);
  return { conversation, fresh: true };
}

/** Customer uploads (simulated channel) not yet attached to a message. */
async function claimCustomerUploads(q: Queryable, conversationId: string, ids: readonly string[]): Promise<AttachmentMeta[]> {
  const metas: AttachmentMeta[] = [];
  for (const id of ids) {
    const row = (
      await q.query(
        'UPDATE attachments SET conversation_id = $2 WHERE id = $1 AND conversation_id IS NULL RETURNING id, name, content_type, size',
        [id, conversationId],
      )
    )[0];
    if (!row) throw badRequest(`attachmentIds: unknown attachment ${id}`);
    metas.push({ id: String(row.id), name: String(row.name), contentType: String(row.content_type), size: Number(row.size) });
  }
  return metas;
}

export interface InboundResult {
  customer: Customer;
  conversation: Conversation;
  message: Message;
}

export async function receiveInbound(services: Services, body: InboundMessageBody): Promise<InboundResult> {
  if (!body.text.trim() && body.attachmentIds.length === 0) throw badRequest('a message needs text or an attachment');
  try {
    return await receiveOnce(services, body);
  } catch (error) {
    // A concurrent first message created the same customer: the retry finds it.
    if (!isUniqueViolation(error)) throw error;
    return receiveOnce(services, body);
  }
}

function receiveOnce(services: Services, body: InboundMessageBody): Promise<InboundResult> {
  return write(services, async (q, events) => {
    const found = await findOrCreateCustomer(services, q, body.channel, body.from, { name: body.name });
    // One customer's messages are handled one at a time, so two at once never open two conversations.
    const customer = toCustomer((await customerRow(q, found.id, true))!);
    const { conversation, fresh } = await targetConversation(services, q, events, customer, body.channel);
    const attachments = await claimCustomerUploads(q, conversation.id, body.attachmentIds);
    const stored = await appendMessage(services, q, events, conversation, {
      author: 'customer', kind: kindForAttachments(attachments), text: body.text, attachments,
    });
    let current = stored.conversation;
    if (current.stage === 'bot') {
      const step = fresh ? null : ((await conversationRow(q, current.id))?.bot_step as BotStep | null);
      await botReply(services, q, events, current, customer, body.text, step ?? null);
      current = toConversation((await conversationRow(q, current.id))!);
    }
    const latestCustomer = toCustomer((await q.query('SELECT * FROM customers WHERE id = $1', [customer.id]))[0]!);
    return { customer: latestCustomer, conversation: current, message: stored.message };
  });
}
