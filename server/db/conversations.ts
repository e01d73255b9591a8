// Queries for conversations: lookup with row lock, the customer's latest one, and those due for automatic close.
import type { Queryable, Row } from './adapter.js';

export async function conversationRow(q: Queryable, id: string, lock = false): Promise<Row | undefined> {
  return (await q.query(`SELECT * FROM conversations WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]))[0];
}

export async function latestConversation(q: Queryable, customerId: string, channel: string): Promise<Row | undefined> {
  const sql = 'SELECT * FROM conversations WHERE customer_id = $1 AND channel = $2 ORDER BY seq DESC LIMIT 1 FOR UPDATE';
  return (await q.query(sql, [customerId, channel]))[0];
}

export async function customerConversations(q: Queryable, customerId: string, channel?: string): Promise<Row[]> {
  const sql = channel
    ? 'SELECT * FROM conversations WHERE customer_id = $1 AND channel = $2 ORDER BY seq'
    : 'SELECT * FROM conversations WHERE customer_id = $1 ORDER BY seq';
  return q.query(sql, channel ? [customerId, channel] : [customerId]);
}

export async function dueForAutoClose(q: Queryable, before: string): Promise<string[]> {
  const rows = await q.query("SELECT id FROM conversations WHERE status = 'active' AND last_activity_at <= $1 ORDER BY last_activity_at LIMIT 500", [before]);
  return rows.map((r) => String(r.id));
}
