// Loading conversations and customers on behalf of an agent: another group's conversation is "not found".
import type { Agent, Conversation } from '../../src/contract/index.js';
import { canSee } from '../../src/client/rules/visibility.js';
import type { Queryable } from '../db/adapter.js';
import { conversationRow } from '../db/conversations.js';
import { toConversation } from '../db/rows.js';
import { notFound } from './errors.js';

export type Viewer = Pick<Agent, 'id' | 'role' | 'groupIds' | 'name'>;

export async function visibleConversation(q: Queryable, viewer: Viewer, id: string, lock = false): Promise<Conversation> {
  const row = await conversationRow(q, id, lock);
  if (!row) throw notFound('conversation');
  const conversation = toConversation(row);
  if (!canSee(viewer, conversation)) throw notFound('conversation');
  return conversation;
}
