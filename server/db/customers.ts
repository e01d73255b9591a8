// Queries for customers and their channel identities.
import type { Queryable, Row } from './adapter.js';

export async function customerRow(q: Queryable, id: string, lock = false): Promise<Row | undefined> {
  return (await q.query(`SELECT * FROM customers WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]))[0];
}

export async function customerByIdentity(q: Queryable, channel: string, handle: string): Promise<Row | undefined> {
  const sql = 'SELECT c.* FROM customer_identities i JOIN customers c ON c.id = i.customer_id WHERE i.channel = $1 AND i.handle = $2';
  return (await q.query(sql, [channel, handle]))[0];
}

export async function insertIdentity(q: Queryable, channel: string, handle: string, customerId: string): Promise<void> {
  await q.query('INSERT INTO customer_identities (channel, handle, customer_id) VALUES ($1, $2, $3)', [channel, handle, customerId]);
}
