// When a conversation started waiting for an agent, as seen by one agent (SPEC 3).
import type { Conversation, ReadState } from '../../contract/index.js';

/**
 * A conversation waits from its oldest customer message that no agent message has answered;
 * one the agent marked unread waits from when it was marked, if it was not already waiting.
 * Null when nothing waits.
 */
export function waitingSince(conversation: Conversation, readState?: ReadState | null): string | null {
  if (conversation.waitingSince) return conversation.waitingSince;
  if (readState?.markedUnread) return readState.markedUnreadAt ?? conversation.lastActivityAt;
  return null;
}

/** Milliseconds waited at `now`, or null when not waiting. */
export function waitingMs(conversation: Conversation, readState: ReadState | null | undefined, now: number): number | null {
  const since = waitingSince(conversation, readState);
  return since === null ? null : Math.max(0, now - Date.parse(since));
}

/** Unread customer messages for this agent. A conversation marked unread counts at least one. */
export function unreadCount(conversation: Conversation, readState?: ReadState | null): number {
  const unread = Math.max(0, conversation.customerMessageCount - (readState?.readCount ?? 0));
  return readState?.markedUnread ? Math.max(1, unread) : unread;
}
