// Open event streams by the token that opened them, so revoking a token ends its streams at once.

export class TokenStreams {
  private readonly byToken = new Map<string, Set<AbortController>>();

  /** A signal that aborts when `token` is revoked; call `release` once the stream has ended. */
  hold(token: string): { signal: AbortSignal; release: () => void } {
    const controller = new AbortController();
    const held = this.byToken.get(token) ?? new Set<AbortController>();
    held.add(controller);
    this.byToken.set(token, held);
    const release = () => {
      held.delete(controller);
      if (held.size === 0 && this.byToken.get(token) === held) this.byToken.delete(token);
    };
    return { signal: controller.signal, release };
  }

  /** Ends every stream this instance holds for `token`. */
  revoke(token: string): void {
    const held = this.byToken.get(token);
    this.byToken.delete(token);
    for (const controller of held ?? []) controller.abort();
  }
}
