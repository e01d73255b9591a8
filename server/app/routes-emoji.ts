// The emoji picker's data, served by the server the elements already talk to: an app whose bundler
// did not copy the package's emoji-data/ folder still gets it from here, never from a CDN.
import { readFile } from 'node:fs/promises';
import { Hono } from 'hono';
import { emojiDataETag, emojiDataFile } from '../../scripts/vite-shared.mjs';
import type { ErrorBody } from '../../src/contract/index.js';
import type { AppEnv } from './env.js';

/** GET /api/emoji-data/:locale — `es`, `en` or `pt`, as emoji-picker-element-data names them. No token: it is public data. */
export function emojiRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/emoji-data/:locale', async (c) => {
    const locale = c.req.param('locale');
    const file = /^(es|en|pt)$/.test(locale) ? emojiDataFile(locale) : null;
    if (!file) return c.json<ErrorBody>({ error: 'not_found', reason: `no emoji data for "${locale}" (es, en, pt)` }, 404);
    const etag = emojiDataETag(file);
    c.header('ETag', etag);
    c.header('Cache-Control', 'public, max-age=86400');
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    c.header('Content-Type', 'application/json');
    return c.body(await readFile(file));
  });
  return app;
}
