import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { OwClient } from '../src/client/api-client.js';
import type { FetchLike } from '../src/client/http.js';
import { createStore, type OwStore } from '../src/client/store.js';
import { MemoryStorage } from '../src/client/store/storage.js';
import '../src/components/agent-console/ow-agent-console.js';
import { createFixtureStore, type FixtureStoreOptions } from './support/fixture-store.js';

interface ConsoleArgs {
  width: number;
}

interface Loaded {
  store: OwStore;
}

function withStore(options: FixtureStoreOptions = {}) {
  return { loaders: [async (): Promise<Loaded> => ({ store: (await createFixtureStore({ conversations: 60, ...options })).store })] };
}

/** The realtime stream can never connect, as when the network drops: the console shows it is reconnecting. */
function reconnecting() {
  return {
    loaders: [
      async (): Promise<Loaded> => {
        const { backend } = await createFixtureStore({ conversations: 40, start: false });
        const fetch: FetchLike = (input, init) =>
          String(input).includes('/api/events') ? Promise.reject(new TypeError('Failed to fetch')) : backend.fetch(String(input), init);
        const store = createStore({
          client: new OwClient({ baseUrl: 'https://fixture.invalid', token: 'fixture', fetch }),
          storage: new MemoryStorage(),
          realtime: { initialBackoffMs: 2_000, maxBackoffMs: 10_000 },
        });
        void store.start();
        return { store };
      },
    ],
  };
}

async function selectFirst(canvas: HTMLElement): Promise<void> {
  const el = canvas.querySelector('ow-agent-console')!;
  for (let i = 0; i < 100; i++) {
    const row = el.shadowRoot?.querySelector('ow-inbox')?.shadowRoot?.querySelector<HTMLElement>('[role="option"]');
    if (row) {
      row.click();
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Opens the first conversation, then the Cliente tab (hosts under 1024 px). */
async function selectFirstCustomer(canvas: HTMLElement): Promise<void> {
  await selectFirst(canvas);
  const el = canvas.querySelector('ow-agent-console')!;
  for (let i = 0; i < 100; i++) {
    const tab = el.shadowRoot?.querySelector<HTMLElement>('#tab-side');
    if (tab) {
      tab.click();
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

const meta: Meta<ConsoleArgs> = {
  title: 'Elements/ow-agent-console',
  component: 'ow-agent-console',
  args: { width: 1280 },
  argTypes: { width: { control: { type: 'range', min: 360, max: 1600, step: 20 } } },
  parameters: { layout: 'fullscreen' },
  render: (args, { loaded }) => html`
    <div style=${`width: ${args.width}px; max-width: 100%; height: 720px; border: 1px solid #d9dde3`}>
      <ow-agent-console .store=${(loaded as Loaded).store}></ow-agent-console>
    </div>
  `,
};
export default meta;

type Story = StoryObj<ConsoleArgs>;

export const Wide: Story = { ...withStore() };

export const WithConversationOpen: Story = { ...withStore(), play: async ({ canvasElement }) => selectFirst(canvasElement) };

/** Under 1024 px the chat keeps its whole column; Conversación / Cliente tabs in the bar switch it with the side column. */
export const Medium: Story = { args: { width: 900 }, ...withStore(), play: async ({ canvasElement }) => selectFirst(canvasElement) };

/** The Cliente tab on a medium host: customer panel, tags and notes in the chat's place. */
export const MediumCustomer: Story = { args: { width: 900 }, ...withStore(), play: async ({ canvasElement }) => selectFirstCustomer(canvasElement) };

/** Under 760 px one column at a time, with a back button. */
export const Narrow: Story = { args: { width: 420 }, ...withStore() };

export const NarrowConversation: Story = { args: { width: 420 }, ...withStore(), play: async ({ canvasElement }) => selectFirst(canvasElement) };

/** The Cliente tab on a narrow host. */
export const NarrowCustomer: Story = { args: { width: 420 }, ...withStore(), play: async ({ canvasElement }) => selectFirstCustomer(canvasElement) };

export const Empty: Story = { ...withStore({ conversations: 0 }) };

export const Loading: Story = { ...withStore({ network: 'loading' }) };

export const Reconnecting: Story = { ...reconnecting() };

export const Dark: Story = { globals: { theme: 'dark' }, ...withStore(), play: async ({ canvasElement }) => selectFirst(canvasElement) };

export const English: Story = { globals: { locale: 'en' }, ...withStore(), play: async ({ canvasElement }) => selectFirst(canvasElement) };

export const Portuguese: Story = { globals: { locale: 'pt-BR' }, ...withStore(), play: async ({ canvasElement }) => selectFirst(canvasElement) };
