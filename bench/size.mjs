#!/usr/bin/env node
// Size budget: what a consumer's bundler ships for `import 'ow-agent-kit'` — every element and
// the client, lit and the other dependencies included, minified, gzipped. Chunks reached only by
// dynamic import() (the emoji picker, its translations) load lazily and are reported apart.
// With --check, exits 1 when the eager part exceeds the budget. Needs `npm run build` first.
//   node bench/size.mjs [--json] [--sources] [--entry FILE]
//   --sources   also splits the eager gzip bytes by source area (each element's code, strings and
//               styles, the client, each dependency), following dist's source maps
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGET_BYTES = 45_000;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Which source area a mapped byte comes from: `<element> code|strings|styles`, `client`,
 * `contract`, `shared` (element foundation), or the dependency's package name.
 */
function sourceArea(source) {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (pkg) return pkg[1];
  const element = /src\/components\/([^/]+)\/(.*)$/.exec(source);
  if (element) {
    const kind = element[2].includes('.strings.') ? 'strings' : element[2].includes('.styles.') ? 'styles' : 'code';
    return element[1] === 'shared' && kind === 'code' ? 'shared' : `${element[1]} ${kind}`;
  }
  const dir = /src\/(client|contract)\//.exec(source);
  return dir ? dir[1] : 'other';
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Gzip bytes each source area adds to one output file: the file gzipped whole minus the file
 * gzipped without that area's bytes (its marginal cost; shared patterns make the parts sum to
 * more than the whole).
 */
function gzipBySource(code, map) {
  const owner = new Int32Array(code.length).fill(-1);
  const segments = [];
  let offset = 0;
  let source = 0;
  const lines = map.mappings.split(';');
  const lineText = code.split('\n');
  lines.forEach((line, index) => {
    let column = 0;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const fields = [];
      let value = 0;
      let shift = 0;
      for (const ch of segment) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >> 1) : value >> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0];
      if (fields.length > 1) source += fields[1];
      segments.push([offset + column, fields.length > 1 ? source : -1]);
    }
    offset += (lineText[index]?.length ?? 0) + 1;
  });
  segments.sort((a, b) => a[0] - b[0]);
  segments.forEach(([start, src], i) => owner.fill(src, start, segments[i + 1]?.[0] ?? code.length));
  const areas = map.sources.map(sourceArea);
  const whole = gzipSync(code).length;
  const result = {};
  for (const area of new Set(areas)) {
    let kept = '';
    let bytes = 0;
    let runStart = 0;
    for (let i = 0; i <= code.length; i++) {
      const mine = i < code.length && owner[i] >= 0 && areas[owner[i]] === area;
      if (mine || i === code.length) {
        kept += code.slice(runStart, i);
        runStart = i + 1;
        if (mine) bytes++;
      }
    }
    if (bytes) result[area] = { min: bytes, gzip: Math.max(0, whole - gzipSync(kept).length) };
  }
  return result;
}

/** Bundles `entry` as a consumer would and splits the output into eagerly and lazily loaded files. */
export async function measureSize(entry = join(root, 'dist/ow-agent-kit.js'), { sources = false } = {}) {
  if (!existsSync(entry)) throw new Error(`${relative(root, entry)} does not exist: run \`npm run build\` first`);
  const stale = newestMtime(join(root, 'src')) > statSync(entry).mtimeMs;
  const outdir = mkdtempSync(join(tmpdir(), 'ow-size-'));
  try {
    const result = await build({
      entryPoints: { app: entry },
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      legalComments: 'none',
      define: { 'process.env.NODE_ENV': '"production"' },
      // Emoji data is fetched at run time, never imported.
      loader: { '.json': 'file' },
      outdir,
      metafile: true,
      // dist's own maps lead back to src/, so each byte can be charged to its element.
      sourcemap: sources ? 'external' : false,
      logLevel: 'error',
      absWorkingDir: root,
      // An entry built outside the project (`--out`) still resolves the project's dependencies.
      nodePaths: [join(root, 'node_modules')],
    });
    const outputs = result.metafile.outputs;
    // Dynamically imported files are entry points too in esbuild's metafile: pick the one named `app`.
    const entryKey = Object.keys(outputs).find((file) => /(^|\/)app\.js$/.test(file));
    if (!entryKey) throw new Error('esbuild produced no entry chunk');

    const eager = new Set();
    const lazyRoots = new Set();
    const visit = (file) => {
      if (eager.has(file)) return;
      eager.add(file);
      for (const imp of outputs[file].imports) {
        if (imp.external) continue;
        if (imp.kind === 'dynamic-import') lazyRoots.add(imp.path);
        else visit(imp.path);
      }
    };
    visit(entryKey);

    const gz = (file) => {
      const bytes = readFileSync(join(root, file));
      return { raw: bytes.length, gzip: gzipSync(bytes).length };
    };
    const describe = (file) => {
      const inputs = Object.keys(outputs[file].inputs ?? {});
      const fromPackage = inputs.map((i) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(i)?.[1] ?? 'ow-agent-kit');
      const top = [...new Set(fromPackage)].slice(0, 3).join(', ');
      return { file, ...gz(file), contains: top };
    };
    const eagerFiles = [...eager].filter((f) => f.endsWith('.js')).map(describe);
    const lazyFiles = Object.keys(outputs)
      .filter((f) => f.endsWith('.js') && !eager.has(f))
      .map(describe);

    // Per-package share of the eager minified bytes, to see what the budget is spent on.
    const byPackage = {};
    for (const file of eager) {
      for (const [input, info] of Object.entries(outputs[file].inputs ?? {})) {
        const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? 'ow-agent-kit';
        byPackage[pkg] = (byPackage[pkg] ?? 0) + info.bytesInOutput;
      }
    }
    let bySource = null;
    if (sources) {
      bySource = {};
      for (const file of eager) {
        if (!file.endsWith('.js')) continue;
        const code = readFileSync(join(root, file), 'utf8').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '');
        const map = JSON.parse(readFileSync(join(root, `${file}.map`), 'utf8'));
        for (const [area, { min, gzip }] of Object.entries(gzipBySource(code, map))) {
          bySource[area] ??= { min: 0, gzip: 0 };
          bySource[area].min += min;
          bySource[area].gzip += gzip;
        }
      }
    }
    const sum = (files, field) => files.reduce((n, f) => n + f[field], 0);
    return {
      entry: relative(root, entry),
      stale,
      bySource,
      eager: { raw: sum(eagerFiles, 'raw'), gzip: sum(eagerFiles, 'gzip'), files: eagerFiles.length },
      lazy: lazyFiles.map(({ contains, raw, gzip }) => ({ contains, raw, gzip })),
      byPackage,
      budget: BUDGET_BYTES,
      withinBudget: sum(eagerFiles, 'gzip') <= BUDGET_BYTES,
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

export function formatSize(size) {
  const lines = [];
  if (size.stale) lines.push(`  ! src/ changed after ${size.entry} was built: this is the size of the last build (run \`npm run build\`)`);
  lines.unshift(`bundle size: ${size.entry} as a consumer ships it (minified, lit included): ${kb(size.eager.raw)} min, ${kb(size.eager.gzip)} gzip — budget ${kb(size.budget)} gzip: ${size.withinBudget ? 'OK' : 'OVER BUDGET'}`);
  const packages = Object.entries(size.byPackage).sort((a, b) => b[1] - a[1]);
  lines.push(`  minified bytes by package: ${packages.map(([p, n]) => `${p} ${kb(n)}`).join(', ')}`);
  const lazyTotal = size.lazy.reduce((n, f) => n + f.gzip, 0);
  if (size.lazy.length) {
    const picker = size.lazy.filter((f) => f.contains.includes('emoji-picker-element'));
    lines.push(`  lazy chunks (not counted): ${size.lazy.length} files, ${kb(lazyTotal)} gzip` + (picker.length ? `; emoji picker ${kb(picker.reduce((n, f) => n + f.gzip, 0))} gzip` : ''));
  }
  if (size.bySource) {
    lines.push('  gzip bytes each source area adds (min → gzip):');
    for (const [area, { min, gzip }] of Object.entries(size.bySource).sort((a, b) => b[1].gzip - a[1].gzip)) {
      lines.push(`    ${area.padEnd(28)} ${kb(min).padStart(9)} → ${kb(gzip).padStart(8)}`);
    }
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const entryIndex = process.argv.indexOf('--entry');
    const entry = entryIndex >= 0 ? resolve(process.argv[entryIndex + 1]) : undefined;
    const size = await measureSize(entry, { sources: process.argv.includes('--sources') });
    console.log(process.argv.includes('--json') ? JSON.stringify(size, null, 2) : formatSize(size));
    // A figure, like every benchmark; `--check` turns an overrun into a failing exit status.
    if (process.argv.includes('--check') && !size.withinBudget) process.exitCode = 1;
  } catch (error) {
    console.error(`size: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  }
}
