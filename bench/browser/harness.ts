// Browser side of `npm run bench`: a bench module calls `runBench` once; scripts/bench.mjs loads it
// in Chromium and collects what it reports. Figures are printed, never asserted.

export interface Figure {
  label: string;
  /** Milliseconds per run. */
  runs: number[];
  /** Target in ms, printed beside the figure. */
  targetMs?: number;
  note?: string;
}

export interface BenchReport {
  name: string;
  figures: Figure[];
  info: Record<string, string | number>;
}

declare global {
  interface Window {
    __owBench?: { state: 'running' } | { state: 'done'; report: BenchReport } | { state: 'failed'; error: string };
  }
}

export interface BenchContext {
  /** Records one timing series. */
  record(figure: Figure): void;
  /** Adds a line of context (data set size, etc.). */
  info(key: string, value: string | number): void;
}

export function runBench(name: string, body: (ctx: BenchContext) => Promise<void>): void {
  const report: BenchReport = { name, figures: [], info: {} };
  window.__owBench = { state: 'running' };
  const ctx: BenchContext = {
    record: (figure) => report.figures.push(figure),
    info: (key, value) => {
      report.info[key] = value;
    },
  };
  body(ctx).then(
    () => {
      window.__owBench = { state: 'done', report };
    },
    (error: unknown) => {
      window.__owBench = { state: 'failed', error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) };
    },
  );
}

export const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/** Lets pending timers, microtasks and one frame run (between measured runs). */
export async function settle(frames = 2): Promise<void> {
  await new Promise((r) => setTimeout(r, 0));
  for (let i = 0; i < frames; i++) await nextFrame();
}

/** Every element matching `selector` under `root`, looking through open shadow roots. */
export function deepQueryAll(root: ParentNode, selector: string): Element[] {
  const out: Element[] = [...root.querySelectorAll(selector)];
  for (const element of root.querySelectorAll('*')) {
    if (element.shadowRoot) out.push(...deepQueryAll(element.shadowRoot, selector));
  }
  return out;
}

/** Text of `root` including open shadow roots. */
export function deepText(root: Node): string {
  let text = '';
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent ?? '';
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  return text;
}

/**
 * Time from `start()` until `done()` holds, in ms, layout included. The clock starts at the
 * beginning of a frame; `done` is checked on every DOM change inside the element's shadow root
 * (so rows rendered by a virtualizer in that frame's ResizeObserver step count at once), after
 * the element's update, and then on every following frame (`frames` counts those).
 */
export async function timeUntil(
  start: () => void | Promise<void>,
  done: () => boolean,
  options: { timeoutMs?: number; element?: HTMLElement & { updateComplete?: Promise<unknown> } } = {},
): Promise<{ ms: number; frames: number }> {
  const timeout = options.timeoutMs ?? 10_000;
  await nextFrame();
  const t0 = performance.now();
  let doneAt = 0;
  const check = () => {
    if (doneAt || !done()) return;
    document.body.getBoundingClientRect();
    doneAt = performance.now();
  };
  const observer = new MutationObserver(check);
  if (options.element?.shadowRoot) observer.observe(options.element.shadowRoot, { childList: true, subtree: true, characterData: true });
  await start();
  if (options.element?.shadowRoot) observer.observe(options.element.shadowRoot, { childList: true, subtree: true, characterData: true });
  if (options.element?.updateComplete) await options.element.updateComplete;
  check();
  let frames = 0;
  while (!doneAt) {
    if (performance.now() - t0 > timeout) {
      observer.disconnect();
      throw new Error(`not done after ${timeout} ms`);
    }
    await nextFrame();
    frames += 1;
    check();
  }
  observer.disconnect();
  return { ms: doneAt - t0, frames };
}
