// Browser tests in Debian's Chromium against one in-process reference server.
// Run under tsx so the server (TypeScript) can be imported:
//   node --import tsx node_modules/@web/test-runner/dist/bin.js [--files test/components/ow-inbox.test.ts]
// `npm run test:browser` does this through scripts/test.mjs.
import { createReadStream, writeFileSync } from 'node:fs';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { emojiDataETag, emojiDataForPath } from './scripts/vite-shared.mjs';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** One reference server (PGlite in a temp dir, test routes on) for the whole run; tests reset it as they need. */
function referenceServer() {
  let server;
  return {
    name: 'ow-reference-server',
    async serverStart() {
      const { startTestServer } = await import('./server/testing.ts');
      server = await startTestServer({ testRoutes: true });
    },
    async serverStop() {
      await server?.close();
      server = undefined;
    },
    get url() {
      if (!server) throw new Error('the reference server has not started');
      return server.baseUrl;
    },
  };
}

/** Writes `{passed, failed, skipped, files, fileErrors}` to $OW_WTR_SUMMARY for scripts/test.mjs. */
function summaryFileReporter() {
  const count = (suite, totals) => {
    if (!suite) return;
    for (const test of suite.tests) {
      if (test.skipped) totals.skipped += 1;
      else if (test.passed) totals.passed += 1;
      else totals.failed += 1;
    }
    for (const child of suite.suites) count(child, totals);
  };
  return {
    onTestRunFinished({ sessions }) {
      const target = process.env.OW_WTR_SUMMARY;
      if (!target) return;
      const totals = { passed: 0, failed: 0, skipped: 0, files: sessions.length, fileErrors: 0 };
      for (const session of sessions) {
        count(session.testResults, totals);
        // A file that failed to load, timed out or threw outside a test has no failing test to count.
        if (!session.passed && (session.errors?.length || !session.testResults)) totals.fileErrors += 1;
      }
      writeFileSync(target, JSON.stringify(totals));
    },
  };
}

const server = referenceServer();

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: ['test/components/**/*.test.ts', 'test/**/*.browser.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 15_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
  reporters: [defaultReporter(), summaryFileReporter()],
  // Lit's development build announces itself in every test file.
  filterBrowserLogs: ({ args }) => !(typeof args[0] === 'string' && args[0].startsWith('Lit is in dev mode')),
  plugins: [
    server,
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }),
    // The accessibility tree, to check what a control is named.
    a11ySnapshotPlugin(),
  ],
  middleware: [
    // The composer loads `emoji-data/<lang>/data.json` next to its module.
    function emojiData(context, next) {
      const file = emojiDataForPath(context.path);
      if (!file) return next();
      context.type = 'application/json';
      context.set('ETag', emojiDataETag(file));
      context.body = createReadStream(file);
    },
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="es">
  <head><meta charset="utf-8"></head>
  <body>
    <script>
      window.OW_TEST_SERVER = ${JSON.stringify(server.url)};
      // Chromium reports a ResizeObserver that could not deliver every notification in one
      // frame as an error event; it is benign (the observer runs next frame) and not a test failure.
      window.addEventListener('error', (event) => {
        if (/ResizeObserver loop/.test(event.message ?? '')) {
          event.stopImmediatePropagation();
          event.preventDefault();
        }
      }, true);
    </script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
};
