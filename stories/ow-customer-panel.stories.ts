import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/customer-panel/ow-customer-panel.js';
import type { OwCustomerPanel } from '../src/components/customer-panel/ow-customer-panel.js';
import { sideStory, type SideStory, type SideStoryOptions } from './ow-side-elements.fixture.js';

interface PanelArgs {
  conversationId: string;
}

function withStory(options: SideStoryOptions = {}) {
  return { loaders: [async () => ({ story: await sideStory(options) })] };
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
  args: { conversationId: 'cnv_story' },
  render: (args, { loaded }) => html`
    <div style="max-width: 420px">
      <ow-customer-panel .store=${(loaded as { story: SideStory }).story.store} conversation-id=${args.conversationId}></ow-customer-panel>
    </div>
  `,
};
export default meta;

type Story = StoryObj<PanelArgs>;

/** The customer with everything the bot and earlier agents collected. */
export const Collected: Story = { ...withStory() };

export const Empty: Story = { args: { conversationId: '' }, ...withStory() };

export const Loading: Story = { ...withStory({ hang: true }) };

export const NothingCollectedYet: Story = {
  ...withStory({ conversation: { customer: { name: 'Pedro Ramírez', email: null, attributes: {} } } }),
};

export const Editing: Story = {
  ...withStory(),
  play: async ({ canvasElement }) => (await panelIn(canvasElement)).edit(),
};

export const ValidationErrors: Story = {
  ...withStory(),
  play: async ({ canvasElement }) => {
    const el = await panelIn(canvasElement);
    el.edit();
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
    el.edit();
    await el.updateComplete;
    setField(el, 'attributes.documento', '99.888.777');
    (loaded as { story: SideStory }).story.remoteSave({ email: 'vale.rojas@nuevo.co' });
  },
};

/** Both agents changed the city; the panel asks which value to keep. */
export const Conflict: Story = {
  ...withStory({ concurrentSave: { attributes: { ciudad: 'Santiago' }, email: 'valentina@otro.co' } }),
  play: async ({ canvasElement }) => {
    const el = await panelIn(canvasElement);
    el.edit();
    await el.updateComplete;
    setField(el, 'attributes.ciudad', 'Lima');
    setField(el, 'email', 'valentina@mio.co');
    await submit(el);
  },
};

export const Dark: Story = { ...withStory(), globals: { theme: 'dark' } };

export const DarkConflict: Story = { ...Conflict, globals: { theme: 'dark' } };

export const English: Story = { ...withStory(), globals: { locale: 'en' } };

export const EnglishValidation: Story = { ...ValidationErrors, globals: { locale: 'en' } };

export const PortugueseBrazil: Story = { ...withStory(), globals: { locale: 'pt-BR' } };

export const PortugueseEditing: Story = { ...Editing, globals: { locale: 'pt-BR' } };
