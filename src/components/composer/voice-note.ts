// Voice notes: recording from the microphone with MediaRecorder, a preview to listen to, and
// sending it as an audio attachment. Its own chunk: loaded when the agent presses 🎤.
import { html, type ReactiveController, type TemplateResult } from 'lit';
import type { OwComposer } from './ow-composer.js';
import { refuseTooLarge, upload } from './attachments.js';
import './parts.strings.js';

const RECORDING_TYPES = ['audio/ogg;codecs=opus', 'audio/webm;codecs=opus', 'audio/webm', 'audio/ogg'];

/** Starts recording; rejects when the microphone cannot be used (permission, no device). */
export async function record(host: OwComposer): Promise<void> {
  const conversationId = host.conversationId;
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  // 🎤 pressed twice while the browser asked for the microphone: one note is enough. Another
  // conversation opened meanwhile: the note was meant for the one left.
  if (host.voice || host.conversationId !== conversationId || !host.isConnected) {
    for (const track of stream.getTracks()) track.stop();
    return;
  }
  try {
    host.voice = new VoiceNote(host, stream);
  } catch (error) {
    for (const track of stream.getTracks()) track.stop();
    throw error;
  }
}

/**
 * One voice note, from recording to its preview; the composer shows it while it exists. It belongs
 * to the conversation it was recorded in: it is sent there or nowhere.
 */
export class VoiceNote implements ReactiveController {
  /** The conversation the note is recorded for. */
  readonly conversationId: string;
  private readonly recorder: MediaRecorder;
  /** Set when the note is thrown away while recording: the recorder's stop makes no preview. */
  private discarded = false;
  private readonly startedAt = Date.now();
  /** Re-renders the elapsed time every second while recording. */
  private readonly ticker: ReturnType<typeof setInterval>;
  private preview?: { file: File; url: string };

  constructor(
    private readonly host: OwComposer,
    private readonly stream: MediaStream,
  ) {
    this.conversationId = host.conversationId;
    const mimeType = RECORDING_TYPES.find((type) => MediaRecorder.isTypeSupported(type));
    const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    const chunks: Blob[] = [];
    recorder.addEventListener('dataavailable', (event) => chunks.push(event.data));
    recorder.addEventListener('stop', () => {
      clearInterval(this.ticker);
      for (const track of stream.getTracks()) track.stop();
      if (this.discarded || !host.isConnected) return this.end();
      const type = (recorder.mimeType || mimeType || 'audio/webm').split(';')[0];
      const extension = type.includes('ogg') ? 'ogg' : 'webm';
      const file = new File(chunks, `${host.t('composer.voiceName')}-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.${extension}`, { type });
      this.preview = { file, url: URL.createObjectURL(file) };
      host.requestUpdate();
      this.focusAfterUpdate('send-voice');
    });
    recorder.start();
    this.recorder = recorder;
    this.ticker = setInterval(() => host.requestUpdate(), 1000);
    host.addController(this);
    // The 🎤 pressed is gone: the focus goes to what stops the recording (Escape cancels it there).
    host.requestUpdate();
    this.focusAfterUpdate('stop');
  }

  hostDisconnected(): void {
    if (this.preview) URL.revokeObjectURL(this.preview.url);
    else this.recorder.stop();
  }

  render(): TemplateResult {
    const host = this.host;
    const preview = this.preview;
    const body = preview
      ? html`<audio controls src=${preview.url} aria-label=${host.t('composer.voicePreview')}></audio>
          <button part="button send-voice" @click=${() => this.send(preview.file)}>${host.t('composer.sendVoice')}</button>
          <button part="button discard-voice" @click=${() => this.cancel()}>${host.t('composer.discardVoice')}</button>`
      : html`<span class="rec" role="status">${host.t('composer.recording', { time: this.elapsed() })}</span>
          <button part="button stop" @click=${() => this.recorder.stop()}>${host.t('composer.stopRecording')}</button>
          <button part="button cancel-voice" aria-label=${host.t('composer.cancelRecording')} @click=${() => this.cancel()}>${host.t('composer.cancel')}</button>`;
    return html`<style>
        .voice {
          display: flex;
          flex-wrap: wrap;
          align-items: center;
          gap: var(--_space);
        }
        .rec {
          color: var(--_danger);
          font-weight: 600;
        }
      </style>
      <div class="voice" part="voice" @keydown=${this.onKeydown}>${body}</div>`;
  }

  private elapsed(): string {
    const seconds = Math.floor((Date.now() - this.startedAt) / 1000);
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  }

  /** Escape while recording cancels the recording. */
  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || this.preview || this.discarded) return;
    event.preventDefault();
    event.stopPropagation();
    this.cancel();
  };

  /** The agent throws the note away (recording or recorded): the focus goes back to 🎤. */
  private cancel(): void {
    this.discard();
    void this.host.updateComplete.then(() => this.host.shadowRoot?.querySelector<HTMLElement>('[part~="record"]')?.focus());
  }

  /**
   * @internal Throws the note away: a recording stops and releases the microphone, and nothing of
   * it is kept; a recorded note goes unsent. The composer calls it when the conversation changes.
   */
  discard(): void {
    if (!this.preview && !this.discarded) {
      this.discarded = true;
      clearInterval(this.ticker);
      if (this.recorder.state !== 'inactive') this.recorder.stop();
      for (const track of this.stream.getTracks()) track.stop();
    }
    this.end();
  }

  /** After the next render, focuses the button of that part, unless the agent has gone elsewhere. */
  private focusAfterUpdate(part: string): void {
    const host = this.host;
    void host.updateComplete.then(() => {
      const active = document.activeElement;
      const lost = !active || active === document.body || host.matches(':focus-within');
      if (lost && host.voice === this) host.shadowRoot?.querySelector<HTMLElement>(`[part~="${part}"]`)?.focus();
    });
  }

  /**
   * Uploads the note and sends it alone, to the conversation it was recorded in; a note over the
   * channel's limit stays in the preview.
   */
  private async send(file: File): Promise<void> {
    const host = this.host;
    const conversationId = this.conversationId;
    if (host.conversationId !== conversationId) return this.discard();
    if (refuseTooLarge(host, file)) return;
    this.end();
    host.textarea?.focus();
    const attachment = await upload(host, file);
    if (!attachment) return;
    host.uploads = host.uploads.filter((u) => u.attachment !== attachment);
    // Another conversation opened during the upload (which that cancels): the note is not for it.
    if (host.conversationId !== conversationId) return;
    host.dispatchSend({ text: '', attachments: [attachment], kind: host.kind });
  }

  /** Back to the 🎤 button; a refusal of the discarded note goes with it. */
  private end(): void {
    if (this.preview) {
      URL.revokeObjectURL(this.preview.url);
      const name = this.preview.file.name;
      this.host.clearErrors((about) => about === `too-large:${name}`);
    }
    this.host.removeController(this);
    if (this.host.voice === this) this.host.voice = undefined;
  }
}
