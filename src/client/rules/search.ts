// Inbox search (SPEC 1): customer name, phone, and the text of the last message loaded.
import type { Conversation, Customer } from '../../contract/index.js';

export function normalizeForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

/** True when `q` is empty or found in the customer's name, phone, or the conversation's last message. */
export function matchesSearch(conversation: Conversation, customer: Customer | undefined, q: string): boolean {
  const needle = normalizeForSearch(q.trim());
  if (!needle) return true;
  const haystack = [customer?.name, customer?.phone, customer?.email, conversation.lastMessage?.text]
    .filter(Boolean)
    .map((s) => normalizeForSearch(s!))
    .join('\n');
  return haystack.includes(needle);
}
