// Reading a request body with a byte cap: refused from Content-Length before reading, and again while streaming.
import { ServiceError } from '../services/errors.js';

export function tooLarge(limit: number): ServiceError {
  return new ServiceError('payload_too_large', `the file exceeds the limit of ${limit} bytes for this channel`);
}

export async function readCapped(request: Request, maxBytes: number, limitForMessage: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge(limitForMessage);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limitForMessage);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
