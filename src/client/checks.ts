// Local validation of request bodies and queries with the contract's schemas. Its own chunk: the client loads it
// with the first request that needs it (see request-checks.ts), so the schema library is not part of first paint.
import * as v from 'valibot';
import { ConversationQuery, describeIssues } from '../contract/schemas.js';
import { ApiError } from './errors.js';

export * from '../contract/schemas.js';

/** The count query is the inbox query without paging and sorting. */
export const CountsQuery = v.pick(ConversationQuery, ['status', 'q', 'tag']);

/** Validates `input` with a contract schema and returns its output, or throws a local `bad_request`. */
export function validate<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (!result.success) {
    const reason = describeIssues(result.issues);
    throw new ApiError(400, { error: 'bad_request', reason }, reason, true);
  }
  return result.output;
}
