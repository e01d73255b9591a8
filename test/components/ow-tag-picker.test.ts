// <ow-tag-picker> as agents use it, against the real test server: search, keyboard, colours, attach/detach, admin-only creation.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { ApiError } from '../../src/client/errors.js';
import { OwClient } from '../../src/client/api-client.js';
import type { FetchLike } from '../../src/client/http.js';
import type { OwStore } from '../../src/client/store.js';
import { contrastRatio, luminance } from '../../src/components/tag-picker/color.js';
import { newTagColor, TAG_PALETTE } from '../../src/components/tag-picker/tag-options.js';
import '../../src/components/tag-picker/ow-tag-picker.js';
import type { OwTagPicker, TagChangeDetail } from '../../src/components/tag-picker/ow-tag-picker.js';
import { LazyPart } from '../../src/components/shared/lazy-part.js';
import * as tagPickerStories from '../../stories/ow-tag-picker.stories.js';
import { storyTests } from './story-tests.js';
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

/** By keyboard: the field, the new tag's name, Enter; resolves once the colour choice has the focus. */
async function startCreating(el: OwTagPicker, name: string): Promise<void> {
  await focusField(el);
  await sendKeys({ type: name });
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => el.shadowRoot!.activeElement === checkedColor(el), 'colour panel shown');
}

async function focusField(el: OwTagPicker): Promise<void> {
  combobox(el).focus();
  await listLoaded(el);
}
const chips = (el: OwTagPicker) => $$(el, '[part~="chip"]').map((c) => c.querySelector('.name')!.textContent!.trim());
const options = (el: OwTagPicker) => $$(el, '[role="option"]').map((o) => o.textContent!.trim());
/** The colours an admin chooses from when creating a tag, and the one chosen. */
const colorRadios = (el: OwTagPicker) => $$<HTMLInputElement>(el, '[part~="palette"] input[type="radio"]');
const checkedColor = (el: OwTagPicker) => $<HTMLInputElement>(el, '[part~="palette"] input:checked');
/** A colour's name as assistive technology gets it: the text of the label around its radio. */
const colorName = (radio: HTMLInputElement) => radio.labels![0]!.textContent!.trim();
const chipColor = (el: OwTagPicker, name: string) => $$(el, '[part~="chip"]').find((c) => c.textContent!.trim() === name)?.style.background;

/** A real pointer click in the middle of `target`. */
async function click(target: Element): Promise<void> {
  const box = target.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
}

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

  it('admins may create a tag from what they typed, in the colour preselected for it; it is attached at once', async () => {
    const { conversation } = await createConversation();
    const { store, client } = await startStore('tok_admin');
    const el = await pickerFor(store, conversation.id);
    await focusField(el);
    await sendKeys({ type: 'Urgente' });
    await el.updateComplete;
    expect(options(el)).to.deep.equal(['Crear etiqueta «Urgente»…']);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => checkedColor(el), 'colour panel shown');
    // The colour the tag would have been given without asking (the palette in turn) is the one chosen.
    expect(checkedColor(el)!.value).to.equal(newTagColor(3));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => chips(el).includes('Urgente'), 'created and attached', { timeout: 5000 });
    const created = (await client.listTags()).tags.find((t) => t.name === 'Urgente')!;
    expect(created.color).to.equal(newTagColor(3));
    expect(await serverTags(client, conversation.id)).to.deep.equal([created.id]);
    expect($(el, '[role="status"]')!.textContent).to.contain('Etiqueta Urgente creada y agregada');
    expect(el.shadowRoot!.activeElement).to.equal(combobox(el));
    // An exact match is attached, not created twice.
    await sendKeys({ type: 'vip' });
    await el.updateComplete;
    expect(options(el)).to.deep.equal(['VIP']);
  });

  it('an admin creates a tag in the colour they choose by keyboard only: arrows move through the named colours, Enter creates', async () => {
    const { conversation } = await createConversation();
    const { store, client } = await startStore('tok_admin');
    // Another agent has the same conversation open.
    const { store: anaStore } = await startStore('tok_ana');
    const other = await pickerFor(anaStore, conversation.id);
    const wrapper = await fixture(html`<div><button id="before">antes</button><ow-tag-picker .store=${store} conversation-id=${conversation.id}></ow-tag-picker></div>`);
    const el = wrapper.querySelector('ow-tag-picker')!;
    await waitUntil(() => $(el, 'input'), 'loaded', { timeout: 5000 });
    wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    await listLoaded(el);
    await sendKeys({ type: 'Urgente' });
    await el.updateComplete;
    expect(combobox(el).getAttribute('aria-activedescendant')).to.equal('option-create');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.shadowRoot!.activeElement === checkedColor(el), 'the keyboard on the chosen colour');

    // A radio group of named colours, the default chosen, described with its keys.
    const palette = $(el, '[part~="palette"]')!;
    expect(palette.getAttribute('role')).to.equal('radiogroup');
    expect(palette.querySelector('legend')!.textContent).to.equal('Color de la etiqueta «Urgente»');
    expect($(el, `#${palette.getAttribute('aria-describedby')}`)!.textContent).to.contain('Enter para crear');
    expect(colorRadios(el).map(colorName)).to.deep.equal(['Azul', 'Violeta', 'Rosa', 'Cian', 'Verde', 'Naranja', 'Gris', 'Verde azulado']);
    expect(colorName(checkedColor(el)!)).to.equal('Cian');
    expect(combobox(el)).to.equal(null);
    await expect(el).to.be.accessible();

    // Every colour keeps the chip text readable: the preview shows the chip as it will be.
    const preview = $(el, '[part~="preview"]')!;
    expect(preview.textContent!.trim()).to.equal('Urgente');
    for (let step = 0; step < TAG_PALETTE.length; step++) {
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      const style = getComputedStyle(preview);
      expect(style.backgroundColor).to.equal(toRgb(checkedColor(el)!.value));
      expect(contrastRatio(luminance(toHex(style.backgroundColor))!, luminance(toHex(style.color))!), colorName(checkedColor(el)!)).to.be.at.least(4.5);
    }
    // Eight steps went round the palette; two more and one back land on Verde.
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(colorName(checkedColor(el)!)).to.equal('Verde');
    expect(el.shadowRoot!.activeElement).to.equal(checkedColor(el));

    const change = oneEvent(el, 'ow-tag-change');
    await sendKeys({ press: 'Enter' });
    const { detail } = await change;
    const created = (await client.listTags()).tags.find((t) => t.name === 'Urgente')!;
    expect(created.color).to.equal('#65a30d');
    expect(detail).to.deep.equal({ conversationId: conversation.id, tagId: created.id, attached: true });
    expect(await serverTags(client, conversation.id)).to.deep.equal([created.id]);
    await el.updateComplete;
    expect(chipColor(el, 'Urgente')).to.equal(toRgb('#65a30d'));
    // Back in the field, ready for the next tag.
    expect(el.shadowRoot!.activeElement).to.equal(combobox(el));
    expect(combobox(el).value).to.equal('');
    // The other agent's picker shows it in that colour, live.
    await waitUntil(() => chipColor(other, 'Urgente') === toRgb('#65a30d'), 'live in the other store', { timeout: 5000 });
    expect(anaStore.getState().tags[created.id]).to.deep.include({ name: 'Urgente', color: '#65a30d' });
  });

  it('an admin creates a tag in the colour they choose with the mouse', async () => {
    const { conversation } = await createConversation();
    const { store, client } = await startStore('tok_admin');
    const el = await pickerFor(store, conversation.id);
    await click(combobox(el));
    await listLoaded(el);
    await sendKeys({ type: 'Envío' });
    await el.updateComplete;
    await click($(el, '[part~="create-option"]')!);
    await waitUntil(() => checkedColor(el), 'colour panel shown');
    const violet = colorRadios(el).find((radio) => colorName(radio) === 'Violeta')!;
    await click(violet.labels![0]!);
    await el.updateComplete;
    expect(checkedColor(el)).to.equal(violet);
    expect(getComputedStyle($(el, '[part~="preview"]')!).backgroundColor).to.equal(toRgb('#7c3aed'));
    await click($(el, '[part~="create-button"]')!);
    await waitUntil(() => chips(el).includes('Envío'), 'created and attached', { timeout: 5000 });
    const created = (await client.listTags()).tags.find((t) => t.name === 'Envío')!;
    expect(created.color).to.equal('#7c3aed');
    expect(await serverTags(client, conversation.id)).to.deep.equal([created.id]);
    expect(chipColor(el, 'Envío')).to.equal(toRgb('#7c3aed'));
  });

  it('Escape or Cancelar goes back to the field with the name typed, creating nothing', async () => {
    const { conversation } = await createConversation();
    const { store, client } = await startStore('tok_admin');
    const el = await pickerFor(store, conversation.id);
    await startCreating(el, 'Urgente');
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => combobox(el) && el.shadowRoot!.activeElement === combobox(el), 'back in the field');
    expect($(el, '[part~="palette"]')).to.equal(null);
    expect(combobox(el).value).to.equal('Urgente');

    // Again, and the other way out: the cancel button.
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(options(el)).to.deep.equal(['Crear etiqueta «Urgente»…']);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => checkedColor(el), 'colour panel shown');
    $<HTMLButtonElement>(el, '[part~="cancel-button"]')!.click();
    await waitUntil(() => combobox(el) && el.shadowRoot!.activeElement === combobox(el), 'back in the field');
    expect(combobox(el).value).to.equal('Urgente');
    expect((await client.listTags()).tags.map((t) => t.name)).to.not.include('Urgente');
    expect(chips(el)).to.deep.equal([]);
  });

  it('a create that fails says why and keeps the name and colour chosen; Enter tries again', async () => {
    const { conversation } = await createConversation();
    let online = false;
    const fetch: FetchLike = (input, init) =>
      !online && init?.method === 'POST' && new URL(input).pathname === '/api/tags' ? Promise.reject(new TypeError('Failed to fetch')) : globalThis.fetch(input, init);
    const { store, client } = await startStore('tok_admin', { fetch });
    const el = await pickerFor(store, conversation.id);
    await startCreating(el, 'Urgente');
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(el, '[part~="create-panel"] [role="alert"]'), 'failure shown', { timeout: 5000 });
    expect($(el, '[part~="create-panel"] [role="alert"]')!.textContent).to.contain('No se pudo crear la etiqueta «Urgente»: no hay conexión con el servidor');
    expect($(el, '[part~="palette"] legend')!.textContent).to.contain('«Urgente»');
    expect(colorName(checkedColor(el)!)).to.equal('Rosa');
    expect(el.shadowRoot!.activeElement).to.equal(checkedColor(el));
    expect(chips(el)).to.deep.equal([]);
    await expect(el).to.be.accessible();

    online = true;
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => chips(el).includes('Urgente'), 'created on the second try', { timeout: 5000 });
    expect((await client.listTags()).tags.find((t) => t.name === 'Urgente')!.color).to.equal('#db2777');
    expect($(el, '[role="alert"]')).to.equal(null);
  });

  it('names the colours in English and Portuguese', async () => {
    const { conversation } = await createConversation();
    const { store } = await startStore('tok_admin');
    for (const [lang, names] of [
      ['en', ['Blue', 'Violet', 'Pink', 'Cyan', 'Green', 'Orange', 'Gray', 'Teal']],
      ['pt-BR', ['Azul', 'Violeta', 'Rosa', 'Ciano', 'Verde', 'Laranja', 'Cinza', 'Verde-azulado']],
    ] as const) {
      const wrapper = await fixture(html`<div lang=${lang}><ow-tag-picker theme="dark" .store=${store} conversation-id=${conversation.id}></ow-tag-picker></div>`);
      const el = wrapper.querySelector('ow-tag-picker')!;
      await waitUntil(() => $(el, 'input'), 'loaded', { timeout: 5000 });
      await focusField(el);
      await sendKeys({ type: 'Urgente' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => checkedColor(el), 'colour panel shown');
      expect(colorRadios(el).map(colorName)).to.deep.equal([...names]);
      await expect(el).to.be.accessible();
    }
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

  it('at the bottom of a narrow viewport the list opens upward, whole, and the active option stays in view', async () => {
    const { conversation } = await createConversation();
    const admin = new OwClient({ baseUrl: base, token: 'tok_admin' });
    for (let i = 1; i <= 9; i++) await admin.createTag({ name: `Zona ${i}`, color: '#2563eb' });
    const { store } = await startStore();
    await setViewport({ width: 400, height: 640 });
    try {
      const wrapper = await fixture(html`<div style="position: fixed; inset-inline: 0; bottom: 0; padding: 8px">
        <ow-tag-picker .store=${store} conversation-id=${conversation.id}></ow-tag-picker>
      </div>`);
      const el = wrapper.querySelector('ow-tag-picker')!;
      await waitUntil(() => $(el, 'input'), 'loaded', { timeout: 5000 });
      await click(combobox(el));
      await listLoaded(el);
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(options(el)).to.have.length(12);
      const listbox = $(el, '[role="listbox"]')!;
      const box = listbox.getBoundingClientRect();
      expect(box.top, 'listbox top').to.be.at.least(0);
      expect(box.bottom, 'listbox bottom').to.be.at.most(innerHeight);
      expect(box.bottom, 'above the field').to.be.at.most(combobox(el).getBoundingClientRect().top);
      // Its options scroll inside it; the one the arrows reach is scrolled into view.
      await sendKeys({ press: 'ArrowUp' });
      await el.updateComplete;
      const active = $(el, '[role="option"][aria-selected="true"]')!;
      expect(active.textContent!.trim()).to.equal('Zona 9');
      expect(active.getBoundingClientRect().top).to.be.at.least(box.top);
      expect(active.getBoundingClientRect().bottom).to.be.at.most(box.bottom);
      await expect(el).to.be.accessible();
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('near the bottom of a scrolling side column the list opens where it is seen whole, and below again once there is room', async () => {
    const { conversation } = await createConversation();
    const { store } = await startStore();
    const column = await fixture<HTMLElement>(html`<div style="height: 320px; overflow: auto; position: relative">
      <div style="height: 200px"></div>
      <ow-tag-picker .store=${store} conversation-id=${conversation.id}></ow-tag-picker>
      <div style="height: 600px"></div>
    </div>`);
    const el = column.querySelector('ow-tag-picker')!;
    await waitUntil(() => $(el, 'input'), 'loaded', { timeout: 5000 });
    const within = () => {
      const box = $(el, '[role="listbox"]')!.getBoundingClientRect();
      const area = column.getBoundingClientRect();
      return box.height > 0 && box.top >= area.top && box.bottom <= area.bottom;
    };
    await focusField(el);
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(options(el)).to.deep.equal(['Reclamo', 'Venta', 'VIP']);
    expect(within(), 'list inside the column').to.equal(true);

    // With room below, it opens below the field as usual.
    await sendKeys({ press: 'Escape' });
    column.scrollTop = 180;
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(within(), 'list inside the column').to.equal(true);
    expect($(el, '[role="listbox"]')!.getBoundingClientRect().top).to.be.at.least(combobox(el).getBoundingClientRect().bottom);
  });

  it('Enter pressed before the option list arrived attaches the first match once it does, keeping what was typed', async () => {
    const { conversation } = await createConversation();
    const { store, client } = await startStore();
    const el = await pickerFor(store, conversation.id);
    const chunk = listChunk(el);
    await click(combobox(el));
    await sendKeys({ type: 'Ven' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    // The list is not in yet: the text stays as typed, nothing is attached yet.
    expect(combobox(el).value).to.equal('Ven');
    expect(combobox(el).getAttribute('aria-expanded')).to.equal('false');
    expect(chips(el)).to.deep.equal([]);

    const changes: TagChangeDetail[] = [];
    el.addEventListener('ow-tag-change', (event) => changes.push(event.detail));
    chunk.arrive();
    await waitUntil(() => chips(el).length > 0, 'attached once the list arrived', { timeout: 5000 });
    expect(changes).to.deep.equal([{ conversationId: conversation.id, tagId: 'tag_venta', attached: true }]);
    expect(chips(el)).to.deep.equal(['Venta']);
    expect(combobox(el).value).to.equal('');
    expect(combobox(el).getAttribute('aria-expanded')).to.equal('false');
    expect(await serverTags(client, conversation.id)).to.deep.equal(['tag_venta']);
    expect(el.shadowRoot!.activeElement).to.equal(combobox(el));
  });

  it('an admin who typed a new name and pressed Enter before the list arrived gets the colour choice once it does', async () => {
    const { conversation } = await createConversation();
    const { store } = await startStore('tok_admin');
    const el = await pickerFor(store, conversation.id);
    const chunk = listChunk(el);
    await click(combobox(el));
    await sendKeys({ type: 'Urgente' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(combobox(el).value).to.equal('Urgente');
    chunk.arrive();
    await waitUntil(() => el.shadowRoot!.activeElement === checkedColor(el), 'colour panel shown', { timeout: 5000 });
    expect($(el, '[part~="palette"] legend')!.textContent).to.equal('Color de la etiqueta «Urgente»');
  });

  it('Enter before the list arrived is dropped if the agent typed on meanwhile', async () => {
    const { conversation } = await createConversation();
    const { store, client } = await startStore();
    const el = await pickerFor(store, conversation.id);
    const chunk = listChunk(el);
    await click(combobox(el));
    await sendKeys({ type: 'V' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: 'I' });
    chunk.arrive();
    await waitUntil(() => options(el).length === 1, 'options for what was typed last', { timeout: 5000 });
    expect(options(el)).to.deep.equal(['VIP']);
    expect(combobox(el).value).to.equal('VI');
    expect(chips(el)).to.deep.equal([]);
    expect(await serverTags(client, conversation.id)).to.deep.equal([]);
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

// Every story state (a real store over the stories' in-memory workspace), after its play, renders and is axe-clean.
describe('ow-tag-picker stories', () => {
  storyTests(tagPickerStories, 'ow-tag-picker', {
    play: true,
    check: (name, element) => {
      if (name.includes('ChoosesColour')) expect($(element, '[part~="palette"] input:checked')).to.not.equal(null);
      if (name === 'AdminCreateFailed') expect($(element, '[part~="create-panel"] [role="alert"]')).to.not.equal(null);
      if (name === 'ListOpensUpward') expect($(element, '[role="listbox"]')!.hasAttribute('data-up')).to.equal(true);
    },
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
