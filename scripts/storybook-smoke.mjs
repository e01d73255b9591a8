#!/usr/bin/env node
// Builds Storybook and opens every story and docs page in Chromium: each must render without a
// Storybook error, an uncaught page error, a console error or a failed request.
//   node scripts/storybook-smoke.mjs [--static <dir>] [filter]
// Writes {passed, failed} to $OW_STORYBOOK_SUMMARY when set (scripts/test.mjs uses it).
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { root } from './vite-shared.mjs';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const args = process.argv.slice(2);
const staticAt = args.indexOf('--static');
const filter = args.filter((a, i) => !a.startsWith('--') && i !== staticAt + 1)[0];
let dir = staticAt >= 0 ? args[staticAt + 1] : null;
let scratch = null;

if (!dir) {
  scratch = mkdtempSync(join(tmpdir(), 'ow-storybook-'));
  dir = join(scratch, 'static');
  console.log('Building Storybook…');
  const result = spawnSync(join(root, 'node_modules/.bin/storybook'), ['build', '--quiet', '-o', dir], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) {
    console.error('✗ storybook build failed');
    finish(0, 1);
  }
}

const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.html': 'text/html', '.json': 'application/json', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.png': 'image/png' };
const server = createServer((req, res) => {
  let file = join(dir, normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, ''));
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!file.startsWith(dir) || !existsSync(file)) return void res.writeHead(404).end();
  res.setHeader('Content-Type', types[extname(file)] ?? 'application/octet-stream');
  res.setHeader('Cache-Control', 'max-age=3600');
  createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
const entries = Object.values(index.entries).filter((e) => !filter || e.id.includes(filter));
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
// One context: the HTTP and code caches make each page after the first quick to load.
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
let passed = 0;
let failed = 0;
try {
  for (const entry of entries) {
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console.error: ${message.text()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) problems.push(`${response.status()} ${response.url()}`);
    });
    const mode = entry.type === 'docs' ? 'docs' : 'story';
    try {
      await page.goto(`${base}/iframe.html?id=${encodeURIComponent(entry.id)}&viewMode=${mode}`);
      await page.waitForFunction(
        () => {
          const classes = document.body.classList;
          return !classes.contains('sb-show-preparing-story') && !classes.contains('sb-show-preparing-docs') && (classes.contains('sb-show-main') || classes.contains('sb-show-errordisplay'));
        },
        undefined,
        { timeout: 20_000 },
      );
      // Let loaders' follow-up work (store start, first render, emoji data…) run.
      await page.waitForTimeout(400);
      const error = await page.evaluate(() => (document.body.classList.contains('sb-show-errordisplay') ? document.querySelector('#error-message')?.textContent ?? 'error display' : null));
      if (error) problems.push(`storybook: ${error.trim().slice(0, 300)}`);
    } catch (error) {
      problems.push(error instanceof Error ? error.message.split('\n')[0] : String(error));
    } finally {
      await page.close();
    }
    if (problems.length) {
      failed += 1;
      console.log(`✗ ${entry.id}\n    ${problems.slice(0, 3).join('\n    ')}`);
    } else {
      passed += 1;
      console.log(`✓ ${entry.id}`);
    }
  }
} finally {
  await browser.close();
  server.close();
}
finish(passed, failed);

function finish(passedCount, failedCount) {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  console.log(`\nstorybook: ${passedCount} passed, ${failedCount} failed`);
  if (process.env.OW_STORYBOOK_SUMMARY) writeFileSync(process.env.OW_STORYBOOK_SUMMARY, JSON.stringify({ passed: passedCount, failed: failedCount }));
  process.exit(failedCount ? 1 : 0);
}
