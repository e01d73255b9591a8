// Limits shared by the request schemas and the elements, the error body, and the response shapes of the REST API.
// The schemas themselves are in schemas.ts: plain values here stay cheap to import for any element.
import type {
  Agent,
  AttributeDefinition,
  Attachment,
  Conversation,
  Customer,
  Group,
  Message,
  QuickReply,
  ReadState,
  Tag,
  Template,
  TrayCounts,
  WorkspaceSettings,
} from './domain.js';

export const MAX_TEXT_LENGTH = 4096;
export const MAX_NAME_LENGTH = 200;
export const MAX_ATTACHMENTS = 10;
export const MAX_PAGE_SIZE = 200;

/** Digits with an optional leading `+`, spaces, brackets and dashes. */
export const PHONE_PATTERN = /^\+?[0-9 ()-]{5,24}$/;
export const MAX_EMAIL_LENGTH = 254;

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
