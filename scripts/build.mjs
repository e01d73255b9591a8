#!/usr/bin/env node
// `npm run build`: dist/ with the ESM library, a standalone bundle, the emoji data,
// bundled type declarations and the Custom Elements Manifest; then checks the size budget.
//   --skip-size     do not run the size budget
//   --out DIR       write to DIR instead of dist/
//   --quick         only the library and its size (no standalone bundle, types or manifest)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { build } from 'vite';
import { rollup } from 'rollup';
import { dts } from 'rollup-plugin-dts';
import { externalDependencies, root } from './vite-shared.mjs';

const argv = process.argv.slice(2);
const args = new Set(argv);
const outIndex = argv.indexOf('--out');
const dist = outIndex >= 0 ? resolve(argv[outIndex + 1]) : join(root, 'dist');
process.env.OW_OUT_DIR = dist;

function step(name) {
  console.log(`\n▸ ${name}`);
  return performance.now();
}
function done(start) {
  console.log(`  done in ${((performance.now() - start) / 1000).toFixed(1)} s`);
}
function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`✗ ${command} ${commandArgs.join(' ')} exited with ${result.status ?? result.signal}`);
    process.exit(1);
  }
}
const bin = (name) => join(root, 'node_modules/.bin', name);

rmSync(dist, { recursive: true, force: true });

let t = step('library (vite): dist/ow-agent-kit.js, dist/client.js, dist/emoji-data/');
await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
done(t);

if (args.has('--quick')) {
  run(process.execPath, ['bench/size.mjs', '--entry', join(dist, 'ow-agent-kit.js'), ...(args.has('--sources') ? ['--sources'] : [])]);
  process.exit(0);
}

t = step('standalone bundle (vite): dist/ow-agent-kit.standalone.js');
await build({ root, configFile: join(root, 'vite.config.ts'), mode: 'standalone', logLevel: 'warn' });
done(t);

t = step('type declarations (tsc + rollup-plugin-dts): dist/ow-agent-kit.d.ts, dist/client.d.ts');
// Outside node_modules: rollup-plugin-dts treats anything under node_modules as external.
const dtsDir = mkdtempSync(join(tmpdir(), 'ow-dts-'));
process.on('exit', () => rmSync(dtsDir, { recursive: true, force: true }));
run(bin('tsc'), ['-p', 'scripts/tsconfig.build.json', '--outDir', dtsDir]);
const bundle = await rollup({
  input: { 'ow-agent-kit': join(dtsDir, 'index.d.ts'), client: join(dtsDir, 'client/index.d.ts') },
  external: [...externalDependencies, /^lit-html($|\/)/, /^lit-element($|\/)/, /^@lit\/reactive-element($|\/)/],
  plugins: [dts({ respectExternal: false })],
  onwarn(warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY') return;
    warn(warning);
  },
});
await bundle.write({ dir: dist, format: 'es', entryFileNames: '[name].d.ts', chunkFileNames: '[name]-[hash].d.ts' });
await bundle.close();
// Inferred types name lit's internal packages; consumers depend on `lit` only, which re-exports them.
for (const file of readdirSync(dist).filter((f) => f.endsWith('.d.ts'))) {
  const path = join(dist, file);
  const text = readFileSync(path, 'utf8');
  const fixed = text.replace(/(from |import\()(['"])(lit-html|lit-element|@lit\/reactive-element)(\/[^'"]*)?\2/g, '$1$2lit$2');
  if (fixed !== text) writeFileSync(path, fixed);
}
writeFileSync(join(dist, 'ow-agent-kit.standalone.d.ts'), "export * from './ow-agent-kit.js';\n");
done(t);

t = step('custom elements manifest: dist/custom-elements.json');
run(bin('cem'), ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', relative(root, dist), '--quiet']);
if (!existsSync(join(dist, 'custom-elements.json'))) {
  console.error('✗ the analyzer wrote no dist/custom-elements.json');
  process.exit(1);
}
done(t);

if (!args.has('--skip-size')) {
  t = step('bundle size (bench/size.mjs; prints the figure against the budget)');
  run(process.execPath, ['bench/size.mjs', '--entry', join(dist, 'ow-agent-kit.js')]);
  done(t);
}
