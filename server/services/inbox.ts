// Conversation listing for one agent: trays, status, search, tag, sort, cursor paging and counts.
import type { ConversationPage, ConversationQuery, TrayCounts } from '../../src/contract/index.js';
import { decodeCursor, encodeCursor } from '../../src/client/rules/sorting.js';
import { normalizeForSearch } from '../../src/client/rules/search.js';
import { inboxCounts, inboxPage, type InboxFilter } from '../db/inbox.js';
import { toConversation, toCustomer, toReadState } from '../db/rows.js';
import type { Viewer } from './access.js';
import type { Services } from './context.js';
import { badRequest } from './errors.js';

const DEFAULT_LIMIT = 50;

function filterFor(viewer: Viewer, query: Pick<ConversationQuery, 'status' | 'q' | 'tag'>): InboxFilter {
  const search = query.q ? normalizeForSearch(query.q.trim()) : '';
  return { viewer, status: query.status, search: search || undefined, tag: query.tag };
}

export async function trayCounts(services: Services, viewer: Viewer, query: Pick<ConversationQuery, 'status' | 'q' | 'tag'>): Promise<TrayCounts> {
  return inboxCounts(services.db, filterFor(viewer, query));
}

export async function listConversations(services: Services, viewer: Viewer, query: ConversationQuery): Promise<ConversationPage> {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  if (query.cursor && !after) throw badRequest('cursor: not a cursor of this list');
  const filter = filterFor(viewer, query);
  const limit = query.limit ?? DEFAULT_LIMIT;
  const page = await inboxPage(services.db, filter, query.tray, query.sort, after, limit);
  const conversations = page.rows.map((r) => toConversation(r.conversation));
  const customerIds = [...new Set(conversations.map((c) => c.customerId))];
  const customers = customerIds.length
    ? await services.db.query('SELECT * FROM customers WHERE id IN (SELECT jsonb_array_elements_text($1::text::jsonb))', [JSON.stringify(customerIds)])
    : [];
  const last = page.rows.at(-1);
  return {
    conversations,
    customers: customers.map(toCustomer),
    readStates: page.rows.map((r) => toReadState(r.readState, String(r.conversation.id))),
    nextCursor: page.hasMore && last ? encodeCursor(last.key) : null,
    counts: await inboxCounts(services.db, filter),
  };
}
