// The customer's side of the simulated channel: what their phone shows, and read receipts.
import type { Channel, Conversation, Customer, Message } from '../../src/contract/index.js';
import { customerConversations } from '../db/conversations.js';
import { customerByIdentity } from '../db/customers.js';
import { customerVisibleMessages } from '../db/messages.js';
import { toConversation, toCustomer, toMessage } from '../db/rows.js';
import type { Services } from './context.js';
import { write } from './events.js';

export interface CustomerView {
  customer: Customer | null;
  conversations: Conversation[];
  messages: Message[];
}

export async function customerView(services: Services, channel: Channel, from: string): Promise<CustomerView> {
  const row = await customerByIdentity(services.db, channel, from);
  if (!row) return { customer: null, conversations: [], messages: [] };
  const conversations = (await customerConversations(services.db, String(row.id), channel)).map(toConversation);
  const messages = await customerVisibleMessages(services.db, conversations.map((c) => c.id));
  return { customer: toCustomer(row), conversations, messages: messages.map((m) => toMessage(m, (a) => services.files.url(a))) };
}

/** The customer opened the chat: every agent reply they received becomes `read`. */
export async function customerRead(services: Services, channel: Channel, from: string): Promise<{ updated: number }> {
  return write(services, async (q, events) => {
    const customer = await customerByIdentity(q, channel, from);
    if (!customer) return { updated: 0 };
    const conversations = new Map((await customerConversations(q, String(customer.id), channel)).map((r) => [String(r.id), toConversation(r)]));
    const rows = await q.query(
      `UPDATE messages SET status = 'read', version = version + 1
       WHERE conversation_id IN (SELECT jsonb_array_elements_text($1::text::jsonb))
         AND author = 'agent' AND kind <> 'note' AND status IN ('sent', 'delivered')
       RETURNING *`,
      [JSON.stringify([...conversations.keys()])],
    );
    rows.sort((a, b) => Number(a.seq) - Number(b.seq));
    for (const row of rows) {
      events.message('message.updated', toMessage(row, (m) => services.files.url(m)), conversations.get(String(row.conversation_id))!);
    }
    return { updated: rows.length };
  });
}

export function customerIdFor(services: Services, channel: Channel, from: string): Promise<string | null> {
  return customerByIdentity(services.db, channel, from).then((row) => (row ? String(row.id) : null));
}
