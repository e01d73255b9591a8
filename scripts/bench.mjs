#!/usr/bin/env node
// `npm run bench [-- <name>…] [--json]`: runs bench/browser/<name>.bench.ts in Chromium (production
// build of the sources, like a consumer's bundle) and prints their figures, then the bundle size.
// Figures are measurements, not pass/fail tests; targets are printed beside them.
import { build } from 'esbuild';
import { createReadStream, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { emojiDataETag, emojiDataForPath, root } from './vite-shared.mjs';
import { formatSize, measureSize } from '../bench/size.mjs';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const args = process.argv.slice(2);
const asJson = args.includes('--json');
const wanted = args.filter((a) => !a.startsWith('--'));
const benchDir = join(root, 'bench/browser');
const available = readdirSync(benchDir).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace(/\.bench\.ts$/, ''));
const names = wanted.length ? wanted.filter((n) => n !== 'size') : available;
const unknown = names.filter((n) => !available.includes(n));
if (unknown.length) {
  console.error(`unknown bench: ${unknown.join(', ')} (available: ${available.join(', ')}, size)`);
  process.exit(2);
}
const log = (...parts) => {
  if (!asJson) console.log(...parts);
};

const out = mkdtempSync(join(tmpdir(), 'ow-bench-'));
const cleanups = [() => rmSync(out, { recursive: true, force: true })];
const cleanup = async () => {
  for (const fn of cleanups.reverse()) await fn();
  cleanups.length = 0;
};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void cleanup().then(() => process.exit(130)));

const reports = [];
const failures = [];
if (names.length) {
  log(`Bundling ${names.length} bench(es)…`);
  await build({
    entryPoints: Object.fromEntries(names.map((n) => [n, join(benchDir, `${n}.bench.ts`)])),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: 'inline',
    tsconfig: join(root, 'tsconfig.json'),
    define: { 'process.env.NODE_ENV': '"production"' },
    outdir: out,
    logLevel: 'error',
  });

  const types = { '.js': 'text/javascript', '.html': 'text/html', '.json': 'application/json' };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/') {
      const name = url.searchParams.get('bench') ?? '';
      res.setHeader('Content-Type', 'text/html');
      res.end(`<!doctype html><html lang="es"><head><meta charset="utf-8"><link rel="icon" href="data:,"><style>body{margin:0;font:14px system-ui}</style></head><body><script type="module" src="/${encodeURIComponent(name)}.js"></script></body></html>`);
      return;
    }
    const emoji = emojiDataForPath(url.pathname);
    const file = emoji ?? join(out, normalize(url.pathname).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(out) && !emoji) return void res.writeHead(403).end();
    if (!existsSync(file)) return void res.writeHead(404).end();
    res.setHeader('Content-Type', types[extname(file)] ?? 'application/octet-stream');
    if (emoji) res.setHeader('ETag', emojiDataETag(emoji));
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  const { port } = server.address();

  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  cleanups.push(() => browser.close());
  for (const name of names) {
    log(`\n▸ ${name}`);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => log(`  page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') log(`  console.${message.type()}: ${message.text()}`);
    });
    try {
      await page.goto(`http://127.0.0.1:${port}/?bench=${encodeURIComponent(name)}`);
      await page.waitForFunction(() => window.__owBench && window.__owBench.state !== 'running', undefined, { timeout: 10 * 60_000, polling: 250 });
      const result = await page.evaluate(() => window.__owBench);
      if (result.state === 'failed') throw new Error(result.error);
      reports.push(result.report);
      printReport(result.report);
    } catch (error) {
      failures.push({ name, error: error instanceof Error ? error.message : String(error) });
      log(`  ✗ ${name} failed: ${error instanceof Error ? error.message : error}`);
    } finally {
      await page.close();
    }
  }
}

let size = null;
if (!wanted.length || wanted.includes('size')) {
  log('\n▸ bundle size');
  if (!existsSync(join(root, 'dist/ow-agent-kit.js'))) {
    log('  dist/ is missing: building (without the size check)…');
    const result = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--skip-size'], { cwd: root, stdio: asJson ? 'ignore' : 'inherit' });
    if (result.status !== 0) failures.push({ name: 'size', error: 'npm run build failed' });
  }
  try {
    size = await measureSize();
    log(formatSize(size).replace(/^/gm, '  '));
  } catch (error) {
    failures.push({ name: 'size', error: error instanceof Error ? error.message : String(error) });
  }
}
await cleanup();

if (asJson) console.log(JSON.stringify({ reports: reports.map(withStats), size, failures }, null, 2));
else if (failures.length) console.log(`\n${failures.length} bench(es) could not run: ${failures.map((f) => f.name).join(', ')}`);
process.exit(failures.length ? 1 : 0);

function stats(runs) {
  const sorted = [...runs].sort((a, b) => a - b);
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  return { median, min: sorted[0], max: sorted.at(-1), first: runs[0], runs: runs.length };
}

function withStats(report) {
  return { ...report, figures: report.figures.map((f) => ({ ...f, ...stats(f.runs) })) };
}

function printReport(report) {
  for (const [key, value] of Object.entries(report.info)) log(`  ${key}: ${typeof value === 'number' ? value.toLocaleString('en-US') : value}`);
  for (const figure of report.figures) {
    const s = stats(figure.runs);
    const fmt = (ms) => `${ms.toFixed(2)} ms`;
    const target = figure.targetMs === undefined ? '' : ` — target ≤ ${figure.targetMs} ms: ${s.median <= figure.targetMs ? 'met' : 'NOT met'}`;
    log(`  ${figure.label}: median ${fmt(s.median)} (min ${fmt(s.min)}, max ${fmt(s.max)}, first ${fmt(s.first)}, ${s.runs} runs)${target}`);
    if (figure.note) log(`    ${figure.note}`);
  }
}
