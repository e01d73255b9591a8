// Builds what the demo serves when dist/ is missing or older than src/ (used by `npm start` and the end-to-end tests):
// the library step of `npm run build` (Vite: dist/ow-agent-kit.js, its chunks and the emoji data). Type declarations,
// the standalone bundle and the elements manifest are for publishing; `npm run build` makes them.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Why the build is stale, or null when dist/ is up to date. */
export function buildIsStale() {
  const entry = join(root, 'dist/ow-agent-kit.js');
  if (!existsSync(entry)) return 'dist/ is missing';
  if (newestMtime(join(root, 'src')) > statSync(entry).mtimeMs) return 'src/ changed since the last build';
  return null;
}

/** Builds the library when stale. Resolves false (after logging why) when the build fails. */
export async function ensureBuilt({ log = console.log } = {}) {
  const stale = buildIsStale();
  if (!stale) return true;
  const started = performance.now();
  log(`Building the library (${stale})…`);
  try {
    const { build } = await import('vite');
    await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  } catch (error) {
    log(`The build failed: ${error?.message ?? error}`);
    return false;
  }
  log(`Built in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  return true;
}
