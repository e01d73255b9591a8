// Public API of the typed client: REST client, realtime stream, reactive store, shared rules and contract types.
export * from '../contract/index.js';
export * from './rules/index.js';
export type * from './store-types.js';
export { OwClient, type OwClientOptions, type ListConversationsParams, type CountsParams, type ListMessagesParams } from './api-client.js';
export { SimClient, type SimClientOptions, type InboundResult, type CustomerView, type TestConversationInput } from './sim-client.js';
export { ApiError, NetworkError, isRetryable, type ApiErrorCode } from './errors.js';
export type { FetchLike } from './http.js';
export type { UploadOptions, UploadFile } from './upload.js';
export { RealtimeStream, type RealtimeOptions, type RealtimeState } from './realtime.js';
export { SseParser, type SseMessage } from './sse.js';
export { OwStore, createStore, initialState, DEFAULT_INBOX_QUERY, type StoreOptions, type SendInput } from './store.js';
export { InboxIndex } from './store/inbox.js';
export { MemoryStorage, defaultStorage, type KeyValueStorage } from './store/storage.js';
