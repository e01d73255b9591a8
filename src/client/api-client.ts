// Typed REST client of the agent API: one method per endpoint, bodies validated with the server's own schemas
// (loaded with the first request that checks one, see request-checks.ts).
import type * as v from 'valibot';
import type { CreateTagBody, UpdateCustomerBody, UpdateSettingsBody, UpdateTagBody } from '../contract/schemas.js';
import {
  type Agent,
  type BootstrapResponse,
  type Conversation,
  type ConversationDetail,
  type ConversationPage,
  type Customer,
  type Group,
  type MessagePage,
  type QuickReply,
  type ReadState,
  type SendMessageInput,
  type SendMessageResponse,
  type SignInResponse,
  type SortOrder,
  type StatusFilter,
  type Tag,
  type Template,
  type Tray,
  type TrayCounts,
  type UploadResponse,
  type WorkspaceSettings,
} from '../contract/index.js';
import { defaultFetch, joinUrl, queryOf, send, sendJson, seg, type FetchLike, type RequestOptions } from './http.js';
import { lazyModule } from './lazy-module.js';
import { check, type Checks } from './request-checks.js';
import type { UploadFile, UploadOptions } from './upload.js';

/** The upload runs only when an agent attaches a file. */
const uploads = lazyModule('the upload', () => import('./upload.js'));

export interface OwClientOptions {
  /** Origin (and optional path prefix) of the server, e.g. `https://crm.example.com`; `''` for same origin. */
  baseUrl: string;
  token: string;
  /** Replaces the platform `fetch` (e.g. to add tracing, or in tests). */
  fetch?: FetchLike;
  /** A request not answered within this long fails with NetworkError (and is retryable). Default 30 s. */
  timeoutMs?: number;
}

export interface ListConversationsParams {
  tray?: Tray;
  status?: StatusFilter;
  sort?: SortOrder;
  q?: string;
  tag?: string;
  cursor?: string;
  limit?: number;
}

export interface CountsParams {
  status?: StatusFilter;
  q?: string;
  tag?: string;
}

export interface ListMessagesParams {
  before?: string;
  limit?: number;
  kind?: 'note';
}

function conversationPath(conversationId: string, rest = ''): string {
  return `/api/conversations/${seg(conversationId)}${rest}`;
}

/**
 * The server's address without a trailing slash: an http(s) URL, or a path on the page's own origin
 * ('' for the origin itself). Anything else (`ow.example.com`, `127.0.0.1:8787`) would fail on every
 * request as if the network were down, so it is refused here.
 */
function checkedBaseUrl(baseUrl: string): string {
  if (baseUrl !== '' && !baseUrl.startsWith('/') && !/^https?:\/\/[^/]/i.test(baseUrl)) {
    throw new TypeError(`OwClient: baseUrl must be an http(s) URL such as https://ow.example.com, or a path on this origin; got "${baseUrl}"`);
  }
  return baseUrl.replace(/\/+$/, '');
}

export class OwClient {
  readonly baseUrl: string;
  readonly token: string;
  readonly fetch: FetchLike;
  readonly timeoutMs: number;

  constructor(options: OwClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.baseUrl = checkedBaseUrl(options.baseUrl);
    this.token = options.token;
    this.fetch = options.fetch ?? defaultFetch();
  }

  /** Exchanges e-mail and password for a token. */
  static async signIn(baseUrl: string, email: string, password: string, fetchFn: FetchLike = defaultFetch()): Promise<SignInResponse> {
    const body = await check((c) => c.SignInBody, { email, password });
    return sendJson<SignInResponse>(fetchFn, joinUrl(checkedBaseUrl(baseUrl), '/api/auth/sign-in'), 'POST', { body });
  }

  /** Revokes this client's token on the server: later calls with it answer 401 and its event streams end. */
  async signOut(): Promise<void> {
    await this.callEndpoint('POST', '/api/auth/sign-out');
  }

  /** URL of the realtime stream; open it with `openEventStream` (the token goes in a header). */
  get eventsUrl(): string {
    return this.urlOf('/api/events');
  }

  get authHeaders(): Record<string, string> {
    return { Authorization: `Bearer ${this.token}` };
  }

  async me(signal?: AbortSignal): Promise<BootstrapResponse> {
    return this.callEndpoint('GET', '/api/me', { signal });
  }

  async setStatus(status: 'online' | 'away'): Promise<{ agent: Agent }> {
    return this.withBody('PUT', '/api/me/status', (c) => c.SetStatusBody, { status });
  }

  async listConversations(params: ListConversationsParams = {}, signal?: AbortSignal): Promise<ConversationPage> {
    return this.withQuery('/api/conversations', (c) => c.ConversationQuery, params, signal);
  }

  async counts(params: CountsParams = {}, signal?: AbortSignal): Promise<TrayCounts> {
    return this.withQuery('/api/conversations/counts', (c) => c.CountsQuery, params, signal);
  }

  async getConversation(conversationId: string, signal?: AbortSignal): Promise<ConversationDetail> {
    return this.callEndpoint('GET', conversationPath(conversationId), { signal });
  }

  async listMessages(conversationId: string, params: ListMessagesParams = {}, signal?: AbortSignal): Promise<MessagePage> {
    return this.withQuery(conversationPath(conversationId, '/messages'), (c) => c.MessagesQuery, params, signal);
  }

  /** Idempotent by `clientId`: sending the same one again answers the stored message with `duplicate: true`. */
  async sendMessage(conversationId: string, input: SendMessageInput, signal?: AbortSignal): Promise<SendMessageResponse> {
    return this.withBody('POST', conversationPath(conversationId, '/messages'), (c) => c.SendMessageBody, input, signal);
  }

  async upload(conversationId: string, file: UploadFile, options: UploadOptions = {}): Promise<UploadResponse> {
    const { uploadMultipart } = await uploads.get();
    return uploadMultipart(this.fetch, this.urlOf(conversationPath(conversationId, '/uploads')), this.authHeaders, file, options);
  }

  async assign(conversationId: string): Promise<{ conversation: Conversation }> {
    return this.callEndpoint('POST', conversationPath(conversationId, '/assign'));
  }

  async transfer(conversationId: string, to: { agentId: string } | { groupId: string }): Promise<{ conversation: Conversation }> {
    return this.withBody('POST', conversationPath(conversationId, '/transfer'), (c) => c.TransferBody, to);
  }

  async close(conversationId: string): Promise<{ conversation: Conversation }> {
    return this.callEndpoint('POST', conversationPath(conversationId, '/close'));
  }

  async markRead(conversationId: string): Promise<{ readState: ReadState }> {
    return this.callEndpoint('POST', conversationPath(conversationId, '/read'));
  }

  async markUnread(conversationId: string): Promise<{ readState: ReadState }> {
    return this.callEndpoint('POST', conversationPath(conversationId, '/unread'));
  }

  async attachTag(conversationId: string, tagId: string): Promise<{ conversation: Conversation }> {
    return this.callEndpoint('PUT', conversationPath(conversationId, `/tags/${seg(tagId)}`));
  }

  async detachTag(conversationId: string, tagId: string): Promise<{ conversation: Conversation }> {
    return this.callEndpoint('DELETE', conversationPath(conversationId, `/tags/${seg(tagId)}`));
  }

  async getCustomer(customerId: string): Promise<{ customer: Customer }> {
    return this.callEndpoint('GET', `/api/customers/${seg(customerId)}`);
  }

  /** A stale `version` rejects with ApiError 409 whose `body.current` is the customer as stored now. */
  async updateCustomer(customerId: string, changes: v.InferInput<typeof UpdateCustomerBody>): Promise<{ customer: Customer }> {
    return this.withBody('PATCH', `/api/customers/${seg(customerId)}`, (c) => c.UpdateCustomerBody, changes);
  }

  async listTags(): Promise<{ tags: Tag[] }> {
    return this.callEndpoint('GET', '/api/tags');
  }

  async createTag(tag: v.InferInput<typeof CreateTagBody>): Promise<{ tag: Tag }> {
    return this.withBody('POST', '/api/tags', (c) => c.CreateTagBody, tag);
  }

  async updateTag(tagId: string, changes: v.InferInput<typeof UpdateTagBody>): Promise<{ tag: Tag }> {
    return this.withBody('PATCH', `/api/tags/${seg(tagId)}`, (c) => c.UpdateTagBody, changes);
  }

  async getSettings(): Promise<{ settings: WorkspaceSettings }> {
    return this.callEndpoint('GET', '/api/settings');
  }

  async updateSettings(changes: v.InferInput<typeof UpdateSettingsBody>): Promise<{ settings: WorkspaceSettings }> {
    return this.withBody('PATCH', '/api/settings', (c) => c.UpdateSettingsBody, changes);
  }

  async listTemplates(): Promise<{ templates: Template[] }> {
    return this.callEndpoint('GET', '/api/templates');
  }

  async listQuickReplies(): Promise<{ quickReplies: QuickReply[] }> {
    return this.callEndpoint('GET', '/api/quick-replies');
  }

  async listAgents(): Promise<{ agents: Agent[] }> {
    return this.callEndpoint('GET', '/api/agents');
  }

  async listGroups(): Promise<{ groups: Group[] }> {
    return this.callEndpoint('GET', '/api/groups');
  }

  /** Opens `GET /api/events` and resolves with the streaming response (see RealtimeStream). */
  async openEventStream(lastEventId: number, signal?: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = { ...this.authHeaders, Accept: 'text/event-stream', 'Cache-Control': 'no-cache' };
    if (lastEventId > 0) headers['Last-Event-ID'] = String(lastEventId);
    return send(this.fetch, this.eventsUrl, 'GET', { headers, signal });
  }

  /** Where this server serves the emoji picker's data in `locale` (`es`, `en`, `pt`); public, no token. */
  emojiDataUrl(locale: string): string {
    return this.urlOf(`/api/emoji-data/${encodeURIComponent(locale)}`);
  }

  private urlOf(path: string): string {
    return joinUrl(this.baseUrl, path);
  }

  /** A request whose body is checked first: what the check outputs is what is sent. */
  private async withBody<T>(method: string, path: string, schema: (checks: Checks) => v.GenericSchema, body: unknown, signal?: AbortSignal): Promise<T> {
    return this.callEndpoint(method, path, { body: await check(schema, body), signal });
  }

  /** A GET whose query is checked first, as the URL will carry it. */
  private async withQuery<T>(path: string, schema: (checks: Checks) => v.GenericSchema, params: object, signal?: AbortSignal): Promise<T> {
    const query = queryOf(params);
    await check(schema, query);
    return this.callEndpoint('GET', path, { query, signal });
  }

  private callEndpoint<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    return sendJson<T>(this.fetch, this.urlOf(path), method, {
      timeoutMs: this.timeoutMs,
      ...options,
      headers: { ...this.authHeaders, ...options.headers },
    });
  }
}
