// Typed failures of the rules, turned into `{error, reason}` answers by the app layer.
import type { Customer, ErrorBody } from '../../src/contract/index.js';

const STATUS: Record<ErrorBody['error'], number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  window_closed: 422,
  not_assigned: 422,
  internal: 500,
};

export class ServiceError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorBody['error'],
    readonly reason: string,
    readonly current?: Customer,
  ) {
    super(reason);
    this.status = STATUS[code];
  }

  body(): ErrorBody {
    return this.current ? { error: this.code, reason: this.reason, current: this.current } : { error: this.code, reason: this.reason };
  }
}

export const badRequest = (reason: string) => new ServiceError('bad_request', reason);
export const notFound = (what: string) => new ServiceError('not_found', `${what} not found`);
export const forbidden = (reason: string) => new ServiceError('forbidden', reason);
export const conflict = (reason: string) => new ServiceError('conflict', reason);
