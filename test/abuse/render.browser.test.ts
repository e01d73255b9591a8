// Hostile texts, names, file names and tag names stored on the real server and rendered by every element:
// nothing runs (page-level hooks), nothing executable is injected into any shadow root, no javascript: href.
import { expect, fixture, html } from '@open-wc/testing';
import { OwClient } from '../../src/client/api-client.js';
import { SimClient } from '../../src/client/sim-client.js';
import { createStore, type OwStore } from '../../src/client/store.js';
import { MemoryStorage } from '../../src/client/store/storage.js';
import '../../src/components/chat/ow-chat.js';
import '../../src/components/composer/ow-composer.js';
import '../../src/components/notes/ow-notes.js';
import '../../src/components/customer-panel/ow-customer-panel.js';
import '../../src/components/tag-picker/ow-tag-picker.js';
import '../../src/components/inbox/ow-inbox.js';
import '../../src/components/agent-console/ow-agent-console.js';
import { PWNED_FLAG, hostileFiles, hostileNames, hostileTexts } from './corpus.js';

interface MochaContext {
  timeout(ms: number): void;
}
declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: (this: MochaContext) => Promise<void> | void): void;
declare function before(body: (this: MochaContext) => Promise<void> | void): void;
declare function after(body: () => Promise<void> | void): void;

const base = (window as unknown as { OW_TEST_SERVER: string }).OW_TEST_SERVER;
const sim = new SimClient({ baseUrl: base });
const admin = new OwClient({ baseUrl: base, token: 'tok_admin' });
const ana = new OwClient({ baseUrl: base, token: 'tok_ana' });

// ---- Page-level hooks: anything that runs trips one of them. ----
const tripped: string[] = [];
const page = window as unknown as Record<string, unknown>;
const originals = { alert: window.alert, confirm: window.confirm, prompt: window.prompt, open: window.open };
const violations: string[] = [];
const onViolation = (event: SecurityPolicyViolationEvent) => violations.push(`${event.violatedDirective} ${event.blockedURI}`);

function installHooks(): void {
  window.alert = (message?: unknown) => void tripped.push(`alert(${String(message)})`);
  window.confirm = (message?: string) => (tripped.push(`confirm(${message})`), false);
  window.prompt = (message?: string) => (tripped.push(`prompt(${message})`), null);
  window.open = (url?: string | URL) => (tripped.push(`open(${String(url)})`), null);
  delete page[PWNED_FLAG];
  document.addEventListener('securitypolicyviolation', onViolation);
}

function removeHooks(): void {
  Object.assign(window, originals);
  document.removeEventListener('securitypolicyviolation', onViolation);
}

/** Every element in the document, inside every open shadow root too. */
function deepElements(root: ParentNode = document): Element[] {
  const out: Element[] = [];
  const walk = (node: ParentNode) => {
    for (const el of Array.from(node.querySelectorAll('*'))) {
      out.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  if ((root as Element).shadowRoot) walk((root as Element).shadowRoot!);
  walk(root);
  return out;
}

function deepText(root: Element): string {
  let text = '';
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
    const shadow = (node as Element).shadowRoot;
    if (shadow) walk(shadow);
    for (const child of Array.from(node.childNodes)) walk(child);
  };
  walk(root);
  return text;
}

const URL_ATTRIBUTES = ['href', 'src', 'xlink:href', 'action', 'formaction', 'data', 'srcdoc', 'poster', 'background'];
const SAFE_URL = /^(https?:|mailto:|blob:|#|\/|\.{0,2}\/)/i;

/** What an injected payload would leave behind in the rendered tree. */
function injected(root: Element): string[] {
  const problems: string[] = [];
  for (const el of deepElements(root)) {
    const tag = el.localName;
    if (['script', 'iframe', 'object', 'embed', 'frame', 'frameset', 'base', 'meta', 'link'].includes(tag)) problems.push(`<${tag}> element`);
    for (const attribute of Array.from(el.attributes)) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on')) problems.push(`<${tag} ${name}="${attribute.value.slice(0, 60)}">`);
      if (URL_ATTRIBUTES.includes(name)) {
        const value = attribute.value.replace(/[\s\u0000-\u001f]/g, '');
        if (name === 'srcdoc' || !SAFE_URL.test(value)) problems.push(`<${tag} ${name}="${attribute.value.slice(0, 60)}">`);
      }
      if (name === 'style' && /javascript:|expression\(|url\(/i.test(attribute.value)) problems.push(`<${tag} style="${attribute.value.slice(0, 60)}">`);
    }
  }
  return problems;
}

async function settle(ms = 150): Promise<void> {
  await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
  await new Promise((resolve) => setTimeout(resolve, ms));
}

function assertNothingRan(where: string): void {
  expect(page[PWNED_FLAG], `${where}: a payload ran`).to.equal(undefined);
  expect(tripped, `${where}: dialogs opened by payloads`).to.deep.equal([]);
}

// ---- Data on the server ----
const CONVERSATIONS = 8;
const texts = hostileTexts().filter((p) => p.text.length <= 600);
const names = hostileNames(200);
const tagNames = hostileNames(40);
let conversations: string[] = [];
let store: OwStore;
let phone = 0;

async function seed(): Promise<void> {
  await fetch(`${base}/__test/reset`, { method: 'POST' });
  const tagIds: string[] = [];
  const seen = new Set<string>();
  for (const payload of tagNames.slice(0, 24)) {
    const name = payload.text.trim();
    if (seen.has(name)) continue;
    seen.add(name);
    const { tag } = await admin.createTag({ name: payload.text, color: '#123456' });
    tagIds.push(tag.id);
  }
  const perConversation = Math.ceil(texts.length / CONVERSATIONS);
  for (let i = 0; i < CONVERSATIONS; i++) {
    phone += 1;
    const slice = texts.slice(i * perConversation, (i + 1) * perConversation);
    const detail = await sim.createConversation({
      channel: 'whatsapp',
      customer: { name: names[i % names.length]!.text.trim() || 'x', phone: `+5732200${String(phone).padStart(5, '0')}` },
      stage: 'assigned',
      groupId: 'grp_ventas',
      assigneeId: 'agt_ana',
      messages: slice.slice(0, 12).map((p, n) => ({ author: n % 3 === 0 ? 'agent' : n % 3 === 1 ? 'customer' : 'bot', text: p.text })),
    });
    const id = detail.conversation.id;
    conversations.push(id);
    const customer = detail.customer;
    await ana.updateCustomer(customer.id, {
      version: customer.version,
      name: names[(i * 7 + 3) % names.length]!.text,
      email: null,
      attributes: { documento: slice[0]!.text.slice(0, 1000), ciudad: 'Lima' },
    });
    for (const payload of slice.slice(12)) {
      await ana.sendMessage(id, { clientId: `render_${i}_${payload.id}`.slice(0, 64), kind: 'note', text: payload.text });
    }
    for (const tagId of tagIds.slice(i * 3, i * 3 + 3)) await ana.attachTag(id, tagId);
    const files = hostileFiles().filter((f) => f.bytes.length > 0);
    const file = files[i % files.length]!;
    const attachmentName = names[(i * 5) % names.length]!.text.slice(0, 80) + '.png';
    const { attachment } = await ana.upload(id, Object.assign(new Blob([file.bytes as BlobPart], { type: file.declaredType }), { name: attachmentName }));
    await ana.sendMessage(id, { clientId: `render_file_${i}`, text: texts[i]!.text, attachmentIds: [attachment.id] });
  }
}

describe('hostile content rendered by every element', () => {
  before(async function () {
    this.timeout(180_000);
    installHooks();
    conversations = [];
    await seed();
    store = createStore({ client: ana, storage: new MemoryStorage(), onError: () => undefined });
    await store.start();
  });

  after(() => {
    store?.stop();
    removeHooks();
  });

  it('the page-level hooks catch a payload that does run (control)', async () => {
    const host = document.createElement('div');
    const shadow = host.attachShadow({ mode: 'open' });
    document.body.append(host);
    // Deliberately unsafe, to prove the checks below would see an injection.
    shadow.innerHTML = `<img src="x" onerror="window.${PWNED_FLAG}=1"><a href="javascript:void 0">x</a>`;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ran = page[PWNED_FLAG];
    const found = injected(host);
    host.remove();
    delete page[PWNED_FLAG];
    expect(ran).to.equal(1);
    expect(found.some((f) => f.includes('onerror'))).to.equal(true);
    expect(found.some((f) => f.includes('javascript:'))).to.equal(true);
  });

  it('runs nothing and injects nothing in inbox, chat, composer, notes, customer panel and tag picker', async function () {
    this.timeout(180_000);
    let literalSeen = 0;
    const inbox = await fixture(html`<ow-inbox .store=${store} tray="mine" style="display:block;height:3000px"></ow-inbox>`);
    await settle(400);
    assertNothingRan('inbox');
    expect(injected(inbox), 'inbox').to.deep.equal([]);
    expect(deepText(inbox).length, 'the inbox lists the conversations').to.be.greaterThan(0);
    for (const id of conversations) {
      await store.openConversation(id);
      const el = await fixture(html`
        <div style="display:grid;grid-template-columns:2fr 1fr;height:3000px">
          <div style="display:flex;flex-direction:column;min-height:0">
            <ow-chat .store=${store} conversation-id=${id} style="flex:1;min-height:0"></ow-chat>
            <ow-composer .store=${store} conversation-id=${id}></ow-composer>
          </div>
          <div>
            <ow-customer-panel .store=${store} conversation-id=${id}></ow-customer-panel>
            <ow-tag-picker .store=${store} conversation-id=${id}></ow-tag-picker>
            <ow-notes .store=${store} conversation-id=${id}></ow-notes>
          </div>
        </div>
      `);
      await settle(300);
      // Open every popup a tag picker or panel has, so hostile names inside them are rendered too.
      for (const button of deepElements(el).filter((e) => e.localName === 'button' || e.getAttribute('role') === 'combobox')) {
        if (/(editar|edit|añadir|agregar|etiqueta|tag)/i.test(button.getAttribute('aria-label') ?? button.textContent ?? '')) (button as HTMLElement).click();
      }
      await settle(200);
      assertNothingRan(`conversation ${id}`);
      expect(injected(el), `conversation ${id}`).to.deep.equal([]);
      const shown = deepText(el);
      if (shown.includes(`<img src=x onerror=`) || shown.includes('<script>') || shown.includes('<svg')) literalSeen += 1;
    }
    expect(literalSeen, 'hostile markup is shown as literal text').to.be.greaterThan(0);
    expect(violations).to.deep.equal([]);
  });

  it('runs nothing in the ready-made agent console', async function () {
    this.timeout(120_000);
    for (const id of conversations.slice(0, 3)) {
      const el = await fixture(html`<ow-agent-console base-url=${base} token="tok_ana" conversation-id=${id} style="display:block;height:2000px"></ow-agent-console>`);
      await settle(1_000);
      assertNothingRan(`console on ${id}`);
      expect(injected(el), `console on ${id}`).to.deep.equal([]);
      el.remove();
    }
  });

  it('renders javascript: and data: links as text, never as a link', async function () {
    this.timeout(60_000);
    phone += 1;
    const fresh = await sim.createConversation({
      channel: 'whatsapp',
      customer: { name: 'Enlaces', phone: `+5732200${String(phone).padStart(5, '0')}` },
      stage: 'assigned',
      groupId: 'grp_ventas',
      assigneeId: 'agt_ana',
      messages: [{ author: 'customer', text: 'mira estos enlaces' }],
    });
    const id = fresh.conversation.id;
    const payloads = [`javascript:window.${PWNED_FLAG}=1`, `JaVaScRiPt:window.${PWNED_FLAG}=1`, 'data:text/html,<script>alert(1)</script>', 'https://ejemplo.com/ok'];
    for (const text of payloads) await ana.sendMessage(id, { clientId: `link_${Math.random().toString(36).slice(2, 12)}`, text });
    await store.openConversation(id);
    const el = await fixture(html`<ow-chat .store=${store} conversation-id=${id} style="display:block;height:3000px"></ow-chat>`);
    // The timeline is virtualized: bring the newest messages into view and let them render.
    for (let i = 0; i < 40 && !deepText(el).includes('https://ejemplo.com/ok'); i++) {
      for (const scroller of deepElements(el)) if (scroller.scrollHeight > scroller.clientHeight) scroller.scrollTop = scroller.scrollHeight;
      await settle(100);
    }
    const anchors = deepElements(el).filter((e) => e.localName === 'a') as HTMLAnchorElement[];
    for (const a of anchors) expect(a.href, a.outerHTML).to.match(/^(https?:|mailto:|blob:)/);
    const shown = deepText(el);
    expect(anchors.some((a) => a.href.startsWith('https://ejemplo.com/ok')), `the safe link is clickable: ${JSON.stringify(anchors.map((a) => a.href))} ${JSON.stringify(shown.replace(/\s+/g, ' ').slice(-400))}`).to.equal(true);
    expect(shown).to.contain(`javascript:window.${PWNED_FLAG}=1`);
    // Clicking every link must not run anything either.
    for (const a of anchors) {
      a.addEventListener('click', (event) => event.preventDefault(), { once: true });
      a.click();
    }
    await settle();
    assertNothingRan('links');
  });
});
