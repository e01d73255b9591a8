// Which inbox tray and status filter a conversation belongs to (SPEC 1).
import type { Conversation, StatusFilter, Tray, TrayCounts } from '../../contract/index.js';

export function inTray(conversation: Conversation, tray: Tray, myAgentId: string): boolean {
  switch (tray) {
    case 'queued':
      return conversation.stage === 'queued';
    case 'mine':
      return conversation.stage === 'assigned' && conversation.assigneeId === myAgentId;
    case 'agents':
      return conversation.stage === 'assigned';
    case 'bot':
      return conversation.stage === 'bot';
  }
}

export function inStatus(conversation: Conversation, status: StatusFilter): boolean {
  switch (status) {
    case 'active':
      return conversation.status === 'active';
    case 'closed':
      return conversation.status === 'closed';
    case 'outbound':
      return conversation.status === 'active' && conversation.outbound;
  }
}

export function emptyCounts(): TrayCounts {
  return { queued: 0, mine: 0, agents: 0, bot: 0 };
}
