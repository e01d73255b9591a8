import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { OwStore } from '../src/client/store.js';
import '../src/components/inbox/ow-inbox.js';
import { createFixtureStore, type FixtureStoreOptions } from './support/fixture-store.js';
import { fixtureWorkspace, generateConversations } from './support/fixture-data.js';

interface InboxArgs {
  tray: 'queued' | 'mine' | 'agents' | 'bot';
  status: 'active' | 'closed' | 'outbound';
  sort: 'waiting' | 'activity' | 'assignment';
  conversationId: string;
}

interface Loaded {
  store: OwStore;
}

function withStore(options: FixtureStoreOptions) {
  return { loaders: [async (): Promise<Loaded> => ({ store: (await createFixtureStore(options)).store })] };
}

/** `count` conversations all in one tray, with every one of them loaded in the store (as after scrolling). */
function longList(count: number) {
  return {
    loaders: [
      async (): Promise<Loaded> => {
        const workspace = fixtureWorkspace(Date.now());
        generateConversations(workspace, count, { stage: 'assigned', messagesPerConversation: 2 });
        return { store: (await createFixtureStore({ workspace, preload: 'all' })).store };
      },
    ],
  };
}

async function inboxIn(canvas: HTMLElement) {
  const el = canvas.querySelector('ow-inbox')!;
  for (let i = 0; i < 100 && !el.shadowRoot?.querySelector('[role="option"]'); i++) await new Promise((r) => setTimeout(r, 20));
  return el;
}

const meta: Meta<InboxArgs> = {
  title: 'Elements/ow-inbox',
  component: 'ow-inbox',
  args: { tray: 'queued', status: 'active', sort: 'waiting', conversationId: '' },
  argTypes: {
    tray: { control: 'select', options: ['queued', 'mine', 'agents', 'bot'] },
    status: { control: 'select', options: ['active', 'closed', 'outbound'] },
    sort: { control: 'select', options: ['waiting', 'activity', 'assignment'] },
  },
  render: (args, { loaded }) => html`
    <div style="height: 620px; max-width: 420px; display: flex; border: 1px solid #d9dde3">
      <ow-inbox
        .store=${(loaded as Loaded).store}
        tray=${args.tray}
        status=${args.status}
        sort=${args.sort}
        conversation-id=${args.conversationId}
      ></ow-inbox>
    </div>
  `,
};
export default meta;

type Story = StoryObj<InboxArgs>;

/** Sin asignar, longest-waiting first, with live counts on every tray. */
export const Queued: Story = { ...withStore({ conversations: 60 }) };

/** Conversations assigned to the signed-in agent, with unread badges. */
export const Mine: Story = { args: { tray: 'mine' }, ...withStore({ conversations: 60 }) };

/** Every agent's conversations, each row naming who holds it. */
export const AgentsWithHolders: Story = { args: { tray: 'agents', sort: 'assignment' }, ...withStore({ conversations: 60 }) };

/** The closed history: each row says it is closed and who held it ("Cerrada · la atendió …"), and when it closed. */
export const Closed: Story = { args: { tray: 'agents', status: 'closed' }, ...withStore({ conversations: 80 }) };

/** 280 px, the console's narrowest inbox column: the filters wrap into rows and show their text whole. */
export const Narrow: Story = {
  ...withStore({ conversations: 60 }),
  render: (args, { loaded }) => html`
    <div style="height: 620px; width: 280px; display: flex; border: 1px solid #d9dde3">
      <ow-inbox .store=${(loaded as Loaded).store} tray=${args.tray} status=${args.status} sort=${args.sort}></ow-inbox>
    </div>
  `,
};

export const ByLastActivity: Story = { args: { tray: 'agents', sort: 'activity' }, ...withStore({ conversations: 60 }) };

export const Empty: Story = { ...withStore({ conversations: 0 }) };

export const Loading: Story = { ...withStore({ network: 'loading' }) };

export const LoadError: Story = { ...withStore({ network: 'error' }) };

/** 10,000 conversations in one tray: only the visible rows are rendered. */
export const LongList: Story = { args: { tray: 'mine' }, ...longList(10_000) };

export const Selected: Story = {
  args: { tray: 'mine' },
  ...withStore({ conversations: 60 }),
  play: async ({ canvasElement }) => {
    const el = await inboxIn(canvasElement);
    el.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')[1]?.click();
  },
};

/** The row menu, opened from the keyboard (Shift+F10 on a row). */
export const RowMenuOpen: Story = {
  args: { tray: 'mine' },
  ...withStore({ conversations: 60 }),
  play: async ({ canvasElement }) => {
    const el = await inboxIn(canvasElement);
    const row = el.shadowRoot!.querySelector<HTMLElement>('[role="option"]')!;
    row.focus();
    row.dispatchEvent(new KeyboardEvent('keydown', { key: 'F10', shiftKey: true, bubbles: true, composed: true }));
    // The menu is its own chunk: the story is done once it is open.
    for (let i = 0; i < 50 && !el.shadowRoot!.querySelector('[role="menu"]'); i++) await new Promise((r) => setTimeout(r, 20));
  },
};

export const Dark: Story = { args: { tray: 'mine' }, globals: { theme: 'dark' }, ...withStore({ conversations: 60 }) };

export const English: Story = { args: { tray: 'mine' }, globals: { locale: 'en' }, ...withStore({ conversations: 60 }) };

export const Portuguese: Story = { args: { tray: 'mine' }, globals: { locale: 'pt-BR' }, ...withStore({ conversations: 60 }) };

/** Bruno belongs to Soporte only: conversations of Ventas never reach his inbox. */
export const SoporteAgent: Story = { args: { tray: 'agents' }, ...withStore({ conversations: 60, me: 'agt_bruno' }) };
