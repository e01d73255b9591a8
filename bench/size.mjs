#!/usr/bin/env node
// Size budget: what a consumer's bundler ships for `import 'ow-agent-kit'` — every element and
// the client, lit and the other dependencies included, minified, gzipped. Chunks reached only by
// dynamic import() (the emoji picker, its translations) load lazily and are reported apart.
// Exits 1 when the eager part exceeds the budget. Needs `npm run build` first.
//   node bench/size.mjs [--json]
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGET_BYTES = 45_000;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles `entry` as a consumer would and splits the output into eagerly and lazily loaded files. */
export async function measureSize(entry = join(root, 'dist/ow-agent-kit.js')) {
  if (!existsSync(entry)) throw new Error(`${relative(root, entry)} does not exist: run \`npm run build\` first`);
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
      logLevel: 'error',
      absWorkingDir: root,
    });
    const outputs = result.metafile.outputs;
    const entryKey = Object.keys(outputs).find((file) => outputs[file].entryPoint);
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
        const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? (input.includes('dist/') ? 'ow-agent-kit' : input);
        byPackage[pkg] = (byPackage[pkg] ?? 0) + info.bytesInOutput;
      }
    }
    const sum = (files, field) => files.reduce((n, f) => n + f[field], 0);
    return {
      entry: relative(root, entry),
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
  lines.push(`bundle size: ${size.entry} as a consumer ships it (minified, lit included): ${kb(size.eager.raw)} min, ${kb(size.eager.gzip)} gzip — budget ${kb(size.budget)} gzip: ${size.withinBudget ? 'OK' : 'OVER BUDGET'}`);
  const packages = Object.entries(size.byPackage).sort((a, b) => b[1] - a[1]);
  lines.push(`  minified bytes by package: ${packages.map(([p, n]) => `${p} ${kb(n)}`).join(', ')}`);
  const lazyTotal = size.lazy.reduce((n, f) => n + f.gzip, 0);
  if (size.lazy.length) {
    const picker = size.lazy.filter((f) => f.contains.includes('emoji-picker-element'));
    lines.push(`  lazy chunks (not counted): ${size.lazy.length} files, ${kb(lazyTotal)} gzip` + (picker.length ? `; emoji picker ${kb(picker.reduce((n, f) => n + f.gzip, 0))} gzip` : ''));
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const size = await measureSize();
    console.log(process.argv.includes('--json') ? JSON.stringify(size, null, 2) : formatSize(size));
    process.exitCode = size.withinBudget ? 0 : 1;
  } catch (error) {
    console.error(`size: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  }
}
