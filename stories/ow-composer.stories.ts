import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { OwStore } from '../src/client/store.js';
import '../src/components/composer/ow-composer.js';
import { storyStore, type StoryConversation, type StoryWorkspace } from './ow-chat.fixture.js';

interface ComposerArgs {
  conversationId: string;
}

const conversation: StoryConversation = {
  id: 'conv_lucia',
  customerName: 'Lucía Torres',
  messages: [{ author: 'customer', text: 'Hola, ¿tienen envíos a Medellín?' }],
};

function withStore(workspace: StoryWorkspace) {
  return {
    loaders: [
      async () => {
        const store = await storyStore(workspace);
        // A standalone composer needs its conversation loaded; inside <ow-chat> the chat does it.
        for (const c of workspace.conversations) await store.openConversation(c.id);
        return { store };
      },
    ],
  };
}

const meta: Meta<ComposerArgs> = {
  title: 'Elements/ow-composer',
  component: 'ow-composer',
  args: { conversationId: 'conv_lucia' },
  render: (args, { loaded }) => html`
    <div style="max-width: 640px; margin-top: 260px">
      <ow-composer .store=${(loaded as { store: OwStore }).store} conversation-id=${args.conversationId}></ow-composer>
    </div>
  `,
};
export default meta;

type Story = StoryObj<ComposerArgs>;

/** Type, press Enter; "/" opens quick replies; 😊 loads the emoji picker on first use. */
export const Ready: Story = { ...withStore({ conversations: [conversation] }) };

export const OutsideTheWindow: Story = { ...withStore({ conversations: [{ ...conversation, customerLastWroteHoursAgo: 30 }] }) };

export const NotAssignedToMe: Story = { ...withStore({ conversations: [{ ...conversation, stage: 'queued', assigneeId: null }] }) };

export const VoiceNotesDisabled: Story = { ...withStore({ conversations: [conversation], settings: { voiceNotesEnabled: false } }) };

export const Dark: Story = { globals: { theme: 'dark' }, ...withStore({ conversations: [conversation] }) };

export const English: Story = { globals: { locale: 'en' }, ...withStore({ conversations: [{ ...conversation, customerLastWroteHoursAgo: 30 }] }) };

export const Portuguese: Story = { globals: { locale: 'pt-BR' }, ...withStore({ conversations: [{ ...conversation, customerLastWroteHoursAgo: 30 }] }) };
