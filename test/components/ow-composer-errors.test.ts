// <ow-composer>'s error list: each error goes when what it is about is gone (the text fits, the file
// is attached again, the message went), and the ones the agent still needs stay.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { OwClient } from '../../src/client/api-client.js';
import type { OwStore } from '../../src/client/store.js';
import type { Attachment } from '../../src/contract/index.js';
import '../../src/components/composer/ow-composer.js';
import type { OwComposer } from '../../src/components/composer/ow-composer.js';
import { base, conversationFactory, fakeMicrophone, phoneNumbers, serverMessages, startStore, useTestServer } from './support.js';

// Mocha's globals, provided by the browser test runner.
declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void> | void): void;

const createConversation = conversationFactory({
  customer: { name: 'Lucía Torres' },
  phone: phoneNumbers('+5733000', 5),
  messages: [{ author: 'customer', text: 'Hola, necesito ayuda' }],
});

async function composerFor(store: OwStore): Promise<OwComposer> {
  const { conversation } = await createConversation();
  await store.openConversation(conversation.id);
  const el = await fixture<OwComposer>(html`<ow-composer .store=${store} conversation-id=${conversation.id}></ow-composer>`);
  await el.updateComplete;
  return el;
}

const textarea = (el: OwComposer) => el.shadowRoot!.querySelector('textarea')!;
/** The error list's messages, in order. */
const errors = (el: OwComposer) => [...el.shadowRoot!.querySelectorAll('[part="errors"] li')].map((li) => li.textContent!.replace('×', '').replace(/\s+/g, ' ').trim());
const chips = (el: OwComposer) => [...el.shadowRoot!.querySelectorAll('[part~="attachment"] .name')].map((n) => n.textContent);

/** Types `text` as the whole field's content, as an agent editing it does. */
async function type(el: OwComposer, text: string): Promise<void> {
  const field = textarea(el);
  field.focus();
  field.value = text;
  field.setSelectionRange(text.length, text.length);
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

/** Presses Enter in the message field; resolves with whether a message went. */
async function enter(el: OwComposer): Promise<boolean> {
  let sent = false;
  const onSend = () => (sent = true);
  el.addEventListener('ow-send', onSend);
  textarea(el).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }));
  el.removeEventListener('ow-send', onSend);
  await el.updateComplete;
  return sent;
}

function paste(el: OwComposer, ...files: File[]): void {
  const data = new DataTransfer();
  for (const file of files) data.items.add(file);
  textarea(el).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, composed: true, cancelable: true }));
}

const file = (name: string, size: number, type = 'application/pdf') => new File([new Uint8Array(size)], name, { type });

/** WhatsApp takes files up to `bytes` (1 kB) in these tests. */
async function smallUploadLimit(bytes = 1024): Promise<void> {
  await new OwClient({ baseUrl: base, token: 'tok_admin' }).updateSettings({ maxUploadBytes: { whatsapp: bytes } });
}

useTestServer();

describe('ow-composer errors', () => {
  it('drops the over-length error as soon as the text fits, and a message sent afterwards leaves no error', async () => {
    const { store } = await startStore();
    const el = await composerFor(store);
    await type(el, 'a'.repeat(4100));
    expect(await enter(el)).to.equal(false);
    expect(errors(el)).to.deep.equal(['El mensaje tiene 4100 caracteres; el máximo es 4096. No se envió.']);
    // Enter again: still one error about the text, not two.
    await enter(el);
    expect(errors(el)).to.have.length(1);
    await type(el, 'a'.repeat(4097));
    expect(errors(el)).to.have.length(1);
    await type(el, 'a'.repeat(4096));
    expect(errors(el)).to.deep.equal([]);

    await type(el, 'a'.repeat(4100));
    await enter(el);
    expect(errors(el)).to.have.length(1);
    await type(el, '');
    expect(errors(el)).to.deep.equal([]);
    await type(el, 'Hola Lucía');
    expect(await enter(el)).to.equal(true);
    expect(errors(el)).to.deep.equal([]);
    expect(el.shadowRoot!.querySelector('[part="errors"]')).to.equal(null);
  });

  it("drops a refused file's error when the message is sent, or when a file of that name is attached", async () => {
    await smallUploadLimit();
    const { store } = await startStore();
    const el = await composerFor(store);
    paste(el, file('video.mp4', 5000, 'video/mp4'));
    await waitUntil(() => errors(el).length === 1, 'file refused');
    expect(errors(el)[0]).to.include('«video.mp4» pesa');
    await type(el, 'Te lo mando por correo');
    expect(await enter(el)).to.equal(true);
    expect(errors(el)).to.deep.equal([]);

    // Refused, then replaced by a smaller file of the same name.
    paste(el, file('video.mp4', 5000, 'video/mp4'));
    await waitUntil(() => errors(el).length === 1, 'refused again');
    paste(el, file('video.mp4', 800, 'video/mp4'));
    await waitUntil(() => chips(el).includes('video.mp4'), 'the smaller one attached');
    expect(errors(el)).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('keeps a failed upload\'s error after a send, since the message went without it, until the file is attached again', async () => {
    const { store, client } = await startStore();
    const el = await composerFor(store);
    const upload = store.upload.bind(store);
    let online = false;
    store.upload = (...args: Parameters<OwStore['upload']>): Promise<Attachment> => (online ? upload(...args) : Promise.reject(new TypeError('Failed to fetch')));
    paste(el, file('contrato.pdf', 512));
    await waitUntil(() => errors(el).length === 1, 'upload failed');
    expect(errors(el)[0]).to.include('No se pudo subir «contrato.pdf»');
    await type(el, 'Ahora le envío el contrato');
    expect(await enter(el)).to.equal(true);
    expect(errors(el)).to.have.length(1);
    expect(errors(el)[0]).to.include('contrato.pdf');

    online = true;
    paste(el, file('contrato.pdf', 512));
    await waitUntil(() => chips(el).includes('contrato.pdf'), 'attached on the second try');
    expect(errors(el)).to.deep.equal([]);
    await waitUntil(() => !el.shadowRoot!.querySelector('progress'), 'uploaded', { timeout: 10000 });
    expect(await enter(el)).to.equal(true);
    await waitUntil(async () => (await serverMessages(client, el.conversationId)).some((m) => m.attachments.some((a) => a.name === 'contrato.pdf')), 'stored');
  });

  it("keeps a pasted image's error when another image is pasted: each gets a name of its own", async () => {
    const { store, client } = await startStore();
    const el = await composerFor(store);
    const upload = store.upload.bind(store);
    let online = false;
    store.upload = (...args: Parameters<OwStore['upload']>): Promise<Attachment> => (online ? upload(...args) : Promise.reject(new TypeError('Failed to fetch')));
    // What Chromium gives for an image copied to the clipboard: a file called "image.png", every time.
    paste(el, file('image.png', 512, 'image/png'));
    await waitUntil(() => errors(el).length === 1, 'upload failed');
    const failed = /«(Imagen pegada \d\d-\d\d-\d\d(?: \(\d+\))?\.png)»/.exec(errors(el)[0]!)?.[1];
    expect(failed, errors(el)[0]).to.be.a('string');

    online = true;
    paste(el, file('image.png', 512, 'image/png'));
    await waitUntil(() => chips(el).length === 1, 'the other image attached');
    const attached = chips(el)[0]!;
    expect(attached).to.match(/^Imagen pegada \d\d-\d\d-\d\d( \(\d+\))?\.png$/);
    expect(attached).not.to.equal(failed);
    expect(errors(el)).to.have.length(1);
    expect(errors(el)[0]).to.include(`No se pudo subir «${failed}»`);
    await waitUntil(() => !el.shadowRoot!.querySelector('progress'), 'uploaded', { timeout: 10000 });
    expect(await enter(el)).to.equal(true);
    await waitUntil(async () => (await serverMessages(client, el.conversationId)).some((m) => m.attachments.some((a) => a.name === attached)), 'stored under its name');
    expect(errors(el), 'the message went without the failed image').to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('keeps files of one name apart: an error and a chip each, and a file attached again replaces one of them', async () => {
    await smallUploadLimit();
    const { store } = await startStore();
    const el = await composerFor(store);
    paste(el, file('foto.jpg', 5000, 'image/jpeg'), file('foto.jpg', 9000, 'image/jpeg'));
    await waitUntil(() => errors(el).length === 2, 'both refused');
    expect(errors(el)[0]).to.include('«foto.jpg» pesa 4,9 kB');
    expect(errors(el)[1]).to.include('«foto.jpg» pesa 8,8 kB');
    // A smaller foto.jpg in place of one of them: the other is still refused.
    paste(el, file('foto.jpg', 800, 'image/jpeg'));
    await waitUntil(() => chips(el).includes('foto.jpg'), 'the smaller one attached');
    expect(errors(el)).to.have.length(1);

    // Two chips of one name: × removes its own.
    paste(el, file('acta.pdf', 100), file('acta.pdf', 200));
    await waitUntil(() => chips(el).filter((name) => name === 'acta.pdf').length === 2, 'both attached');
    const sizes = () => [...el.shadowRoot!.querySelectorAll('[part~="attachment"]')].filter((chip) => chip.querySelector('.name')!.textContent === 'acta.pdf').map((chip) => chip.querySelector('.size')!.textContent);
    expect(sizes()).to.deep.equal(['100 B', '200 B']);
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="attachment"] button')][1]!.click();
    await el.updateComplete;
    expect(sizes()).to.deep.equal(['200 B']);
  });

  it('asks to wait for the uploads only while one still runs', async () => {
    const { store } = await startStore();
    const el = await composerFor(store);
    const upload = store.upload.bind(store);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    store.upload = (...args: Parameters<OwStore['upload']>): Promise<Attachment> => released.then(() => upload(...args));
    paste(el, file('factura.pdf', 512));
    await waitUntil(() => chips(el).includes('factura.pdf'), 'uploading');
    await type(el, 'Adjunto la factura');
    expect(await enter(el)).to.equal(false);
    expect(errors(el)).to.deep.equal(['Espera a que terminen de subir los archivos.']);
    release();
    await waitUntil(() => !el.shadowRoot!.querySelector('progress'), 'uploaded', { timeout: 10000 });
    await el.updateComplete;
    expect(errors(el)).to.deep.equal([]);
    expect(textarea(el).value).to.equal('Adjunto la factura');
  });

  it('drops the "too many files" error with the next send', async () => {
    const { store } = await startStore();
    const el = await composerFor(store);
    paste(el, ...Array.from({ length: 11 }, (_, i) => file(`doc-${i}.pdf`, 64)));
    await waitUntil(() => errors(el).length === 1, 'count refused');
    expect(errors(el)).to.deep.equal(['Solo se pueden adjuntar 10 archivos por mensaje.']);
    expect(chips(el)).to.have.length(10);
    await waitUntil(() => !el.shadowRoot!.querySelector('progress'), 'uploaded', { timeout: 10000 });
    const sent = oneEvent(el, 'ow-send');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="send"]')!.click();
    expect((await sent).detail.attachments).to.have.length(10);
    await el.updateComplete;
    expect(errors(el)).to.deep.equal([]);
  });

  it("drops a refused voice note's error when the note is discarded", async () => {
    // Any recording is over 16 bytes.
    await smallUploadLimit(16);
    await new OwClient({ baseUrl: base, token: 'tok_admin' }).updateSettings({ voiceNotesEnabled: true });
    const { store } = await startStore();
    const restoreMicrophone = fakeMicrophone();
    try {
      const el = await composerFor(store);
      const button = (part: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`[part~="${part}"]`);
      button('record')!.click();
      await waitUntil(() => button('stop'), 'recording');
      await new Promise((resolve) => setTimeout(resolve, 700));
      button('stop')!.click();
      await waitUntil(() => button('send-voice'), 'preview');
      button('send-voice')!.click();
      await waitUntil(() => errors(el).length === 1, 'note refused');
      expect(errors(el)[0]).to.match(/^«nota-de-voz-.*» pesa .* y supera el límite de .* para WhatsApp\. No se adjuntó\.$/);
      expect(button('send-voice'), 'the note stays to be discarded').to.exist;
      button('discard-voice')!.click();
      await el.updateComplete;
      expect(errors(el)).to.deep.equal([]);
      expect(button('record')).to.exist;
    } finally {
      await restoreMicrophone();
    }
  });

  it('dismisses one error with its ×, keeps the others, and puts the focus back in the message field', async () => {
    await smallUploadLimit();
    const { store } = await startStore();
    const el = await composerFor(store);
    paste(el, file('video.mp4', 5000, 'video/mp4'));
    await waitUntil(() => errors(el).length === 1, 'file refused');
    await type(el, 'a'.repeat(4100));
    await enter(el);
    expect(errors(el)).to.have.length(2);
    const dismiss = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="errors"] li button')!;
    dismiss.focus();
    dismiss.click();
    await el.updateComplete;
    expect(errors(el)).to.deep.equal(['El mensaje tiene 4100 caracteres; el máximo es 4096. No se envió.']);
    expect(el.shadowRoot!.activeElement).to.equal(textarea(el));
  });
});
