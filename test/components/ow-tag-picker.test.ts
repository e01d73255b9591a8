// <ow-tag-picker> as agents use it, against the real test server: search, keyboard, colours, attach/detach, admin-only creation.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiError } from '../../src/client/errors.js';
import { OwClient } from '../../src/client/api-client.js';
import type { OwStore } from '../../src/client/store.js';
import { contrastRatio, luminance } from '../../src/components/tag-picker/color.js';
import '../../src/components/tag-picker/ow-tag-picker.js';
import type { OwTagPicker } from '../../src/components/tag-picker/ow-tag-picker.js';
import { LazyPart } from '../../src/components/shared/lazy-part.js';
import { $, $$, base, conversationFactory, phoneNumbers, startStore, useTestServer } from './support.js';

declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void> | void): void;

const createConversation = conversationFactory({
  customer: { name: 'Sofía Vargas' },
  phone: phoneNumbers('+57300300', 4),
  messages: [{ author: 'customer', text: 'Hola' }],
});

async function pickerFor(store: OwStore, conversationId: string): Promise<OwTagPicker> {
  const el = await fixture<OwTagPicker>(html`<ow-tag-picker .store=${store} conversation-id=${conversationId}></ow-tag-picker>`);
  await waitUntil(() => $(el, 'input'), 'picker loaded', { timeout: 5000 });
  return el;
}

const combobox = (el: OwTagPicker) => $<HTMLInputElement>(el, '[role="combobox"]')!;
/** The option list is its own chunk, loaded when the field first gets focus; it brings the listbox's look. */
const listLoaded = (el: OwTagPicker) => waitUntil(() => getComputedStyle($(el, '[role="listbox"]')!).position === 'absolute', 'option list loaded', { timeout: 5000 });

/**
 * The option list chunk through a stand-in: it fails while `online` is false (no connection) and
 * arrives only once `arrive()` was called (a slow connection).
 */
function listChunk(el: OwTagPicker, { online = true } = {}): { online: () => void; arrive: () => void } {
  const parts = el as unknown as { optionList: LazyPart<unknown> };
  const real = parts.optionList;
  let arrive!: () => void;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  parts.optionList = new LazyPart(el, () => (online ? arrived.then(() => real.get()) : Promise.reject(new TypeError('Failed to fetch dynamically imported module'))));
  return { online: () => (online = true), arrive };
}

async function focusField(el: OwTagPicker): Promise<void> {
  combobox(el).focus();
  await listLoaded(el);
}
const chips = (el: OwTagPicker) => $$(el, '[part~="chip"]').map((c) => c.querySelector('.name')!.textContent!.trim());
const options = (el: OwTagPicker) => $$(el, '[role="option"]').map((o) => o.textContent!.trim());

async function serverTags(client: OwClient, conversationId: string): Promise<string[]> {
  return (await client.getConversation(conversationId)).conversation.tagIds.slice().sort();
}

useTestServer();

describe('ow-tag-picker', () => {
  it('filters the admin-created tags as the agent types; arrows and Enter attach one', async () => {
    const { conversation } = await createConversation();
    const { store, client } = await startStore();
    const el = await pickerFor(store, conversation.id);
    expect($(el, '[part~="empty"]')!.textContent).to.contain('Sin etiquetas');

    await focusField(el);
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(combobox(el).getAttribute('aria-expanded')).to.equal('true');
    expect(options(el)).to.deep.equal(['Reclamo', 'Venta', 'VIP']);
    await expect(el).to.be.accessible();

    await sendKeys({ type: 'v' });
    await el.updateComplete;
    expect(options(el)).to.deep.equal(['Venta', 'VIP']);
    await sendKeys({ type: 'e' });
    await el.updateComplete;
    expect(options(el)).to.deep.equal(['Venta']);
    expect(combobox(el).getAttribute('aria-activedescendant')).to.equal('option-tag_venta');
    expect($(el, '#option-tag_venta')!.getAttribute('aria-selected')).to.equal('true');

    const change = oneEvent(el, 'ow-tag-change');
    await sendKeys({ press: 'Enter' });
    expect((await change).detail).to.deep.equal({ conversationId: conversation.id, tagId: 'tag_venta', attached: true });
    await el.updateComplete;
    expect(chips(el)).to.deep.equal(['Venta']);
    expect(combobox(el).value).to.equal('');
    expect(combobox(el).getAttribute('aria-expanded')).to.equal('false');
    expect(await serverTags(client, conversation.id)).to.deep.equal(['tag_venta']);
    expect($(el, '[role="status"]')!.textContent).to.contain('Etiqueta Venta agregada');
  });

  it('ArrowUp wraps to the last option, Escape closes the list and then clears the text', async () => {
    const { conversation } = await createConversation();
    const { store } = await startStore();
    const el = await pickerFor(store, conversation.id);
    await focusField(el);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(combobox(el).getAttribute('aria-activedescendant')).to.equal('option-tag_vip');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(combobox(el).getAttribute('aria-activedescendant')).to.equal('option-tag_reclamo');

    await sendKeys({ type: 'rec' });
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(combobox(el).getAttribute('aria-expanded')).to.equal('false');
    expect(combobox(el).hasAttribute('aria-activedescendant')).to.equal(false);
    expect(combobox(el).value).to.equal('rec');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(combobox(el).value).to.equal('');
  });

  it('finds tags without caring about case or accents, and clicking an option attaches it', async () => {
    const { conversation } = await createConversation();
    const { store, client } = await startStore();
    const el = await pickerFor(store, conversation.id);
    await focusField(el);
    await sendKeys({ type: 'RECLAMÓ' });
    await el.updateComplete;
    expect(options(el)).to.deep.equal(['Reclamo']);
    $(el, '[role="option"]')!.click();
    await waitUntil(() => chips(el).includes('Reclamo'), 'attached');
    expect(await serverTags(client, conversation.id)).to.deep.equal(['tag_reclamo']);
  });

  it("a chip's remove button detaches the tag and keeps the keyboard on the chips", async () => {
    const { conversation } = await createConversation();
    const { store, client } = await startStore();
    await client.attachTag(conversation.id, 'tag_vip');
    await client.attachTag(conversation.id, 'tag_reclamo');
    const el = await pickerFor(store, conversation.id);
    await waitUntil(() => chips(el).length === 2, 'chips shown');
    expect(chips(el)).to.deep.equal(['VIP', 'Reclamo']);

    const remove = $$(el, '[part~="remove-button"]')[0]!;
    expect(remove.getAttribute('aria-label')).to.equal('Quitar etiqueta VIP');
    remove.focus();
    const change = oneEvent(el, 'ow-tag-change');
    await sendKeys({ press: 'Enter' });
    expect((await change).detail).to.deep.equal({ conversationId: conversation.id, tagId: 'tag_vip', attached: false });
    await el.updateComplete;
    expect(chips(el)).to.deep.equal(['Reclamo']);
    expect(el.shadowRoot!.activeElement?.getAttribute('aria-label')).to.equal('Quitar etiqueta Reclamo');
    expect(await serverTags(client, conversation.id)).to.deep.equal(['tag_reclamo']);
    await expect(el).to.be.accessible();
  });

  it('Backspace in the empty field detaches the last tag', async () => {
    const { conversation } = await createConversation();
    const { store, client } = await startStore();
    await client.attachTag(conversation.id, 'tag_vip');
    await client.attachTag(conversation.id, 'tag_venta');
    const el = await pickerFor(store, conversation.id);
    await waitUntil(() => chips(el).length === 2, 'chips shown');
    await focusField(el);
    await sendKeys({ press: 'Backspace' });
    await waitUntil(() => chips(el).length === 1, 'last removed');
    expect(chips(el)).to.deep.equal(['VIP']);
    expect(await serverTags(client, conversation.id)).to.deep.equal(['tag_vip']);
    expect(el.shadowRoot!.activeElement).to.equal(combobox(el));
  });

  it('shows tags attached by another agent live', async () => {
    const { conversation } = await createConversation();
    const { store } = await startStore('tok_ana');
    const carla = new OwClient({ baseUrl: base, token: 'tok_carla' });
    const el = await pickerFor(store, conversation.id);
    await carla.attachTag(conversation.id, 'tag_reclamo');
    await waitUntil(() => chips(el).includes('Reclamo'), 'live chip', { timeout: 5000 });
    // An attached tag is no longer offered.
    await focusField(el);
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(options(el)).to.deep.equal(['Venta', 'VIP']);
  });

  it('agents cannot create tags: no create option, and the API refuses them', async () => {
    const { conversation } = await createConversation();
    const { store, client } = await startStore('tok_ana');
    const el = await pickerFor(store, conversation.id);
    await focusField(el);
    await sendKeys({ type: 'Urgente' });
    await el.updateComplete;
    expect(options(el)).to.deep.equal([]);
    expect(combobox(el).getAttribute('aria-expanded')).to.equal('false');
    expect($(el, '[part~="message"]')!.textContent).to.contain('Solo un administrador puede crear etiquetas');
    await sendKeys({ press: 'Enter' });
    expect(Object.values(store.getState().tags).map((t) => t.name)).to.not.include('Urgente');
    await expect(el).to.be.accessible();

    const refused = await client.createTag({ name: 'Urgente', color: '#123456' }).catch((error: unknown) => error);
    expect(refused).to.be.instanceOf(ApiError);
    expect((refused as ApiError).status).to.equal(403);
    expect((await client.listTags()).tags.map((t) => t.name)).to.not.include('Urgente');
  });

  it('admins may create a tag from what they typed; it is attached at once', async () => {
    const { conversation } = await createConversation();
    const { store, client } = await startStore('tok_admin');
    const el = await pickerFor(store, conversation.id);
    await focusField(el);
    await sendKeys({ type: 'Urgente' });
    await el.updateComplete;
    expect(options(el)).to.deep.equal(['Crear etiqueta «Urgente»']);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => chips(el).includes('Urgente'), 'created and attached', { timeout: 5000 });
    const created = (await client.listTags()).tags.find((t) => t.name === 'Urgente')!;
    expect(created.color).to.match(/^#[0-9a-f]{6}$/i);
    expect(await serverTags(client, conversation.id)).to.deep.equal([created.id]);
    // An exact match is attached, not created twice.
    await sendKeys({ type: 'vip' });
    await el.updateComplete;
    expect(options(el)).to.deep.equal(['VIP']);
  });

  it('chip text is readable on every tag colour (WCAG AA contrast)', async () => {
    const { conversation } = await createConversation();
    const admin = new OwClient({ baseUrl: base, token: 'tok_admin' });
    const colors = ['#ffffff', '#000000', '#777777', '#ffff00', '#0000ff', '#16a34a', '#767676'];
    for (const [i, color] of colors.entries()) {
      const { tag } = await admin.createTag({ name: `Color ${i}`, color });
      await admin.attachTag(conversation.id, tag.id);
    }
    for (const id of ['tag_vip', 'tag_reclamo', 'tag_venta']) await admin.attachTag(conversation.id, id);
    const { store } = await startStore('tok_ana');
    const el = await pickerFor(store, conversation.id);
    await waitUntil(() => chips(el).length === colors.length + 3, 'all chips');
    for (const chip of $$(el, '[part~="chip"]')) {
      const style = getComputedStyle(chip);
      const ratio = contrastRatio(luminance(toHex(style.backgroundColor))!, luminance(toHex(style.color))!);
      expect(ratio, `${chip.textContent!.trim()} on ${style.backgroundColor}`).to.be.at.least(4.5);
    }
    await expect(el).to.be.accessible();
  });

  it('keyboard only: Tab into the field, attach with arrows and Enter, Tab to the chip, remove with Enter', async () => {
    const { conversation } = await createConversation();
    const { store, client } = await startStore();
    const wrapper = await fixture(html`<div><button id="before">antes</button><ow-tag-picker .store=${store} conversation-id=${conversation.id}></ow-tag-picker></div>`);
    const el = wrapper.querySelector('ow-tag-picker')!;
    await waitUntil(() => $(el, 'input'), 'loaded', { timeout: 5000 });
    wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(combobox(el));
    await listLoaded(el);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => chips(el).length === 1, 'attached');
    expect(chips(el)).to.deep.equal(['Venta']);
    wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.getAttribute('aria-label')).to.equal('Quitar etiqueta Venta');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => chips(el).length === 0, 'detached');
    expect(await serverTags(client, conversation.id)).to.deep.equal([]);
    // With no chip left, the keyboard lands in the field.
    expect(el.shadowRoot!.activeElement).to.equal(combobox(el));
  });

  it('is readable in dark mode with chips and the list open', async () => {
    const { conversation } = await createConversation();
    const { store, client } = await startStore();
    await client.attachTag(conversation.id, 'tag_vip');
    const el = await fixture<OwTagPicker>(html`<ow-tag-picker theme="dark" .store=${store} conversation-id=${conversation.id}></ow-tag-picker>`);
    await waitUntil(() => chips(el).length === 1, 'loaded', { timeout: 5000 });
    await focusField(el);
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(options(el)).to.deep.equal(['Reclamo', 'Venta']);
    // Each option's swatch shows its tag's colour.
    const tags = store.getState().tags;
    for (const option of $$(el, '[role="option"]')) {
      expect(getComputedStyle(option.querySelector('[part~="swatch"]')!).backgroundColor).to.equal(toRgb(tags[option.dataset.tag!]!.color));
    }
    await expect(el).to.be.accessible();
  });

  it('speaks English', async () => {
    const { conversation } = await createConversation();
    const { store } = await startStore();
    const wrapper = await fixture(html`<div lang="en"><ow-tag-picker .store=${store} conversation-id=${conversation.id}></ow-tag-picker></div>`);
    const el = wrapper.querySelector('ow-tag-picker')!;
    await waitUntil(() => $(el, 'input'), 'loaded', { timeout: 5000 });
    expect($(el, 'label')!.textContent).to.equal('Add tag');
    expect($(el, '[part~="empty"]')!.textContent).to.equal('No tags.');
  });

  it('applies keys pressed before the option list arrived once it does', async () => {
    const { conversation } = await createConversation();
    const { store } = await startStore();
    const el = await pickerFor(store, conversation.id);
    const chunk = listChunk(el);
    combobox(el).focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    // Nothing to show yet: the field does not claim a list.
    expect(combobox(el).getAttribute('aria-expanded')).to.equal('false');
    expect(options(el)).to.deep.equal([]);
    chunk.arrive();
    await waitUntil(() => combobox(el).getAttribute('aria-activedescendant') === 'option-tag_venta', 'second option active', { timeout: 5000 });
    expect(combobox(el).getAttribute('aria-expanded')).to.equal('true');
    expect(options(el)).to.deep.equal(['Reclamo', 'Venta', 'VIP']);
    await expect(el).to.be.accessible();
  });

  it('says why when the option list cannot load, and loads it on the next try', async () => {
    const { conversation } = await createConversation();
    const { store } = await startStore();
    const el = await pickerFor(store, conversation.id);
    const chunk = listChunk(el, { online: false });
    chunk.arrive();
    combobox(el).focus();
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => $(el, '[part~="error"]'), 'error shown', { timeout: 5000 });
    expect($(el, '[part~="error"]')!.textContent).to.contain('no hay conexión con el servidor');
    expect($(el, '[part~="error"]')!.getAttribute('role')).to.equal('alert');
    expect(combobox(el).getAttribute('aria-expanded')).to.equal('false');

    chunk.online();
    await sendKeys({ type: 'v' });
    await waitUntil(() => options(el).length === 2, 'options once the list loads', { timeout: 5000 });
    expect(options(el)).to.deep.equal(['Venta', 'VIP']);
    expect($(el, '[part~="error"]')).to.equal(null);
  });
});

function toRgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

function toHex(rgb: string): string {
  const [r, g, b] = rgb.match(/\d+(\.\d+)?/g)!.map(Number);
  return `#${[r, g, b].map((c) => Math.round(c!).toString(16).padStart(2, '0')).join('')}`;
}
