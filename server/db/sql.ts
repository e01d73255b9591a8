// Small SQL helpers: JSON parameters and column updates that work the same on PGlite and `pg`.
import type { Queryable, Row } from './adapter.js';

/** jsonb parameters travel as text (`$n::text::jsonb`): `pg` would turn a JS array into a PostgreSQL array. */
export function jsonParam(value: unknown): string {
  return JSON.stringify(value);
}

const JSONB_COLUMNS = new Set(['group_ids', 'tag_ids', 'last_message', 'attributes', 'attachments', 'event', 'options', 'payload']);

/** UPDATE table SET col = value, … (and version = version + 1 when asked) WHERE id = $1 RETURNING *. */
export async function updateById(
  q: Queryable,
  table: string,
  id: string,
  fields: Record<string, unknown>,
  bumpVersion = true,
): Promise<Row | undefined> {
  const params: unknown[] = [id];
  const sets: string[] = [];
  for (const [column, value] of Object.entries(fields)) {
    if (JSONB_COLUMNS.has(column)) {
      params.push(value === null ? null : jsonParam(value));
      sets.push(`${column} = $${params.length}::text::jsonb`);
    } else {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    }
  }
  if (bumpVersion) sets.push('version = version + 1');
  if (sets.length === 0) return (await q.query(`SELECT * FROM ${table} WHERE id = $1`, [id]))[0];
  const rows = await q.query(`UPDATE ${table} SET ${sets.join(', ')} WHERE id = $1 RETURNING *`, params);
  return rows[0];
}

/** INSERT INTO table (cols) VALUES (…) RETURNING *. */
export async function insertRow(q: Queryable, table: string, fields: Record<string, unknown>): Promise<Row> {
  const columns = Object.keys(fields);
  const params = columns.map((c) => (JSONB_COLUMNS.has(c) && fields[c] !== null ? jsonParam(fields[c]) : fields[c]));
  const placeholders = columns.map((c, i) => (JSONB_COLUMNS.has(c) ? `$${i + 1}::text::jsonb` : `$${i + 1}`));
  const rows = await q.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders.join(', ')}) RETURNING *`, params);
  return rows[0]!;
}

/** Escapes LIKE wildcards so a search for `50%` finds the text `50%`. */
export function likePattern(needle: string): string {
  return `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function newId(prefix: string): string {
  return `${prefix}_${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`;
}
