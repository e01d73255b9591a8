/** What to tell the agent about a failure: the server's (or the local check's) reason, else the error's message. */
export function reasonOf(error: unknown): string {
  if (error && typeof error === 'object' && 'reason' in error && typeof error.reason === 'string' && error.reason) return error.reason;
  return error instanceof Error ? error.message : String(error);
}
