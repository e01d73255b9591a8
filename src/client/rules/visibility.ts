// Who may see a conversation (SPEC 10). The server enforces it on every read, write and event.
import type { Agent, Conversation } from '../../contract/index.js';

export function canSee(agent: Pick<Agent, 'id' | 'role' | 'groupIds'>, conversation: Pick<Conversation, 'groupId' | 'assigneeId'>): boolean {
  if (agent.role === 'admin') return true;
  if (conversation.assigneeId === agent.id) return true;
  if (conversation.groupId === null) return true;
  return agent.groupIds.includes(conversation.groupId);
}
