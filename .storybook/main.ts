// Storybook (web components on Vite), offline and without telemetry.
// The Custom Elements Manifest that feeds autodocs is regenerated on every start/build.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

mkdirSync(join(here, 'generated'), { recursive: true });
execFileSync(
  join(root, 'node_modules/.bin/cem'),
  ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', '.storybook/generated', '--quiet'],
  { cwd: root, stdio: 'inherit' },
);

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  core: {
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
    // Not the library's vite.config.ts: Storybook builds an app, not a library.
    builder: { name: '@storybook/builder-vite', options: { viteConfigPath: '.storybook/vite.config.ts' } },
  },
};

export default config;
