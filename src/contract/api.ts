// Request bodies (validated on both sides with the same schemas) and response shapes of the REST API.
import * as v from 'valibot';
import {
  ATTRIBUTE_TYPES,
  CHANNELS,
  SORT_ORDERS,
  STATUS_FILTERS,
  TRAYS,
  type Agent,
  type AttributeDefinition,
  type Attachment,
  type Conversation,
  type Customer,
  type Group,
  type Message,
  type QuickReply,
  type ReadState,
  type Tag,
  type Template,
  type TrayCounts,
  type WorkspaceSettings,
} from './domain.js';

export const MAX_TEXT_LENGTH = 4096;
export const MAX_NAME_LENGTH = 200;
export const MAX_ATTACHMENTS = 10;
export const MAX_PAGE_SIZE = 200;

/** Digits with an optional leading `+`, spaces, brackets and dashes. */
export const PHONE_PATTERN = /^\+?[0-9 ()-]{5,24}$/;
export const MAX_EMAIL_LENGTH = 254;

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

/** Error body of every non-2xx answer. */
export interface ErrorBody {
  error:
    | 'bad_request'
    | 'unauthorized'
    | 'forbidden'
    | 'not_found'
    | 'conflict'
    | 'payload_too_large'
    | 'unsupported_media_type'
    | 'window_closed'
    | 'not_assigned'
    | 'internal';
  reason: string;
  /** With `conflict` on a customer save: the customer as stored now. */
  current?: Customer;
}

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

// ---- Responses ----

export interface SignInResponse {
  token: string;
  agent: Agent;
}

/** Everything an agent's session needs at start (GET /api/me). */
export interface BootstrapResponse {
  me: Agent;
  agents: Agent[];
  groups: Group[];
  tags: Tag[];
  templates: Template[];
  quickReplies: QuickReply[];
  attributeDefinitions: AttributeDefinition[];
  settings: WorkspaceSettings;
  /** Id of the newest event; open the stream from here. */
  lastEventId: number;
}

export interface ConversationPage {
  conversations: Conversation[];
  customers: Customer[];
  readStates: ReadState[];
  nextCursor: string | null;
  counts: TrayCounts;
}

export interface ConversationDetail {
  conversation: Conversation;
  customer: Customer;
  readState: ReadState;
}

export interface MessagePage {
  /** Oldest first. */
  messages: Message[];
  hasMore: boolean;
}

export interface SendMessageResponse {
  message: Message;
  conversation: Conversation;
  /** True when this `clientId` had been stored before and the stored message is returned. */
  duplicate: boolean;
}

export interface UploadResponse {
  attachment: Attachment;
}
