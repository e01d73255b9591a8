import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/customer-panel/ow-customer-panel.js';
import type { OwCustomerPanel } from '../src/components/customer-panel/ow-customer-panel.js';
import { createFixtureStore, type FixtureStore, type FixtureStoreOptions } from './support/fixture-store.js';
import { CUSTOMER_CONVERSATION, customerWorkspace, type CustomerWorkspaceOptions } from './support/fixture-data.js';

interface PanelArgs {
  conversationId: string;
}

interface Loaded {
  fixture: FixtureStore;
}

/** One conversation assigned to Ana Pérez (or `store.me` signed in) with a customer whose data was collected. */
function withStory(data: CustomerWorkspaceOptions = {}, store: Omit<FixtureStoreOptions, 'workspace'> = {}) {
  return { loaders: [async (): Promise<Loaded> => ({ fixture: await createFixtureStore({ ...store, workspace: customerWorkspace(data) }) })] };
}

async function panelIn(canvas: HTMLElement): Promise<OwCustomerPanel> {
  const el = canvas.querySelector('ow-customer-panel')!;
  for (let i = 0; i < 50 && !el.shadowRoot?.querySelector('[part~="edit-button"]'); i++) await new Promise((r) => setTimeout(r, 20));
  return el;
}

function setField(el: OwCustomerPanel, field: string, value: string): void {
  const input = el.shadowRoot!.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-field="${field}"] [part~="input"]`)!;
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

async function submit(el: OwCustomerPanel): Promise<void> {
  await el.updateComplete;
  el.shadowRoot!.querySelector('form')!.requestSubmit();
  await el.updateComplete;
}

const meta: Meta<PanelArgs> = {
  title: 'Elements/ow-customer-panel',
  component: 'ow-customer-panel',
  args: { conversationId: CUSTOMER_CONVERSATION },
  render: (args, { loaded }) => html`
    <div style="max-width: 420px">
      <ow-customer-panel .store=${(loaded as Loaded).fixture.store} conversation-id=${args.conversationId}></ow-customer-panel>
    </div>
  `,
};
export default meta;

type Story = StoryObj<PanelArgs>;

/** The customer with everything the bot and earlier agents collected. */
export const Collected: Story = { ...withStory() };

export const Empty: Story = { args: { conversationId: '' }, ...withStory() };

export const Loading: Story = { ...withStory({}, { hang: 'conversation' }) };

export const NothingCollectedYet: Story = {
  ...withStory({ conversation: { customer: { name: 'Pedro Ramírez', email: null, attributes: {} } } }),
};

/** A 260 px column (the console's narrowest side column): labels above values; the phone number and the e-mail address on one line. */
export const NarrowColumn: Story = {
  ...withStory({ conversation: { customer: { name: 'Natalia Mendoza', phone: '+5491181981548', email: 'natalia.mendoza@outlook.com' } } }),
  render: (args, { loaded }) => html`
    <div style="width: 260px">
      <ow-customer-panel .store=${(loaded as Loaded).fixture.store} conversation-id=${args.conversationId}></ow-customer-panel>
    </div>
  `,
};

export const Editing: Story = {
  ...withStory(),
  play: async ({ canvasElement }) => (await panelIn(canvasElement)).edit(),
};

export const ValidationErrors: Story = {
  ...withStory(),
  play: async ({ canvasElement }) => {
    const el = await panelIn(canvasElement);
    await el.edit();
    await el.updateComplete;
    setField(el, 'name', '');
    setField(el, 'email', 'valentina-en-example.com');
    setField(el, 'phone', 'llámame');
    await submit(el);
  },
};

/** Another agent saved while this one was editing: the draft stays and a notice says so. */
export const UpdatedWhileEditing: Story = {
  ...withStory(),
  play: async ({ canvasElement, loaded }) => {
    const el = await panelIn(canvasElement);
    await el.edit();
    await el.updateComplete;
    setField(el, 'attributes.documento', '99.888.777');
    const { backend, workspace } = (loaded as Loaded).fixture;
    backend.saveCustomer(workspace.conversations.get(CUSTOMER_CONVERSATION)!.customerId, { email: 'vale.rojas@nuevo.co' });
  },
};

/** Both agents changed the city; the panel asks which value to keep. */
export const Conflict: Story = {
  ...withStory({}, { concurrentSave: { attributes: { ciudad: 'Santiago' }, email: 'valentina@otro.co' } }),
  play: async ({ canvasElement }) => {
    const el = await panelIn(canvasElement);
    await el.edit();
    await el.updateComplete;
    setField(el, 'attributes.ciudad', 'Lima');
    setField(el, 'email', 'valentina@mio.co');
    await submit(el);
  },
};

/** The other save names nobody (the bot, or an agent this store does not know): "Valor guardado" / "Usar el guardado". */
export const ConflictWithUnnamedSave: Story = {
  ...withStory(),
  play: async ({ canvasElement, loaded }) => {
    const el = await panelIn(canvasElement);
    await el.edit();
    await el.updateComplete;
    setField(el, 'attributes.ciudad', 'Lima');
    const { backend, workspace } = (loaded as Loaded).fixture;
    backend.saveCustomer(workspace.conversations.get(CUSTOMER_CONVERSATION)!.customerId, { attributes: { ciudad: 'Santiago' } }, null);
    await submit(el);
  },
};

export const Dark: Story = { ...withStory(), globals: { theme: 'dark' } };

export const DarkConflict: Story = { ...Conflict, globals: { theme: 'dark' } };

export const English: Story = { ...withStory(), globals: { locale: 'en' } };

export const EnglishValidation: Story = { ...ValidationErrors, globals: { locale: 'en' } };

export const PortugueseConflict: Story = { ...Conflict, globals: { locale: 'pt-BR' } };

export const PortugueseBrazil: Story = { ...withStory(), globals: { locale: 'pt-BR' } };

export const PortugueseEditing: Story = { ...Editing, globals: { locale: 'pt-BR' } };
