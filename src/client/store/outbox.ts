// Outbox persistence and the optimistic message shown for each entry.
import type { Agent, Message, SendMessageInput } from '../../contract/index.js';
import type { OutboxEntry } from '../store-types.js';
import type { KeyValueStorage } from './storage.js';

export function outboxKey(agentId: string): string {
  return `ow-agent-kit.outbox.${agentId}`;
}

export function loadOutbox(storage: KeyValueStorage, agentId: string): OutboxEntry[] {
  const raw = storage.getItem(outboxKey(agentId));
  if (!raw) return [];
  try {
    const parsed = JSON.parse(raw) as unknown;
    return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
  } catch {
    // A corrupt value cannot be recovered; starting empty beats failing every start.
    return [];
  }
}

export function saveOutbox(storage: KeyValueStorage, agentId: string, entries: readonly OutboxEntry[]): void {
  if (entries.length === 0) storage.removeItem(outboxKey(agentId));
  else storage.setItem(outboxKey(agentId), JSON.stringify(entries));
}

function isEntry(value: unknown): value is OutboxEntry {
  const entry = value as OutboxEntry;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.clientId === 'string' &&
    typeof entry.conversationId === 'string' &&
    typeof entry.text === 'string' &&
    Array.isArray(entry.attachments) &&
    (entry.state === 'sending' || entry.state === 'failed')
  );
}

/** A client id that satisfies the API's id pattern and is unique per device. */
export function newClientId(): string {
  const crypto = globalThis.crypto;
  // randomUUID exists only in secure contexts; a CRM served over plain http on an intranet still needs ids.
  if (typeof crypto.randomUUID === 'function') return `c_${crypto.randomUUID()}`;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `c_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function sendBody(entry: OutboxEntry): SendMessageInput {
  const body: SendMessageInput = {
    clientId: entry.clientId,
    kind: entry.kind,
    text: entry.text,
    attachmentIds: entry.attachments.map((a) => a.id),
  };
  if (entry.templateId !== undefined) body.templateId = entry.templateId;
  if (entry.templateVariables !== undefined) body.templateVariables = entry.templateVariables;
  return body;
}

export function optimisticMessage(entry: OutboxEntry, me: Agent | null): Message {
  const message: Message = {
    id: entry.clientId,
    conversationId: entry.conversationId,
    author: 'agent',
    agentId: me?.id ?? null,
    kind: kindOf(entry),
    text: entry.text,
    attachments: entry.attachments,
    clientId: entry.clientId,
    status: entry.state === 'failed' ? 'failed' : 'pending',
    createdAt: entry.createdAt,
    seq: 0,
    version: 0,
  };
  if (entry.templateId !== undefined) message.templateId = entry.templateId;
  return message;
}

function kindOf(entry: OutboxEntry): Message['kind'] {
  if (entry.kind === 'note') return 'note';
  if (entry.text.trim() || entry.attachments.length === 0) return 'text';
  const type = entry.attachments[0]!.contentType;
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('audio/')) return 'audio';
  return 'file';
}

/** Delay before automatic resend number `attempt` (1-based). */
export function resendDelayMs(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** (attempt - 1), 8_000) * (0.75 + Math.random() * 0.5);
}
