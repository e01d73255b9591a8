// Voice notes: recording from the microphone with MediaRecorder, a preview to listen to, and
// sending it as an audio attachment. Its own chunk: loaded when the agent presses 🎤.
import { html, type ReactiveController, type TemplateResult } from 'lit';
import type { OwComposer } from './ow-composer.js';
import { refuseTooLarge, upload } from './attachments.js';
import './parts.strings.js';

const RECORDING_TYPES = ['audio/ogg;codecs=opus', 'audio/webm;codecs=opus', 'audio/webm', 'audio/ogg'];

/** Starts recording; rejects when the microphone cannot be used (permission, no device). */
export async function record(host: OwComposer): Promise<void> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  // 🎤 pressed twice while the browser asked for the microphone: one note is enough.
  if (host.voice) {
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

/** One voice note, from recording to its preview; the composer shows it while it exists. */
export class VoiceNote implements ReactiveController {
  private readonly recorder: MediaRecorder;
  private readonly startedAt = Date.now();
  /** Re-renders the elapsed time every second while recording. */
  private readonly ticker: ReturnType<typeof setInterval>;
  private preview?: { file: File; url: string };

  constructor(
    private readonly host: OwComposer,
    stream: MediaStream,
  ) {
    const mimeType = RECORDING_TYPES.find((type) => MediaRecorder.isTypeSupported(type));
    const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    const chunks: Blob[] = [];
    recorder.addEventListener('dataavailable', (event) => chunks.push(event.data));
    recorder.addEventListener('stop', () => {
      clearInterval(this.ticker);
      for (const track of stream.getTracks()) track.stop();
      if (!host.isConnected) return this.end();
      const type = (recorder.mimeType || mimeType || 'audio/webm').split(';')[0];
      const extension = type.includes('ogg') ? 'ogg' : 'webm';
      const file = new File(chunks, `${host.t('composer.voiceName')}-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.${extension}`, { type });
      this.preview = { file, url: URL.createObjectURL(file) };
      host.requestUpdate();
    });
    recorder.start();
    this.recorder = recorder;
    this.ticker = setInterval(() => host.requestUpdate(), 1000);
    host.addController(this);
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
          <button part="button discard-voice" @click=${() => this.end()}>${host.t('composer.discardVoice')}</button>`
      : html`<span class="rec" role="status">${host.t('composer.recording', { time: this.elapsed() })}</span>
          <button part="button stop" @click=${() => this.recorder.stop()}>${host.t('composer.stopRecording')}</button>`;
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
      <div class="voice" part="voice">${body}</div>`;
  }

  private elapsed(): string {
    const seconds = Math.floor((Date.now() - this.startedAt) / 1000);
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  }

  /** Uploads the note and sends it alone; a note over the channel's limit stays in the preview. */
  private async send(file: File): Promise<void> {
    const host = this.host;
    if (refuseTooLarge(host, file)) return;
    this.end();
    const attachment = await upload(host, file);
    if (!attachment) return;
    host.uploads = host.uploads.filter((u) => u.attachment !== attachment);
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
