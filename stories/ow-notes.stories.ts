import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/notes/ow-notes.js';
import { sideStory, type SideStory, type SideStoryOptions } from './ow-side-elements.fixture.js';

interface NotesArgs {
  conversationId: string;
}

function withStory(options: SideStoryOptions = {}) {
  return { loaders: [async () => ({ story: await sideStory(options) })] };
}

const FEW_NOTES: SideStoryOptions['notes'] = [
  { agentId: 'agt_carla', text: 'Cliente VIP desde 2021. Ofrecer envío gratis si pregunta.', minutesAgo: 180 },
  { agentId: 'agt_ana', text: 'Confirmó la dirección nueva.\nFactura a nombre de la empresa.', minutesAgo: 42 },
  { agentId: 'agt_bruno', text: 'Políticas de cambio: https://intranet.example.com/cambios.', minutesAgo: 5 },
];

function manyNotes(count: number): NonNullable<SideStoryOptions['notes']> {
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
  args: { conversationId: 'cnv_story' },
  render: (args, { loaded }) => html`
    <div style="max-width: 420px">
      <ow-notes .store=${(loaded as { story: SideStory }).story.store} conversation-id=${args.conversationId}></ow-notes>
    </div>
  `,
};
export default meta;

type Story = StoryObj<NotesArgs>;

export const WithNotes: Story = { ...withStory({ notes: FEW_NOTES }) };

export const Empty: Story = { ...withStory() };

export const NoConversation: Story = { args: { conversationId: '' }, ...withStory() };

export const Loading: Story = { ...withStory({ hang: true }) };

export const LongList: Story = { ...withStory({ notes: manyNotes(80) }) };

/** A note that could not be saved, restored after a reload, with retry and discard. */
export const FailedNote: Story = {
  ...withStory({ notes: FEW_NOTES, failedNote: { text: 'Avisar a Carla del cambio de plan', error: 'Failed to fetch' } }),
};

export const Dark: Story = { ...withStory({ notes: FEW_NOTES }), globals: { theme: 'dark' } };

export const DarkFailedNote: Story = { ...FailedNote, globals: { theme: 'dark' } };

export const English: Story = { ...withStory({ notes: FEW_NOTES }), globals: { locale: 'en' } };

export const PortugueseBrazil: Story = { ...withStory({ notes: FEW_NOTES }), globals: { locale: 'pt-BR' } };
