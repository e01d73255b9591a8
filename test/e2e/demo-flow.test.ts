// The whole product through the demo pages: a customer on the phone simulator, three agents in the console.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { BOT_TEXT } from '../../server/services/bot.js';
import { startFaultProxy, type FaultProxy } from '../faults/fault-proxy.js';
import { parcelPhoto } from '../../server/seed/files.js';
import { absent, attrIs, axeViolations, count, startHarness, storySteps, textHas, textIs, until, visible, type Harness } from './harness.js';

let harness: Harness | undefined;
let proxy: FaultProxy | undefined;

before(async () => {
  harness = await startHarness();
  // Agent A's browser reaches the server through a proxy that can cut the event stream, as a flaky network would.
  proxy = await startFaultProxy({ target: harness.demo.url });
});

after(async () => {
  await proxy?.close();
  await harness?.close();
});

const CUSTOMER = { name: 'Laura Castaño', phone: '+573001112233', email: 'laura.castano@example.com' };
const SEARCH = 'Castaño';

function inbox(page: Page): Locator {
  return page.locator('ow-agent-console ow-inbox');
}

function row(page: Page, name = CUSTOMER.name): Locator {
  return inbox(page).locator('[role="option"]', { hasText: name });
}

function chat(page: Page): Locator {
  return page.locator('ow-agent-console ow-chat');
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/');
  await page.locator(`button[data-email="${email}"]`).click();
  await visible(inbox(page).locator('[role="tab"][data-tray="queued"]'));
}

/** Shows one tray of the inbox, filtered to the test customer. */
async function showTray(page: Page, tray: 'queued' | 'mine' | 'agents' | 'bot', options: { status?: string; tag?: string } = {}): Promise<void> {
  const box = inbox(page);
  await box.locator(`[role="tab"][data-tray="${tray}"]`).click();
  await box.locator('select[part="status-filter"]').selectOption(options.status ?? 'active');
  await box.locator('select[part="tag-filter"]').selectOption(options.tag ?? '');
  const search = box.locator('input[part="search"]');
  if ((await search.inputValue()) !== SEARCH) await search.fill(SEARCH);
}

async function phoneSays(phone: Page, text: string): Promise<void> {
  await phone.locator('#text').fill(text);
  await phone.locator('#text').press('Enter');
  await visible(phone.locator('.bubble.customer', { hasText: text }).last());
}

async function expectBot(phone: Page, text: string, times = 1): Promise<void> {
  await count(phone.locator('.bubble.bot', { hasText: text }), times);
}

async function simView(): Promise<{ conversations: { id: string; status: string; stage: string }[]; messages: { kind: string; text: string; author: string }[] }> {
  const url = `${harness!.demo.url}/api/sim/conversations?channel=whatsapp&from=${encodeURIComponent(CUSTOMER.phone)}`;
  const response = await fetch(url);
  assert.equal(response.status, 200);
  return (await response.json()) as Awaited<ReturnType<typeof simView>>;
}

test('a customer and three agents work one conversation through the demo pages', { timeout: 240_000 }, async (t) => {
  const step = storySteps(t, () => harness);
  const h = harness!;
  let phone!: Page;
  let a!: Page;
  let aContext!: BrowserContext;
  let b!: Page;
  let c!: Page;
  const reply = 'Hola Laura, soy Sofía. El plan Empresa incluye 300 megas e IP fija.';
  const note = 'Nota E2E: pidió descuento por volumen, consultar con gerencia.';
  const documento = '1.020.304.050';

  await step('agents sign in: Sofía and Lucas (Ventas) and Mateo (Soporte)', async () => {
    ({ page: a, context: aContext } = await h.newPage('agent-a-sofia', { baseURL: proxy!.url }));
    ({ page: b } = await h.newPage('agent-b-lucas'));
    ({ page: c } = await h.newPage('agent-c-mateo'));
    await Promise.all([signIn(a, 'sofia@demo.ow'), signIn(b, 'lucas@demo.ow'), signIn(c, 'mateo@demo.ow')]);
  });

  await step('a new customer writes on the phone and the bot collects name, e-mail and area', async () => {
    ({ page: phone } = await h.newPage('phone'));
    await phone.goto('/phone.html');
    await phone.locator('#new-name').fill(CUSTOMER.name);
    await phone.locator('#new-from').fill(CUSTOMER.phone);
    await phone.locator('#new-customer button[type="submit"]').click();
    await phoneSays(phone, 'Hola, quiero saber del plan Empresa');
    await expectBot(phone, BOT_TEXT.greeting);
    await phoneSays(phone, CUSTOMER.name);
    await expectBot(phone, BOT_TEXT.askEmail(CUSTOMER.name));
    await phoneSays(phone, CUSTOMER.email);
    await expectBot(phone, '¿Con qué área quieres hablar?');
    await phoneSays(phone, '1');
    await expectBot(phone, BOT_TEXT.queued('Ventas'));
  });

  await step('the conversation waits in Sin asignar for Ventas agents only', async () => {
    await showTray(a, 'queued');
    await visible(row(a));
    await showTray(c, 'queued');
    await visible(inbox(c).locator('[part="empty"]'));
    await absent(row(c));
    await showTray(c, 'bot');
    await absent(row(c), undefined, 'Mateo (Soporte) still lists it in his Bot tray after the bot queued it for Ventas');
    // Not only hidden: the server gives Mateo nothing about it.
    const token = await c.evaluate(() => JSON.parse(sessionStorage.getItem('andes-crm.session') ?? 'null')?.token as string);
    for (const tray of ['queued', 'mine', 'agents', 'bot']) {
      const response = await fetch(`${h.demo.url}/api/conversations?tray=${tray}&q=${encodeURIComponent(SEARCH)}`, { headers: { Authorization: `Bearer ${token}` } });
      assert.equal(response.status, 200);
      const page = (await response.json()) as { conversations: unknown[] };
      assert.equal(page.conversations.length, 0, `Mateo's ${tray} tray`);
    }
  });

  await step('Sofía opens it: read-only until she takes it, then replies and the phone receives it', async () => {
    await row(a).click();
    await textIs(chat(a).locator('[part~="customer"]'), CUSTOMER.name);
    await absent(chat(a).locator('ow-composer'));
    await chat(a).locator('[part~="read-only"] button[part~="assign"]').click();
    const textarea = chat(a).locator('ow-composer textarea');
    await visible(textarea);
    await textHas(chat(a).locator('[part~="holder"]'), 'Sofía');
    await textarea.fill(reply);
    await textarea.press('Enter');
    await visible(chat(a).locator('[part~="message"]', { hasText: reply }));
    await visible(phone.locator('.bubble.agent', { hasText: reply }));
    // The phone has the chat open, so the reply is read: the agent sees the read tick.
    await attrIs(chat(a).locator('[part~="message"]', { hasText: reply }).locator('[part~="status"]'), 'aria-label', 'Leído');
    // The customer sends a photo from the phone; Sofía's chat shows it, served through its signed URL.
    const caption = 'Les mando la foto de la caja';
    await phone.locator('#file').setInputFiles({ name: 'caja.png', mimeType: 'image/png', buffer: Buffer.from(parcelPhoto([37, 99, 235])) });
    await phoneSays(phone, caption);
    await visible(phone.locator('.bubble.customer', { hasText: caption }).locator('img'));
    const image = chat(a).locator('[part~="message"]', { hasText: caption }).locator('img');
    await visible(image);
    await until(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === 240), 'the photo to load in the agent\'s chat');
  });

  await step('the console with a conversation open passes axe, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await a.emulateMedia({ colorScheme });
      assert.deepEqual(await axeViolations(a), [], `axe violations (${colorScheme})`);
    }
    await a.emulateMedia({ colorScheme: 'light' });
  });

  await step('Lucas (same group) corrects the customer; Sofía sees it without a reload', async () => {
    await showTray(b, 'agents');
    await row(b).click();
    const panel = b.locator('ow-agent-console ow-customer-panel');
    await panel.locator('button[part~="edit-button"]').click();
    // The built bundle's minified templates keep the space before "(obligatorio)".
    await textHas(panel.locator('label[for="field-name"]'), 'Nombre (obligatorio)');
    await panel.locator('#field-attributes-documento').fill(documento);
    await panel.locator('form[part~="form"] button[type="submit"]').click();
    await textIs(panel.locator('[data-field="attributes.documento"]'), documento);
    await textIs(a.locator('ow-agent-console ow-customer-panel [data-field="attributes.documento"]'), documento);
  });

  await step('an internal note reaches Lucas live and never the phone', async () => {
    const notes = a.locator('ow-agent-console ow-notes');
    await notes.locator('textarea').fill(note);
    await notes.locator('button[part~="add-button"]').click();
    await visible(b.locator('ow-agent-console ow-notes [part~="note"]', { hasText: note }));
    await visible(chat(b).locator('[part~="message"]', { hasText: note }));
    await phone.reload();
    await visible(phone.locator('.bubble.agent', { hasText: reply }));
    await absent(phone.getByText(note));
    const view = await simView();
    assert.ok(view.messages.some((m) => m.text === reply));
    assert.ok(!view.messages.some((m) => m.text === note || m.kind === 'note'), 'the customer channel never carries notes');
  });

  await step('a tag is attached and the inbox filters by it', async () => {
    const picker = a.locator('ow-agent-console ow-tag-picker');
    await picker.locator('input[role="combobox"]').fill('VIP');
    await picker.locator('[role="option"][data-tag="tag_vip"]').click();
    await visible(picker.locator('[part~="chip"][data-tag="tag_vip"]'));
    await showTray(a, 'mine', { tag: 'tag_vip' });
    await visible(row(a));
    await showTray(a, 'mine', { tag: 'tag_reclamo' });
    await absent(row(a));
    await showTray(a, 'mine');
    await visible(row(a));
  });

  await step('transfer to Soporte: it leaves Sofía\'s view and enters Soporte\'s queue', async () => {
    await showTray(c, 'queued');
    await absent(row(c));
    await chat(a).locator('button[part~="transfer-action"]').click();
    await chat(a).locator('#transfer-list [role="option"]', { hasText: 'Soporte' }).click();
    await absent(row(a));
    for (const tray of ['queued', 'agents', 'bot'] as const) {
      await showTray(a, tray);
      await absent(row(a));
    }
    await showTray(c, 'queued');
    await visible(row(c));
  });

  await step('Mateo takes it and closes it: it is in Cerrados', async () => {
    await row(c).click();
    await chat(c).locator('[part~="read-only"] button[part~="assign"]').click();
    await visible(chat(c).locator('ow-composer textarea'));
    await chat(c).locator('button[part~="close-action"]').click();
    await chat(c).locator('#close-dialog button.danger').click();
    await textHas(chat(c).locator('[part~="read-only"]'), 'cerrada');
    await showTray(c, 'mine', { status: 'closed' });
    await visible(row(c));
    await showTray(c, 'mine');
    await absent(row(c));
  });

  await step('the customer writes again: the bot starts a new conversation', async () => {
    await phoneSays(phone, 'Hola otra vez, tengo otra consulta');
    await expectBot(phone, BOT_TEXT.welcomeBack(CUSTOMER.name));
    await expectBot(phone, '¿Con qué área quieres hablar?', 2);
    await visible(phone.locator('.separator', { hasText: 'Nueva conversación' }));
    const view = await simView();
    assert.equal(view.conversations.length, 2);
    assert.deepEqual(
      view.conversations.map((x) => [x.status, x.stage]),
      [
        ['closed', 'assigned'],
        ['active', 'bot'],
      ],
    );
  });

  await step('Sofía\'s network drops and returns: nothing is missed', async () => {
    await showTray(a, 'bot');
    await visible(row(a));
    await row(a).click();
    await visible(chat(a).locator('[part~="message"]', { hasText: 'tengo otra consulta' }));
    await aContext.setOffline(true);
    assert.ok(proxy!.cutStreams() >= 1, 'Sofía had an open event stream');
    const banner = a.locator('ow-agent-console ow-connection-status [part~="banner"]');
    await visible(banner);
    const missed = 'Escribo mientras Sofía no tiene conexión';
    await phoneSays(phone, missed);
    await expectBot(phone, '¿Con qué área quieres hablar?', 3);
    // Lucas leaves a note meanwhile: another kind of event Sofía must not miss.
    const conversationId = await chat(a).getAttribute('conversation-id');
    const lucasToken = await b.evaluate(() => JSON.parse(sessionStorage.getItem('andes-crm.session') ?? 'null')?.token as string);
    const missedNote = 'Nota de Lucas durante el corte';
    const noteResponse = await fetch(`${h.demo.url}/api/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${lucasToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ clientId: `e2e-note-${Date.now()}`, kind: 'note', text: missedNote }),
    });
    assert.equal(noteResponse.status, 201);
    await aContext.setOffline(false);
    await visible(chat(a).locator('[part~="message"]', { hasText: missed }), 25_000);
    await visible(chat(a).locator('[part~="message"]', { hasText: missedNote }));
    await visible(a.locator('ow-agent-console ow-notes [part~="note"]', { hasText: missedNote }));
    await absent(banner, 25_000);
    // Choosing Soporte takes it out of Sofía's sight (she is in Ventas) and into Mateo's queue.
    await phoneSays(phone, '2');
    await showTray(a, 'bot');
    await absent(row(a), 25_000);
    await showTray(c, 'queued');
    await visible(row(c));
  });
});

test('the CRM page places the elements apart on one store, and the agent switcher changes agent', { timeout: 120_000 }, async (t) => {
  const step = storySteps(t, () => harness);
  const h = harness!;
  let crm!: Page;
  let other!: Page;
  const city = 'Lima';

  await step('Camila (Soporte) opens a customer record from the contacts sidebar', async () => {
    ({ page: crm } = await h.newPage('crm-camila'));
    await crm.goto('/crm.html');
    await crm.locator('button[data-email="camila@demo.ow"]').click();
    const contacts = crm.locator('aside ow-inbox');
    await contacts.locator('[role="tab"][data-tray="mine"]').click();
    const first = contacts.locator('[role="option"]').first();
    await visible(first);
    const name = ((await first.locator('[part~="name"]').textContent()) ?? '').trim();
    assert.ok(name, 'the first contact has a name');
    await first.click();
    // The CRM's own header, the chat and the customer panel all show the same customer.
    await textIs(crm.locator('#record-name'), name);
    await textIs(crm.locator('.record ow-chat [part~="customer"]'), name);
    await textHas(crm.locator('.record ow-customer-panel [part~="header"]'), name);
    assert.match(crm.url(), /#cnv_demo_\d+$/);
  });

  await step('a save by another agent reaches every element of the page, and the CRM header', async () => {
    const conversationId = decodeURIComponent(new URL(crm.url()).hash.slice(1));
    ({ page: other } = await h.newPage('crm-admin'));
    await other.goto(`/crm.html#${conversationId}`);
    await other.locator('button[data-email="admin@demo.ow"]').click();
    const panel = other.locator('.record ow-customer-panel');
    await panel.locator('button[part~="edit-button"]').click();
    await panel.locator('#field-attributes-ciudad').selectOption(city);
    const newName = `${(await other.locator('#record-name').textContent())?.trim()} Jr.`;
    await panel.locator('#field-name').fill(newName);
    await panel.locator('form[part~="form"] button[type="submit"]').click();
    await textIs(crm.locator('.record ow-customer-panel [data-field="attributes.ciudad"]'), city);
    await textIs(crm.locator('#record-name'), newName);
    await textIs(crm.locator('.record ow-chat [part~="customer"]'), newName);
  });

  await step('the agent switcher signs in as another agent in this window only', async () => {
    await crm.locator('#andes-agent').selectOption('mateo@demo.ow');
    await crm.waitForLoadState('load');
    await until(async () => (await crm.evaluate(() => JSON.parse(sessionStorage.getItem('andes-crm.session') ?? 'null')?.agent?.email)) === 'mateo@demo.ow', 'the session to be Mateo');
    await visible(crm.locator('aside ow-inbox [role="tab"][data-tray="queued"]'));
    assert.equal(await other.evaluate(() => JSON.parse(sessionStorage.getItem('andes-crm.session') ?? 'null')?.agent?.email), 'admin@demo.ow');
  });
});
