// Custom Elements Manifest (dist/custom-elements.json) generated from the elements' JSDoc
// (@fires, @csspart, @cssprop, @slot, @attr) and Lit's decorators.
// Storybook's autodocs read it, so only the public surface is kept.
function publicSurfaceOnly() {
  return {
    name: 'ow-public-surface-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules ?? []) {
        for (const declaration of mod.declarations ?? []) {
          if (declaration.members) {
            declaration.members = declaration.members.filter(
              (member) => member.privacy !== 'private' && member.privacy !== 'protected' && !member.name.startsWith('#'),
            );
          }
          // The base class dispatches `new CustomEvent(type, …)`; only the documented `ow-*` events are real.
          if (declaration.events) {
            declaration.events = declaration.events.filter((event) => event.name?.startsWith('ow-'));
          }
        }
      }
    },
  };
}

export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/components/**/*.styles.ts', 'src/components/**/*.strings.ts', 'src/components/**/*.strings.*.ts', 'src/components/shared/translations.*.ts', 'src/components/**/*.test.ts'],
  outdir: 'dist',
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [publicSurfaceOnly()],
};
