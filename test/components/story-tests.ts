// Every story of an element renders as Storybook shows it (its loaders, args, language and theme, and
// its play function when asked) and is accessible; a test file adds the checks its stories promise.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';

declare function it(name: string, body: () => Promise<void> | void): void;

interface StoryModule {
  default: { args?: Record<string, unknown>; render: (args: Record<string, unknown>, context: { loaded: Record<string, unknown> }) => unknown };
  [name: string]: unknown;
}

interface Story {
  args?: Record<string, unknown>;
  globals?: { locale?: string; theme?: string };
  loaders?: Array<() => Promise<Record<string, unknown>>>;
  play?: (context: { canvasElement: HTMLElement; loaded: Record<string, unknown> }) => Promise<void>;
}

export interface StoryTestOptions {
  /** Runs each story's play function (a dialog opened, a choice made) before the checks. */
  play?: boolean;
  /** Test names start with this (when one file covers several elements' stories). */
  prefix?: string;
  /** What a story promises beyond rendering accessibly. */
  check?: (name: string, element: HTMLElement) => void | Promise<void>;
}

/** One test per story of `module`, each finding its `<tag>` in the rendered story. */
export function storyTests(module: unknown, tag: string, options: StoryTestOptions = {}): void {
  const stories = module as StoryModule;
  for (const [name, value] of Object.entries(stories)) {
    if (name === 'default') continue;
    const story = value as Story;
    it(`${options.prefix ?? ''}${name}`, async () => {
      const loaded = Object.assign({}, ...(await Promise.all((story.loaders ?? []).map((load) => load()))));
      const wrapper = await fixture<HTMLElement>(
        html`<div lang=${story.globals?.locale ?? 'es'}>${stories.default.render({ ...stories.default.args, ...story.args }, { loaded })}</div>`,
      );
      const element = wrapper.querySelector<HTMLElement & { theme?: string }>(tag)!;
      element.theme = story.globals?.theme === 'dark' ? 'dark' : 'light';
      await waitUntil(() => element.shadowRoot!.textContent!.trim().length > 0, 'rendered');
      if (options.play) await story.play?.({ canvasElement: wrapper, loaded });
      // Late parts (lazily loaded chunks, live data) settle before the checks.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await options.check?.(name, element);
      await expect(element).to.be.accessible();
    });
  }
}
