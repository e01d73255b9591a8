#!/usr/bin/env node
// `npm test [-- <suite>… <file>…]` — runs the suites in order and ends with one line
// `N passed, N failed`; exits 1 if anything failed or a runner crashed.
//   types     the TypeScript compiler over the whole project (tsconfig.json): one check, strict
//   node      test/{server,client,faults,abuse}/**/*.test.ts on the node test runner (PGlite)
//   postgres  the database-dependent ones (test/server, test/faults) again on PostgreSQL:
//             OW_TEST_DATABASE_URL if set, else a throwaway cluster (initdb/pg_ctl as `postgres`)
//   browser   @web/test-runner in Chromium: test/components/**/*.test.ts, test/**/*.browser.test.ts
//   storybook builds Storybook and renders every story and docs page in Chromium (scripts/storybook-smoke.mjs)
//   e2e       test/e2e/*.test.ts on the node test runner (drives Chromium with playwright-core)
// File arguments restrict the selected suites to those files (e.g. `npm test -- node test/client/sse.test.ts`).
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const SUITES = ['types', 'node', 'postgres', 'browser', 'storybook', 'e2e'];
const args = process.argv.slice(2);
const selected = args.filter((a) => SUITES.includes(a));
const fileFilters = args.filter((a) => !SUITES.includes(a)).map((a) => relative(root, resolve(a)));
const unknown = fileFilters.filter((f) => !existsSync(join(root, f)));
if (unknown.length) {
  console.error(`unknown suite or file: ${unknown.join(', ')} (suites: ${SUITES.join(', ')})`);
  process.exit(2);
}
const suites = selected.length ? selected : SUITES;
const NODE_CONCURRENCY = process.env.OW_TEST_CONCURRENCY ?? '2';

function walk(dir) {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  const out = [];
  for (const entry of readdirSync(abs, { withFileTypes: true })) {
    const rel = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) out.push(...walk(rel));
    } else out.push(rel);
  }
  return out.sort();
}
const isNodeTest = (f) => f.endsWith('.test.ts') && !f.endsWith('.browser.test.ts');
const applyFilters = (files) =>
  fileFilters.length ? files.filter((f) => fileFilters.some((filter) => f === filter || f.startsWith(filter.endsWith('/') ? filter : `${filter}/`))) : files;

// A hung runner must not hold CI forever; a suite past this is killed and counted as crashed.
const SUITE_TIMEOUT_MS = Number(process.env.OW_SUITE_TIMEOUT_MS ?? 15 * 60_000);
const children = new Set();
function run(command, commandArgs, env) {
  return new Promise((done) => {
    const merged = { ...process.env, ...env };
    for (const [key, value] of Object.entries(merged)) if (value === undefined) delete merged[key];
    const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env: merged });
    children.add(child);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\n✗ ${command} ${commandArgs.slice(-1)} still running after ${SUITE_TIMEOUT_MS / 1000} s: killing it`);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }, SUITE_TIMEOUT_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      done({ code: timedOut ? `a timeout (${SUITE_TIMEOUT_MS / 1000} s)` : code, signal });
    });
    child.on('error', (error) => {
      children.delete(child);
      console.error(error);
      done({ code: 1, signal: null });
    });
  });
}

const scratch = mkdtempSync(join(tmpdir(), 'ow-test-'));
const readJson = (file) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};

/**
 * Node's own runner under tsx; counts come from scripts/node-test-summary.mjs. The timeout also
 * bounds each test file as a whole: a hung file fails after 5 minutes instead of holding CI.
 */
async function nodeSuite(name, files, env = {}, concurrency = NODE_CONCURRENCY) {
  const summaryFile = join(scratch, `${name}.json`);
  const { code, signal } = await run(
    process.execPath,
    [
      '--import', 'tsx',
      '--test',
      `--test-concurrency=${concurrency}`,
      '--test-timeout=300000',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=./scripts/node-test-summary.mjs', `--test-reporter-destination=${summaryFile}`,
      ...files,
    ],
    env,
  );
  const totals = readJson(summaryFile);
  if (!totals) return { passed: 0, failed: 0, skipped: 0, crashed: `runner exited with ${code ?? signal} and wrote no summary` };
  const crashed = code !== 0 && totals.failed === 0 ? `runner exited with ${code ?? signal}` : null;
  return { passed: totals.passed, failed: totals.failed, skipped: totals.skipped + totals.todo, crashed };
}

// ── PostgreSQL: a throwaway cluster on a free loopback port ─────────────────────────────
function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

function findPostgresBin() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin/initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(base, versions[0], 'bin') : null;
}

async function startCluster() {
  const bin = findPostgresBin();
  if (!bin) return { skip: 'no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb); install `postgresql` or set OW_TEST_DATABASE_URL' };
  if (process.getuid?.() !== 0) return { skip: 'a throwaway cluster needs root (to run initdb as `postgres`); set OW_TEST_DATABASE_URL instead' };
  const pw = spawnSync('id', ['-u', 'postgres']);
  if (pw.status !== 0) return { skip: 'no `postgres` system user' };
  const uid = Number(String(pw.stdout).trim());
  const gid = Number(String(spawnSync('id', ['-g', 'postgres']).stdout).trim());

  const dir = mkdtempSync(join(tmpdir(), 'ow-pg-'));
  chownSync(dir, uid, gid);
  const data = join(dir, 'data');
  const asPostgres = (cmd, cmdArgs) => spawnSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...cmdArgs], { encoding: 'utf8' });
  const init = asPostgres('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return { error: `initdb failed: ${init.stderr || init.stdout}` };
  }
  const port = await freePort();
  const options = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses='127.0.0.1'", '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off', '-c max_connections=300'].join(' ');
  const start = asPostgres('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  if (start.status !== 0) {
    const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
    rmSync(dir, { recursive: true, force: true });
    return { error: `pg_ctl start failed: ${start.stderr || start.stdout}\n${log}` };
  }
  const stop = () => {
    asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    rmSync(dir, { recursive: true, force: true });
  };
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop, description: `throwaway cluster (${bin.split('/').at(-2)}) on 127.0.0.1:${port}` };
}

let stopCluster = null;
function cleanup() {
  for (const child of children) child.kill('SIGTERM');
  stopCluster?.();
  stopCluster = null;
  rmSync(scratch, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanup();
    process.exit(130);
  });
}

// ── Suites ──────────────────────────────────────────────────────────────────────────
const runners = {
  // The test runners strip types without checking them; this is where a type error fails.
  async types() {
    if (fileFilters.length) return { skip: 'file arguments select other suites' };
    const { code, signal } = await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit', '--pretty', 'false']);
    return code === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0, note: `tsc exited with ${code ?? signal}` };
  },

  async node() {
    const files = applyFilters(['test/server', 'test/client', 'test/faults', 'test/abuse'].flatMap(walk).filter(isNodeTest));
    if (!files.length) return { skip: 'no test files' };
    // The embedded database (PGlite) here; the postgres suite covers PostgreSQL.
    return nodeSuite('node', files, { OW_TEST_DATABASE_URL: undefined });
  },

  async postgres() {
    const files = applyFilters(['test/server', 'test/faults'].flatMap(walk).filter(isNodeTest));
    if (!files.length) return { skip: 'no test files' };
    let url = process.env.OW_TEST_DATABASE_URL;
    if (url) console.log(`using OW_TEST_DATABASE_URL (${url.replace(/:[^:@/]*@/, ':***@')})`);
    else {
      const cluster = await startCluster();
      if (cluster.skip) return { skip: cluster.skip };
      if (cluster.error) return { passed: 0, failed: 0, skipped: 0, crashed: cluster.error };
      stopCluster = cluster.stop;
      url = cluster.url;
      console.log(`PostgreSQL: ${cluster.description}`);
    }
    try {
      // One file at a time: files share the cluster.
      return await nodeSuite('postgres', files, { OW_TEST_DATABASE_URL: url }, '1');
    } finally {
      stopCluster?.();
      stopCluster = null;
    }
  },

  async browser() {
    const files = applyFilters([...walk('test/components').filter((f) => f.endsWith('.test.ts')), ...walk('test').filter((f) => f.endsWith('.browser.test.ts'))]);
    const unique = [...new Set(files)];
    if (!unique.length) return { skip: 'no test files' };
    const summaryFile = join(scratch, 'browser.json');
    const wtrArgs = ['--import', 'tsx', 'node_modules/@web/test-runner/dist/bin.js', '--config', 'web-test-runner.config.mjs'];
    if (fileFilters.length) wtrArgs.push('--files', ...unique);
    const { code, signal } = await run(process.execPath, wtrArgs, { OW_WTR_SUMMARY: summaryFile, OW_TEST_DATABASE_URL: undefined });
    const totals = readJson(summaryFile);
    if (!totals) return { passed: 0, failed: 0, skipped: 0, crashed: `web-test-runner exited with ${code ?? signal} and wrote no summary` };
    const failed = totals.failed + totals.fileErrors;
    const crashed = code !== 0 && failed === 0 ? `web-test-runner exited with ${code ?? signal}` : null;
    return { passed: totals.passed, failed, skipped: totals.skipped, crashed, note: totals.fileErrors ? `${totals.fileErrors} file(s) failed to load or run` : undefined };
  },

  async storybook() {
    if (!walk('stories').some((f) => f.endsWith('.stories.ts'))) return { skip: 'no stories' };
    if (fileFilters.length) return { skip: 'file arguments select other suites' };
    const summaryFile = join(scratch, 'storybook.json');
    const { code, signal } = await run(process.execPath, ['scripts/storybook-smoke.mjs'], { OW_STORYBOOK_SUMMARY: summaryFile });
    const totals = readJson(summaryFile);
    if (!totals) return { passed: 0, failed: 0, skipped: 0, crashed: `storybook smoke exited with ${code ?? signal} and wrote no summary` };
    const crashed = code !== 0 && totals.failed === 0 ? `storybook smoke exited with ${code ?? signal}` : null;
    return { passed: totals.passed, failed: totals.failed, skipped: 0, crashed };
  },

  async e2e() {
    const files = applyFilters(walk('test/e2e').filter(isNodeTest));
    if (!files.length) return { skip: 'no test files' };
    return nodeSuite('e2e', files, { OW_TEST_DATABASE_URL: undefined }, '1');
  },
};

const results = [];
for (const name of suites) {
  const started = performance.now();
  console.log(`\n━━ ${name} ${'━'.repeat(60 - name.length)}`);
  let result;
  try {
    result = await runners[name]();
  } catch (error) {
    result = { passed: 0, failed: 0, skipped: 0, crashed: error instanceof Error ? error.stack : String(error) };
  }
  result.seconds = (performance.now() - started) / 1000;
  results.push({ name, ...result });
  if (result.skip) console.log(`\n${name}: skipped — ${result.skip}`);
}
cleanup();

console.log(`\n━━ summary ${'━'.repeat(53)}`);
let passed = 0;
let failed = 0;
// .ci/run builds first and still runs the tests when the build failed; that failure counts here.
if (process.env.OW_BUILD_FAILED) {
  failed += 1;
  console.log(`build     FAILED (${process.env.OW_BUILD_FAILED})`);
}
for (const r of results) {
  if (r.skip) {
    console.log(`${r.name.padEnd(9)} skipped: ${r.skip}`);
    continue;
  }
  passed += r.passed;
  failed += r.failed + (r.crashed ? 1 : 0);
  const extra = [r.skipped ? `${r.skipped} skipped` : '', r.note ?? '', r.crashed ? `CRASHED: ${r.crashed}` : ''].filter(Boolean).join('; ');
  console.log(`${r.name.padEnd(9)} ${r.passed} passed, ${r.failed} failed in ${r.seconds.toFixed(1)} s${extra ? ` (${extra})` : ''}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
