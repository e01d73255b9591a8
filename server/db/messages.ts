// Queries for messages: idempotent lookup by client id, paging by `before`, delivery progress.
import type { Queryable, Row } from './adapter.js';

export async function messageByClientId(q: Queryable, conversationId: string, clientId: string): Promise<Row | undefined> {
  return (await q.query('SELECT * FROM messages WHERE conversation_id = $1 AND client_id = $2', [conversationId, clientId]))[0];
}

export async function messagePage(
  q: Queryable,
  conversationId: string,
  options: { beforeSeq?: number; limit: number; notesOnly?: boolean },
): Promise<{ rows: Row[]; hasMore: boolean }> {
  const params: unknown[] = [conversationId, options.limit + 1];
  let where = 'conversation_id = $1';
  if (options.beforeSeq !== undefined) {
    params.push(options.beforeSeq);
    where += ` AND seq < $${params.length}`;
  }
  if (options.notesOnly) where += " AND kind = 'note'";
  const rows = await q.query(`SELECT * FROM messages WHERE ${where} ORDER BY seq DESC LIMIT $2`, params);
  const hasMore = rows.length > options.limit;
  return { rows: rows.slice(0, options.limit).reverse(), hasMore };
}

export async function messageRow(q: Queryable, id: string): Promise<Row | undefined> {
  return (await q.query('SELECT * FROM messages WHERE id = $1', [id]))[0];
}

/** Customer-visible messages (no notes, no system events) of these conversations, oldest first. */
export async function customerVisibleMessages(q: Queryable, conversationIds: string[], limit = 500): Promise<Row[]> {
  if (conversationIds.length === 0) return [];
  const sql = `SELECT * FROM (
      SELECT * FROM messages
      WHERE conversation_id IN (SELECT jsonb_array_elements_text($1::text::jsonb))
        AND author IN ('customer', 'agent', 'bot') AND kind NOT IN ('note', 'event')
      ORDER BY seq DESC LIMIT $2) recent ORDER BY seq`;
  return q.query(sql, [JSON.stringify(conversationIds), limit]);
}

/** Agent replies whose delivery should advance from `from` to `to` (oldest first, locked). */
export async function messagesToAdvance(q: Queryable, from: string, createdBefore: string): Promise<Row[]> {
  const sql = `SELECT * FROM messages WHERE author = 'agent' AND status = $1 AND kind <> 'note' AND created_at <= $2
    ORDER BY seq LIMIT 500 FOR UPDATE SKIP LOCKED`;
  return q.query(sql, [from, createdBefore]);
}
