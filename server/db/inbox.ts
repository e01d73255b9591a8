// The inbox query: tray/status/tag/search filters, the per-agent sort key of src/client/rules/sorting.ts, keyset paging.
import type { Agent, SortOrder, StatusFilter, Tray, TrayCounts } from '../../src/contract/index.js';
import type { SortKey } from '../../src/client/rules/index.js';
import type { Queryable, Row } from './adapter.js';
import { likePattern } from './sql.js';

export interface InboxFilter {
  viewer: Pick<Agent, 'id' | 'role' | 'groupIds'>;
  status: StatusFilter;
  /** Already folded (lower case, no accents). */
  search?: string;
  tag?: string;
}

const ms = (column: string) => `floor(extract(epoch from ${column}) * 1000)::bigint`;
const WAITING_SINCE =
  'coalesce(c.waiting_since, CASE WHEN rs.marked_unread THEN coalesce(rs.marked_unread_at, c.last_activity_at) END)';
const NEVER = '9007199254740991';

function keyColumns(sort: SortOrder): [string, string] {
  switch (sort) {
    case 'waiting':
      return [
        `CASE WHEN ${WAITING_SINCE} IS NULL THEN 1 ELSE 0 END`,
        `CASE WHEN ${WAITING_SINCE} IS NULL THEN -${ms('c.last_activity_at')} ELSE ${ms(WAITING_SINCE)} END`,
      ];
    case 'activity':
      return [`-${ms('c.last_activity_at')}`, '0::bigint'];
    case 'assignment':
      return [`coalesce(${ms('c.assigned_at')}, ${NEVER})`, `-${ms('c.last_activity_at')}`];
  }
}

function trayCondition(tray: Tray, meParam: string): string {
  switch (tray) {
    case 'queued':
      return "c.stage = 'queued'";
    case 'mine':
      return `c.stage = 'assigned' AND c.assignee_id = ${meParam}`;
    case 'agents':
      return "c.stage = 'assigned'";
    case 'bot':
      return "c.stage = 'bot'";
  }
}

/** WHERE clause shared by the list and the counts; `$1` is always the viewer's id. */
function filterClause(filter: InboxFilter, params: unknown[]): string {
  params.push(filter.viewer.id);
  const where: string[] = [];
  if (filter.viewer.role !== 'admin') {
    params.push(JSON.stringify(filter.viewer.groupIds));
    where.push(`(c.assignee_id = $1 OR c.group_id IS NULL OR $${params.length}::text::jsonb ? c.group_id)`);
  }
  if (filter.status === 'closed') where.push("c.status = 'closed'");
  else where.push("c.status = 'active'");
  if (filter.status === 'outbound') where.push('c.outbound');
  if (filter.tag) {
    params.push(filter.tag);
    where.push(`c.tag_ids ? $${params.length}`);
  }
  if (filter.search) {
    params.push(likePattern(filter.search));
    const p = `$${params.length}`;
    where.push(`(ow_fold(cu.name) LIKE ${p} OR ow_fold(cu.phone) LIKE ${p} OR ow_fold(cu.email) LIKE ${p}
      OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.kind <> 'event' AND ow_fold(m.text) LIKE ${p}))`);
  }
  return where.join(' AND ');
}

export interface InboxRow {
  conversation: Row;
  readState: Row | undefined;
  key: SortKey;
}

export async function inboxPage(
  q: Queryable,
  filter: InboxFilter,
  tray: Tray,
  sort: SortOrder,
  after: SortKey | null,
  limit: number,
): Promise<{ rows: InboxRow[]; hasMore: boolean }> {
  const params: unknown[] = [];
  const where = filterClause(filter, params);
  const [k1, k2] = keyColumns(sort);
  let afterClause = '';
  if (after) {
    params.push(String(after.primary), String(after.secondary), after.id);
    const n = params.length;
    afterClause = `WHERE (k1, k2, id COLLATE "C") > ($${n - 2}::bigint, $${n - 1}::bigint, $${n}::text COLLATE "C")`;
  }
  params.push(limit + 1);
  const sql = `SELECT * FROM (
      SELECT c.*, ${k1} AS k1, ${k2} AS k2,
        rs.agent_id AS rs_agent_id, rs.read_count AS rs_read_count, rs.marked_unread AS rs_marked_unread,
        rs.marked_unread_at AS rs_marked_unread_at, rs.version AS rs_version
      FROM conversations c
      JOIN customers cu ON cu.id = c.customer_id
      LEFT JOIN read_states rs ON rs.conversation_id = c.id AND rs.agent_id = $1
      WHERE ${where} AND ${trayCondition(tray, '$1')}
    ) keyed ${afterClause}
    ORDER BY k1, k2, id COLLATE "C" LIMIT $${params.length}`;
  const rows = await q.query(sql, params);
  const hasMore = rows.length > limit;
  return {
    hasMore,
    rows: rows.slice(0, limit).map((row) => ({
      conversation: row,
      readState: row.rs_agent_id
        ? { read_count: row.rs_read_count, marked_unread: row.rs_marked_unread, marked_unread_at: row.rs_marked_unread_at, version: row.rs_version }
        : undefined,
      key: { primary: Number(row.k1), secondary: Number(row.k2), id: String(row.id) },
    })),
  };
}

export async function inboxCounts(q: Queryable, filter: InboxFilter): Promise<TrayCounts> {
  const params: unknown[] = [];
  const where = filterClause(filter, params);
  const sql = `SELECT
      count(*) FILTER (WHERE c.stage = 'queued') AS queued,
      count(*) FILTER (WHERE c.stage = 'assigned' AND c.assignee_id = $1) AS mine,
      count(*) FILTER (WHERE c.stage = 'assigned') AS agents,
      count(*) FILTER (WHERE c.stage = 'bot') AS bot
    FROM conversations c JOIN customers cu ON cu.id = c.customer_id WHERE ${where}`;
  const row = (await q.query(sql, params))[0]!;
  return { queued: Number(row.queued), mine: Number(row.mine), agents: Number(row.agents), bot: Number(row.bot) };
}
