// Client of the simulated customer channel (phone simulator, CLI, tests) and of the test-only routes.
import * as v from 'valibot';
import {
  CHANNELS,
  InboundMessageBody,
  type Attachment,
  type Channel,
  type Conversation,
  type ConversationDetail,
  type Customer,
  type Message,
  type Stage,
} from '../contract/index.js';
import { validate } from './checks.js';
import { defaultFetch, joinUrl, send, sendJson, type FetchLike, type RequestOptions } from './http.js';
import { uploadMultipart, type UploadFile, type UploadOptions } from './upload.js';

export interface SimClientOptions {
  baseUrl: string;
  fetch?: FetchLike;
}

export interface InboundResult {
  customer: Customer;
  conversation: Conversation;
  message: Message;
}

export interface CustomerView {
  customer: Customer | null;
  conversations: Conversation[];
  messages: Message[];
}

/** Body of `POST /__test/conversations`: creates a conversation directly, bypassing the bot. */
export interface TestConversationInput {
  channel: Channel;
  customer: { name: string; phone: string; email?: string };
  stage: Stage;
  groupId?: string;
  assigneeId?: string;
  outbound?: boolean;
  messages?: { author: 'customer' | 'agent' | 'bot'; text: string }[];
}

const ChannelAndFrom = v.strictObject({ channel: v.picklist(CHANNELS), from: v.pipe(v.string(), v.trim(), v.minLength(3), v.maxLength(64)) });

export class SimClient {
  readonly baseUrl: string;
  readonly fetch: FetchLike;

  constructor(options: SimClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetch = options.fetch ?? defaultFetch();
  }

  /** The customer writes on a channel (the bot or the assigned agent receives it). */
  async inbound(message: v.InferInput<typeof InboundMessageBody>): Promise<InboundResult> {
    return this.json('POST', '/api/sim/inbound', { body: validate(InboundMessageBody, message) });
  }

  async upload(channel: Channel, file: UploadFile, options: UploadOptions = {}): Promise<{ attachment: Attachment }> {
    validate(v.picklist(CHANNELS), channel);
    return uploadMultipart(this.fetch, joinUrl(this.baseUrl, `/api/sim/uploads?channel=${encodeURIComponent(channel)}`), {}, file, options);
  }

  /** What the customer sees on their phone: customer-visible messages only. */
  async conversations(channel: Channel, from: string): Promise<CustomerView> {
    const query = validate(ChannelAndFrom, { channel, from });
    return this.json('GET', '/api/sim/conversations', { query });
  }

  /** Marks the agent's messages read by the customer (delivery ticks become `read`). */
  async read(channel: Channel, from: string): Promise<unknown> {
    return this.json('POST', '/api/sim/read', { body: validate(ChannelAndFrom, { channel, from }) });
  }

  /** Opens the customer's SSE stream of message.created / message.updated. */
  async openEventStream(channel: Channel, from: string, signal?: AbortSignal): Promise<Response> {
    const query = validate(ChannelAndFrom, { channel, from });
    return send(this.fetch, joinUrl(this.baseUrl, '/api/sim/events'), 'GET', { query, signal, headers: { Accept: 'text/event-stream' } });
  }

  // Test-only routes (the test server enables them).

  async reset(): Promise<unknown> {
    return this.json('POST', '/__test/reset');
  }

  async advanceClock(advanceMs: number): Promise<unknown> {
    return this.json('POST', '/__test/clock', { body: { advanceMs } });
  }

  async tick(): Promise<unknown> {
    return this.json('POST', '/__test/tick');
  }

  async createConversation(input: TestConversationInput): Promise<ConversationDetail> {
    return this.json('POST', '/__test/conversations', { body: input });
  }

  private json<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    return sendJson<T>(this.fetch, joinUrl(this.baseUrl, path), method, options);
  }
}
