import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { MAX_ATTACHMENTS, MAX_TEXT_LENGTH, type Attachment, type Conversation, type QuickReply, type Template, type WorkspaceSettings } from '../../contract/index.js';
import type { Agent } from '../../contract/index.js';
import { messagingWindow } from '../../client/rules/index.js';
import { OwElement } from '../shared/ow-element.js';
import type { Language } from '../shared/i18n.js';
import { tokens } from '../shared/tokens.styles.js';
import { formatBytes } from '../chat/format.js';
import { composerStyles } from './ow-composer.styles.js';
import './ow-composer.strings.js';

export interface BeforeSendDetail {
  conversationId: string;
  text: string;
  attachments: Attachment[];
  kind: 'text' | 'note';
  templateId?: string;
  templateVariables?: string[];
}

interface Upload {
  key: number;
  name: string;
  size: number;
  loaded: number;
  controller: AbortController;
  attachment: Attachment | null;
}

type Recording = { state: 'idle' } | { state: 'recording'; recorder: MediaRecorder; startedAt: number } | { state: 'preview'; file: File; url: string };

const CHANNEL_NAMES: Record<Conversation['channel'], string> = { whatsapp: 'WhatsApp', instagram: 'Instagram', facebook: 'Facebook', web: 'Web' };
/** emoji-picker-element-data folder per UI language. */
const EMOJI_LOCALES: Record<Language, string> = { es: 'es', en: 'en', 'pt-BR': 'pt' };
const RECORDING_TYPES = ['audio/ogg;codecs=opus', 'audio/webm;codecs=opus', 'audio/webm', 'audio/ogg'];
/** `/word` right before the caret, at the start of the text or after whitespace. */
const QUICK_REPLY_TOKEN = /(?:^|\s)\/([^\s/]*)$/;
/** Timers longer than this overflow setTimeout. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Writes and sends messages of one conversation: text, attachments, emoji, voice notes, quick
 * replies, approved templates outside the WhatsApp 24-hour window, and internal notes.
 *
 * Enter sends; Shift+Enter and Ctrl+Enter insert a line break; nothing is sent while an IME
 * composition is open. Sending is optimistic through the shared store.
 *
 * @attr conversation-id - The conversation to write to.
 * @attr emoji-data-url - Where the emoji data is served; `{lang}` is replaced by the data language (`es`, `en`, `pt`).
 * @fires ow-before-send - Cancelable, before every send: `detail` is `{conversationId, text, attachments, kind, templateId?, templateVariables?}`. `preventDefault()` keeps the message unsent.
 * @fires ow-send - After a message was handed to the store (it shows at once as pending).
 * @csspart form - The whole composer (also the drop zone).
 * @csspart textarea - The message field.
 * @csspart toolbar - The row of buttons.
 * @csspart button - Every toolbar button.
 * @csspart send - The send button.
 * @csspart note-toggle - The "Nota interna" switch.
 * @csspart attachments - The list of attached and uploading files.
 * @csspart attachment - One attachment chip.
 * @csspart progress - An upload progress bar.
 * @csspart errors - The list of errors (too large, upload failed, send failed).
 * @csspart notice - Why free text is disabled (not assigned, closed, outside the 24-hour window).
 * @csspart templates - The template picker shown outside the 24-hour window.
 * @csspart template-preview - The filled-in template text.
 * @csspart quick-replies - The "/" quick reply list.
 * @csspart emoji-panel - The emoji picker popup.
 * @csspart voice - The voice note recorder and preview.
 * @cssprop --ow-composer-max-height - Largest height of the message field before it scrolls (default 10em).
 * @cssprop --ow-color-accent - Send button and focus colour.
 * @cssprop --ow-color-note - Background in note mode.
 */
@customElement('ow-composer')
export class OwComposer extends OwElement {
  static override styles = [tokens, composerStyles];

  @property({ attribute: 'conversation-id', reflect: true }) conversationId = '';

  /** Emoji data URL; `{lang}` becomes `es`, `en` or `pt`. Defaults to the data shipped beside the package (see docs). */
  @property({ attribute: 'emoji-data-url' }) emojiDataUrl = '';

  /**
   * Current time in ms, used for the WhatsApp 24-hour window. Set it when the host's clock is
   * known to differ from the server's.
   */
  @property({ attribute: false }) clock: () => number = () => Date.now();

  @state() private text = '';
  @state() private mode: 'reply' | 'note' = 'reply';
  @state() private uploads: Upload[] = [];
  @state() private errors: string[] = [];
  @state() private dragging = false;
  @state() private emojiState: 'closed' | 'loading' | 'open' = 'closed';
  @state() private recording: Recording = { state: 'idle' };
  @state() private recordingTick = 0;
  @state() private quickQuery: string | null = null;
  @state() private quickActive = 0;
  @state() private templateId = '';
  @state() private templateVariables: string[] = [];
  @state() private windowTick = 0;

  @query('textarea') private textarea?: HTMLTextAreaElement;
  @query('input[type=file]') private fileInput?: HTMLInputElement;
  @query('.emoji-button') private emojiButton?: HTMLButtonElement;

  private readonly conversation = this.select<Conversation | undefined>((s) => s.conversations[this.conversationId], undefined);
  private readonly settings = this.select<WorkspaceSettings | null>((s) => s.settings, null);
  private readonly me = this.select<Agent | null>((s) => s.me, null);
  private readonly templates = this.select<readonly Template[]>((s) => s.templates, []);
  private readonly quickReplies = this.select<readonly QuickReply[]>((s) => s.quickReplies, []);

  private composing = false;
  private readonly drafts = new Map<string, string>();
  private dragDepth = 0;
  private nextUploadKey = 1;
  private quickDismissedAt = -1;
  private selection: [number, number] = [0, 0];
  private emojiPicker: HTMLElement | null = null;
  private windowTimer: ReturnType<typeof setTimeout> | undefined;
  private recordingTimer: ReturnType<typeof setInterval> | undefined;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('conversationId')) {
      // Text typed for one conversation must never be sent to another: each keeps its own draft.
      const previous = changed.get('conversationId') as string | undefined;
      if (previous) this.drafts.set(previous, this.text);
      this.text = this.drafts.get(this.conversationId) ?? '';
      this.drafts.delete(this.conversationId);
      for (const upload of this.uploads) if (!upload.attachment) upload.controller.abort();
      this.uploads = [];
      this.errors = [];
      this.refreshSelections();
      this.templateId = '';
      this.templateVariables = [];
      this.quickQuery = null;
    }
    if (changed.has('lang_') && this.emojiPicker) {
      this.emojiPicker.remove();
      this.emojiPicker = null;
      this.emojiState = 'closed';
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.scheduleWindowCheck();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.windowTimer);
    clearInterval(this.recordingTimer);
    for (const upload of this.uploads) if (!upload.attachment) upload.controller.abort();
    if (this.recording.state === 'recording') this.recording.recorder.stop();
    if (this.recording.state === 'preview') URL.revokeObjectURL(this.recording.url);
  }

  // ---- What may be sent ----

  /** Why replies are not possible right now, or null. Notes are always possible. */
  private replyBlocked(): { reason: string; templates: boolean } | null {
    const conversation = this.conversation.value;
    const me = this.me.value;
    if (!conversation) return null;
    if (conversation.status === 'closed') return { reason: this.t('composer.closed'), templates: false };
    if (conversation.stage !== 'assigned' || conversation.assigneeId !== me?.id) return { reason: this.t('composer.notAssigned'), templates: false };
    const settings = this.settings.value;
    if (!settings) return null;
    const window = messagingWindow(conversation, settings, this.clock());
    if (window.open) return null;
    const reason = conversation.lastCustomerMessageAt
      ? this.t('composer.windowClosed', { hours: settings.whatsappWindowHours })
      : this.t('composer.windowNeverOpened');
    return { reason, templates: true };
  }

  /** Re-renders when the 24-hour window closes, so the composer switches to templates on time. */
  private scheduleWindowCheck(): void {
    clearTimeout(this.windowTimer);
    const conversation = this.conversation.value;
    const settings = this.settings.value;
    if (!conversation || !settings || !this.isConnected) return;
    const { open, closesAt } = messagingWindow(conversation, settings, this.clock());
    if (!open || !closesAt) return;
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, Date.parse(closesAt) - this.clock()) + 50);
    this.windowTimer = setTimeout(() => this.windowTick++, wait);
  }

  private uploadLimit(): number | null {
    const conversation = this.conversation.value;
    const settings = this.settings.value;
    return conversation && settings ? settings.maxUploadBytes[conversation.channel] : null;
  }

  // ---- Sending ----

  /** Fires `ow-before-send` and hands the message to the store; false when vetoed or refused. */
  private dispatchSend(input: Omit<BeforeSendDetail, 'conversationId'>): boolean {
    const store = this.activeStore;
    const conversationId = this.conversationId;
    if (!store || !conversationId) return false;
    const detail: BeforeSendDetail = { conversationId, ...input };
    if (!this.emit('ow-before-send', detail, true)) return false;
    const { text, attachments, kind, templateId, templateVariables } = detail;
    let sending: Promise<void>;
    try {
      sending = store.send(conversationId, { text, attachments, kind, templateId, templateVariables });
    } catch (error) {
      this.addError(this.t('composer.sendFailed', { reason: reasonOf(error) }));
      return false;
    }
    sending.catch((error: unknown) => this.addError(this.t('composer.sendFailed', { reason: reasonOf(error) })));
    this.emit('ow-send', detail);
    return true;
  }

  /** Sends the typed text and the finished attachments. */
  send(): void {
    const kind = this.mode === 'note' ? 'note' : 'text';
    if (kind === 'text' && this.replyBlocked()) return;
    if (this.uploads.some((u) => !u.attachment)) {
      this.addError(this.t('composer.uploadsPending'));
      return;
    }
    const text = this.text.trim() ? this.text : '';
    const attachments = this.uploads.map((u) => u.attachment).filter((a): a is Attachment => a !== null);
    if (!text && !attachments.length) return;
    // Refused here, with the text kept, rather than cleared and then rejected by validation.
    if (text.length > MAX_TEXT_LENGTH) {
      this.addError(this.t('composer.tooLong', { length: text.length, max: MAX_TEXT_LENGTH }));
      return;
    }
    if (!this.dispatchSend({ text, attachments, kind })) return;
    this.text = '';
    this.uploads = [];
    this.quickQuery = null;
    this.textarea?.focus();
  }

  private sendTemplate(): void {
    const template = this.templates.value.find((tpl) => tpl.id === this.templateId);
    if (!template) return;
    const variables = this.templateVariables.slice(0, template.variableCount);
    if (!this.dispatchSend({ text: fillTemplate(template.body, variables), attachments: [], kind: 'text', templateId: template.id, templateVariables: variables })) return;
    this.templateId = '';
    this.templateVariables = [];
  }

  // ---- Keyboard and text ----

  private onInput(event: Event): void {
    const textarea = event.target as HTMLTextAreaElement;
    this.text = textarea.value;
    this.updateQuickReplies(textarea);
  }

  private onKeydown(event: KeyboardEvent): void {
    if (this.quickQuery !== null && this.handleQuickReplyKey(event)) return;
    if (event.key !== 'Enter') return;
    // Enter that confirms an IME candidate belongs to the IME, not to us.
    if (event.isComposing || this.composing || event.keyCode === 229) return;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      this.insertAtCaret('\n');
      return;
    }
    if (event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.send();
  }

  private onBlur(): void {
    this.rememberSelection();
    this.quickQuery = null;
  }

  private rememberSelection(): void {
    const textarea = this.textarea;
    if (textarea) this.selection = [textarea.selectionStart, textarea.selectionEnd];
  }

  /** Replaces the selection (or `[start, end)`) with `insert` and puts the caret after it. */
  private insertAtCaret(insert: string, range?: [number, number]): void {
    const textarea = this.textarea;
    if (!textarea) return;
    const focused = this.shadowRoot?.activeElement === textarea;
    const [start, end] = range ?? (focused ? [textarea.selectionStart, textarea.selectionEnd] : this.selection);
    textarea.setRangeText(insert, start, end, 'end');
    this.text = textarea.value;
    this.selection = [textarea.selectionStart, textarea.selectionEnd];
    textarea.focus();
  }

  // ---- Quick replies ----

  private quickMatches(): QuickReply[] {
    if (this.quickQuery === null) return [];
    const q = this.quickQuery.toLocaleLowerCase();
    const all = this.quickReplies.value;
    const starts = all.filter((r) => r.shortcut.toLocaleLowerCase().startsWith(q));
    const contains = all.filter((r) => !starts.includes(r) && r.shortcut.toLocaleLowerCase().includes(q));
    return [...starts, ...contains];
  }

  private updateQuickReplies(textarea: HTMLTextAreaElement): void {
    const before = textarea.value.slice(0, textarea.selectionStart);
    const match = QUICK_REPLY_TOKEN.exec(before);
    const slashAt = match ? before.length - match[1].length - 1 : -1;
    if (!match || slashAt === this.quickDismissedAt || !this.quickReplies.value.length) {
      this.quickQuery = null;
      return;
    }
    this.quickDismissedAt = -1;
    if (this.quickQuery !== match[1]) this.quickActive = 0;
    this.quickQuery = match[1];
  }

  /** Returns true when the key was handled by the open quick-reply list. */
  private handleQuickReplyKey(event: KeyboardEvent): boolean {
    const matches = this.quickMatches();
    if (event.key === 'Escape') {
      event.preventDefault();
      this.dismissQuickReplies();
      return true;
    }
    if (!matches.length) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.quickActive = (this.quickActive + step + matches.length) % matches.length;
      return true;
    }
    if ((event.key === 'Enter' && !event.isComposing && !this.composing) || event.key === 'Tab') {
      event.preventDefault();
      this.applyQuickReply(matches[Math.min(this.quickActive, matches.length - 1)]);
      return true;
    }
    return false;
  }

  private dismissQuickReplies(): void {
    const textarea = this.textarea;
    if (textarea) {
      const before = textarea.value.slice(0, textarea.selectionStart);
      const match = QUICK_REPLY_TOKEN.exec(before);
      if (match) this.quickDismissedAt = before.length - match[1].length - 1;
    }
    this.quickQuery = null;
  }

  private applyQuickReply(reply: QuickReply): void {
    const textarea = this.textarea;
    if (!textarea) return;
    const caret = textarea.selectionStart;
    const match = QUICK_REPLY_TOKEN.exec(textarea.value.slice(0, caret));
    const start = match ? caret - match[1].length - 1 : caret;
    this.quickQuery = null;
    this.insertAtCaret(reply.text, [start, caret]);
  }

  // ---- Attachments ----

  private addFiles(files: File[]): void {
    if (!files.length) return;
    const limit = this.uploadLimit();
    const conversation = this.conversation.value;
    for (const file of files) {
      if (this.uploads.length >= MAX_ATTACHMENTS) {
        this.addError(this.t('composer.tooMany', { max: MAX_ATTACHMENTS }));
        return;
      }
      if (limit !== null && conversation && file.size > limit) {
        this.addError(
          this.t('composer.tooLarge', {
            name: file.name,
            size: formatBytes(this.lang_, file.size),
            limit: formatBytes(this.lang_, limit),
            channel: CHANNEL_NAMES[conversation.channel],
          }),
        );
        continue;
      }
      void this.startUpload(file);
    }
  }

  /** Uploads one file with progress; resolves to its attachment, or null when cancelled or failed. */
  private async startUpload(file: File): Promise<Attachment | null> {
    const store = this.activeStore;
    if (!store) return null;
    const upload: Upload = { key: this.nextUploadKey++, name: file.name, size: file.size, loaded: 0, controller: new AbortController(), attachment: null };
    this.uploads = [...this.uploads, upload];
    const patch = (changes: Partial<Upload>) => {
      this.uploads = this.uploads.map((u) => (u.key === upload.key ? Object.assign(u, changes) : u));
    };
    try {
      const attachment = await store.upload(this.conversationId, file, (p) => patch({ loaded: p.loaded }), upload.controller.signal);
      patch({ attachment, loaded: upload.size });
      return attachment;
    } catch (error) {
      this.uploads = this.uploads.filter((u) => u.key !== upload.key);
      if (!upload.controller.signal.aborted) this.addError(this.t('composer.uploadFailed', { name: file.name, reason: reasonOf(error) }));
      return null;
    }
  }

  private removeUpload(upload: Upload): void {
    upload.controller.abort();
    this.uploads = this.uploads.filter((u) => u.key !== upload.key);
    this.textarea?.focus();
  }

  private onFilesPicked(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.addFiles([...(input.files ?? [])]);
    input.value = '';
  }

  private onPaste(event: ClipboardEvent): void {
    const files = [...(event.clipboardData?.files ?? [])];
    if (!files.length) return;
    event.preventDefault();
    if (this.attachDisabled()) return;
    this.addFiles(files);
  }

  private hasFiles(event: DragEvent): boolean {
    return event.dataTransfer?.types.includes('Files') ?? false;
  }

  private onDragEnter(event: DragEvent): void {
    if (!this.hasFiles(event) || this.attachDisabled()) return;
    event.preventDefault();
    this.dragDepth++;
    this.dragging = true;
  }

  private onDragOver(event: DragEvent): void {
    if (!this.hasFiles(event) || this.attachDisabled()) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  }

  private onDragLeave(): void {
    this.dragDepth = Math.max(0, this.dragDepth - 1);
    if (!this.dragDepth) this.dragging = false;
  }

  private onDrop(event: DragEvent): void {
    this.dragDepth = 0;
    this.dragging = false;
    const files = [...(event.dataTransfer?.files ?? [])];
    if (!files.length || this.attachDisabled()) return;
    event.preventDefault();
    this.addFiles(files);
  }

  private attachDisabled(): boolean {
    return !this.conversation.value || (this.mode === 'reply' && this.replyBlocked() !== null);
  }

  private addError(message: string): void {
    this.errors = [...this.errors, message];
  }

  private dismissError(index: number): void {
    this.errors = this.errors.filter((_, i) => i !== index);
  }

  // ---- Emoji ----

  private emojiSource(): string {
    const locale = EMOJI_LOCALES[this.lang_];
    if (this.emojiDataUrl) return this.emojiDataUrl.replaceAll('{lang}', locale);
    // The build copies the data next to the modules (dist/emoji-data/); dev servers serve the same path.
    // A variable, not a literal, so bundlers do not try to inline the JSON into the bundle.
    const path = `./emoji-data/${locale}/data.json`;
    return new URL(path, import.meta.url).href;
  }

  private async toggleEmoji(): Promise<void> {
    if (this.emojiState !== 'closed') {
      this.closeEmoji();
      return;
    }
    this.rememberSelection();
    if (this.emojiPicker) {
      this.emojiState = 'open';
      await this.updateComplete;
      this.focusEmojiSearch();
      return;
    }
    this.emojiState = 'loading';
    try {
      const [{ default: Picker }, i18n] = await Promise.all([import('emoji-picker-element/picker.js'), loadEmojiStrings(this.lang_)]);
      const picker = new Picker({ dataSource: this.emojiSource(), locale: EMOJI_LOCALES[this.lang_], ...(i18n ? { i18n } : {}) });
      picker.addEventListener('emoji-click', (event) => {
        if (event.detail.unicode) this.insertAtCaret(event.detail.unicode);
        this.emojiState = 'closed';
      });
      this.emojiPicker = picker;
      if (this.emojiState !== 'loading') return;
      this.emojiState = 'open';
      await this.updateComplete;
      this.focusEmojiSearch();
    } catch (error) {
      this.emojiState = 'closed';
      this.addError(this.t('composer.emojiError', { reason: reasonOf(error) }));
    }
  }

  private focusEmojiSearch(): void {
    const search = this.emojiPicker?.shadowRoot?.querySelector('input');
    (search ?? this.emojiPicker)?.focus();
  }

  private closeEmoji(): void {
    this.emojiState = 'closed';
    this.emojiButton?.focus();
  }

  /** Closes the panel when focus moves elsewhere (not back to its own button, which toggles it). */
  private onEmojiPanelFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    const panel = event.currentTarget as HTMLElement;
    if (!next || panel.contains(next) || next === this.emojiButton) return;
    this.emojiState = 'closed';
  }

  private onEmojiPanelKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    this.closeEmoji();
  }

  // ---- Voice notes ----

  private voiceAvailable(): boolean {
    return Boolean(this.settings.value?.voiceNotesEnabled) && typeof MediaRecorder !== 'undefined' && Boolean(navigator.mediaDevices?.getUserMedia);
  }

  private async startRecording(): Promise<void> {
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      this.addError(this.t('composer.micError', { reason: reasonOf(error) }));
      return;
    }
    const mimeType = RECORDING_TYPES.find((type) => MediaRecorder.isTypeSupported(type));
    const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    const chunks: Blob[] = [];
    recorder.addEventListener('dataavailable', (event) => chunks.push(event.data));
    recorder.addEventListener('stop', () => {
      clearInterval(this.recordingTimer);
      for (const track of stream.getTracks()) track.stop();
      if (!this.isConnected) return;
      const type = (recorder.mimeType || mimeType || 'audio/webm').split(';')[0];
      const extension = type.includes('ogg') ? 'ogg' : 'webm';
      const file = new File(chunks, `${this.t('composer.voiceName')}-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.${extension}`, { type });
      this.recording = { state: 'preview', file, url: URL.createObjectURL(file) };
    });
    recorder.start();
    this.recording = { state: 'recording', recorder, startedAt: Date.now() };
    this.recordingTimer = setInterval(() => this.recordingTick++, 1000);
  }

  private stopRecording(): void {
    if (this.recording.state === 'recording') this.recording.recorder.stop();
  }

  private discardVoice(): void {
    if (this.recording.state === 'preview') URL.revokeObjectURL(this.recording.url);
    this.recording = { state: 'idle' };
  }

  private async sendVoice(): Promise<void> {
    if (this.recording.state !== 'preview') return;
    const { file, url } = this.recording;
    const limit = this.uploadLimit();
    if (limit !== null && file.size > limit) {
      this.addFiles([file]);
      return;
    }
    this.recording = { state: 'idle' };
    URL.revokeObjectURL(url);
    const attachment = await this.startUpload(file);
    if (!attachment) return;
    this.uploads = this.uploads.filter((u) => u.attachment !== attachment);
    this.dispatchSend({ text: '', attachments: [attachment], kind: this.mode === 'note' ? 'note' : 'text' });
  }

  // ---- Rendering ----

  protected override render(): TemplateResult {
    const conversation = this.conversation.value;
    const blocked = this.mode === 'reply' ? this.replyBlocked() : null;
    const disabled = !conversation || blocked !== null;
    const quickMatches = this.quickMatches();
    const quickOpen = quickMatches.length > 0 && !disabled;
    const activeQuick = Math.min(this.quickActive, quickMatches.length - 1);
    const note = this.mode === 'note';
    return html`
      <div
        class="form ${this.dragging ? 'dragging' : ''} ${note ? 'note-mode' : ''}"
        part="form"
        @dragenter=${this.onDragEnter}
        @dragover=${this.onDragOver}
        @dragleave=${this.onDragLeave}
        @drop=${this.onDrop}
      >
        ${this.dragging ? html`<div class="drop-hint" part="drop-zone" aria-hidden="true">${this.t('composer.dropHere')}</div>` : nothing}
        ${this.renderErrors()}
        ${blocked ? html`<p id="notice" class="notice" part="notice" role="status">${blocked.reason}</p>` : nothing}
        ${blocked?.templates ? this.renderTemplates() : nothing}
        ${this.renderUploads()}
        ${quickOpen ? this.renderQuickReplies(quickMatches, activeQuick) : nothing}
        ${this.emojiState !== 'closed' ? this.renderEmojiPanel() : nothing}
        ${this.renderVoice()}
        <textarea
          part="textarea"
          rows="1"
          aria-label=${note ? this.t('composer.labelNote') : this.t('composer.label')}
          placeholder=${note ? this.t('composer.placeholderNote') : this.t('composer.placeholder')}
          ?disabled=${disabled}
          aria-describedby=${blocked ? 'notice' : nothing}
          aria-controls=${quickOpen ? 'quick-replies' : nothing}
          aria-activedescendant=${quickOpen ? `quick-reply-${activeQuick}` : nothing}
          .value=${live(this.text)}
          @input=${this.onInput}
          @keydown=${this.onKeydown}
          @compositionstart=${() => (this.composing = true)}
          @compositionend=${() => (this.composing = false)}
          @paste=${this.onPaste}
          @blur=${this.onBlur}
        ></textarea>
        ${this.renderToolbar(disabled)}
      </div>
    `;
  }

  private renderToolbar(disabled: boolean): TemplateResult {
    const note = this.mode === 'note';
    const canSend = !disabled && (this.text.trim().length > 0 || this.uploads.some((u) => u.attachment));
    return html`
      <div class="toolbar" part="toolbar">
        <button class="icon" part="button attach" ?disabled=${disabled} aria-label=${this.t('composer.attach')} title=${this.t('composer.attach')} @click=${() => this.fileInput?.click()}>
          <span aria-hidden="true">📎</span>
        </button>
        <input type="file" multiple hidden tabindex="-1" @change=${this.onFilesPicked} />
        <button
          class="icon emoji-button"
          part="button emoji"
          ?disabled=${disabled}
          aria-label=${this.t('composer.emoji')}
          title=${this.t('composer.emoji')}
          aria-expanded=${this.emojiState !== 'closed' ? 'true' : 'false'}
          aria-haspopup="dialog"
          @click=${this.toggleEmoji}
        >
          <span aria-hidden="true">😊</span>
        </button>
        ${this.voiceAvailable() && this.recording.state === 'idle'
          ? html`<button class="icon mic" part="button record" ?disabled=${disabled} aria-label=${this.t('composer.record')} title=${this.t('composer.record')} @click=${this.startRecording}>
              <span aria-hidden="true">🎤</span>
            </button>`
          : nothing}
        <button class="toggle" part="button note-toggle" aria-pressed=${note ? 'true' : 'false'} ?disabled=${!this.conversation.value} @click=${this.toggleMode}>
          ${this.t('composer.note')}
        </button>
        <span class="spacer"></span>
        <button class="send" part="button send" ?disabled=${!canSend} @click=${this.send}>${note ? this.t('composer.sendNote') : this.t('composer.send')}</button>
      </div>
    `;
  }

  private toggleMode(): void {
    this.mode = this.mode === 'note' ? 'reply' : 'note';
    this.quickQuery = null;
  }

  private renderErrors(): TemplateResult | typeof nothing {
    if (!this.errors.length) return nothing;
    return html`<ul class="errors" part="errors" role="alert">
      ${this.errors.map(
        (error, index) => html`<li>
          <span>${error}</span>
          <button class="icon small" aria-label=${this.t('composer.dismiss')} title=${this.t('composer.dismiss')} @click=${() => this.dismissError(index)}>×</button>
        </li>`,
      )}
    </ul>`;
  }

  private renderUploads(): TemplateResult | typeof nothing {
    if (!this.uploads.length) return nothing;
    return html`<ul class="uploads" part="attachments" aria-label=${this.t('composer.attachments')}>
      ${this.uploads.map(
        (upload) => html`<li class="chip" part="attachment">
          <span class="name">${upload.name}</span>
          <span class="size">${formatBytes(this.lang_, upload.size)}</span>
          ${upload.attachment
            ? nothing
            : html`<progress part="progress" max=${upload.size || 1} .value=${upload.loaded} aria-label=${this.t('composer.uploading', { name: upload.name })}></progress>`}
          <button
            class="icon small"
            aria-label=${upload.attachment ? this.t('composer.removeAttachment', { name: upload.name }) : this.t('composer.cancelUpload', { name: upload.name })}
            title=${upload.attachment ? this.t('composer.removeAttachment', { name: upload.name }) : this.t('composer.cancelUpload', { name: upload.name })}
            @click=${() => this.removeUpload(upload)}
          >
            ×
          </button>
        </li>`,
      )}
    </ul>`;
  }

  private renderQuickReplies(matches: QuickReply[], active: number): TemplateResult {
    return html`<ul id="quick-replies" class="popup quick" role="listbox" part="quick-replies" aria-label=${this.t('composer.quickReplies')}>
      ${matches.map(
        (reply, index) => html`<li
          id="quick-reply-${index}"
          role="option"
          aria-selected=${index === active ? 'true' : 'false'}
          @mousedown=${(e: Event) => e.preventDefault()}
          @click=${() => this.applyQuickReply(reply)}
        >
          <strong>/${reply.shortcut}</strong> <span>${reply.text}</span>
        </li>`,
      )}
    </ul>`;
  }

  private renderEmojiPanel(): TemplateResult {
    return html`<div
      class="popup emoji-panel"
      part="emoji-panel"
      role="dialog"
      aria-label=${this.t('composer.emojiPanel')}
      @keydown=${this.onEmojiPanelKeydown}
      @focusout=${this.onEmojiPanelFocusOut}
    >
      ${this.emojiState === 'loading' ? html`<p role="status">${this.t('composer.emojiLoading')}</p>` : this.emojiPicker}
    </div>`;
  }

  private renderVoice(): TemplateResult | typeof nothing {
    const recording = this.recording;
    if (recording.state === 'recording') {
      // Re-rendered every second by `recordingTick`.
      const seconds = Math.floor((Date.now() - recording.startedAt) / 1000);
      const time = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
      return html`<div class="voice" part="voice">
        <span class="rec" role="status">${this.t('composer.recording', { time })}</span>
        <button part="button stop" @click=${this.stopRecording}>${this.t('composer.stopRecording')}</button>
      </div>`;
    }
    if (recording.state === 'preview') {
      return html`<div class="voice" part="voice">
        <audio controls src=${recording.url} aria-label=${this.t('composer.voicePreview')}></audio>
        <button part="button send-voice" @click=${this.sendVoice}>${this.t('composer.sendVoice')}</button>
        <button part="button discard-voice" @click=${this.discardVoice}>${this.t('composer.discardVoice')}</button>
      </div>`;
    }
    return nothing;
  }

  private renderTemplates(): TemplateResult {
    const templates = this.templates.value;
    if (!templates.length) return html`<p class="notice" part="templates">${this.t('composer.noTemplates')}</p>`;
    const template = templates.find((tpl) => tpl.id === this.templateId);
    const variables = template ? Array.from({ length: template.variableCount }, (_, i) => this.templateVariables[i] ?? '') : [];
    const complete = template !== undefined && variables.every((v) => v.trim().length > 0);
    return html`<fieldset class="templates" part="templates">
      <legend>${this.t('composer.templates')}</legend>
      <label>
        <span>${this.t('composer.template')}</span>
        <select
          .value=${live(this.templateId)}
          @change=${(e: Event) => {
            this.templateId = (e.target as HTMLSelectElement).value;
            this.templateVariables = [];
          }}
        >
          <option value="">${this.t('composer.chooseTemplate')}</option>
          ${templates.map((tpl) => html`<option value=${tpl.id} ?selected=${tpl.id === this.templateId}>${tpl.name} (${tpl.language})</option>`)}
        </select>
      </label>
      ${variables.map(
        (value, index) => html`<label>
          <span>${this.t('composer.variable', { n: index + 1 })}</span>
          <input
            type="text"
            .value=${live(value)}
            @input=${(e: Event) => {
              const next = [...variables];
              next[index] = (e.target as HTMLInputElement).value;
              this.templateVariables = next;
            }}
          />
        </label>`,
      )}
      ${template
        ? html`<div class="preview" part="template-preview" aria-label=${this.t('composer.preview')} role="note">${fillTemplate(template.body, variables)}</div>`
        : nothing}
      <button class="send" part="button send-template" ?disabled=${!complete} @click=${this.sendTemplate}>${this.t('composer.sendTemplate')}</button>
    </fieldset>`;
  }
}

/** The template body with `{{n}}` replaced by the n-th variable (left as is while empty). */
export function fillTemplate(body: string, variables: readonly string[]): string {
  return body.replace(/\{\{(\d+)\}\}/g, (match, n: string) => variables[Number(n) - 1] || match);
}

async function loadEmojiStrings(lang: Language): Promise<import('emoji-picker-element/shared').I18n | null> {
  if (lang === 'es') return (await import('emoji-picker-element/i18n/es.js')).default;
  if (lang === 'pt-BR') return (await import('emoji-picker-element/i18n/pt_BR.js')).default;
  return null;
}

function reasonOf(error: unknown): string {
  if (error && typeof error === 'object' && 'reason' in error && typeof error.reason === 'string' && error.reason) return error.reason;
  return error instanceof Error ? error.message : String(error);
}

declare global {
  interface HTMLElementTagNameMap {
    'ow-composer': OwComposer;
  }
  interface HTMLElementEventMap {
    'ow-before-send': CustomEvent<BeforeSendDetail>;
    'ow-send': CustomEvent<BeforeSendDetail>;
  }
}
