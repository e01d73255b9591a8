// <ow-customer-panel> as agents use it, against the real test server: view, validation, save, live updates, conflicts.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { OwClient } from '../../src/client/api-client.js';
import type { OwStore } from '../../src/client/store.js';
import type { Customer } from '../../src/contract/index.js';
import '../../src/components/customer-panel/ow-customer-panel.js';
import type { OwCustomerPanel } from '../../src/components/customer-panel/ow-customer-panel.js';
import { LazyPart } from '../../src/components/shared/lazy-part.js';
import { $, $$, base, conversationFactory, phoneNumbers, sim, startStore, useTestServer } from './support.js';

declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void> | void): void;

const createConversation = conversationFactory({
  customer: { name: 'Lucía Torres', email: 'lucia@example.com' },
  phone: phoneNumbers('+57300100', 4),
  messages: [{ author: 'customer', text: 'Hola' }],
});

/** Attributes stored on the customer before any agent opens it. */
async function collect(customer: Customer, attributes: Customer['attributes']): Promise<Customer> {
  const bot = new OwClient({ baseUrl: base, token: 'tok_admin' });
  return (await bot.updateCustomer(customer.id, { version: customer.version, attributes })).customer;
}

async function panelFor(store: OwStore, conversationId: string): Promise<OwCustomerPanel> {
  const el = await fixture<OwCustomerPanel>(html`<ow-customer-panel .store=${store} conversation-id=${conversationId}></ow-customer-panel>`);
  await waitUntil(() => shown(el, 'name') !== null, 'customer shown', { timeout: 5000 });
  return el;
}

/** Text of a field in view mode. */
function shown(el: OwCustomerPanel, field: string): string | null {
  return $(el, `dd[data-field="${field}"]`)?.textContent?.trim() ?? null;
}

function input<T extends HTMLElement = HTMLInputElement>(el: OwCustomerPanel, field: string): T {
  const found = $<T>(el, `.field[data-field="${field}"] [part~="input"]`);
  if (!found) throw new Error(`no input for ${field}`);
  return found;
}

function errorOf(el: OwCustomerPanel, field: string): string | null {
  return $(el, `.field[data-field="${field}"] [part~="error"]`)?.textContent?.trim() ?? null;
}

function button(el: Element, text: string): HTMLButtonElement {
  const found = $$(el, 'button').find((b) => b.textContent?.trim() === text);
  if (!found) throw new Error(`no button "${text}"`);
  return found as HTMLButtonElement;
}

async function startEditing(el: OwCustomerPanel): Promise<void> {
  button(el, 'Editar').click();
  await waitUntil(() => $(el, 'form'), 'form open');
}

/** Replaces a text field's value by typing, as the agent does. */
async function typeInto(el: OwCustomerPanel, field: string, text: string): Promise<void> {
  const target = input(el, field);
  target.focus();
  await sendKeys({ down: 'Control' });
  await sendKeys({ press: 'a' });
  await sendKeys({ up: 'Control' });
  await sendKeys({ press: 'Backspace' });
  await sendKeys({ type: text });
  await el.updateComplete;
}

async function choose(el: OwCustomerPanel, field: string, value: string): Promise<void> {
  const select = input<HTMLSelectElement>(el, field);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

async function serverCustomer(customerId: string): Promise<Customer> {
  return (await new OwClient({ baseUrl: base, token: 'tok_carla' }).getCustomer(customerId)).customer;
}

/** The conflict's value labels, in order (theirs, mine). */
function conflictLabels(el: OwCustomerPanel): string[] {
  return $$(el, '[part~="conflict"] dt').map((dt) => dt.textContent!.trim());
}

/** The conflict's choice buttons as a screen reader names them (theirs, mine); each is described by its field's label. */
function choiceButtons(el: OwCustomerPanel, fieldLabel = 'Ciudad'): string[] {
  return $$(el, '[part~="conflict"] button').map((b) => {
    const described = el.shadowRoot!.getElementById(b.getAttribute('aria-describedby')!);
    expect(described?.textContent, 'described by the field label').to.equal(fieldLabel);
    return b.textContent!.trim();
  });
}

/** A panel in `lang` with its form open. */
async function editingIn(lang: string, store: OwStore, conversationId: string): Promise<OwCustomerPanel> {
  const wrapper = await fixture(html`<div lang=${lang}><ow-customer-panel .store=${store} conversation-id=${conversationId}></ow-customer-panel></div>`);
  const el = wrapper.querySelector('ow-customer-panel')!;
  await waitUntil(() => shown(el, 'name'), 'loaded', { timeout: 5000 });
  $<HTMLButtonElement>(el, '[part~="edit-button"]')!.click();
  await waitUntil(() => $(el, 'form'), 'form open');
  return el;
}

/** Saves the form and waits for the conflict choice. */
async function saveIntoConflict(el: OwCustomerPanel): Promise<void> {
  $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
  await waitUntil(() => $(el, '[part~="conflict"]'), 'conflict shown', { timeout: 5000 });
}

/** Ana (in `lang`) sets ciudad to Lima while Carla saves Santiago; Ana's save meets the conflict. */
/** Ana (in `lang`) edits the city while `saver` (Carla by default, or Ana in another tab) saves another; the save meets the conflict. */
async function conflictWithCarla(lang: string, saver = 'tok_carla'): Promise<OwCustomerPanel> {
  const { customer, conversation } = await createConversation();
  const { store } = await startStore('tok_ana');
  const other = await startStore(saver);
  const el = await editingIn(lang, store, conversation.id);
  await choose(el, 'attributes.ciudad', 'Lima');
  const current = await serverCustomer(customer.id);
  await other.client.updateCustomer(customer.id, { version: current.version, attributes: { ciudad: 'Santiago' } });
  await saveIntoConflict(el);
  return el;
}

/** The agent (in `lang`) types a name while the bot stores the one the customer wrote; the save meets the conflict. */
async function conflictWithBot(lang: string, from: string): Promise<OwCustomerPanel> {
  const first = await sim.inbound({ channel: 'whatsapp', from, text: 'Hola' });
  const { store } = await startStore('tok_admin');
  const el = await editingIn(lang, store, first.conversation.id);
  await typeInto(el, 'name', 'Marta');
  await sim.inbound({ channel: 'whatsapp', from, text: 'Marta Gil' });
  await waitUntil(() => $(el, '[part~="notice"]'), 'bot save seen', { timeout: 5000 });
  await saveIntoConflict(el);
  return el;
}

useTestServer();

describe('ow-customer-panel', () => {
  it('shows the name and e-mail the bot collected in the chat', async () => {
    const from = '+573009998877';
    const first = await sim.inbound({ channel: 'whatsapp', from, text: 'Hola' });
    await sim.inbound({ channel: 'whatsapp', from, text: 'Marta Gil' });
    await sim.inbound({ channel: 'whatsapp', from, text: 'marta.gil@correo.co' });
    await sim.inbound({ channel: 'whatsapp', from, text: 'Ventas' });
    const { store } = await startStore();
    const el = await panelFor(store, first.conversation.id);
    expect($(el, 'h2')!.textContent).to.equal('Marta Gil');
    expect(shown(el, 'email')).to.equal('marta.gil@correo.co');
    expect(shown(el, 'phone')).to.contain('9998877');
  });

  it('a save by the bot while the agent edits is told without an agent name', async () => {
    const from = '+573009998866';
    const first = await sim.inbound({ channel: 'whatsapp', from, text: 'Hola' });
    const { store } = await startStore('tok_admin');
    const el = await panelFor(store, first.conversation.id);
    await startEditing(el);
    await typeInto(el, 'attributes.documento', '5566');
    await sim.inbound({ channel: 'whatsapp', from, text: 'Marta Gil' });
    await waitUntil(() => $(el, '[part~="notice"]'), 'notice shown', { timeout: 5000 });
    expect($(el, '[part~="notice"]')!.textContent).to.equal(
      'Este cliente se actualizó mientras editabas. Tus cambios se conservan; al guardar verás las diferencias.',
    );
    expect(input(el, 'attributes.documento').value).to.equal('5566');
  });

  it('shows phone numbers and e-mail addresses whole, on one line, in a narrow column', async () => {
    const { customer, conversation } = await createConversation({ customer: { name: 'Natalia Mendoza', phone: '+5491181981548', email: 'natalia.mendoza@outlook.com' } });
    const { store } = await startStore();
    const wrapper = await fixture<HTMLElement>(html`<div style="width: 260px"><ow-customer-panel .store=${store} conversation-id=${conversation.id}></ow-customer-panel></div>`);
    const el = wrapper.querySelector('ow-customer-panel')!;
    await waitUntil(() => shown(el, 'email'), 'customer shown', { timeout: 5000 });
    const value = (field: string) => $<HTMLElement>(el, `dd[data-field="${field}"]`)!;
    /** The lines the value's text takes, and whether all of it is in view. */
    const layout = (field: string) => {
      const dd = value(field);
      const range = document.createRange();
      range.selectNodeContents(dd);
      const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
      return { lines, whole: dd.scrollWidth <= dd.clientWidth };
    };
    expect(layout('phone'), customer.phone!).to.deep.equal({ lines: 1, whole: true });
    expect(layout('email')).to.deep.equal({ lines: 1, whole: true });
    expect(shown(el, 'email')).to.equal('natalia.mendoza@outlook.com');

    // An address longer than the column ends in "…" on its one line; the text is still all there to select and copy.
    const long = 'natalia.mendoza.de.la.fuente@consultora-internacional.com.ar';
    await new OwClient({ baseUrl: base, token: 'tok_admin' }).updateCustomer(customer.id, { version: customer.version, email: long });
    await waitUntil(() => shown(el, 'email') === long, 'long address shown', { timeout: 5000 });
    expect(layout('email')).to.deep.equal({ lines: 1, whole: false });
    expect(getComputedStyle(value('email')).textOverflow).to.equal('ellipsis');
    expect(value('email').title, 'the whole address on hover').to.equal(long);
    await expect(el).to.be.accessible();
  });

  it('shows every custom attribute typed and labelled, and is accessible', async () => {
    const { customer, conversation } = await createConversation();
    await collect(customer, { documento: '1020304050', ciudad: 'Lima', fecha_nacimiento: '1990-05-17', acepta_marketing: true, compras: 1250 });
    const { store } = await startStore();
    const el = await panelFor(store, conversation.id);

    expect($(el, 'h2')!.textContent).to.equal('Lucía Torres');
    expect(shown(el, 'phone')).to.equal(customer.phone);
    expect(shown(el, 'email')).to.equal('lucia@example.com');
    expect(shown(el, 'attributes.documento')).to.equal('1020304050');
    expect(shown(el, 'attributes.ciudad')).to.equal('Lima');
    expect(shown(el, 'attributes.acepta_marketing')).to.equal('Sí');
    expect(shown(el, 'attributes.compras')).to.equal(new Intl.NumberFormat('es').format(1250));
    expect(shown(el, 'attributes.fecha_nacimiento')).to.contain('1990');
    const labels = $$(el, 'dt').map((dt) => dt.textContent?.trim());
    expect(labels).to.include.members(['Nombre', 'Teléfono', 'Correo electrónico', 'Documento', 'Ciudad', 'Fecha de nacimiento', 'Acepta marketing', 'Compras']);
    await expect(el).to.be.accessible();
  });

  it('edits with typed inputs: each attribute gets the input of its type and a label', async () => {
    const { conversation } = await createConversation();
    const { store } = await startStore();
    const el = await panelFor(store, conversation.id);
    await startEditing(el);

    // The form's chunk brings its look: inputs fill the field, the form lays out as a grid.
    expect(getComputedStyle($(el, 'form')!).display).to.equal('grid');
    expect(input(el, 'email').getBoundingClientRect().width).to.be.greaterThan(100);
    expect(input(el, 'email').type).to.equal('email');
    expect(input(el, 'phone').type).to.equal('tel');
    expect(input(el, 'attributes.compras').type).to.equal('number');
    expect(input(el, 'attributes.fecha_nacimiento').type).to.equal('date');
    expect(input(el, 'attributes.acepta_marketing').type).to.equal('checkbox');
    const options = [...input<HTMLSelectElement>(el, 'attributes.ciudad').options].map((o) => o.value);
    expect(options).to.deep.equal(['', 'Bogotá', 'Lima', 'Santiago', 'Ciudad de México', 'São Paulo']);
    for (const field of $$(el, '[part~="input"]')) {
      expect($(el, `label[for="${field.id}"]`), `label for ${field.id}`).to.exist;
    }
    expect(document.activeElement).to.equal(el);
    expect(el.shadowRoot!.activeElement).to.equal(input(el, 'name'));
    await expect(el).to.be.accessible();
  });

  it('refuses an invalid e-mail and phone with a message next to the field, and sends nothing', async () => {
    const { customer, conversation } = await createConversation();
    const { store } = await startStore();
    const el = await panelFor(store, conversation.id);
    let saved = false;
    el.addEventListener('ow-customer-saved', () => (saved = true));
    await startEditing(el);

    await typeInto(el, 'email', 'lucia-en-example.com');
    await typeInto(el, 'phone', 'llámame');
    button(el, 'Guardar').click();
    await el.updateComplete;

    expect(errorOf(el, 'email')).to.equal('Escribe un correo válido, por ejemplo nombre@dominio.com.');
    expect(errorOf(el, 'phone')).to.contain('Escribe un teléfono válido');
    expect(input(el, 'email').getAttribute('aria-invalid')).to.equal('true');
    expect(input(el, 'email').getAttribute('aria-describedby')).to.equal($(el, '.field[data-field="email"] [part~="error"]')!.id);
    // The first invalid field takes the focus.
    expect(el.shadowRoot!.activeElement).to.equal(input(el, 'phone'));
    await expect(el).to.be.accessible();

    const stored = await serverCustomer(customer.id);
    expect(stored.version).to.equal(customer.version);
    expect(stored.email).to.equal('lucia@example.com');
    expect(saved).to.equal(false);

    // Fixing the value clears the message once the field is left.
    await typeInto(el, 'email', 'lucia@correo.co');
    expect(errorOf(el, 'email')).to.equal(null);
  });

  it('validates required names, numbers and select options like the server does', async () => {
    const { customer, conversation } = await createConversation();
    const { store } = await startStore();
    const el = await panelFor(store, conversation.id);
    await startEditing(el);

    await typeInto(el, 'name', '   ');
    await choose(el, 'attributes.ciudad', 'Lima');
    button(el, 'Guardar').click();
    await el.updateComplete;
    expect(errorOf(el, 'name')).to.equal('Este campo es obligatorio.');
    expect(errorOf(el, 'attributes.ciudad')).to.equal(null);
    expect((await serverCustomer(customer.id)).version).to.equal(customer.version);
  });

  it('saves a valid edit on the version it was based on: the server stores it and the panel shows it', async () => {
    const { customer, conversation } = await createConversation();
    const { store } = await startStore();
    const el = await panelFor(store, conversation.id);
    await startEditing(el);

    await typeInto(el, 'email', 'lucia.torres@correo.co');
    await typeInto(el, 'attributes.documento', 'CC 52.000.111');
    await typeInto(el, 'attributes.compras', '3');
    await choose(el, 'attributes.ciudad', 'Bogotá');
    input(el, 'attributes.acepta_marketing').click();
    const savedEvent = oneEvent(el, 'ow-customer-saved');
    button(el, 'Guardar').click();
    await waitUntil(() => $(el, 'button[type="submit"]')?.textContent?.trim() === 'Guardando…' || !$(el, 'form'), 'saving shown');
    const { detail } = await savedEvent;

    expect(detail.customerId).to.equal(customer.id);
    const stored = await serverCustomer(customer.id);
    expect(stored.version).to.equal(customer.version + 1);
    expect(stored.email).to.equal('lucia.torres@correo.co');
    expect(stored.attributes).to.include({ documento: 'CC 52.000.111', compras: 3, ciudad: 'Bogotá', acepta_marketing: true });
    await waitUntil(() => !$(el, 'form'), 'back to view mode');
    expect(shown(el, 'email')).to.equal('lucia.torres@correo.co');
    expect(shown(el, 'attributes.ciudad')).to.equal('Bogotá');
    // Focus returns to the edit button.
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Editar');
  });

  it('a save that cannot reach the server keeps the draft, says why and can be sent again', async () => {
    const { customer, conversation } = await createConversation();
    let offline = true;
    const { store } = await startStore('tok_ana', {
      fetch: (input, init) => (offline && init?.method === 'PATCH' ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init)),
    });
    const el = await panelFor(store, conversation.id);
    await startEditing(el);
    await typeInto(el, 'attributes.documento', '445566');
    button(el, 'Guardar').click();
    await waitUntil(() => $(el, '[part~="save-error"]'), 'error shown', { timeout: 5000 });
    expect($(el, '[part~="save-error"]')!.textContent).to.contain('No se pudo guardar');
    expect(input(el, 'attributes.documento').value).to.equal('445566');
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Guardar');
    await expect(el).to.be.accessible();

    offline = false;
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !$(el, 'form'), 'saved', { timeout: 5000 });
    expect((await serverCustomer(customer.id)).attributes.documento).to.equal('445566');
  });

  it('says so when the form cannot load, stays in view, and opens it when the agent tries again', async () => {
    const { conversation } = await createConversation();
    const { store } = await startStore('tok_ana');
    const el = await panelFor(store, conversation.id);
    // The form's chunk fails to load once, as it would without a connection.
    const panel = el as unknown as { formPart: LazyPart<unknown> };
    const formPart = panel.formPart;
    let offline = true;
    panel.formPart = new LazyPart(el, () => (offline ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : formPart.get()));
    button(el, 'Editar').click();
    await waitUntil(() => $(el, '[part~="error"]'), 'failure shown', { timeout: 5000 });
    expect($(el, '[part~="error"]')!.textContent).to.contain('No se pudo abrir el formulario');
    expect($(el, 'form')).to.equal(null);
    expect(shown(el, 'name')).to.equal('Lucía Torres');
    await expect(el).to.be.accessible();

    offline = false;
    await startEditing(el);
    expect($(el, '[part~="error"]')).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(input(el, 'name'));
  });

  it('Cancelar and Escape close the form without sending anything', async () => {
    const { customer, conversation } = await createConversation();
    const { store } = await startStore();
    const el = await panelFor(store, conversation.id);
    await startEditing(el);
    await typeInto(el, 'name', 'Otra persona');
    button(el, 'Cancelar').click();
    await el.updateComplete;
    expect($(el, 'form')).to.equal(null);
    expect($(el, 'h2')!.textContent).to.equal('Lucía Torres');

    // Keyboard: Enter on "Editar", type, Escape — back to the edit button, nothing sent.
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Editar');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(el, 'form'), 'form open');
    await sendKeys({ type: ' Segunda' });
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect($(el, 'form')).to.equal(null);
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Editar');
    expect((await serverCustomer(customer.id)).version).to.equal(customer.version);
  });

  it("shows another agent's save live; while editing it keeps the draft and says so", async () => {
    const { customer, conversation } = await createConversation();
    const ana = await startStore('tok_ana');
    const carla = await startStore('tok_carla');
    const wrapper = await fixture(html`<div>
      <ow-customer-panel id="ana" .store=${ana.store} conversation-id=${conversation.id}></ow-customer-panel>
      <ow-customer-panel id="carla" .store=${carla.store} conversation-id=${conversation.id}></ow-customer-panel>
    </div>`);
    const panelA = wrapper.querySelector<OwCustomerPanel>('#ana')!;
    const panelB = wrapper.querySelector<OwCustomerPanel>('#carla')!;
    await waitUntil(() => shown(panelA, 'name') && shown(panelB, 'name'), 'both panels loaded', { timeout: 5000 });

    // Carla saves; Ana is only looking.
    await startEditing(panelB);
    await choose(panelB, 'attributes.ciudad', 'Santiago');
    button(panelB, 'Guardar').click();
    await waitUntil(() => shown(panelA, 'attributes.ciudad') === 'Santiago', "Ana sees Carla's save live", { timeout: 5000 });
    expect($(panelA, '[aria-live="polite"]')!.textContent).to.equal('Carla Gómez actualizó los datos del cliente.');

    // Ana edits; Carla saves again; Ana's draft stays and a notice explains why.
    await startEditing(panelA);
    await typeInto(panelA, 'attributes.documento', '998877');
    await startEditing(panelB);
    await typeInto(panelB, 'email', 'lucia@nuevo.co');
    button(panelB, 'Guardar').click();
    await waitUntil(() => $(panelA, '[part~="notice"]'), 'notice shown to Ana', { timeout: 5000 });
    expect($(panelA, '[part~="notice"]')!.textContent).to.contain('Carla Gómez actualizó este cliente. Tus cambios se conservan');
    expect(input(panelA, 'attributes.documento').value).to.equal('998877');
    expect(input(panelA, 'email').value).to.equal('lucia@example.com');
    await expect(panelA).to.be.accessible();

    // Ana's save only touches what she changed: Carla's e-mail stays.
    button(panelA, 'Guardar').click();
    await waitUntil(() => !$(panelA, 'form'), 'Ana saved', { timeout: 5000 });
    const stored = await serverCustomer(customer.id);
    expect(stored.email).to.equal('lucia@nuevo.co');
    expect(stored.attributes).to.include({ documento: '998877', ciudad: 'Santiago' });
  });

  it('on a conflict shows their value against mine; "Reaplicar el mío" stores mine on the new version', async () => {
    const { customer, conversation } = await createConversation();
    const ana = await startStore('tok_ana');
    const carla = await startStore('tok_carla');
    const panelA = await panelFor(ana.store, conversation.id);
    await startEditing(panelA);
    await choose(panelA, 'attributes.ciudad', 'Lima');
    await typeInto(panelA, 'attributes.documento', '111');

    // Carla saves the same field first, through her own panel.
    const panelB = await panelFor(carla.store, conversation.id);
    await startEditing(panelB);
    await choose(panelB, 'attributes.ciudad', 'Santiago');
    button(panelB, 'Guardar').click();
    await waitUntil(() => !$(panelB, 'form'), 'Carla saved', { timeout: 5000 });

    const conflictEvent = oneEvent(panelA, 'ow-customer-conflict');
    button(panelA, 'Guardar').click();
    const { detail } = await conflictEvent;
    expect(detail.fields).to.deep.equal(['attributes.ciudad']);
    const conflict = $(panelA, '[part~="conflict"]')!;
    expect(conflict.querySelector('h3')!.textContent).to.equal('Carla Gómez guardó cambios mientras editabas');
    expect(conflict.querySelector('[part~="theirs"]')!.textContent!.trim()).to.equal('Santiago');
    expect(conflict.querySelector('[part~="mine"]')!.textContent!.trim()).to.equal('Lima');
    // Whose value is whose, without "su" (which reads as the agent's own): the values and the button name Carla.
    expect(conflictLabels(panelA)).to.deep.equal(['Valor de Carla Gómez', 'Tu valor']);
    expect(choiceButtons(panelA)).to.deep.equal(['Usar el de Carla Gómez', 'Reaplicar el mío']);
    // Nothing was overwritten yet.
    expect((await serverCustomer(customer.id)).attributes.ciudad).to.equal('Santiago');
    await expect(panelA).to.be.accessible();

    button(panelA, 'Reaplicar el mío').click();
    await waitUntil(() => !$(panelA, 'form'), 'saved after re-applying', { timeout: 5000 });
    const stored = await serverCustomer(customer.id);
    expect(stored.attributes).to.include({ ciudad: 'Lima', documento: '111' });
    expect(stored.version).to.equal(customer.version + 2);
    await waitUntil(() => shown(panelB, 'attributes.ciudad') === 'Lima', 'Carla sees the re-applied value live', { timeout: 5000 });
  });

  it('on a conflict "Usar el de Carla Gómez" keeps her value and still saves my other changes', async () => {
    const { customer, conversation } = await createConversation();
    const ana = await startStore('tok_ana');
    const carla = await startStore('tok_carla');
    const panelA = await panelFor(ana.store, conversation.id);
    await startEditing(panelA);
    await typeInto(panelA, 'email', 'ana-puso@esto.co');
    await typeInto(panelA, 'attributes.compras', '7');

    const current = await serverCustomer(customer.id);
    await carla.client.updateCustomer(customer.id, { version: current.version, email: 'carla-puso@esto.co' });

    button(panelA, 'Guardar').click();
    await waitUntil(() => $(panelA, '[part~="conflict"]'), 'conflict shown', { timeout: 5000 });
    expect($$(panelA, '[part~="conflict"] li').map((li) => li.dataset.field)).to.deep.equal(['email']);
    // Keyboard: the first choice has the focus.
    expect(panelA.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Usar el de Carla Gómez');
    button(panelA, 'Usar el de Carla Gómez').click();
    await waitUntil(() => !$(panelA, 'form'), 'saved', { timeout: 5000 });

    const stored = await serverCustomer(customer.id);
    expect(stored.email).to.equal('carla-puso@esto.co');
    expect(stored.attributes.compras).to.equal(7);
    expect(shown(panelA, 'email')).to.equal('carla-puso@esto.co');
  });

  it('names the agent who saved on the conflicting value and its button, in English and Portuguese', async () => {
    const en = await conflictWithCarla('en');
    expect($(en, '[part~="conflict"] h3')!.textContent).to.equal('Carla Gómez saved changes while you were editing');
    expect(conflictLabels(en)).to.deep.equal(["Carla Gómez's value", 'Your value']);
    expect(choiceButtons(en)).to.deep.equal(["Use Carla Gómez's", 'Re-apply mine']);
    await expect(en).to.be.accessible();

    const pt = await conflictWithCarla('pt-BR');
    expect(conflictLabels(pt)).to.deep.equal(['Valor de Carla Gómez', 'Seu valor']);
    expect(choiceButtons(pt)).to.deep.equal(['Usar o de Carla Gómez', 'Reaplicar o meu']);
    await expect(pt).to.be.accessible();
  });

  it('a conflict with a save nobody can be named for (the bot) speaks of the saved value', async () => {
    const es = await conflictWithBot('es', '+573009998855');
    expect($(es, '[part~="conflict"] h3')!.textContent).to.equal('Se guardaron cambios mientras editabas');
    expect(conflictLabels(es)).to.deep.equal(['Valor guardado', 'Tu valor']);
    expect(choiceButtons(es, 'Nombre')).to.deep.equal(['Usar el guardado', 'Reaplicar el mío']);
    await expect(es).to.be.accessible();

    const pt = await conflictWithBot('pt-BR', '+573009998844');
    expect(conflictLabels(pt)).to.deep.equal(['Valor salvo', 'Seu valor']);
    expect(choiceButtons(pt, 'Nome')).to.deep.equal(['Usar o salvo', 'Reaplicar o meu']);

    // Choosing the saved value keeps the name the customer wrote.
    button(es, 'Usar el guardado').click();
    await waitUntil(() => !$(es, 'form'), 'saved', { timeout: 5000 });
    expect($(es, 'h2')!.textContent).to.equal('Marta Gil');
  });

  it("the agent's own save from another tab is not named as someone else's", async () => {
    const el = await conflictWithCarla('es', 'tok_ana');
    expect($(el, '[part~="conflict"] h3')!.textContent).to.equal('Se guardaron cambios mientras editabas');
    expect(conflictLabels(el)).to.deep.equal(['Valor guardado', 'Tu valor']);
  });

  it('speaks English and Portuguese from the nearest lang attribute', async () => {
    const { conversation } = await createConversation();
    const { store } = await startStore();
    const en = await fixture(html`<div lang="en"><ow-customer-panel .store=${store} conversation-id=${conversation.id}></ow-customer-panel></div>`);
    const panelEn = en.querySelector('ow-customer-panel')!;
    await waitUntil(() => shown(panelEn, 'name'), 'loaded');
    expect(button(panelEn, 'Edit')).to.exist;
    expect($$(panelEn, 'dt').map((d) => d.textContent?.trim())).to.include('Phone');
    const pt = await fixture(html`<div lang="pt-BR"><ow-customer-panel .store=${store} conversation-id=${conversation.id}></ow-customer-panel></div>`);
    const panelPt = pt.querySelector('ow-customer-panel')!;
    await waitUntil(() => shown(panelPt, 'name'), 'loaded');
    expect($$(panelPt, 'dt').map((d) => d.textContent?.trim())).to.include('Telefone');
  });

  it('is readable in dark mode, in view and with validation errors', async () => {
    const { customer, conversation } = await createConversation();
    await collect(customer, { ciudad: 'Lima', acepta_marketing: false });
    const { store } = await startStore();
    const el = await fixture<OwCustomerPanel>(html`<ow-customer-panel theme="dark" .store=${store} conversation-id=${conversation.id}></ow-customer-panel>`);
    await waitUntil(() => shown(el, 'name') !== null, 'loaded', { timeout: 5000 });
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(17, 20, 24)');
    await expect(el).to.be.accessible();
    await startEditing(el);
    await typeInto(el, 'email', 'no-es-correo');
    button(el, 'Guardar').click();
    await el.updateComplete;
    expect(errorOf(el, 'email')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows an empty state without a conversation', async () => {
    const { store } = await startStore();
    const el = await fixture<OwCustomerPanel>(html`<ow-customer-panel .store=${store}></ow-customer-panel>`);
    expect($(el, '[part~="empty"]')!.textContent).to.contain('Selecciona una conversación');
    await expect(el).to.be.accessible();
  });
});
