// Static routes of the demo: the host CRM pages, the built package and the few dependencies its import map names.
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context, Hono } from 'hono';
import { fileETag } from '../scripts/vite-shared.mjs';
import { demoCustomerSamples, type DemoCustomerSample } from '../server/seed/demo-seed.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEMO_DIR = join(ROOT, 'demo');
const DIST_DIR = join(ROOT, 'dist');
const MODULES_DIR = join(ROOT, 'node_modules');

/** Only what the pages import; the rest of node_modules is not served. */
const SERVED_PACKAGES = [
  'lit',
  'lit-html',
  'lit-element',
  '@lit/reactive-element',
  '@lit/context',
  '@lit-labs/virtualizer',
  'valibot',
  'tslib',
  'emoji-picker-element',
  'emoji-picker-element-data',
];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** The demo pages are plain files next to this module; TypeScript sources of the demo server are not served. */
const DEMO_EXTENSIONS = new Set(['.html', '.js', '.css', '.svg', '.png', '.ico']);

async function sendFile(c: Context, base: string, relative: string, cache: string): Promise<Response> {
  const decoded = (() => {
    try {
      return decodeURIComponent(relative);
    } catch {
      return null;
    }
  })();
  if (decoded === null || decoded.includes('\0')) return c.text('Bad request', 400);
  const path = normalize(join(base, decoded));
  if (path !== base && !path.startsWith(base + sep)) return c.text('Not found', 404);
  const type = TYPES[extname(path).toLowerCase()];
  if (!type) return c.text('Not found', 404);
  try {
    const info = await stat(path);
    if (!info.isFile()) return c.text('Not found', 404);
    // A validator, so an unchanged file answers 304 (the emoji picker also compares it to skip re-reading its data).
    const etag = fileETag(info);
    const headers = { 'Content-Type': type, 'Cache-Control': cache, 'X-Content-Type-Options': 'nosniff', 'Last-Modified': info.mtime.toUTCString(), ETag: etag };
    if (c.req.header('if-none-match') === etag) return new Response(null, { status: 304, headers });
    return new Response(await readFile(path), { headers });
  } catch {
    return c.text('Not found', 404);
  }
}

export interface DemoRoutesOptions {
  /** Seeded customers listed by the phone simulator; computed once on first request when omitted. */
  samples?: DemoCustomerSample[];
}

/** Adds the demo's pages and assets to the reference server's app. */
export function mountDemo(app: Hono, options: DemoRoutesOptions = {}): void {
  let samples = options.samples;
  app.get('/demo-customers.json', (c) => {
    samples ??= demoCustomerSamples();
    return c.json(samples);
  });
  app.get('/dist/*', (c) => sendFile(c, DIST_DIR, c.req.path.slice('/dist/'.length), 'no-cache'));
  app.get('/node_modules/*', (c) => {
    const rest = c.req.path.slice('/node_modules/'.length);
    const allowed = SERVED_PACKAGES.some((name) => rest.startsWith(`${name}/`));
    if (!allowed) return c.text('Not found', 404);
    return sendFile(c, MODULES_DIR, rest, 'max-age=3600');
  });
  app.get('/', (c) => sendFile(c, DEMO_DIR, 'index.html', 'no-cache'));
  app.get('/:file', (c) => {
    const file = c.req.param('file');
    if (!DEMO_EXTENSIONS.has(extname(file).toLowerCase())) return c.notFound();
    return sendFile(c, DEMO_DIR, file, 'no-cache');
  });
}
