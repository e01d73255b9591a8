// Conversation actions: detail, assign to me, transfer, close, tags, and per-agent read state.
import type { Conversation, ConversationDetail, ReadState, TransferBody } from '../../src/contract/index.js';
import { customerRow } from '../db/customers.js';
import { toAgent, toCustomer, toReadState } from '../db/rows.js';
import { agentRow, listAgents, tagRow } from '../db/workspace.js';
import type { Queryable } from '../db/adapter.js';
import { visibleConversation, type Viewer } from './access.js';
import { nowIso, type Services } from './context.js';
import { conflict, notFound } from './errors.js';
import { write, type TxEvents } from './events.js';
import { appendSystemEvent, updateConversation } from './timeline.js';

export async function readStateOf(q: Queryable, agentId: string, conversationId: string): Promise<ReadState> {
  const row = (await q.query('SELECT * FROM read_states WHERE agent_id = $1 AND conversation_id = $2', [agentId, conversationId]))[0];
  return toReadState(row, conversationId);
}

export async function conversationDetail(services: Services, viewer: Viewer, id: string): Promise<ConversationDetail> {
  const conversation = await visibleConversation(services.db, viewer, id);
  return detailOf(services.db, viewer.id, conversation);
}

export async function detailOf(q: Queryable, agentId: string, conversation: Conversation): Promise<ConversationDetail> {
  const customer = toCustomer((await customerRow(q, conversation.customerId))!);
  return { conversation, customer, readState: await readStateOf(q, agentId, conversation.id) };
}

/** Applies a change that may hide the conversation from some agents; they receive conversation.removed. */
async function changeWithAudience(
  q: Queryable,
  events: TxEvents,
  before: Conversation,
  changes: Record<string, unknown>,
): Promise<Conversation> {
  const after = await updateConversation(q, before.id, changes);
  events.conversation(after);
  events.removals(before, after, await listAgents(q));
  return after;
}

export async function assignToMe(services: Services, viewer: Viewer, id: string): Promise<Conversation> {
  return write(services, async (q, events) => {
    const conversation = await visibleConversation(q, viewer, id, true);
    if (conversation.status !== 'active') throw conflict('the conversation is closed');
    if (conversation.stage === 'assigned' && conversation.assigneeId === viewer.id) return conversation;
    if (conversation.stage === 'assigned' && viewer.role !== 'admin') throw conflict('the conversation is already assigned to another agent');
    const after = await changeWithAudience(q, events, conversation, {
      stage: 'assigned', assignee_id: viewer.id, assigned_at: nowIso(services), bot_step: null,
    });
    await appendSystemEvent(services, q, events, after, { type: 'assigned', byAgentId: viewer.id, toAgentId: viewer.id, toGroupId: after.groupId });
    return after;
  });
}

export async function transfer(services: Services, viewer: Viewer, id: string, to: TransferBody): Promise<Conversation> {
  return write(services, async (q, events) => {
    const conversation = await visibleConversation(q, viewer, id, true);
    if (conversation.status !== 'active') throw conflict('the conversation is closed');
    if ('agentId' in to) {
      const row = await agentRow(q, to.agentId);
      if (!row) throw notFound('agent');
      const agent = toAgent(row);
      const inGroup = conversation.groupId !== null && agent.groupIds.includes(conversation.groupId);
      const groupId = inGroup ? conversation.groupId : (agent.groupIds[0] ?? conversation.groupId);
      const after = await changeWithAudience(q, events, conversation, {
        stage: 'assigned', assignee_id: agent.id, group_id: groupId, assigned_at: nowIso(services), bot_step: null,
      });
      await appendSystemEvent(services, q, events, after, { type: 'transferred', byAgentId: viewer.id, toAgentId: agent.id, toGroupId: groupId });
      return after;
    }
    const group = (await q.query('SELECT id FROM groups WHERE id = $1', [to.groupId]))[0];
    if (!group) throw notFound('group');
    const after = await changeWithAudience(q, events, conversation, {
      stage: 'queued', assignee_id: null, assigned_at: null, group_id: to.groupId, bot_step: null,
    });
    await appendSystemEvent(services, q, events, after, { type: 'transferred', byAgentId: viewer.id, toAgentId: null, toGroupId: to.groupId });
    return after;
  });
}

/**
 * Closes a conversation (manual by an agent, automatic by the idle job). A closed conversation waits for
 * no one: its waiting time ends (a customer writing again starts a new one, or reopens it from then).
 */
export async function closeConversation(
  services: Services,
  q: Queryable,
  events: TxEvents,
  conversation: Conversation,
  how: 'manual' | 'automatic',
  byAgentId: string | null,
): Promise<Conversation> {
  const after = await updateConversation(q, conversation.id, { status: 'closed', closed_at: nowIso(services), closed_how: how, bot_step: null, waiting_since: null });
  events.conversation(after);
  await appendSystemEvent(services, q, events, after, { type: 'closed', byAgentId, closedHow: how });
  return after;
}

export async function close(services: Services, viewer: Viewer, id: string): Promise<Conversation> {
  return write(services, async (q, events) => {
    const conversation = await visibleConversation(q, viewer, id, true);
    if (conversation.status === 'closed') return conversation;
    return closeConversation(services, q, events, conversation, 'manual', viewer.id);
  });
}

export async function setTag(services: Services, viewer: Viewer, id: string, tagId: string, attached: boolean): Promise<Conversation> {
  return write(services, async (q, events) => {
    const conversation = await visibleConversation(q, viewer, id, true);
    if (!(await tagRow(q, tagId))) throw notFound('tag');
    const has = conversation.tagIds.includes(tagId);
    if (has === attached) return conversation;
    const tagIds = attached ? [...conversation.tagIds, tagId] : conversation.tagIds.filter((t) => t !== tagId);
    const after = await updateConversation(q, id, { tag_ids: tagIds });
    events.conversation(after);
    return after;
  });
}

export async function markRead(services: Services, viewer: Viewer, id: string, unread: boolean): Promise<ReadState> {
  return write(services, async (q, events) => {
    const conversation = await visibleConversation(q, viewer, id, true);
    const params = unread
      ? [viewer.id, id, null, true, nowIso(services)]
      : [viewer.id, id, conversation.customerMessageCount, false, null];
    const row = (
      await q.query(
        `INSERT INTO read_states (agent_id, conversation_id, read_count, marked_unread, marked_unread_at)
         VALUES ($1, $2, coalesce($3::integer, 0), $4, $5)
         ON CONFLICT (agent_id, conversation_id) DO UPDATE SET
           read_count = coalesce($3::integer, read_states.read_count),
           marked_unread = EXCLUDED.marked_unread, marked_unread_at = EXCLUDED.marked_unread_at,
           version = read_states.version + 1
         RETURNING *`,
        params,
      )
    )[0];
    const readState = toReadState(row, id);
    events.toAgent(viewer.id, { type: 'read.updated', readState });
    return readState;
  });
}
