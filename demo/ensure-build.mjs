// Builds the package when dist/ is missing or older than src/ (used by `npm start` and the end-to-end tests).
import { spawnSync } from 'node:child_process';
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

/** Runs `npm run build` without the size budget (a release check, not needed to run the demo). Returns false on failure. */
export function ensureBuilt({ log = console.log, stdio = 'inherit' } = {}) {
  const stale = buildIsStale();
  if (!stale) return true;
  log(`Building the package (${stale})…`);
  const result = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--skip-size'], { cwd: root, stdio });
  return result.status === 0;
}
