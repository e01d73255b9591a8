// <ow-composer> as an agent uses it, against the real test server.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { OwClient } from '../../src/client/api-client.js';
import type { OwStore } from '../../src/client/store.js';
import type { StoreState } from '../../src/client/store-types.js';
import type { Message } from '../../src/contract/index.js';
import '../../src/components/chat/ow-chat.js';
import '../../src/components/composer/ow-composer.js';
import type { OwChat } from '../../src/components/chat/ow-chat.js';
import type { OwComposer } from '../../src/components/composer/ow-composer.js';
import { base, conversationFactory, fakeMicrophone, phoneNumbers, serverMessages, sim, startStore, useTestServer } from './support.js';

// Mocha's globals, provided by the browser test runner.
declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void> | void): void;

const HOUR = 3_600_000;

const createConversation = conversationFactory({
  customer: { name: 'Lucía Torres' },
  phone: phoneNumbers('+5730000', 5),
  messages: [{ author: 'customer', text: 'Hola, necesito ayuda' }],
});

async function composerFor(conversationId: string, store: OwStore, attrs: { emojiDataUrl?: string; lang?: string } = {}): Promise<OwComposer> {
  await store.openConversation(conversationId);
  const el = await fixture<OwComposer>(
    html`<ow-composer .store=${store} conversation-id=${conversationId} emoji-data-url=${attrs.emojiDataUrl ?? ''} lang=${attrs.lang ?? 'es'}></ow-composer>`,
  );
  await el.updateComplete;
  return el;
}

function textarea(el: OwComposer): HTMLTextAreaElement {
  return el.shadowRoot!.querySelector('textarea')!;
}

function timelineTexts(store: OwStore, conversationId: string): Message[] {
  return timelineOf(store.getState(), conversationId);
}

function timelineOf(state: StoreState, conversationId: string): Message[] {
  return (state.timelines[conversationId]?.ids ?? []).map((id) => state.messages[id]!).filter(Boolean);
}

/** Ends a recording a failed test left running: a recorder outliving its stand-in microphone crashes the browser. */
async function stopRecording(el: OwComposer): Promise<void> {
  const stop = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="stop"]');
  if (!stop) return;
  stop.click();
  await waitUntil(() => !el.shadowRoot!.querySelector('[part~="stop"]'), 'recording stopped', { timeout: 3000 });
}

function fileOf(name: string, size: number, type: string): File {
  const bytes = new Uint8Array(size);
  // A PNG signature, so the server's content sniffing sees an image for .png files.
  if (type === 'image/png') bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new File([bytes], name, { type });
}

useTestServer();

describe('ow-composer', () => {
  it('sends with Enter: the message shows pending, then sent, and the server stores it once', async () => {
    const { store, client } = await startStore();
    const { conversation } = await createConversation();
    const statuses: string[] = [];
    store.subscribe(
      (s) => timelineOf(s, conversation.id).find((m) => m.text === 'Hola Lucía')?.status,
      (status) => {
        if (status) statuses.push(status);
      },
    );
    const chat = await fixture<OwChat>(html`<div style="height:520px;display:flex"><ow-chat .store=${store} conversation-id=${conversation.id}></ow-chat></div>`).then(
      (wrapper) => wrapper.querySelector('ow-chat')!,
    );
    await waitUntil(() => chat.shadowRoot!.querySelector('ow-composer'), 'composer shown for my conversation');
    const composer = chat.shadowRoot!.querySelector('ow-composer')!;
    await composer.updateComplete;
    textarea(composer).focus();
    await sendKeys({ type: 'Hola Lucía' });
    await sendKeys({ press: 'Enter' });
    expect(textarea(composer).value).to.equal('');
    await waitUntil(() => statuses.length && statuses[statuses.length - 1] !== 'pending', 'message acknowledged', { timeout: 5000 });
    expect(statuses[0]).to.equal('pending');
    expect(['sent', 'delivered', 'read']).to.include(statuses[statuses.length - 1]);
    await waitUntil(
      () => [...chat.shadowRoot!.querySelectorAll('[part~="message-agent"]')].some((row) => row.textContent!.includes('Hola Lucía')),
      'bubble rendered in the chat',
    );
    const stored = (await serverMessages(client, conversation.id)).filter((m) => m.text === 'Hola Lucía');
    expect(stored).to.have.length(1);
    await expect(composer).to.be.accessible();
  });

  it('inserts a line break with Shift+Enter and Ctrl+Enter instead of sending', async () => {
    const { store } = await startStore();
    const { conversation } = await createConversation();
    const el = await composerFor(conversation.id, store);
    textarea(el).focus();
    await sendKeys({ type: 'uno' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'dos' });
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    await sendKeys({ type: 'tres' });
    expect(textarea(el).value).to.equal('uno\ndos\ntres');
    expect(store.getState().outbox).to.have.length(0);
    expect(timelineTexts(store, conversation.id).filter((m) => m.author === 'agent')).to.have.length(0);
  });

  it('does not send while an IME composition is open', async () => {
    const { store } = await startStore();
    const { conversation } = await createConversation();
    const el = await composerFor(conversation.id, store);
    const field = textarea(el);
    field.focus();
    field.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, composed: true }));
    field.value = 'にほんご';
    field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, isComposing: true }));
    const imeEnter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true, isComposing: true });
    field.dispatchEvent(imeEnter);
    expect(imeEnter.defaultPrevented).to.equal(false);
    expect(store.getState().outbox).to.have.length(0);
    field.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, composed: true, data: 'にほんご' }));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => timelineTexts(store, conversation.id).some((m) => m.text === 'にほんご'), 'sent after the composition ended');
  });

  it('lets a host veto a send with ow-before-send', async () => {
    const { store } = await startStore();
    const { conversation } = await createConversation();
    const el = await composerFor(conversation.id, store);
    const seen: unknown[] = [];
    el.addEventListener('ow-before-send', (event) => {
      seen.push(event.detail);
      event.preventDefault();
    });
    textarea(el).focus();
    await sendKeys({ type: 'no enviar' });
    await sendKeys({ press: 'Enter' });
    expect(seen).to.deep.equal([{ conversationId: conversation.id, text: 'no enviar', attachments: [], kind: 'text' }]);
    expect(textarea(el).value).to.equal('no enviar');
    expect(store.getState().outbox).to.have.length(0);
    expect(timelineTexts(store, conversation.id).filter((m) => m.author === 'agent')).to.have.length(0);
  });

  it('gives the message back when the store refuses what a listener made of it, saying why', async () => {
    const { store } = await startStore();
    const { conversation } = await createConversation();
    const el = await composerFor(conversation.id, store);
    // A host's listener that breaks the message: the store's checks refuse it before it is queued.
    el.addEventListener('ow-before-send', (event) => {
      event.detail.text = 'x'.repeat(5000);
    });
    textarea(el).focus();
    await sendKeys({ type: 'lo que escribí' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.shadowRoot!.querySelector('[part="errors"]'), 'refusal shown');
    expect(el.shadowRoot!.querySelector('[part="errors"]')!.textContent).to.include('la solicitud no es válida');
    expect(textarea(el).value).to.equal('lo que escribí', 'nothing the agent typed is lost');
    expect(store.getState().outbox).to.have.length(0);
  });

  it('uploads a pasted file with progress and sends it; the chat shows the image', async () => {
    const { store, client } = await startStore();
    const { conversation } = await createConversation();
    const chat = await fixture<HTMLElement>(html`<div style="height:520px;display:flex"><ow-chat .store=${store} conversation-id=${conversation.id}></ow-chat></div>`).then(
      (wrapper) => wrapper.querySelector('ow-chat')!,
    );
    await waitUntil(() => chat.shadowRoot!.querySelector('ow-composer'), 'composer shown');
    const el = chat.shadowRoot!.querySelector('ow-composer')!;
    await el.updateComplete;
    const data = new DataTransfer();
    data.items.add(fileOf('captura.png', 300_000, 'image/png'));
    textarea(el).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, composed: true, cancelable: true }));
    const chip = () => el.shadowRoot!.querySelector('[part~="attachment"]');
    // The attachments part loads on the first paste; its chip shows as soon as it is in.
    await waitUntil(() => chip(), 'attachments part loaded', { interval: 1 });
    expect(chip()?.textContent).to.include('captura.png');
    expect(el.shadowRoot!.querySelector('progress')).to.exist;
    await waitUntil(() => !el.shadowRoot!.querySelector('progress'), 'upload finished', { timeout: 10000 });
    expect(chip()?.textContent).to.include('captura.png');
    textarea(el).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => chat.shadowRoot!.querySelector('[part~="message-agent"] img[alt="captura.png"]'), 'image in the chat', { timeout: 5000 });
    await waitUntil(async () => (await serverMessages(client, conversation.id)).some((m) => m.attachments.some((a) => a.name === 'captura.png')), 'stored');
  });

  it('names each pasted image apart, by the time of the paste, on its chip and on the server', async () => {
    const { store, client } = await startStore();
    const { conversation } = await createConversation();
    const el = await composerFor(conversation.id, store);
    // What Chromium gives for an image copied to the clipboard: a file called "image.png", every time.
    const paste = (...files: File[]) => {
      const data = new DataTransfer();
      for (const file of files) data.items.add(file);
      textarea(el).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, composed: true, cancelable: true }));
    };
    const chips = () => [...el.shadowRoot!.querySelectorAll('[part~="attachment"] .name')].map((n) => n.textContent!);
    const clock = (at: number) => {
      const time = new Date(at);
      return [time.getHours(), time.getMinutes(), time.getSeconds()].map((n) => String(n).padStart(2, '0')).join('-');
    };
    const before = Date.now();
    paste(fileOf('image.png', 2000, 'image/png'), fileOf('image.png', 3000, 'image/png'));
    await waitUntil(() => chips().length === 2, 'both pasted images attached');
    const times = new Set([clock(before), clock(Date.now())]);
    const [first, second] = chips();
    const time = /^Imagen pegada (\d\d-\d\d-\d\d)\.png$/.exec(first!)?.[1];
    expect([...times], `"${first}" is named by the time of the paste`).to.include(time);
    expect(second).to.equal(`Imagen pegada ${time} (2).png`);
    // Each chip's button says which image it removes.
    const removes = [...el.shadowRoot!.querySelectorAll('[part~="attachment"] button')].map((b) => b.getAttribute('aria-label'));
    expect(new Set(removes).size).to.equal(2);

    // Another paste, a JPEG: its extension comes from its type.
    paste(fileOf('image.png', 1000, 'image/jpeg'));
    await waitUntil(() => chips().length === 3, 'third image attached');
    expect(chips()[2]).to.match(/^Imagen pegada \d\d-\d\d-\d\d( \(\d+\))?\.jpg$/);
    expect(new Set(chips()).size).to.equal(3);
    await waitUntil(() => !el.shadowRoot!.querySelector('progress'), 'uploaded', { timeout: 10000 });
    await expect(el).to.be.accessible();

    const names = chips();
    textarea(el).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      async () => (await serverMessages(client, conversation.id)).some((m) => m.attachments.length === 3),
      'sent with the three images',
      { timeout: 5000 },
    );
    const sent = (await serverMessages(client, conversation.id)).find((m) => m.attachments.length === 3)!;
    expect(sent.attachments.map((a) => a.name)).to.deep.equal(names);
  });

  it('highlights the drop zone and uploads a dropped file', async () => {
    const { store } = await startStore();
    const { conversation } = await createConversation();
    const el = await composerFor(conversation.id, store);
    const form = el.shadowRoot!.querySelector('[part="form"]')!;
    const data = new DataTransfer();
    data.items.add(fileOf('contrato.pdf', 2048, 'application/pdf'));
    form.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true, composed: true, cancelable: true }));
    await el.updateComplete;
    expect(form.classList.contains('dragging')).to.equal(true);
    // The drop hint comes with the attachments part, whose load the first dragenter starts.
    await waitUntil(() => el.shadowRoot!.querySelector('[part="drop-zone"]'), 'drop hint shown');
    const drop = new DragEvent('drop', { dataTransfer: data, bubbles: true, composed: true, cancelable: true });
    form.dispatchEvent(drop);
    expect(drop.defaultPrevented).to.equal(true);
    await el.updateComplete;
    expect(form.classList.contains('dragging')).to.equal(false);
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="attachment"]') && !el.shadowRoot!.querySelector('progress'), 'uploaded', { timeout: 10000 });
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="send"]')!.click();
    await waitUntil(() => timelineTexts(store, conversation.id).some((m) => m.attachments.some((a) => a.name === 'contrato.pdf') && m.status !== 'pending'), 'sent');
  });

  it('refuses a file over the channel limit before uploading, naming the file and the limit', async () => {
    const admin = new OwClient({ baseUrl: base, token: 'tok_admin' });
    await admin.updateSettings({ maxUploadBytes: { whatsapp: 1024 } });
    const { store } = await startStore();
    const { conversation } = await createConversation();
    const el = await composerFor(conversation.id, store);
    const requests: string[] = [];
    const open = XMLHttpRequest.prototype.open;
    XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
      requests.push(String(url));
      return (open as (...args: unknown[]) => void).call(this, method, url, ...rest);
    } as typeof XMLHttpRequest.prototype.open;
    try {
      const data = new DataTransfer();
      data.items.add(fileOf('video-grande.mp4', 5000, 'video/mp4'));
      textarea(el).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, composed: true, cancelable: true }));
      await waitUntil(() => el.shadowRoot!.querySelector('[part="errors"]'), 'attachments part loaded');
    } finally {
      XMLHttpRequest.prototype.open = open;
    }
    const error = el.shadowRoot!.querySelector('[part="errors"]');
    expect(error?.getAttribute('role')).to.equal('alert');
    expect(error?.textContent).to.include('video-grande.mp4');
    expect(error?.textContent).to.include('1 kB');
    expect(error?.textContent).to.include('WhatsApp');
    expect(el.shadowRoot!.querySelector('[part~="attachment"]')).to.equal(null);
    expect(requests.filter((url) => url.includes('/uploads'))).to.deep.equal([]);
  });

  it('loads the emoji picker lazily with locally served data and inserts the emoji at the caret', async () => {
    const { store } = await startStore();
    const { conversation } = await createConversation();
    const el = await composerFor(conversation.id, store);
    expect(customElements.get('emoji-picker')).to.equal(undefined);
    const field = textarea(el);
    field.focus();
    await sendKeys({ type: 'hola  mundo' });
    field.setSelectionRange(5, 5);
    const dataRequests: string[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.name.includes('data.json')) dataRequests.push(entry.name);
    });
    observer.observe({ type: 'resource', buffered: true });
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="emoji"]')!.click();
    await waitUntil(() => customElements.get('emoji-picker'), 'picker module loaded on first open', { timeout: 10000 });
    const picker = await waitUntil(() => el.shadowRoot!.querySelector('emoji-picker'), 'picker shown').then(() => el.shadowRoot!.querySelector('emoji-picker')!);
    expect(picker.locale).to.equal('es');
    const emojiButton = () => picker.shadowRoot?.querySelector<HTMLButtonElement>('button.emoji[id^="emo-"]');
    await waitUntil(() => emojiButton(), 'emoji rendered from the local data', { timeout: 15000 });
    observer.disconnect();
    expect(dataRequests.every((url) => url.startsWith(location.origin))).to.equal(true);
    const emoji = emojiButton()!;
    const unicode = emoji.textContent!.trim();
    emoji.click();
    await waitUntil(() => field.value !== 'hola  mundo', 'emoji inserted', { timeout: 5000 });
    expect(field.value).to.equal(`hola ${unicode} mundo`);
    expect(el.shadowRoot!.querySelector('[part="emoji-panel"]')).to.equal(null);
  });

  it('opens the emoji picker in the dark palette on a dark composer', async () => {
    const { store } = await startStore();
    const { conversation } = await createConversation();
    const el = await composerFor(conversation.id, store);
    el.theme = 'dark';
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="emoji"]')!.click();
    const picker = await waitUntil(() => el.shadowRoot!.querySelector('emoji-picker'), 'picker shown', { timeout: 10000 }).then(() => el.shadowRoot!.querySelector('emoji-picker')!);
    expect(picker.classList.contains('dark')).to.equal(true);
    const background = getComputedStyle(picker.shadowRoot!.querySelector('.picker')!).backgroundColor;
    const [r, g, b] = background.match(/\d+/g)!.map(Number);
    expect(r! + g! + b!, background).to.be.below(200);
  });

  it("takes the emoji data from the server when the app's bundler did not copy it next to the module", async () => {
    const { store } = await startStore();
    const { conversation } = await createConversation();
    // In English: where the data of a language was found holds for the page, and the Spanish one was found next to the module.
    const el = await composerFor(conversation.id, store, { lang: 'en' });
    // What a bundled app answers for a file it does not have: its own HTML page.
    const realFetch = window.fetch;
    const asked: string[] = [];
    window.fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      asked.push(url);
      if (url.endsWith('/emoji-data/en/data.json')) return Promise.resolve(new Response('<!doctype html><title>CRM</title>', { headers: { 'Content-Type': 'text/html' } }));
      return realFetch(input, init);
    };
    try {
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="emoji"]')!.click();
      const picker = await waitUntil(() => el.shadowRoot!.querySelector('emoji-picker'), 'picker shown', { timeout: 10000 }).then(() => el.shadowRoot!.querySelector('emoji-picker')!);
      await waitUntil(() => picker.shadowRoot?.querySelector('button.emoji[id^="emo-"]'), 'emoji rendered from the server data', { timeout: 15000 });
      expect(picker.dataSource).to.equal(`${base}/api/emoji-data/en`);
      expect(asked.some((url) => url.endsWith('/emoji-data/en/data.json'))).to.equal(true, 'the copy next to the module was tried first');
    } finally {
      window.fetch = realFetch;
    }
  });

  it('says where it looked when no emoji data is found, and finds it on the next try', async () => {
    const { store } = await startStore();
    const { conversation } = await createConversation();
    const el = await composerFor(conversation.id, store, { lang: 'pt-BR' });
    const realFetch = window.fetch;
    const realError = console.error;
    let missing = true;
    window.fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (missing && /emoji-data\/pt\b/.test(url)) return Promise.resolve(new Response('{"error":"not_found"}', { status: 404, headers: { 'Content-Type': 'application/json' } }));
      return realFetch(input, init);
    };
    console.error = () => {};
    try {
      const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="emoji"]')!;
      button.click();
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="errors"]')?.textContent?.includes('emoji'), 'failure shown', { timeout: 10000 });
      const text = el.shadowRoot!.querySelector('[part~="errors"]')!.textContent!;
      expect(text).to.include('Não foi possível carregar os emojis');
      expect(text).to.include(`${base}/api/emoji-data/pt`);
      expect(text).to.include('emoji-data-url');
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      await expect(el).to.be.accessible();

      missing = false;
      button.click();
      await waitUntil(() => el.shadowRoot!.querySelector('emoji-picker'), 'picker shown on the next try', { timeout: 10000 });
      expect(el.shadowRoot!.querySelector('[part~="errors"]'), 'the failure went once the picker loaded').to.equal(null);
    } finally {
      window.fetch = realFetch;
      console.error = realError;
    }
  });

  it('shows the voice note button only when the workspace enables voice notes', async () => {
    const admin = new OwClient({ baseUrl: base, token: 'tok_admin' });
    const { conversation } = await createConversation();
    await admin.updateSettings({ voiceNotesEnabled: false });
    const off = await startStore();
    const hidden = await composerFor(conversation.id, off.store);
    expect(hidden.shadowRoot!.querySelector('[part~="record"]')).to.equal(null);
    await admin.updateSettings({ voiceNotesEnabled: true });
    const on = await startStore();
    const shown = await composerFor(conversation.id, on.store);
    expect(shown.shadowRoot!.querySelector('[part~="record"]')?.getAttribute('aria-label')).to.equal('Grabar nota de voz');
  });

  it('records a voice note, previews it and sends it as an audio attachment', async () => {
    const { store, client } = await startStore();
    const { conversation } = await createConversation();
    const restoreMicrophone = fakeMicrophone();
    try {
      const el = await composerFor(conversation.id, store);
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="record"]')!.click();
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="stop"]'), 'recording');
      expect(el.shadowRoot!.querySelector('[part="voice"] [role="status"]')!.textContent).to.match(/^Grabando… 0:0\d$/);
      await new Promise((resolve) => setTimeout(resolve, 700));
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="stop"]')!.click();
      await waitUntil(() => el.shadowRoot!.querySelector('[part="voice"] audio[controls]'), 'preview');
      await expect(el).to.be.accessible();
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="send-voice"]')!.click();
      await waitUntil(
        async () => (await serverMessages(client, conversation.id)).some((m) => m.author === 'agent' && m.attachments.some((a) => /\.(webm|ogg)$/.test(a.name))),
        'voice note stored',
        { timeout: 8000 },
      );
      const stored = (await serverMessages(client, conversation.id)).find((m) => m.author === 'agent')!;
      expect(stored.attachments[0]!.contentType).to.match(/^audio\//);
      expect(el.shadowRoot!.querySelector('[part="voice"]')).to.equal(null);
    } finally {
      await restoreMicrophone();
    }
  });

  it('throws a voice note away when the conversation changes, recording or recorded: it reaches neither customer', async () => {
    const { store, client } = await startStore();
    const { conversation: a } = await createConversation();
    const { conversation: b } = await createConversation();
    await store.openConversation(b.id);
    const part = (el: OwComposer, name: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`[part~="${name}"]`);
    const agentMessages = async () => [...(await serverMessages(client, a.id)), ...(await serverMessages(client, b.id))].filter((m) => m.author === 'agent');
    const el = await composerFor(a.id, store);

    let restoreMicrophone = fakeMicrophone();
    try {
      // The stand-in microphone hands out one stream: the recorder's.
      const microphone = await navigator.mediaDevices.getUserMedia({ audio: true });
      part(el, 'record')!.click();
      await waitUntil(() => part(el, 'stop'), 'recording');
      expect(microphone.getAudioTracks()[0]!.readyState).to.equal('live');
      el.conversationId = b.id;
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="voice"]'), 'the recording bar went with conversation A').to.equal(null);
      expect(microphone.getAudioTracks()[0]!.readyState, 'the microphone is released').to.equal('ended');
      expect(part(el, 'record'), '🎤 is back').to.exist;
    } finally {
      await stopRecording(el);
      await restoreMicrophone();
    }

    restoreMicrophone = fakeMicrophone();
    try {
      el.conversationId = a.id;
      await el.updateComplete;
      part(el, 'record')!.click();
      await waitUntil(() => part(el, 'stop'), 'recording again');
      await new Promise((resolve) => setTimeout(resolve, 300));
      part(el, 'stop')!.click();
      await waitUntil(() => part(el, 'send-voice'), 'preview');
      el.conversationId = b.id;
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="voice"]'), 'the recorded note went with conversation A').to.equal(null);
      el.conversationId = a.id;
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="voice"]'), 'and does not come back with it').to.equal(null);
    } finally {
      await stopRecording(el);
      await restoreMicrophone();
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await agentMessages()).to.have.length(0);
    expect(el.uploads).to.have.length(0);
    expect(store.getState().outbox).to.have.length(0);
  });

  it('cancels a recording by keyboard with Escape, or with Cancelar, and puts the focus back on 🎤', async () => {
    const { store, client } = await startStore();
    const { conversation } = await createConversation();
    const part = (name: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`[part~="${name}"]`);
    const el = await composerFor(conversation.id, store);
    const restoreMicrophone = fakeMicrophone();
    try {
      const microphone = await navigator.mediaDevices.getUserMedia({ audio: true });
      part('record')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => el.shadowRoot!.activeElement === part('stop'), 'recording, the focus on "Detener grabación"');
      expect(part('cancel-voice')!.textContent!.trim()).to.equal('Cancelar');
      expect(part('cancel-voice')!.getAttribute('aria-label')).to.equal('Cancelar la grabación');
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="voice"]'), 'the recording is cancelled').to.equal(null);
      expect(microphone.getAudioTracks()[0]!.readyState, 'the microphone is released').to.equal('ended');
      await waitUntil(() => el.shadowRoot!.activeElement === part('record'), 'the focus is back on 🎤');
    } finally {
      await stopRecording(el);
      await restoreMicrophone();
    }
    const again = fakeMicrophone();
    try {
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => el.shadowRoot!.activeElement === part('stop'), 'recording again');
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement).to.equal(part('cancel-voice'));
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="voice"]')).to.equal(null);
      await waitUntil(() => el.shadowRoot!.activeElement === part('record'), 'the focus is back on 🎤 after Cancelar');
    } finally {
      await stopRecording(el);
      await again();
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await serverMessages(client, conversation.id)).filter((m) => m.author === 'agent')).to.have.length(0);
  });

  it('cancels an upload in progress without an error', async () => {
    const { store, client } = await startStore();
    const { conversation } = await createConversation();
    const el = await composerFor(conversation.id, store);
    const data = new DataTransfer();
    data.items.add(fileOf('grande.pdf', 6_000_000, 'application/pdf'));
    textarea(el).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, composed: true, cancelable: true }));
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="attachment"]'), 'attachments part loaded');
    const cancel = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="attachment"] button')!;
    expect(cancel.getAttribute('aria-label')).to.equal('Cancelar la subida de grande.pdf');
    cancel.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="attachment"]')).to.equal(null);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(el.shadowRoot!.querySelector('[part="errors"]')).to.equal(null);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="send"]')!.click();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await serverMessages(client, conversation.id)).filter((m) => m.author === 'agent')).to.have.length(0);
  });

  it('opens quick replies with "/", filters them, and inserts the chosen one with Enter', async () => {
    const { store } = await startStore();
    const { conversation } = await createConversation();
    const el = await composerFor(conversation.id, store);
    textarea(el).focus();
    await sendKeys({ type: 'Buenos días /' });
    const options = () => [...el.shadowRoot!.querySelectorAll('[part="quick-replies"] [role="option"]')];
    await waitUntil(() => options().length, 'quick replies part loaded');
    expect(options()).to.have.length(3);
    await sendKeys({ type: 'gra' });
    await el.updateComplete;
    expect(options().map((o) => o.textContent!.trim().split(/\s/)[0])).to.deep.equal(['/gracias']);
    expect(textarea(el).getAttribute('aria-activedescendant')).to.equal(options()[0]!.id);
    await expect(el).to.be.accessible();
    el.theme = 'dark';
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(textarea(el).value).to.equal('Buenos días Gracias por tu paciencia, ya reviso tu caso.');
    expect(el.shadowRoot!.querySelector('[part="quick-replies"]')).to.equal(null);
    expect(store.getState().outbox).to.have.length(0);

    await sendKeys({ type: ' /' });
    await el.updateComplete;
    expect(options()).to.have.length(3);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="quick-replies"]')).to.equal(null);
  });

  it('finds quick replies whatever the accents and case typed: "/GRÁCIAS" offers /gracias', async () => {
    const { store } = await startStore();
    const { conversation } = await createConversation();
    const el = await composerFor(conversation.id, store);
    const options = () => [...el.shadowRoot!.querySelectorAll('[part="quick-replies"] [role="option"]')];
    textarea(el).focus();
    await sendKeys({ type: '/grá' });
    await waitUntil(() => options().length, 'quick replies part loaded');
    expect(options().map((o) => o.textContent!.trim().split(/\s/)[0])).to.deep.equal(['/gracias']);
    await sendKeys({ type: 'CIAS' });
    await el.updateComplete;
    expect(options().map((o) => o.textContent!.trim().split(/\s/)[0])).to.deep.equal(['/gracias']);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(textarea(el).value, 'Enter inserts the reply rather than sending "/GRÁCIAS"').to.equal('Gracias por tu paciencia, ya reviso tu caso.');
    expect(store.getState().outbox).to.have.length(0);
  });

  it('outside the WhatsApp 24-hour window disables free text, says why, and sends an approved template', async () => {
    // Automatic closing would end the conversation before the window matters.
    await new OwClient({ baseUrl: base, token: 'tok_admin' }).updateSettings({ autoCloseHours: 0 });
    const { store, client } = await startStore();
    const { conversation } = await createConversation();
    await sim.advanceClock(25 * HOUR);
    const el = await composerFor(conversation.id, store);
    const lastCustomerMessageAt = Date.parse(conversation.lastCustomerMessageAt!);
    el.clock = () => lastCustomerMessageAt + 23 * HOUR;
    el.requestUpdate();
    await el.updateComplete;
    expect(textarea(el).disabled).to.equal(false);
    el.clock = () => lastCustomerMessageAt + 25 * HOUR;
    el.requestUpdate();
    await el.updateComplete;
    expect(textarea(el).disabled).to.equal(true);
    expect(el.shadowRoot!.querySelector('[part="notice"]')!.textContent).to.equal(
      'Han pasado más de 24 h desde el último mensaje del cliente; solo puedes enviar una plantilla aprobada.',
    );
    await waitUntil(() => el.shadowRoot!.querySelector('[part="templates"] select'), 'template picker loaded');
    const select = el.shadowRoot!.querySelector<HTMLSelectElement>('[part="templates"] select')!;
    select.value = 'tpl_seguimiento';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const variable = el.shadowRoot!.querySelector<HTMLInputElement>('[part="templates"] input')!;
    variable.focus();
    await sendKeys({ type: 'Lucía' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="template-preview"]')!.textContent).to.equal('Hola Lucía, ¿podemos ayudarte con algo más?');
    await expect(el).to.be.accessible();
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="send-template"]')!.click();
    await waitUntil(async () => (await serverMessages(client, conversation.id)).some((m) => m.templateId === 'tpl_seguimiento'), 'template stored', { timeout: 5000 });
    // The server agrees that free text is no longer allowed.
    const refused = await client.sendMessage(conversation.id, { clientId: 'c_free_text_after_window', text: 'hola' }).then(
      () => null,
      (error: { error?: string }) => error.error,
    );
    expect(refused).to.equal('window_closed');
    await store.settled();
    expect(store.getState().outbox).to.have.length(0);
  });

  it('closes the window on time while the composer is open', async () => {
    const { store } = await startStore();
    const { conversation } = await createConversation();
    const el = await composerFor(conversation.id, store);
    const closesAt = Date.parse(conversation.lastCustomerMessageAt!) + 24 * HOUR;
    const offset = closesAt - 400 - Date.now();
    el.clock = () => Date.now() + offset;
    el.requestUpdate();
    await el.updateComplete;
    expect(textarea(el).disabled).to.equal(false);
    await waitUntil(() => textarea(el).disabled, 'disabled when the window closes', { timeout: 3000 });
  });

  it('adds an internal note from note mode even when replies are not possible', async () => {
    const { store, client } = await startStore();
    const { conversation } = await createConversation({ stage: 'queued', assigneeId: undefined });
    const el = await composerFor(conversation.id, store);
    expect(textarea(el).disabled).to.equal(true);
    const toggle = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="note-toggle"]')!;
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expect(textarea(el).disabled).to.equal(false);
    textarea(el).focus();
    await sendKeys({ type: 'Cliente VIP, priorizar' });
    const sent = oneEvent(el, 'ow-send');
    await sendKeys({ press: 'Enter' });
    expect((await sent).detail.kind).to.equal('note');
    await waitUntil(async () => (await serverMessages(client, conversation.id)).some((m) => m.kind === 'note' && m.text === 'Cliente VIP, priorizar'), 'note stored');
  });

  it('refuses an over-long message and keeps its text', async () => {
    const { store } = await startStore();
    const { conversation } = await createConversation();
    const el = await composerFor(conversation.id, store);
    const field = textarea(el);
    field.value = 'a'.repeat(5000);
    field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    field.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="errors"]')!.textContent).to.include('El mensaje tiene 5000 caracteres; el máximo es 4096.');
    expect(field.value).to.have.length(5000);
    expect(store.getState().outbox).to.have.length(0);
  });

  it('keeps a draft per conversation when the conversation changes', async () => {
    const { store } = await startStore();
    const first = await createConversation();
    const second = await createConversation();
    await store.openConversation(second.conversation.id);
    const el = await composerFor(first.conversation.id, store);
    textarea(el).focus();
    await sendKeys({ type: 'para la primera' });
    el.conversationId = second.conversation.id;
    await el.updateComplete;
    expect(textarea(el).value).to.equal('');
    el.conversationId = first.conversation.id;
    await el.updateComplete;
    expect(textarea(el).value).to.equal('para la primera');
  });

  it('speaks English and Portuguese', async () => {
    const { store } = await startStore();
    const { conversation } = await createConversation();
    await store.openConversation(conversation.id);
    const en = await fixture<OwComposer>(html`<ow-composer lang="en" .store=${store} conversation-id=${conversation.id}></ow-composer>`);
    expect(textarea(en).getAttribute('aria-label')).to.equal('Write a message');
    const pt = await fixture<OwComposer>(html`<ow-composer lang="pt-BR" .store=${store} conversation-id=${conversation.id}></ow-composer>`);
    expect(textarea(pt).getAttribute('aria-label')).to.equal('Escreva uma mensagem');
  });
});
