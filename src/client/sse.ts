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
    const text = this.unparsed + chunk;
    let start = 0;
    for (;;) {
      const lf = text.indexOf('\n', start);
      const cr = text.indexOf('\r', start);
      let end: number;
      let next: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        // A lone CR at the end of a chunk may be the first half of CRLF: wait for more.
        if (cr === text.length - 1) break;
        end = cr;
        next = text[cr + 1] === '\n' ? cr + 2 : cr + 1;
      } else if (lf !== -1) {
        end = lf;
        next = lf + 1;
      } else {
        break;
      }
      this.readLine(text.slice(start, end));
      start = next;
    }
    this.unparsed = text.slice(start);
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
