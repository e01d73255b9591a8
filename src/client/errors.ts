// Typed failures of the client: the server answered with an error, or it could not be reached.
import type { ErrorBody } from '../contract/index.js';

export type ApiErrorCode = ErrorBody['error'];

/** The server (or the client's own validation, with `local: true`) refused a request. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly error: ApiErrorCode;
  readonly reason: string;
  readonly body: ErrorBody | null;
  /** True when the request was refused before it was sent (invalid body or query). */
  readonly local: boolean;

  constructor(status: number, body: ErrorBody | null, fallbackReason = '', local = false) {
    const error = body?.error ?? codeForStatus(status);
    const reason = body?.reason ?? fallbackReason;
    super(reason ? `${error}: ${reason}` : error);
    this.status = status;
    this.error = error;
    this.reason = reason;
    this.body = body;
    this.local = local;
  }
}

/** The request did not complete: no connection, DNS failure, reset, or a response that never came. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

/** Failures worth retrying with the same request: transport errors and server-side 5xx. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  return error instanceof ApiError && !error.local && error.status >= 500;
}

export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/** Statuses with a code of their own; any other 4xx is `bad_request`, anything else `internal`. */
const CODE_FOR_STATUS: Readonly<Record<number, ApiErrorCode>> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/** The error code of an answer without a JSON error body (e.g. a proxy's page). */
function codeForStatus(status: number): ApiErrorCode {
  return CODE_FOR_STATUS[status] ?? (status >= 400 && status < 500 ? 'bad_request' : 'internal');
}

/**
 * The kind of a failure, for words in the agent's language: the server's error code, `network`
 * when the server could not be reached, `invalid` when the client refused the request before sending it.
 */
export type FailureCode = ApiErrorCode | 'network' | 'invalid';

/** The kind of a request's failure; null for anything else (its message is all there is to say). */
export function failureCodeOf(error: unknown): FailureCode | null {
  if (error instanceof ApiError) return error.local ? 'invalid' : error.error;
  return error instanceof NetworkError ? 'network' : null;
}

/** A failure as the store keeps it (inbox, timeline, outbox entry): the client's words and their kind. */
export interface Failure {
  error: string | null;
  errorCode: FailureCode | null;
}

export const NO_FAILURE: Failure = { error: null, errorCode: null };

export function failureOf(error: unknown): Failure {
  return { error: reasonOf(error), errorCode: failureCodeOf(error) };
}

/** Why a request failed, in the client's words: the server's (or the local check's) reason, else its code or message. */
export function reasonOf(error: unknown): string {
  if (error instanceof ApiError) return error.reason || error.error;
  if (error instanceof Error) return error.message;
  return String(error);
}
