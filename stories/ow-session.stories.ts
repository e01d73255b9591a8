import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { OwClient } from '../src/client/api-client.js';
import '../src/components/session/ow-session.js';
import '../src/components/inbox/ow-inbox.js';
import type { SessionErrorDetail } from '../src/components/session/ow-session.js';
import { createFixtureStore, type FixtureStoreOptions } from './support/fixture-store.js';

interface Loaded {
  client: OwClient;
}

/** A client over the in-memory fixture workspace; `<ow-session>` creates and starts the store itself. */
function withClient(options: FixtureStoreOptions = {}) {
  return { loaders: [async (): Promise<Loaded> => ({ client: (await createFixtureStore({ ...options, start: false })).client })] };
}

function log(event: Event): void {
  const out = (event.currentTarget as HTMLElement).parentElement!.querySelector('output')!;
  const detail = (event as CustomEvent<SessionErrorDetail | object>).detail;
  out.value = event.type === 'ow-session-error' ? `${event.type}: ${(detail as SessionErrorDetail).reason}` : `${event.type}`;
}

const meta: Meta = {
  title: 'Elements/ow-session',
  component: 'ow-session',
  render: (_args, { loaded }) => html`
    <div>
      <ow-session .client=${(loaded as Loaded).client} @ow-session-ready=${log} @ow-session-error=${log}>
        <p>Two inboxes inside one session share its store: choosing a tray in one moves the other.</p>
        <div style="display: grid; grid-template-columns: 1fr 1fr; gap: 16px; height: 520px">
          <ow-inbox></ow-inbox>
          <ow-inbox></ow-inbox>
        </div>
      </ow-session>
      <p>Last event: <output>—</output></p>
    </div>
  `,
};
export default meta;

type Story = StoryObj;

export const SharedStore: Story = { ...withClient({ conversations: 40 }) };

/** The server refuses to start the session: `ow-session-error` fires and the elements show why. */
export const SessionError: Story = { ...withClient({ network: 'error' }) };

export const Starting: Story = { ...withClient({ network: 'loading' }) };
