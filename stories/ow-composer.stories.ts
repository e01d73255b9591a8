import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { OwStore } from '../src/client/store.js';
import '../src/components/composer/ow-composer.js';
import { createFixtureStore } from './support/fixture-store.js';
import { addConversation, fixtureWorkspace, type ConversationInput, type FixtureWorkspace } from './support/fixture-data.js';

interface ComposerArgs {
  conversationId: string;
}

const conversation: ConversationInput = {
  id: 'conv_lucia',
  assigneeId: 'agt_ana',
  customer: { name: 'Lucía Torres', phone: '+57 300 555 0101' },
  messages: [{ author: 'customer', text: 'Hola, ¿tienen envíos a Medellín?', minutesAgo: 5 }],
};

/** The customer last wrote 30 hours ago: WhatsApp only accepts a template. */
const outsideTheWindow: ConversationInput = { ...conversation, messages: [{ ...conversation.messages![0]!, minutesAgo: 30 * 60 }] };

function withStore(input: ConversationInput, adjust: (workspace: FixtureWorkspace) => void = () => {}) {
  return {
    loaders: [
      async () => {
        const workspace = fixtureWorkspace(Date.now());
        addConversation(workspace, input);
        adjust(workspace);
        const { store } = await createFixtureStore({ workspace });
        // A standalone composer needs its conversation loaded; inside <ow-chat> the chat does it.
        await store.openConversation(input.id!);
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
export const Ready: Story = { ...withStore(conversation) };

export const OutsideTheWindow: Story = { ...withStore(outsideTheWindow) };

export const NotAssignedToMe: Story = { ...withStore({ ...conversation, stage: 'queued', assigneeId: null }) };

export const VoiceNotesDisabled: Story = { ...withStore(conversation, (workspace) => (workspace.settings.voiceNotesEnabled = false)) };

export const Dark: Story = { globals: { theme: 'dark' }, ...withStore(conversation) };

export const English: Story = { globals: { locale: 'en' }, ...withStore(outsideTheWindow) };

export const Portuguese: Story = { globals: { locale: 'pt-BR' }, ...withStore(outsideTheWindow) };
