import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/notes/ow-notes.js';
import { createFixtureStore, type FixtureStore, type FixtureStoreOptions } from './support/fixture-store.js';
import { CUSTOMER_CONVERSATION, customerWorkspace, type CustomerWorkspaceOptions } from './support/fixture-data.js';

interface NotesArgs {
  conversationId: string;
}

interface Loaded {
  fixture: FixtureStore;
}

/** One conversation assigned to Ana Pérez (or `store.me` signed in) with a customer whose data was collected. */
function withStory(data: CustomerWorkspaceOptions = {}, store: Omit<FixtureStoreOptions, 'workspace'> = {}) {
  return { loaders: [async (): Promise<Loaded> => ({ fixture: await createFixtureStore({ ...store, workspace: customerWorkspace(data) }) })] };
}

const FEW_NOTES: CustomerWorkspaceOptions['notes'] = [
  { agentId: 'agt_carla', text: 'Cliente VIP desde 2021. Ofrecer envío gratis si pregunta.', minutesAgo: 180 },
  { agentId: 'agt_ana', text: 'Confirmó la dirección nueva.\nFactura a nombre de la empresa.', minutesAgo: 42 },
  { agentId: 'agt_bruno', text: 'Políticas de cambio: https://intranet.example.com/cambios.', minutesAgo: 5 },
];

function manyNotes(count: number): NonNullable<CustomerWorkspaceOptions['notes']> {
  const authors = ['agt_ana', 'agt_carla', 'agt_admin'];
  const lines = [
    'Llamó por teléfono, pide que le escribamos por aquí.',
    'Pendiente: confirmar el reembolso con finanzas.',
    'Revisado con logística, el envío sale mañana.',
    'Ver caso anterior en https://crm.example.com/casos/4821',
  ];
  return Array.from({ length: count }, (_, i) => ({ agentId: authors[i % authors.length]!, text: `${lines[i % lines.length]} (${i + 1})`, minutesAgo: (count - i) * 37 }));
}

const meta: Meta<NotesArgs> = {
  title: 'Elements/ow-notes',
  component: 'ow-notes',
  args: { conversationId: CUSTOMER_CONVERSATION },
  render: (args, { loaded }) => html`
    <div style="max-width: 420px">
      <ow-notes .store=${(loaded as Loaded).fixture.store} conversation-id=${args.conversationId}></ow-notes>
    </div>
  `,
};
export default meta;

type Story = StoryObj<NotesArgs>;

export const WithNotes: Story = { ...withStory({ notes: FEW_NOTES }) };

export const Empty: Story = { ...withStory() };

export const NoConversation: Story = { args: { conversationId: '' }, ...withStory() };

export const Loading: Story = { ...withStory({}, { hang: 'conversation' }) };

export const LongList: Story = { ...withStory({ notes: manyNotes(80) }) };

/** A note that could not be saved, restored after a reload, with retry and discard. */
export const FailedNote: Story = {
  ...withStory(
    { notes: FEW_NOTES },
    { failed: [{ conversationId: CUSTOMER_CONVERSATION, kind: 'note', text: 'Avisar a Carla del cambio de plan', error: 'Failed to fetch', attempts: 4 }] },
  ),
};

export const Dark: Story = { ...withStory({ notes: FEW_NOTES }), globals: { theme: 'dark' } };

export const DarkFailedNote: Story = { ...FailedNote, globals: { theme: 'dark' } };

export const English: Story = { ...withStory({ notes: FEW_NOTES }), globals: { locale: 'en' } };

export const PortugueseBrazil: Story = { ...withStory({ notes: FEW_NOTES }), globals: { locale: 'pt-BR' } };
