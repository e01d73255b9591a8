// Library build of the package (`npm run build` runs it through scripts/build.mjs).
//   default mode:  dist/ow-agent-kit.js + dist/client.js, ESM, dependencies left as imports.
//   `standalone`:  dist/ow-agent-kit.standalone.js with lit and the rest bundled, for a plain
//                  <script type="module"> without a bundler; the emoji picker stays a lazy chunk.
import { createLogger, defineConfig, type UserConfig } from 'vite';
import minifyHTMLLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { emojiDataPlugin, externalDependencies, oxcOptions } from './scripts/vite-shared.mjs';
import { manglePrivateNamesPlugin } from './scripts/mangle-private-names.mjs';

// The emoji data is copied next to the modules by the build, so its URL is meant to stay as written.
const logger = createLogger();
const warnOnce = logger.warnOnce.bind(logger);
logger.warnOnce = (message, options) => {
  if (!message.includes('./emoji-data/')) warnOnce(message, options);
};

export default defineConfig(({ mode }): UserConfig => {
  const standalone = mode === 'standalone';
  const entry: Record<string, string> = standalone
    ? { 'ow-agent-kit.standalone': 'src/index.ts' }
    : { 'ow-agent-kit': 'src/index.ts', client: 'src/client/index.ts' };
  return {
    oxc: oxcOptions,
    customLogger: logger,
    publicDir: false,
    // Both builds put every file directly in dist/, so `new URL('./emoji-data/…', import.meta.url)`
    // resolves to dist/emoji-data/ from any chunk.
    plugins: [
      // Lit's html`` and css`` literals keep their source indentation otherwise; every element ships them.
      { ...minifyHTMLLiterals({ include: ['src/**/*.ts'], failOnError: true }), enforce: 'pre' },
      ...(standalone ? [] : [emojiDataPlugin()]),
      // Private member names shrink to a letter or two in every chunk, as in Lit's own packages.
      manglePrivateNamesPlugin(),
    ],
    build: {
      // `npm run build -- --out DIR` builds elsewhere (to measure a change without touching dist/).
      outDir: process.env.OW_OUT_DIR ?? 'dist',
      emptyOutDir: false,
      target: 'es2022',
      sourcemap: true,
      minify: standalone,
      reportCompressedSize: false,
      lib: {
        entry,
        formats: ['es'],
      },
      rolldownOptions: {
        external: standalone ? [] : externalDependencies,
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: standalone ? 'ow-agent-kit.standalone-[name]-[hash].js' : '[name]-[hash].js',
        },
      },
    },
  };
});
