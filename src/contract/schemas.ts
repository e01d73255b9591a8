// Request bodies and queries of the REST API as valibot schemas, validated on both sides with the same code.
// The client loads this module on its first request (see client/checks.ts); the server imports it directly.
import * as v from 'valibot';
import { ATTRIBUTE_TYPES, CHANNELS, SORT_ORDERS, STATUS_FILTERS, TRAYS } from './domain.js';
import { MAX_ATTACHMENTS, MAX_EMAIL_LENGTH, MAX_NAME_LENGTH, MAX_PAGE_SIZE, MAX_TEXT_LENGTH, PHONE_PATTERN } from './api.js';

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64), v.regex(/^[A-Za-z0-9_-]+$/, 'must be an id'));
const text = v.pipe(v.string(), v.maxLength(MAX_TEXT_LENGTH, `must be at most ${MAX_TEXT_LENGTH} characters`));
const name = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(MAX_NAME_LENGTH));
const email = v.pipe(v.string(), v.trim(), v.maxLength(MAX_EMAIL_LENGTH), v.email('must be an e-mail address'));
const phone = v.pipe(v.string(), v.trim(), v.regex(PHONE_PATTERN, 'must be a phone number'));
const color = v.pipe(v.string(), v.regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour'));
const attributeValue = v.union([
  v.pipe(v.string(), v.maxLength(1000)),
  v.pipe(v.number(), v.finite()),
  v.boolean(),
  v.null(),
]);

export const SignInBody = v.strictObject({
  email: v.pipe(v.string(), v.maxLength(254)),
  password: v.pipe(v.string(), v.maxLength(200)),
});
export type SignInBody = v.InferOutput<typeof SignInBody>;

export const SetStatusBody = v.strictObject({ status: v.picklist(['online', 'away']) });
export type SetStatusBody = v.InferOutput<typeof SetStatusBody>;

export const ConversationQuery = v.strictObject({
  tray: v.optional(v.picklist(TRAYS), 'queued'),
  status: v.optional(v.picklist(STATUS_FILTERS), 'active'),
  sort: v.optional(v.picklist(SORT_ORDERS), 'waiting'),
  q: v.optional(v.pipe(v.string(), v.maxLength(200))),
  tag: v.optional(id),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(500))),
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^\d+$/, 'must be a whole number'), v.transform(Number), v.minValue(1), v.maxValue(MAX_PAGE_SIZE)),
  ),
});
export type ConversationQueryInput = v.InferInput<typeof ConversationQuery>;
export type ConversationQuery = v.InferOutput<typeof ConversationQuery>;

export const MessagesQuery = v.strictObject({
  before: v.optional(id),
  kind: v.optional(v.picklist(['note'])),
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^\d+$/, 'must be a whole number'), v.transform(Number), v.minValue(1), v.maxValue(MAX_PAGE_SIZE)),
  ),
});
export type MessagesQuery = v.InferOutput<typeof MessagesQuery>;

/** Send a message or a note. The same `clientId` twice stores one message. */
export const SendMessageBody = v.pipe(
  v.strictObject({
    clientId: v.pipe(v.string(), v.minLength(8), v.maxLength(64), v.regex(/^[A-Za-z0-9_-]+$/, 'must be an id')),
    kind: v.optional(v.picklist(['text', 'note']), 'text'),
    text: v.optional(text, ''),
    attachmentIds: v.optional(v.pipe(v.array(id), v.maxLength(MAX_ATTACHMENTS)), []),
    templateId: v.optional(id),
    templateVariables: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(500))), v.maxLength(20))),
  }),
  v.check(
    (b) => b.text.trim().length > 0 || b.attachmentIds.length > 0 || b.templateId !== undefined,
    'a message needs text, an attachment or a template',
  ),
);
export type SendMessageInput = v.InferInput<typeof SendMessageBody>;
export type SendMessageBody = v.InferOutput<typeof SendMessageBody>;

export const TransferBody = v.union([
  v.strictObject({ agentId: id }),
  v.strictObject({ groupId: id }),
]);
export type TransferBody = v.InferOutput<typeof TransferBody>;

export const UpdateCustomerBody = v.strictObject({
  /** The version the edit was based on; a stale one answers 409 with the current customer. */
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  name: v.optional(name),
  phone: v.optional(v.nullable(phone)),
  email: v.optional(v.nullable(email)),
  attributes: v.optional(v.record(v.pipe(v.string(), v.maxLength(64)), attributeValue)),
});
export type UpdateCustomerBody = v.InferOutput<typeof UpdateCustomerBody>;

export const CreateTagBody = v.strictObject({ name: v.pipe(name, v.maxLength(40)), color });
export type CreateTagBody = v.InferOutput<typeof CreateTagBody>;
export const UpdateTagBody = v.strictObject({ name: v.optional(v.pipe(name, v.maxLength(40))), color: v.optional(color) });
export type UpdateTagBody = v.InferOutput<typeof UpdateTagBody>;

const uploadLimit = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100 * 1024 * 1024));

export const UpdateSettingsBody = v.strictObject({
  voiceNotesEnabled: v.optional(v.boolean()),
  autoCloseHours: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(24 * 365))),
  reopenToleranceMinutes: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(60 * 24 * 30))),
  maxUploadBytes: v.optional(
    v.strictObject({
      whatsapp: v.optional(uploadLimit),
      instagram: v.optional(uploadLimit),
      facebook: v.optional(uploadLimit),
      web: v.optional(uploadLimit),
    }),
  ),
});
export type UpdateSettingsBody = v.InferOutput<typeof UpdateSettingsBody>;

export const AttributeDefinitionSchema = v.strictObject({
  key: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be a lower-case key')),
  label: name,
  type: v.picklist(ATTRIBUTE_TYPES),
  options: v.optional(v.array(v.pipe(v.string(), v.maxLength(100)))),
  required: v.optional(v.boolean()),
});

/** Simulated customer channel: a customer writes (demo, tests and the CLI). */
export const InboundMessageBody = v.strictObject({
  channel: v.picklist(CHANNELS),
  /** Phone (WhatsApp) or handle that identifies the customer on the channel. */
  from: v.pipe(v.string(), v.trim(), v.minLength(3), v.maxLength(64)),
  name: v.optional(name),
  text: v.optional(text, ''),
  attachmentIds: v.optional(v.pipe(v.array(id), v.maxLength(MAX_ATTACHMENTS)), []),
});
export type InboundMessageBody = v.InferOutput<typeof InboundMessageBody>;

/** Start a conversation from the company side (outbound, WhatsApp template). */
export const StartOutboundBody = v.strictObject({
  customerId: id,
  channel: v.picklist(CHANNELS),
  templateId: id,
  templateVariables: v.optional(v.array(v.pipe(v.string(), v.maxLength(500)))),
  clientId: v.pipe(v.string(), v.minLength(8), v.maxLength(64), v.regex(/^[A-Za-z0-9_-]+$/)),
});
export type StartOutboundBody = v.InferOutput<typeof StartOutboundBody>;

/** One-line reason from validation issues, e.g. `text: must be at most 4096 characters`. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path?.map((p) => String(p.key)).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
