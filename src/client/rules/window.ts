// The WhatsApp 24-hour customer-service window (SPEC 6).
import type { Conversation, WorkspaceSettings } from '../../contract/index.js';

export interface WindowState {
  /** Free text may be sent. */
  open: boolean;
  /** When the window closes (or closed); null when the channel has no window or the customer never wrote. */
  closesAt: string | null;
}

export function messagingWindow(
  conversation: Pick<Conversation, 'channel' | 'lastCustomerMessageAt'>,
  settings: Pick<WorkspaceSettings, 'whatsappWindowHours'>,
  now: number,
): WindowState {
  if (conversation.channel !== 'whatsapp') return { open: true, closesAt: null };
  if (!conversation.lastCustomerMessageAt) return { open: false, closesAt: null };
  const closesAt = Date.parse(conversation.lastCustomerMessageAt) + settings.whatsappWindowHours * 3_600_000;
  return { open: now < closesAt, closesAt: new Date(closesAt).toISOString() };
}
