// Build settings shared by the library build, Storybook and the benches.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Lit's decorators are TypeScript's legacy ones and fields must not shadow the reactive
 * accessors, so class fields are plain assignments (tsconfig: experimentalDecorators,
 * useDefineForClassFields false). Oxc does not pick these up on its own for every file.
 */
export const oxcOptions = {
  decorator: { legacy: true },
  assumptions: { setPublicClassFields: true },
  typescript: { removeClassFieldsWithoutInitializer: true },
};

/** Runtime dependencies: consumers' bundlers resolve them once, so they are never copied into dist. */
export const externalDependencies = [/^lit($|\/)/, /^@lit\//, /^@lit-labs\//, /^valibot($|\/)/, /^emoji-picker-element($|\/)/];

/**
 * Emoji data shipped next to the modules as `emoji-data/<lang>/data.json`.
 * Spanish and Portuguese only exist as CLDR data; English uses Emojibase (it adds shortcodes).
 */
export const emojiDataSources = {
  es: 'es/cldr/data.json',
  en: 'en/emojibase/data.json',
  pt: 'pt/cldr/data.json',
};

export function emojiDataFile(lang) {
  const rel = emojiDataSources[lang];
  if (!rel) return null;
  const file = join(root, 'node_modules/emoji-picker-element-data', rel);
  return existsSync(file) ? file : null;
}

/** Weak ETag of a data file; emoji-picker-element checks it to skip re-reading unchanged data. */
export function emojiDataETag(file) {
  return fileETag(statSync(file));
}

/** Weak ETag of a file from its size and modification time (what `stat` gives). */
export function fileETag({ size, mtimeMs }) {
  return `W/"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`;
}

const emojiPathRE = /\/emoji-data\/(es|en|pt)\/data\.json$/;

/** The data file for a request path ending in `/emoji-data/<lang>/data.json`, wherever the requesting module lives. */
export function emojiDataForPath(pathname) {
  const match = emojiPathRE.exec(pathname);
  return match ? emojiDataFile(match[1]) : null;
}

/**
 * Serves the emoji data in dev servers and emits it into builds under `<dir>/emoji-data/`,
 * where `dir` is the folder the built modules live in.
 */
export function emojiDataPlugin({ dir = '' } = {}) {
  return {
    name: 'ow-emoji-data',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const file = emojiDataForPath(new URL(req.url ?? '/', 'http://x').pathname);
        if (!file) return next();
        res.setHeader('Content-Type', 'application/json');
        res.setHeader('Cache-Control', 'public, max-age=86400');
        res.setHeader('ETag', emojiDataETag(file));
        createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      for (const lang of Object.keys(emojiDataSources)) {
        const file = emojiDataFile(lang);
        if (!file) throw new Error(`emoji-picker-element-data has no ${emojiDataSources[lang]}`);
        this.emitFile({ type: 'asset', fileName: join(dir, 'emoji-data', lang, 'data.json'), source: readFileSync(file) });
      }
    },
  };
}
