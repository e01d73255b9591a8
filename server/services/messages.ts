// Sending replies and notes (idempotent by clientId, WhatsApp window, templates) and paging the timeline.
import type { MessagePage, MessagesQuery, MessageKind, SendMessageBody, SendMessageResponse } from '../../src/contract/index.js';
import { messagingWindow } from '../../src/client/rules/window.js';
import { isUniqueViolation, type Queryable } from '../db/adapter.js';
import { messageByClientId, messagePage, messageRow } from '../db/messages.js';
import { toMessage } from '../db/rows.js';
import type { AttachmentMeta } from '../db/types.js';
import { readSettings, templateRow } from '../db/workspace.js';
import { visibleConversation, type Viewer } from './access.js';
import type { Services } from './context.js';
import { badRequest, notFound, ServiceError } from './errors.js';
import { write } from './events.js';
import { appendMessage } from './timeline.js';

export function kindForAttachments(attachments: readonly AttachmentMeta[]): MessageKind {
  const type = attachments[0]?.contentType;
  if (!type) return 'text';
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('audio/')) return 'audio';
  return 'file';
}

export function fillTemplate(body: string, variables: readonly string[]): string {
  return body.replace(/\{\{(\d+)\}\}/g, (_, n: string) => variables[Number(n) - 1] ?? '');
}

/** Attachments uploaded to this conversation (by its agents) and not yet sent. */
async function conversationAttachments(q: Queryable, conversationId: string, ids: readonly string[]): Promise<AttachmentMeta[]> {
  if (ids.length === 0) return [];
  const rows = await q.query(
    `SELECT id, name, content_type, size FROM attachments
     WHERE conversation_id = $1 AND id IN (SELECT jsonb_array_elements_text($2::text::jsonb))`,
    [conversationId, JSON.stringify(ids)],
  );
  const byId = new Map(rows.map((r) => [String(r.id), { id: String(r.id), name: String(r.name), contentType: String(r.content_type), size: Number(r.size) }]));
  return ids.map((id) => {
    const meta = byId.get(id);
    if (!meta) throw badRequest(`attachmentIds: unknown attachment ${id}`);
    return meta;
  });
}

async function sendOnce(services: Services, viewer: Viewer, conversationId: string, body: SendMessageBody): Promise<SendMessageResponse> {
  return write(services, async (q, events) => {
    const conversation = await visibleConversation(q, viewer, conversationId, true);
    const existing = await messageByClientId(q, conversationId, body.clientId);
    if (existing) return { message: toMessage(existing, (m) => services.files.url(m)), conversation, duplicate: true };

    const attachments = await conversationAttachments(q, conversationId, body.attachmentIds);
    if (body.kind === 'note') {
      const result = await appendMessage(services, q, events, conversation, {
        author: 'agent', agentId: viewer.id, kind: 'note', text: body.text, attachments, clientId: body.clientId,
      });
      return { ...result, duplicate: false };
    }
    if (conversation.status !== 'active' || conversation.stage !== 'assigned' || conversation.assigneeId !== viewer.id) {
      throw new ServiceError('not_assigned', 'the conversation must be assigned to you to reply');
    }
    let text = body.text;
    let templateId: string | undefined;
    if (body.templateId !== undefined) {
      const template = await templateRow(q, body.templateId);
      if (!template) throw notFound('template');
      const variables = body.templateVariables ?? [];
      if (variables.length < Number(template.variable_count)) {
        throw badRequest(`templateVariables: the template needs ${String(template.variable_count)} variables`);
      }
      text = fillTemplate(String(template.body), variables);
      templateId = body.templateId;
    } else {
      const settings = await readSettings(q);
      if (!messagingWindow(conversation, settings, services.clock.now()).open) {
        throw new ServiceError('window_closed', `the WhatsApp window closed ${settings.whatsappWindowHours} h after the customer's last message; send a template`);
      }
    }
    const result = await appendMessage(services, q, events, conversation, {
      author: 'agent', agentId: viewer.id, kind: kindForAttachments(attachments), text, attachments, clientId: body.clientId, templateId,
    });
    return { ...result, duplicate: false };
  });
}

export async function sendMessage(services: Services, viewer: Viewer, conversationId: string, body: SendMessageBody): Promise<SendMessageResponse> {
  let result: SendMessageResponse;
  try {
    result = await sendOnce(services, viewer, conversationId, body);
  } catch (error) {
    // A concurrent request stored the same clientId first: answer what it stored.
    if (!isUniqueViolation(error)) throw error;
    result = await sendOnce(services, viewer, conversationId, body);
  }
  if (!result.duplicate && result.message.author === 'agent' && result.message.kind !== 'note') services.scheduleDelivery();
  return result;
}

export async function listMessages(services: Services, viewer: Viewer, conversationId: string, query: MessagesQuery): Promise<MessagePage> {
  const q = services.db;
  await visibleConversation(q, viewer, conversationId);
  let beforeSeq: number | undefined;
  if (query.before) {
    const before = await messageRow(q, query.before);
    if (!before || before.conversation_id !== conversationId) throw notFound('message');
    beforeSeq = Number(before.seq);
  }
  const page = await messagePage(q, conversationId, { beforeSeq, limit: query.limit ?? 50, notesOnly: query.kind === 'note' });
  return { messages: page.rows.map((row) => toMessage(row, (m) => services.files.url(m))), hasMore: page.hasMore };
}
