// Events produced inside a write transaction, persisted with their audience and fanned out after commit.
import type { Agent, Conversation, Message, OwEvent, OwEventPayload } from '../../src/contract/index.js';
import { canSee } from '../../src/client/rules/visibility.js';
import type { Queryable } from '../db/adapter.js';
import { jsonParam } from '../db/sql.js';
import { nowIso, type Services } from './context.js';

/** Who may receive an event. */
export interface Audience {
  /** Conversation-scoped: visible to agents who can see a conversation with this group and assignee. */
  scoped: boolean;
  groupId: string | null;
  assigneeId: string | null;
  /** Only this agent (read state, removal notices). */
  targetAgentId: string | null;
  /** The customer of the conversation (simulated channel stream). */
  customerId: string | null;
  customerVisible: boolean;
  /** Customer events: visible to agents who could see any of these conversations (group and assignee then). */
  conversations: ConversationAudience[] | null;
}

export interface ConversationAudience {
  groupId: string | null;
  assigneeId: string | null;
}

export interface StoredEvent {
  event: OwEvent;
  audience: Audience;
}

const EVERYONE: Audience = {
  scoped: false,
  groupId: null,
  assigneeId: null,
  targetAgentId: null,
  customerId: null,
  customerVisible: false,
  conversations: null,
};

export function visibleTo(agent: Pick<Agent, 'id' | 'role' | 'groupIds'>, audience: Audience): boolean {
  if (audience.targetAgentId !== null) return audience.targetAgentId === agent.id;
  if (audience.conversations !== null) return agent.role === 'admin' || audience.conversations.some((c) => canSee(agent, c));
  if (audience.scoped) return canSee(agent, { groupId: audience.groupId, assigneeId: audience.assigneeId });
  return true;
}

export function isCustomerVisible(message: Pick<Message, 'author' | 'kind'>): boolean {
  return message.author !== 'system' && message.kind !== 'note' && message.kind !== 'event';
}

export class TxEvents {
  readonly pending: { payload: OwEventPayload; audience: Audience }[] = [];

  conversation(conversation: Conversation): void {
    this.pending.push({ payload: { type: 'conversation.updated', conversation }, audience: scopedTo(conversation) });
  }

  message(type: 'message.created' | 'message.updated', message: Message, conversation: Conversation): void {
    this.pending.push({
      payload: { type, message },
      audience: { ...scopedTo(conversation), customerVisible: isCustomerVisible(message) },
    });
  }

  /** For agents who can see any of the customer's conversations (admins always). */
  customer(payload: Extract<OwEventPayload, { type: 'customer.updated' }>, conversations: readonly Conversation[]): void {
    const audiences = conversations.map((c) => ({ groupId: c.groupId, assigneeId: c.assigneeId }));
    this.pending.push({ payload, audience: { ...EVERYONE, customerId: payload.customer.id, conversations: audiences } });
  }

  toAgent(agentId: string, payload: OwEventPayload): void {
    this.pending.push({ payload, audience: { ...EVERYONE, targetAgentId: agentId } });
  }

  broadcast(payload: OwEventPayload): void {
    this.pending.push({ payload, audience: EVERYONE });
  }

  /** Tells agents who could see `before` but cannot see `after` to drop the conversation. */
  removals(before: Conversation, after: Conversation, agents: readonly Agent[]): void {
    for (const agent of agents) {
      if (canSee(agent, before) && !canSee(agent, after)) {
        this.toAgent(agent.id, { type: 'conversation.removed', conversationId: after.id });
      }
    }
  }
}

function scopedTo(conversation: Conversation): Audience {
  return { ...EVERYONE, scoped: true, groupId: conversation.groupId, assigneeId: conversation.assigneeId, customerId: conversation.customerId };
}

/** The lock that keeps event ids in commit order across connections (PostgreSQL). */
const EVENT_ORDER_LOCK = 7201002;

async function persist(services: Services, q: Queryable, events: TxEvents): Promise<void> {
  if (events.pending.length === 0) return;
  if (services.db.kind === 'postgres') await q.query('SELECT pg_advisory_xact_lock($1)', [EVENT_ORDER_LOCK]);
  const at = nowIso(services);
  for (const { payload, audience } of events.pending) {
    await q.query(
      `INSERT INTO events (type, payload, at, scoped, group_id, assignee_id, target_agent_id, customer_id, customer_visible, audiences)
       VALUES ($1, $2::text::jsonb, $3, $4, $5, $6, $7, $8, $9, $10::text::jsonb)`,
      [
        payload.type,
        jsonParam(payload),
        at,
        audience.scoped,
        audience.groupId,
        audience.assigneeId,
        audience.targetAgentId,
        audience.customerId,
        audience.customerVisible,
        audience.conversations === null ? null : jsonParam(audience.conversations),
      ],
    );
  }
  if (services.db.kind === 'postgres') await q.query('SELECT pg_notify($1, $2)', [services.hub.channel, services.hub.tag]);
}

/** Runs a write in one transaction; its events are stored in the same transaction and delivered after commit. */
export async function write<T>(services: Services, fn: (q: Queryable, events: TxEvents) => Promise<T>): Promise<T> {
  const events = new TxEvents();
  const value = await services.db.tx(async (q) => {
    events.pending.length = 0;
    const result = await fn(q, events);
    await persist(services, q, events);
    return result;
  });
  if (events.pending.length > 0) services.hub.poke();
  return value;
}
