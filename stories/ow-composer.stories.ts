import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { OwStore } from '../src/client/store.js';
import '../src/components/composer/ow-composer.js';
import type { OwComposer } from '../src/components/composer/ow-composer.js';
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

/** Waits (up to a second) for `selector` in the composer: the parts an action opens load as their own chunk. */
async function shown(canvas: HTMLElement, selector: string): Promise<OwComposer> {
  const el = canvas.querySelector('ow-composer')!;
  for (let i = 0; i < 50 && !el.shadowRoot?.querySelector(selector); i++) await new Promise((r) => setTimeout(r, 20));
  return el;
}

/** Types into the message field as an agent would. */
async function type(canvas: HTMLElement, text: string): Promise<void> {
  const field = (await shown(canvas, 'textarea')).shadowRoot!.querySelector('textarea')!;
  field.focus();
  field.value = text;
  field.setSelectionRange(text.length, text.length);
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
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

/** "/" after a space opens the quick replies; the typed word filters them. */
export const QuickReplies: Story = {
  ...withStore(conversation),
  play: async ({ canvasElement }) => {
    await type(canvasElement, 'Buenos días /');
    await shown(canvasElement, '[part="quick-replies"]');
  },
};

export const OutsideTheWindow: Story = { ...withStore(outsideTheWindow) };

/** A template chosen and its variable filled in: the preview shows the text the customer gets. */
export const TemplateFilledIn: Story = {
  ...withStore(outsideTheWindow),
  play: async ({ canvasElement }) => {
    const el = await shown(canvasElement, '[part="templates"] select');
    const select = el.shadowRoot!.querySelector('select')!;
    select.value = select.options[1]!.value;
    select.dispatchEvent(new Event('change'));
    await shown(canvasElement, '[part="templates"] input');
    for (const input of el.shadowRoot!.querySelectorAll<HTMLInputElement>('[part="templates"] input')) {
      input.value = 'Lucía';
      input.dispatchEvent(new Event('input'));
    }
  },
};

export const NotAssignedToMe: Story = { ...withStore({ ...conversation, stage: 'queued', assigneeId: null }) };

export const VoiceNotesDisabled: Story = { ...withStore(conversation, (workspace) => (workspace.settings.voiceNotesEnabled = false)) };

export const Dark: Story = { globals: { theme: 'dark' }, ...withStore(conversation) };

export const English: Story = { globals: { locale: 'en' }, ...withStore(outsideTheWindow) };

export const Portuguese: Story = { globals: { locale: 'pt-BR' }, ...withStore(outsideTheWindow) };
