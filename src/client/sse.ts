// Incremental Server-Sent Events parser (the text/event-stream format), fed with decoded text chunks.

export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

export class SseParser {
  private unparsed = '';
  private dataLines: string[] = [];
  private eventType = '';
  private eventId: string | null = null;

  constructor(private readonly onMessage: (message: SseMessage) => void) {}

  /** Feeds a chunk of text; complete messages are delivered synchronously. */
  push(chunk: string): void {
    let text = this.unparsed + chunk;
    // A CR at the end may be the first half of a CRLF: it waits for the next chunk.
    const held = text.endsWith('\r') ? '\r' : '';
    if (held) text = text.slice(0, -1);
    const lines = text.split(/\r\n?|\n/);
    // The last piece has no line end yet.
    this.unparsed = lines.pop()! + held;
    for (const line of lines) this.readLine(line);
  }

  private readLine(line: string): void {
    if (line === '') {
      this.dispatch();
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    // Other fields (`retry`, unknown names) are ignored.
    if (field === 'data') this.dataLines.push(value);
    else if (field === 'event') this.eventType = value;
    else if (field === 'id' && !value.includes('\0')) this.eventId = value;
  }

  /** A blank line ends a message; one without data is dropped (the spec's rule). */
  private dispatch(): void {
    if (this.dataLines.length > 0) this.onMessage({ id: this.eventId, event: this.eventType || 'message', data: this.dataLines.join('\n') });
    this.dataLines = [];
    this.eventType = '';
    this.eventId = null;
  }
}
