// Multipart uploads (agent and simulated customer) and signed, never-executable file downloads.
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { CHANNELS, type Attachment, type Channel } from '../../src/contract/index.js';
import { readSettings } from '../db/workspace.js';
import { visibleConversation } from '../services/access.js';
import type { Services } from '../services/context.js';
import { badRequest, notFound, ServiceError } from '../services/errors.js';
import { isInlineSafe, loadUpload, storeUpload } from '../services/uploads.js';
import { requireAgent } from './auth.js';
import { readCapped, tooLarge } from './body.js';
import type { AppEnv } from './env.js';
import { pathId, readQuery } from './http.js';

/** Room for multipart boundaries and part headers around the file itself. */
const MULTIPART_OVERHEAD = 16 * 1024;

async function receiveFile(c: Context, limit: number): Promise<{ name: string; bytes: Uint8Array }> {
  const contentType = c.req.header('content-type') ?? '';
  if (!/^multipart\/form-data;/i.test(contentType)) {
    throw new ServiceError('unsupported_media_type', 'send the file as multipart/form-data in the field "file"');
  }
  const body = await readCapped(c.req.raw, limit + MULTIPART_OVERHEAD, limit);
  let form: FormData;
  try {
    form = await new Response(body as Uint8Array<ArrayBuffer>, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw badRequest('malformed multipart body');
  }
  const file = form.get('file');
  if (!file || typeof file === 'string') throw badRequest('file: missing (multipart field "file")');
  if (file.size > limit) throw tooLarge(limit);
  if (file.size === 0) throw badRequest('file: empty');
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

async function limitFor(services: Services, channel: Channel): Promise<number> {
  return (await readSettings(services.db)).maxUploadBytes[channel];
}

function disposition(kind: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const SimUploadQuery = v.strictObject({ channel: v.picklist(CHANNELS) });

export function fileRoutes(services: Services, options: { sim: boolean }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/conversations/:id/uploads', requireAgent(services), async (c) => {
    const conversation = await visibleConversation(services.db, c.var.agent, pathId(c, 'id'));
    const limit = await limitFor(services, conversation.channel);
    const file = await receiveFile(c, limit);
    const attachment: Attachment = await services.db.tx((q) => storeUpload(services, q, file, conversation.channel, conversation.id));
    return c.json({ attachment }, 201);
  });

  if (options.sim) {
    app.post('/sim/uploads', async (c) => {
      const { channel } = readQuery(c, SimUploadQuery);
      const file = await receiveFile(c, await limitFor(services, channel));
      const attachment = await services.db.tx((q) => storeUpload(services, q, file, channel, null));
      return c.json({ attachment }, 201);
    });
  }

  app.get('/files/:id/:name', async (c) => {
    const id = pathId(c, 'id');
    if (!services.files.verify(id, c.req.query('exp'), c.req.query('sig'))) throw notFound('file');
    const file = await loadUpload(services.db, id);
    if (!file) throw notFound('file');
    const inline = isInlineSafe(file.contentType);
    return c.body(file.data as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': file.contentType,
      'Content-Length': String(file.data.byteLength),
      'Content-Disposition': disposition(inline ? 'inline' : 'attachment', file.name),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Cache-Control': 'private, max-age=86400',
    });
  });

  return app;
}
