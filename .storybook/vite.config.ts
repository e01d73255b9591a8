// Vite settings for Storybook: the same TypeScript transform as the library, and the emoji
// data served (dev) or emitted next to the built modules in assets/ (build).
import { defineConfig } from 'vite';
import { emojiDataPlugin, oxcOptions } from '../scripts/vite-shared.mjs';

export default defineConfig({
  oxc: oxcOptions,
  plugins: [emojiDataPlugin({ dir: 'assets' })],
  build: { chunkSizeWarningLimit: 2000 },
});
