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
import { defaultFetch, joinUrl, send, sendJson, seg, type FetchLike, type RequestOptions } from './http.js';
import { lazyModule } from './lazy-module.js';
import { check } from './request-checks.js';
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

function withLimit<T extends { limit?: number }>(params: T): Omit<T, 'limit'> & { limit?: string } {
  const { limit, ...rest } = params;
  return limit === undefined ? rest : { ...rest, limit: String(limit) };
}

function dropEmpty<T extends object>(params: T): T {
  return Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined && value !== '')) as T;
}

export class OwClient {
  readonly baseUrl: string;
  readonly token: string;
  readonly fetch: FetchLike;
  readonly timeoutMs: number;

  constructor(options: OwClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token;
    this.fetch = options.fetch ?? defaultFetch();
  }

  /** Exchanges e-mail and password for a token. */
  static async signIn(baseUrl: string, email: string, password: string, fetchFn: FetchLike = defaultFetch()): Promise<SignInResponse> {
    const body = await check((c) => c.SignInBody, { email, password });
    return sendJson<SignInResponse>(fetchFn, joinUrl(baseUrl, '/api/auth/sign-in'), 'POST', { body });
  }

  /** URL of the realtime stream; open it with `openEventStream` (the token goes in a header). */
  get eventsUrl(): string {
    return this.url('/api/events');
  }

  get authHeaders(): Record<string, string> {
    return { Authorization: `Bearer ${this.token}` };
  }

  async me(signal?: AbortSignal): Promise<BootstrapResponse> {
    return this.json('GET', '/api/me', { signal });
  }

  async setStatus(status: 'online' | 'away'): Promise<{ agent: Agent }> {
    return this.json('PUT', '/api/me/status', { body: await check((c) => c.SetStatusBody, { status }) });
  }

  async listConversations(params: ListConversationsParams = {}, signal?: AbortSignal): Promise<ConversationPage> {
    const query = dropEmpty(withLimit(params));
    await check((c) => c.ConversationQuery, query);
    return this.json('GET', '/api/conversations', { query, signal });
  }

  async counts(params: CountsParams = {}, signal?: AbortSignal): Promise<TrayCounts> {
    const query = dropEmpty({ ...params });
    await check((c) => c.CountsQuery, query);
    return this.json('GET', '/api/conversations/counts', { query, signal });
  }

  async getConversation(conversationId: string, signal?: AbortSignal): Promise<ConversationDetail> {
    return this.json('GET', `/api/conversations/${seg(conversationId)}`, { signal });
  }

  async listMessages(conversationId: string, params: ListMessagesParams = {}, signal?: AbortSignal): Promise<MessagePage> {
    const query = dropEmpty(withLimit(params));
    await check((c) => c.MessagesQuery, query);
    return this.json('GET', `/api/conversations/${seg(conversationId)}/messages`, { query, signal });
  }

  /** Idempotent by `clientId`: sending the same one again answers the stored message with `duplicate: true`. */
  async sendMessage(conversationId: string, input: SendMessageInput, signal?: AbortSignal): Promise<SendMessageResponse> {
    const body = await check((c) => c.SendMessageBody, input);
    return this.json('POST', `/api/conversations/${seg(conversationId)}/messages`, { body, signal });
  }

  async upload(conversationId: string, file: UploadFile, options: UploadOptions = {}): Promise<UploadResponse> {
    const { uploadMultipart } = await uploads.get();
    return uploadMultipart(this.fetch, this.url(`/api/conversations/${seg(conversationId)}/uploads`), this.authHeaders, file, options);
  }

  async assign(conversationId: string): Promise<{ conversation: Conversation }> {
    return this.json('POST', `/api/conversations/${seg(conversationId)}/assign`);
  }

  async transfer(conversationId: string, to: { agentId: string } | { groupId: string }): Promise<{ conversation: Conversation }> {
    return this.json('POST', `/api/conversations/${seg(conversationId)}/transfer`, { body: await check((c) => c.TransferBody, to) });
  }

  async close(conversationId: string): Promise<{ conversation: Conversation }> {
    return this.json('POST', `/api/conversations/${seg(conversationId)}/close`);
  }

  async markRead(conversationId: string): Promise<{ readState: ReadState }> {
    return this.json('POST', `/api/conversations/${seg(conversationId)}/read`);
  }

  async markUnread(conversationId: string): Promise<{ readState: ReadState }> {
    return this.json('POST', `/api/conversations/${seg(conversationId)}/unread`);
  }

  async attachTag(conversationId: string, tagId: string): Promise<{ conversation: Conversation }> {
    return this.json('PUT', `/api/conversations/${seg(conversationId)}/tags/${seg(tagId)}`);
  }

  async detachTag(conversationId: string, tagId: string): Promise<{ conversation: Conversation }> {
    return this.json('DELETE', `/api/conversations/${seg(conversationId)}/tags/${seg(tagId)}`);
  }

  async getCustomer(customerId: string): Promise<{ customer: Customer }> {
    return this.json('GET', `/api/customers/${seg(customerId)}`);
  }

  /** A stale `version` rejects with ApiError 409 whose `body.current` is the customer as stored now. */
  async updateCustomer(customerId: string, changes: v.InferInput<typeof UpdateCustomerBody>): Promise<{ customer: Customer }> {
    return this.json('PATCH', `/api/customers/${seg(customerId)}`, { body: await check((c) => c.UpdateCustomerBody, changes) });
  }

  async listTags(): Promise<{ tags: Tag[] }> {
    return this.json('GET', '/api/tags');
  }

  async createTag(tag: v.InferInput<typeof CreateTagBody>): Promise<{ tag: Tag }> {
    return this.json('POST', '/api/tags', { body: await check((c) => c.CreateTagBody, tag) });
  }

  async updateTag(tagId: string, changes: v.InferInput<typeof UpdateTagBody>): Promise<{ tag: Tag }> {
    return this.json('PATCH', `/api/tags/${seg(tagId)}`, { body: await check((c) => c.UpdateTagBody, changes) });
  }

  async getSettings(): Promise<{ settings: WorkspaceSettings }> {
    return this.json('GET', '/api/settings');
  }

  async updateSettings(changes: v.InferInput<typeof UpdateSettingsBody>): Promise<{ settings: WorkspaceSettings }> {
    return this.json('PATCH', '/api/settings', { body: await check((c) => c.UpdateSettingsBody, changes) });
  }

  async listTemplates(): Promise<{ templates: Template[] }> {
    return this.json('GET', '/api/templates');
  }

  async listQuickReplies(): Promise<{ quickReplies: QuickReply[] }> {
    return this.json('GET', '/api/quick-replies');
  }

  async listAgents(): Promise<{ agents: Agent[] }> {
    return this.json('GET', '/api/agents');
  }

  async listGroups(): Promise<{ groups: Group[] }> {
    return this.json('GET', '/api/groups');
  }

  /** Opens `GET /api/events` and resolves with the streaming response (see RealtimeStream). */
  async openEventStream(lastEventId: number, signal?: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = { ...this.authHeaders, Accept: 'text/event-stream', 'Cache-Control': 'no-cache' };
    if (lastEventId > 0) headers['Last-Event-ID'] = String(lastEventId);
    return send(this.fetch, this.eventsUrl, 'GET', { headers, signal });
  }

  private url(path: string): string {
    return joinUrl(this.baseUrl, path);
  }

  private json<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    return sendJson<T>(this.fetch, this.url(path), method, {
      timeoutMs: this.timeoutMs,
      ...options,
      headers: { ...this.authHeaders, ...options.headers },
    });
  }
}
