// Stored uploads: content type from magic bytes (never from the client), safe file names, signed download.
import type { Attachment, Channel } from '../../src/contract/index.js';
import type { Queryable } from '../db/adapter.js';
import { insertRow, newId } from '../db/sql.js';
import { nowIso, type Services } from './context.js';

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  signature.every((b, i) => bytes[offset + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** Content type from the first bytes; anything unrecognised is served as a download. */
export function sniffContentType(bytes: Uint8Array): string {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WAVE'), 8)) return 'audio/wav';
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(bytes, ascii('OggS'))) return 'audio/ogg';
  if (startsWith(bytes, ascii('ID3')) || (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0)) return 'audio/mpeg';
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return 'audio/webm';
  return 'application/octet-stream';
}

/** Types a browser may show in place; everything else is sent as an attachment. */
export function isInlineSafe(contentType: string): boolean {
  return /^(image\/(png|jpeg|gif|webp)|audio\/(ogg|mpeg|webm|wav))$/.test(contentType);
}

/**
 * Keeps the last path segment, drops control, invisible formatting (bidi overrides that disguise an extension)
 * and reserved characters, bounds the length.
 */
export function sanitizeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\p{Cc}\p{Cf}"<>:|?*]/gu, '')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(-120);
  return cleaned || 'archivo';
}

export async function storeUpload(
  services: Services,
  q: Queryable,
  file: { name: string; bytes: Uint8Array },
  channel: Channel,
  conversationId: string | null,
): Promise<Attachment> {
  const contentType = sniffContentType(file.bytes);
  const name = sanitizeFileName(file.name);
  const row = await insertRow(q, 'attachments', {
    id: newId('att'),
    conversation_id: conversationId,
    channel,
    name,
    content_type: contentType,
    size: file.bytes.byteLength,
    data: file.bytes,
    created_at: nowIso(services),
  });
  const meta = { id: String(row.id), name, contentType, size: file.bytes.byteLength };
  return { ...meta, url: services.files.url(meta) };
}

export async function loadUpload(q: Queryable, id: string): Promise<{ name: string; contentType: string; data: Uint8Array } | null> {
  const row = (await q.query('SELECT name, content_type, data FROM attachments WHERE id = $1', [id]))[0];
  if (!row) return null;
  return { name: String(row.name), contentType: String(row.content_type), data: row.data as Uint8Array };
}
