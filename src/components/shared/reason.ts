// Why something failed, in words the elements can show the agent.

/** The server's (or the client's own check's) `reason` when it gave one, else the error's message. */
export function reasonOf(error: unknown): string {
  if (error && typeof error === 'object' && 'reason' in error && typeof error.reason === 'string' && error.reason) return error.reason;
  return error instanceof Error ? error.message : String(error);
}
