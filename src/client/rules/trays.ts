// Which inbox tray and status filter a conversation belongs to (SPEC 1).
import type { Conversation, StatusFilter, Tray, TrayCounts } from '../../contract/index.js';

/** The `queued` and `bot` trays hold conversations in that stage; `agents` every assigned one, `mine` those assigned to me. */
export function inTray(conversation: Conversation, tray: Tray, myAgentId: string): boolean {
  if (tray === 'queued' || tray === 'bot') return conversation.stage === tray;
  return conversation.stage === 'assigned' && (tray === 'agents' || (tray === 'mine' && conversation.assigneeId === myAgentId));
}

/** `outbound` narrows the active conversations to those an agent started. */
export function inStatus(conversation: Conversation, status: StatusFilter): boolean {
  if (status === 'outbound') return conversation.status === 'active' && conversation.outbound;
  return conversation.status === status;
}

export function emptyCounts(): TrayCounts {
  return { queued: 0, mine: 0, agents: 0, bot: 0 };
}
