// End-to-end harness: the real demo server on a temporary PGlite directory, Chromium pages, screenshots on failure.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { ensureBuilt } from '../../demo/ensure-build.mjs';
import { ROOT } from '../../demo/static.js';
import { startDemoServer, type DemoServer } from '../../demo/demo-server.js';

export const ARTIFACTS = join(ROOT, 'test-artifacts');
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export interface Harness {
  demo: DemoServer;
  browser: Browser;
  /** Named pages, screenshotted when a step fails. */
  pages: Map<string, Page>;
  newPage(name: string, options?: { baseURL?: string }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const buildLog: string[] = [];
  if (!(await ensureBuilt({ log: (line) => buildLog.push(line) }))) throw new Error(`the demo pages need dist/: ${buildLog.join(' ')}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'ow-e2e-'));
  const demo = await startDemoServer({ port: 0, dataDir });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const pages = new Map<string, Page>();
  const errors: string[] = [];
  return {
    demo,
    browser,
    pages,
    async newPage(name, options = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: options.baseURL ?? demo.url, locale: 'es-CO' });
      const page = await context.newPage();
      page.on('pageerror', (error) => errors.push(`${name}: ${error.message}`));
      pages.set(name, page);
      return { context, page };
    },
    async close() {
      await browser.close().catch(() => {});
      await demo.close().catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
      if (errors.length) console.log(`page errors seen:\n  ${errors.join('\n  ')}`);
    },
  };
}

/** Screenshots every open page into test-artifacts/<step>-<page>.png. */
export async function screenshotAll(harness: Harness, step: string): Promise<string[]> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const slug = step.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
  const saved: string[] = [];
  for (const [name, page] of harness.pages) {
    if (page.isClosed()) continue;
    const path = join(ARTIFACTS, `e2e-${slug}-${name}.png`);
    await page.screenshot({ path, fullPage: false }).then(
      () => saved.push(path),
      () => {},
    );
  }
  return saved;
}

/**
 * Runs the steps of one story in order as subtests: a failing step leaves screenshots of every page,
 * and the steps after it are skipped (they depend on it).
 */
export function storySteps(t: TestContext, harness: () => Harness | undefined) {
  let broken: string | null = null;
  return async (name: string, fn: () => Promise<void>): Promise<void> => {
    await t.test(name, async (st) => {
      if (broken) {
        st.skip(`depends on the failed step "${broken}"`);
        return;
      }
      try {
        await fn();
      } catch (error) {
        broken = name;
        const h = harness();
        const shots = h ? await screenshotAll(h, name) : [];
        if (shots.length) console.log(`screenshots of the failed step:\n  ${shots.join('\n  ')}`);
        throw error;
      }
    });
  };
}

export const WAIT_MS = 15_000;

/** Polls `check` until it holds; fails with `what` after `timeout`. */
export async function until(check: () => Promise<boolean>, what: string, timeout = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      if (await check()) return;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Rejects with `what` in front of Playwright's message, so a failure says what the user would have missed. */
async function explained(promise: Promise<void>, what?: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    if (what && error instanceof Error) error.message = `${what}\n${error.message}`;
    throw error;
  }
}

export function visible(locator: Locator, timeout = WAIT_MS, what?: string): Promise<void> {
  return explained(locator.first().waitFor({ state: 'visible', timeout }), what);
}

export function absent(locator: Locator, timeout = WAIT_MS, what?: string): Promise<void> {
  return explained(locator.first().waitFor({ state: 'detached', timeout }), what);
}

export function count(locator: Locator, n: number, timeout = WAIT_MS): Promise<void> {
  return until(async () => (await locator.count()) === n, `${n} × ${locator}`, timeout);
}

export function textIs(locator: Locator, text: string, timeout = WAIT_MS): Promise<void> {
  return until(async () => (await locator.first().textContent({ timeout: 1000 }))?.trim() === text, `${locator} to read "${text}"`, timeout);
}

export function textHas(locator: Locator, text: string, timeout = WAIT_MS): Promise<void> {
  return until(async () => ((await locator.first().textContent({ timeout: 1000 })) ?? '').includes(text), `${locator} to contain "${text}"`, timeout);
}

export function attrIs(locator: Locator, name: string, value: string, timeout = WAIT_MS): Promise<void> {
  return until(async () => (await locator.first().getAttribute(name, { timeout: 1000 })) === value, `${locator} [${name}="${value}"]`, timeout);
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's violations on the whole page, shadow roots included: `id (impact): first targets` per rule. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const { violations } = await (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[][] }[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] });
    return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.flat().join(' > ')).join(' | ')}`);
  });
}
