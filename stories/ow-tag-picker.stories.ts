import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/tag-picker/ow-tag-picker.js';
import type { OwTagPicker } from '../src/components/tag-picker/ow-tag-picker.js';
import { createFixtureStore, type FixtureStore, type FixtureStoreOptions } from './support/fixture-store.js';
import type { Tag } from '../src/contract/index.js';
import { CUSTOMER_CONVERSATION, customerWorkspace, type CustomerWorkspaceOptions } from './support/fixture-data.js';

interface TagPickerArgs {
  conversationId: string;
  /** The picker at the bottom of a short scrolling column, as in the console on a phone. */
  atBottom?: boolean;
}

interface Loaded {
  fixture: FixtureStore;
}

/** One conversation assigned to Ana Pérez (or `store.me` signed in) with a customer whose data was collected. */
function withStory(data: CustomerWorkspaceOptions = {}, store: Omit<FixtureStoreOptions, 'workspace'> = {}) {
  return { loaders: [async (): Promise<Loaded> => ({ fixture: await createFixtureStore({ ...store, workspace: customerWorkspace(data) }) })] };
}

const RAINBOW: Tag[] = [
  { id: 'tag_amarillo', name: 'Pago pendiente', color: '#fde047' },
  { id: 'tag_azul', name: 'Mayorista', color: '#1d4ed8' },
  { id: 'tag_gris', name: 'Seguimiento', color: '#777777' },
  { id: 'tag_blanco', name: 'Nuevo', color: '#ffffff' },
  { id: 'tag_negro', name: 'Bloqueado', color: '#000000' },
  { id: 'tag_rosa', name: 'Instagram', color: '#f472b6' },
  { id: 'tag_cian', name: 'Garantía', color: '#22d3ee' },
];

async function pickerIn(canvas: HTMLElement): Promise<OwTagPicker> {
  const el = canvas.querySelector('ow-tag-picker')!;
  for (let i = 0; i < 50 && !el.shadowRoot?.querySelector('input'); i++) await new Promise((r) => setTimeout(r, 20));
  return el;
}

/** Opens the list as an agent would, optionally typing first. */
async function openList(canvas: HTMLElement, text = ''): Promise<void> {
  const el = await pickerIn(canvas);
  const input = el.shadowRoot!.querySelector('input')!;
  input.focus();
  if (text) {
    input.value = text;
    input.dispatchEvent(new Event('input'));
  } else {
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
  }
  // The option list is its own chunk: the story is done once it is shown (or says why it is empty).
  for (let i = 0; i < 50 && !el.shadowRoot!.querySelector('[role="option"], [part~="message"]'); i++) await new Promise((r) => setTimeout(r, 20));
}

/** Opens the colour panel of a new tag named `name`, as an admin does with Enter on "Crear etiqueta «x»…". */
async function openCreatePanel(canvas: HTMLElement, name: string): Promise<OwTagPicker> {
  await openList(canvas, name);
  const el = await pickerIn(canvas);
  el.shadowRoot!.querySelector('input')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  for (let i = 0; i < 50 && !el.shadowRoot!.querySelector('[part~="palette"]'); i++) await new Promise((r) => setTimeout(r, 20));
  return el;
}

const meta: Meta<TagPickerArgs> = {
  title: 'Elements/ow-tag-picker',
  component: 'ow-tag-picker',
  args: { conversationId: CUSTOMER_CONVERSATION },
  render: (args, { loaded }) => html`
    <div style=${args.atBottom ? 'max-width: 360px; height: 320px; overflow: auto; display: flex; flex-direction: column; justify-content: flex-end' : 'max-width: 360px; min-height: 320px'}>
      <ow-tag-picker .store=${(loaded as Loaded).fixture.store} conversation-id=${args.conversationId}></ow-tag-picker>
    </div>
  `,
};
export default meta;

type Story = StoryObj<TagPickerArgs>;

export const WithTags: Story = { ...withStory({ conversation: { tagIds: ['tag_vip', 'tag_venta'] } }) };

export const Empty: Story = { ...withStory() };

export const NoConversation: Story = { args: { conversationId: '' }, ...withStory() };

export const Loading: Story = { ...withStory({}, { hang: 'conversation' }) };

export const ListOpen: Story = {
  ...withStory({ conversation: { tagIds: ['tag_vip'] }, tags: RAINBOW }),
  play: async ({ canvasElement }) => openList(canvasElement),
};

/** No room below the field (the bottom of a scrolling column): the list opens above it. */
export const ListOpensUpward: Story = { ...ListOpen, args: { atBottom: true } };

export const Filtering: Story = {
  ...withStory({ tags: RAINBOW }),
  play: async ({ canvasElement }) => openList(canvasElement, 'ma'),
};

/** An agent typed a tag that does not exist: agents cannot create tags. */
export const AgentCannotCreate: Story = {
  ...withStory(),
  play: async ({ canvasElement }) => openList(canvasElement, 'Urgente'),
};

/** An admin is offered to create the tag they typed. */
export const AdminCreates: Story = {
  ...withStory({}, { me: 'agt_admin' }),
  play: async ({ canvasElement }) => openList(canvasElement, 'Urgente'),
};

/** The admin chose to create the tag: they pick its colour (the one it would get preselected), see its chip, then create. */
export const AdminChoosesColour: Story = {
  ...withStory({ conversation: { tagIds: ['tag_vip'] } }, { me: 'agt_admin' }),
  play: async ({ canvasElement }) => {
    await openCreatePanel(canvasElement, 'Urgente');
  },
};

/** Creating the tag failed (the server refused it: the admin lost the role meanwhile): the panel keeps the name and colour and says why. */
export const AdminCreateFailed: Story = {
  ...withStory({}, { me: 'agt_admin' }),
  play: async ({ canvasElement, loaded }) => {
    const el = await openCreatePanel(canvasElement, 'Urgente');
    (loaded as Loaded).fixture.backend.me.role = 'agent';
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="create-button"]')!.click();
    for (let i = 0; i < 50 && !el.shadowRoot!.querySelector('[part~="create-panel"] [role="alert"]'); i++) await new Promise((r) => setTimeout(r, 20));
  },
};

/** Chip text stays readable on light, dark and mid colours. */
export const ManyColours: Story = {
  ...withStory({ tags: RAINBOW, conversation: { tagIds: ['tag_vip', 'tag_reclamo', 'tag_venta', ...RAINBOW.map((t) => t.id)] } }),
};

export const Dark: Story = { ...ManyColours, globals: { theme: 'dark' } };

export const DarkListOpen: Story = { ...ListOpen, globals: { theme: 'dark' } };

export const DarkAdminChoosesColour: Story = { ...AdminChoosesColour, globals: { theme: 'dark' } };

export const English: Story = { ...ListOpen, globals: { locale: 'en' } };

export const PortugueseBrazil: Story = { ...AgentCannotCreate, globals: { locale: 'pt-BR' } };
