// What the package entry (`import 'ow-agent-kit'`) re-exports of the client: REST client, realtime stream,
// reactive store, shared rules, contract values and types. The request schemas (their module loads with the first
// request; schema-types.ts names their types), the attribute rule and the simulated-channel client are in
// `ow-agent-kit/client`.
export * from '../contract/domain.js';
export * from '../contract/api.js';
export * from '../contract/events.js';
// The attribute rule validates with the schema library too: it is in `ow-agent-kit/client`, its types are here.
export type { AttributeIssue, AttributeProblemCode, AttributeRule } from './rules/attributes.js';
export * from './rules/waiting.js';
export * from './rules/window.js';
export * from './rules/trays.js';
export * from './rules/sorting.js';
export * from './rules/visibility.js';
export * from './rules/search.js';
export type * from './store-types.js';
export { OwClient, type OwClientOptions, type ListConversationsParams, type CountsParams, type ListMessagesParams } from './api-client.js';
export { ApiError, NetworkError, failureCodeOf, isRetryable, reasonOf, type ApiErrorCode, type Failure, type FailureCode } from './errors.js';
export type { FetchLike } from './http.js';
export type { UploadOptions, UploadFile } from './upload.js';
export { RealtimeStream, type RealtimeOptions, type RealtimeState } from './realtime.js';
export { SseParser, type SseMessage } from './sse.js';
export { OwStore, createStore, initialState, DEFAULT_INBOX_QUERY, type StoreOptions, type SendInput } from './store.js';
export { InboxIndex } from './store/inbox.js';
export { MemoryStorage, defaultStorage, type KeyValueStorage } from './store/storage.js';
