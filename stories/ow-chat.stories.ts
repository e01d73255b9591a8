import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { OwStore } from '../src/client/store.js';
import '../src/components/chat/ow-chat.js';
import { longChat, storyStore, type StoryConversation, type StoryWorkspace } from './ow-chat.fixture.js';

interface ChatArgs {
  conversationId: string;
}

const greeting: StoryConversation = {
  id: 'conv_lucia',
  customerName: 'Lucía Torres',
  messages: [
    { author: 'bot', text: '¡Hola! Soy el asistente virtual. ¿Sobre qué quieres hablar?' },
    { author: 'customer', text: 'Quiero cambiar la dirección de entrega de mi pedido' },
    { author: 'system', kind: 'event', text: '', event: { type: 'assigned', byAgentId: 'agt_ana', toAgentId: 'agt_ana' } },
    { author: 'agent', text: 'Hola Lucía, soy Ana. ¿Cuál es la nueva dirección?' },
    { author: 'agent', kind: 'note', text: 'Cliente VIP: priorizar el cambio.' },
    { author: 'customer', text: 'Calle 45 # 12-30, Bogotá. Más info en www.example.com/ayuda' },
  ],
};

function withStore(workspace: StoryWorkspace) {
  return { loaders: [async () => ({ store: await storyStore(workspace) })] };
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

export const AssignedToMe: Story = { ...withStore({ conversations: [greeting] }) };

export const Empty: Story = { args: { conversationId: '' }, ...withStore({ conversations: [] }) };

export const NoMessagesYet: Story = {
  args: { conversationId: 'conv_new' },
  ...withStore({ conversations: [{ id: 'conv_new', customerName: 'Pedro Ramírez', messages: [] }] }),
};

export const Loading: Story = { ...withStore({ conversations: [greeting], hangMessages: true }) };

export const LongChat: Story = {
  args: { conversationId: 'conv_long' },
  ...withStore({ conversations: [{ id: 'conv_long', customerName: 'Marta Ríos', messages: longChat(2000) }] }),
};

export const ReadOnlyBeforeAssignment: Story = {
  ...withStore({ conversations: [{ ...greeting, stage: 'queued', assigneeId: null, messages: greeting.messages.slice(0, 2) }] }),
};

export const WithTheBot: Story = {
  ...withStore({ conversations: [{ ...greeting, stage: 'bot', assigneeId: null, messages: greeting.messages.slice(0, 2) }] }),
};

export const AssignedToSomeoneElse: Story = { ...withStore({ conversations: [{ ...greeting, assigneeId: 'agt_carla' }] }) };

export const Closed: Story = {
  ...withStore({
    conversations: [
      {
        ...greeting,
        status: 'closed',
        messages: [...greeting.messages, { author: 'system', kind: 'event', text: '', event: { type: 'closed', byAgentId: 'agt_ana', closedHow: 'manual' } }],
      },
    ],
  }),
};

export const OutsideTheWindow: Story = { ...withStore({ conversations: [{ ...greeting, customerLastWroteHoursAgo: 30 }] }) };

export const FailedMessage: Story = {
  ...withStore({ conversations: [greeting], failed: [{ conversationId: 'conv_lucia', text: 'Te confirmo el cambio en un momento', error: 'Sin conexión con el servidor' }] }),
};

export const Dark: Story = { globals: { theme: 'dark' }, ...withStore({ conversations: [greeting] }) };

export const English: Story = { globals: { locale: 'en' }, ...withStore({ conversations: [{ ...greeting, stage: 'queued', assigneeId: null }] }) };

export const Portuguese: Story = { globals: { locale: 'pt-BR' }, ...withStore({ conversations: [{ ...greeting, stage: 'queued', assigneeId: null }] }) };
