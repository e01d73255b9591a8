import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { OwStore } from '../src/client/store.js';
import '../src/components/chat/ow-chat.js';
import { createFixtureStore, type FixtureStoreOptions } from './support/fixture-store.js';
import { addConversation, fixtureWorkspace, longChat, spaced, type ConversationInput } from './support/fixture-data.js';

interface ChatArgs {
  conversationId: string;
}

const greeting: ConversationInput = {
  id: 'conv_lucia',
  assigneeId: 'agt_ana',
  customer: { name: 'Lucía Torres', phone: '+57 300 555 0101' },
  messages: spaced([
    { author: 'bot', text: '¡Hola! Soy el asistente virtual. ¿Sobre qué quieres hablar?' },
    { author: 'customer', text: 'Quiero cambiar la dirección de entrega de mi pedido' },
    { author: 'system', kind: 'event', text: '', event: { type: 'assigned', byAgentId: 'agt_ana', toAgentId: 'agt_ana' } },
    { author: 'agent', agentId: 'agt_ana', text: 'Hola Lucía, soy Ana. ¿Cuál es la nueva dirección?' },
    { author: 'agent', agentId: 'agt_ana', kind: 'note', text: 'Cliente VIP: priorizar el cambio.' },
    { author: 'customer', text: 'Calle 45 # 12-30, Bogotá. Más info en www.example.com/ayuda' },
  ]),
};

const queued: ConversationInput = { ...greeting, stage: 'queued', assigneeId: null };

/** A store over the test fixture's workspace holding `conversations`; Ana Pérez (Ventas) is signed in. */
function withStore(conversations: ConversationInput[], options: Omit<FixtureStoreOptions, 'workspace'> = {}) {
  return {
    loaders: [
      async () => {
        const workspace = fixtureWorkspace(Date.now());
        for (const conversation of conversations) addConversation(workspace, conversation);
        return { store: (await createFixtureStore({ ...options, workspace })).store };
      },
    ],
  };
}

/** Waits for `selector` in the chat's shadow root (the conversation loads first), then clicks it. */
async function clickIn(canvas: HTMLElement, selector: string): Promise<void> {
  const chat = canvas.querySelector('ow-chat')!;
  for (let i = 0; i < 100 && !chat.shadowRoot?.querySelector(selector); i++) await new Promise((r) => setTimeout(r, 20));
  chat.shadowRoot?.querySelector<HTMLElement>(selector)?.click();
}

const meta: Meta<ChatArgs> = {
  title: 'Elements/ow-chat',
  component: 'ow-chat',
  args: { conversationId: 'conv_lucia' },
  render: (args, { loaded }) => html`
    <div style="height: 560px; display: flex; flex-direction: column; border: 1px solid #d9dde3">
      <ow-chat .store=${(loaded as { store: OwStore }).store} conversation-id=${args.conversationId}></ow-chat>
    </div>
  `,
};
export default meta;

type Story = StoryObj<ChatArgs>;

export const AssignedToMe: Story = { ...withStore([greeting]) };

export const Empty: Story = { args: { conversationId: '' }, ...withStore([]) };

export const NoMessagesYet: Story = {
  args: { conversationId: 'conv_new' },
  ...withStore([{ id: 'conv_new', assigneeId: 'agt_ana', customer: { name: 'Pedro Ramírez' }, messages: [] }]),
};

export const Loading: Story = { ...withStore([greeting], { hang: 'messages' }) };

export const LongChat: Story = {
  args: { conversationId: 'conv_long' },
  ...withStore([{ id: 'conv_long', assigneeId: 'agt_ana', customer: { name: 'Marta Ríos' }, messages: longChat(2000) }]),
};

/** "Marcar como no leída" clicked: the conversation stays open and unread, the button offers the way back. */
export const MarkedUnread: Story = {
  ...withStore([greeting]),
  play: async ({ canvasElement }) => clickIn(canvasElement, '[part~="unread-action"]'),
};

/** The transfer dialog: groups, then agents by status (online, away, offline), then agents of other groups by their group. */
export const TransferDialog: Story = {
  ...withStore([greeting]),
  play: async ({ canvasElement }) => clickIn(canvasElement, '[part~="transfer-action"]'),
};

export const ReadOnlyBeforeAssignment: Story = { ...withStore([{ ...queued, messages: greeting.messages!.slice(0, 2) }]) };

export const WithTheBot: Story = { ...withStore([{ ...greeting, stage: 'bot', assigneeId: null, messages: greeting.messages!.slice(0, 2) }]) };

export const AssignedToSomeoneElse: Story = { ...withStore([{ ...greeting, assigneeId: 'agt_carla' }]) };

function closedGreeting(): ConversationInput {
  return {
    ...greeting,
    status: 'closed',
    messages: spaced([...greeting.messages!, { author: 'system', kind: 'event', text: '', event: { type: 'closed', byAgentId: 'agt_ana', closedHow: 'manual' } }]),
  };
}

export const Closed: Story = { ...withStore([closedGreeting()]) };

/** Closed, and the customer has written again since (the store knows the new one): the notice offers it. */
export const ClosedCustomerWroteAgain: Story = {
  loaders: [
    async () => {
      const [load] = withStore([
        { ...closedGreeting(), customer: { ...greeting.customer!, id: 'cus_lucia' } },
        { id: 'conv_lucia_again', stage: 'bot', assigneeId: null, customer: { ...greeting.customer!, id: 'cus_lucia' }, messages: [{ author: 'customer', text: 'Hola otra vez' }] },
      ]).loaders;
      const loaded = await load!();
      await loaded.store.setInboxQuery({ tray: 'bot' });
      return loaded;
    },
  ],
};

/** The customer last wrote 30 hours ago: WhatsApp only accepts a template. */
export const OutsideTheWindow: Story = { ...withStore([{ ...greeting, messages: spaced(greeting.messages!, 5, 30 * 60) }]) };

export const FailedMessage: Story = {
  ...withStore([greeting], { failed: [{ conversationId: 'conv_lucia', text: 'Te confirmo el cambio en un momento', error: 'Sin conexión con el servidor' }] }),
};

export const Dark: Story = { globals: { theme: 'dark' }, ...withStore([greeting]) };

export const English: Story = { globals: { locale: 'en' }, ...withStore([queued]) };

export const Portuguese: Story = { globals: { locale: 'pt-BR' }, ...withStore([queued]) };
