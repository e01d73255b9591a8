import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { MAX_TEXT_LENGTH, type Agent, type Attachment, type Conversation, type QuickReply, type Template, type WorkspaceSettings } from '../../contract/index.js';
import { messagingWindow } from '../../client/rules/index.js';
import type { OwStoreApi } from '../../client/store-types.js';
import { LazyPart } from '../shared/lazy-part.js';
import { OwElement } from '../shared/ow-element.js';
import { ApiError } from '../../client/errors.js';
import { describeError, type Language } from '../shared/i18n.js';
import { tokens } from '../shared/tokens.styles.js';
import type { Upload } from './attachments.js';
import { composerStyles } from './ow-composer.styles.js';
import { shortcutBefore } from './shortcut.js';
import type { VoiceNote } from './voice-note.js';
import './ow-composer.strings.js';

export { fillTemplate } from './template-text.js';

export interface BeforeSendDetail {
  conversationId: string;
  text: string;
  attachments: Attachment[];
  kind: 'text' | 'note';
  templateId?: string;
  templateVariables?: string[];
}

/**
 * @internal What an error of the composer's list is about, which says when it no longer holds:
 * - `text`: the typed text is too long; it goes as soon as the text fits.
 * - `uploads`: a send waited for uploads still running; it goes once none is.
 * - `count`: files refused over the number per message; it goes with the next attach or send.
 * - `too-large:<n>:<size>:<name>`: file n, refused for its size; it goes when a file of that name is attached in its place, or with the next send (a voice note's is `too-large:<name>`).
 * - `upload:<n>:<size>:<name>`: file n, whose upload failed (the message goes without it); it stays until a file of that name is attached in its place.
 * - `part:<name>`: a part that could not load or act (`emoji`, `voice`, `quick-replies`, `templates`, `attach:<file names>`); it goes once it works.
 * - `send:<n>`: a message the store refused; it stays until dismissed.
 * Every error goes when dismissed or when the conversation changes.
 */
export type ErrorSubject = 'text' | 'uploads' | 'count' | `too-large:${string}` | `upload:${string}` | `part:${string}` | `send:${number}`;

/** @internal One message of the composer's error list. */
export interface ComposerError {
  about: ErrorSubject;
  message: string;
}

/** Timers longer than this overflow setTimeout. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Writes and sends messages of one conversation: text, attachments, emoji, voice notes, quick
 * replies, approved templates outside the WhatsApp 24-hour window, and internal notes.
 *
 * Enter sends; Shift+Enter and Ctrl+Enter insert a line break; nothing is sent while an IME
 * composition is open. Sending is optimistic through the shared store.
 *
 * The quick reply list, the template picker, the voice recorder, the attachment list (with the
 * drop hint) and the emoji panel are chunks of their own, loaded the first time they are needed.
 *
 * @attr conversation-id - The conversation to write to.
 * @attr emoji-data-url - Where the emoji data is served; `{lang}` is replaced by the data language (`es`, `en`, `pt`).
 * @fires {CustomEvent<BeforeSendDetail>} ow-before-send - Cancelable, before every send: `detail` is `{conversationId, text, attachments, kind, templateId?, templateVariables?}`. `preventDefault()` keeps the message unsent; a listener may change `detail`, and what it leaves is sent.
 * @fires {CustomEvent<BeforeSendDetail>} ow-send - After a message was queued in the store (it shows at once as pending; delivery shows in the chat).
 * @csspart form - The whole composer (also the drop zone).
 * @csspart drop-zone - The hint over the composer while files are dragged over it.
 * @csspart textarea - The message field.
 * @csspart toolbar - The row of buttons.
 * @csspart button - Every toolbar button.
 * @csspart send - The send button.
 * @csspart attach - The 📎 button.
 * @csspart emoji - The 😊 button.
 * @csspart record - The 🎤 button (when voice notes are enabled).
 * @csspart send-template - "Enviar plantilla" outside the 24-hour window.
 * @csspart stop - Stops a voice recording.
 * @csspart cancel-voice - Cancels a voice recording (so does Escape in the recording bar).
 * @csspart send-voice - Sends the recorded voice note.
 * @csspart discard-voice - Discards the recorded voice note.
 * @csspart note-toggle - The "Nota interna" switch.
 * @csspart attachments - The list of attached and uploading files.
 * @csspart attachment - One attachment chip.
 * @csspart progress - An upload progress bar.
 * @csspart errors - The error messages, an alert (too large, upload failed, send failed).
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

  // Members marked @internal are used by the parts that load later (quick replies, templates,
  // voice notes, attachments, the emoji panel: see the LazyPart fields); they are not API.

  /** @internal */
  declare t: (key: string, params?: Record<string, string | number>) => string;
  /** @internal */
  declare lang_: Language;

  @state() private text = '';
  /** @internal What is being written: a message to the customer or an internal note. */
  @state() kind: BeforeSendDetail['kind'] = 'text';
  /** @internal Files attached to the message, finished or uploading. */
  @state() uploads: Upload[] = [];
  /** @internal The error list, each message with what it is about (one message per subject). */
  @state() errors: ComposerError[] = [];
  @state() private dragging = false;
  /** @internal */
  @state() emojiState: 'closed' | 'loading' | 'open' = 'closed';
  /** @internal The voice note being recorded or listened to. */
  @state() voice?: VoiceNote;
  /** @internal The word typed after "/" while the quick reply list is open, else null. */
  @state() quickQuery: string | null = null;
  /** @internal */
  @state() quickActive = 0;
  /** @internal The approved template chosen outside the 24-hour window, and its variables as filled in so far. */
  @state() template?: { id: string; variables: string[] };

  /** @internal */
  @query('textarea') textarea?: HTMLTextAreaElement;
  @query('input[type=file]') private fileInput?: HTMLInputElement;
  /** @internal */
  @query('[part~=emoji]') emojiButton?: HTMLButtonElement;

  /** @internal */
  readonly conversation = this.select<Conversation | undefined>((s) => s.conversations[this.conversationId], undefined);
  /** @internal */
  readonly settings = this.select<WorkspaceSettings | null>((s) => s.settings, null);
  private readonly me = this.select<Agent | null>((s) => s.me, null);
  /** @internal */
  readonly templates = this.select<readonly Template[]>((s) => s.templates, []);
  /** @internal */
  readonly quickReplies = this.select<readonly QuickReply[]>((s) => s.quickReplies, []);

  // What only an action or a rare state shows is its own chunk, loaded on first use.
  private readonly quickPart = new LazyPart(this, () => import('./quick-replies.js'));
  private readonly templatePart = new LazyPart(this, () => import('./template-picker.js'));
  private readonly voicePart = new LazyPart(this, () => import('./voice-note.js'));
  private readonly attachmentsPart = new LazyPart(this, () => import('./attachments.js'));
  private readonly emojiPart = new LazyPart(this, () => import('./emoji-panel.js'));
  /** The template picker's load, started when the window closes; a failure is reported once per conversation. */
  private templatesLoad?: Promise<unknown>;

  /** An IME composition is open: Enter confirms its candidate. */
  private composing = false;
  /** Where the "/" of a dismissed quick reply list is, so that it does not reopen. */
  private quickDismissedAt = -1;
  private readonly drafts = new Map<string, string>();
  /** dragenter and dragleave also fire for the composer's children: they come in pairs. */
  private dragDepth = 0;
  private windowTimer?: ReturnType<typeof setTimeout>;
  /** Numbers the send failures, each an error of its own. */
  private sendFailures = 0;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('conversationId')) {
      // Text typed for one conversation must never be sent to another: each keeps its own draft.
      const previous = changed.get('conversationId') as string | undefined;
      if (previous) this.drafts.set(previous, this.text);
      this.text = this.drafts.get(this.conversationId) ?? '';
      this.drafts.delete(this.conversationId);
      this.abortUploads();
      this.uploads = [];
      // A voice note, recording or recorded, belongs to the conversation left: it is thrown away and the microphone released.
      this.voice?.discard();
      this.errors = [];
      this.refreshSelections();
      this.template = undefined;
      this.templatesLoad = undefined;
      this.quickQuery = null;
    }
    // The emoji picker speaks one language: the next 😊 makes one in the new language.
    if (changed.has('lang_')) this.emojiState = 'closed';
    // An error about the text or the running uploads goes as soon as it no longer holds.
    if (this.errors.length && (changed.has('text') || changed.has('uploads'))) {
      const pending = this.uploads.some((u) => !u.attachment);
      this.clearErrors((about) => (about === 'text' && this.text.length <= MAX_TEXT_LENGTH) || (about === 'uploads' && !pending));
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.scheduleWindowCheck();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.windowTimer);
    this.abortUploads();
  }

  /** @internal The store in use. */
  get storeInUse(): OwStoreApi | undefined {
    return this.activeStore;
  }

  // ---- What may be sent ----

  /** Why replies are not possible right now, or null. Notes are always possible. */
  private replyBlocked(): { reason: string; templates: boolean } | null {
    const conversation = this.conversation.value;
    if (!conversation) return null;
    if (conversation.status === 'closed') return { reason: this.t('composer.closed'), templates: false };
    if (conversation.stage !== 'assigned' || conversation.assigneeId !== this.me.value?.id) return { reason: this.t('composer.notAssigned'), templates: false };
    const settings = this.settings.value;
    if (!settings || messagingWindow(conversation, settings, this.clock()).open) return null;
    const reason = conversation.lastCustomerMessageAt
      ? this.t('composer.windowClosed', { hours: settings.whatsappWindowHours })
      : this.t('composer.windowNeverOpened');
    return { reason, templates: true };
  }

  /** Files cannot be attached, nor dropped: no conversation, or a reply that is not possible (notes always are). */
  private attachDisabled(): boolean {
    return !this.conversation.value || (this.kind === 'text' && this.replyBlocked() !== null);
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
    this.windowTimer = setTimeout(() => this.requestUpdate(), wait);
  }

  // ---- Sending ----

  /**
   * @internal Fires `ow-before-send` and hands the message to the store; false when vetoed or refused.
   * `restore` puts the message back in the composer when the store refuses it before queueing it.
   */
  dispatchSend(input: Omit<BeforeSendDetail, 'conversationId'>, restore?: () => void): boolean {
    const store = this.activeStore;
    const conversationId = this.conversationId;
    if (!store || !conversationId) return false;
    const detail: BeforeSendDetail = { conversationId, ...input };
    if (!this.emit('ow-before-send', detail, true)) return false;
    const failed = (error: unknown) => this.showFailure(`send:${++this.sendFailures}`, 'composer.sendFailed', error);
    try {
      // The message as the listeners left it; the store takes the fields it sends. Refused by the
      // store's checks, it never entered the outbox: the agent gets it back to fix.
      store.send(conversationId, detail).catch((error: unknown) => {
        if (error instanceof ApiError && error.local && this.conversationId === conversationId) restore?.();
        failed(error);
      });
    } catch (error) {
      failed(error);
      return false;
    }
    this.emit('ow-send', detail);
    return true;
  }

  /** Sends the typed text and the finished attachments. */
  send(): void {
    if (this.kind === 'text' && this.replyBlocked()) return;
    if (this.uploads.some((u) => !u.attachment)) return this.addError(this.t('composer.uploadsPending'), 'uploads');
    const text = this.text.trim() ? this.text : '';
    const attachments = this.uploads.flatMap((u) => u.attachment ?? []);
    if (!text && !attachments.length) return;
    // Refused here, with the text kept, rather than cleared and then rejected by validation.
    if (text.length > MAX_TEXT_LENGTH) return this.addError(this.t('composer.tooLong', { length: text.length, max: MAX_TEXT_LENGTH }), 'text');
    const uploads = this.uploads;
    const kind = this.kind;
    const putBack = () => {
      // Not over what the agent started writing since.
      if (this.text || this.uploads.length) return;
      this.text = text;
      this.uploads = uploads;
      this.kind = kind;
    };
    if (!this.dispatchSend({ text, attachments, kind }, putBack)) return;
    this.text = '';
    this.uploads = [];
    // The files refused from this message no longer matter once it went; a failed upload still does (the message went without it).
    this.clearErrors((about) => about === 'count' || about.startsWith('too-large:'));
    this.quickQuery = null;
    this.textarea?.focus();
  }

  // ---- Keyboard and text ----

  private onInput(event: Event): void {
    const textarea = event.target as HTMLTextAreaElement;
    this.text = textarea.value;
    const shortcut = shortcutBefore(textarea);
    if (!shortcut || shortcut.at === this.quickDismissedAt || !this.quickReplies.value.length) {
      this.quickQuery = null;
      return;
    }
    this.quickDismissedAt = -1;
    if (this.quickQuery !== shortcut.query) this.quickActive = 0;
    this.quickQuery = shortcut.query;
  }

  private onKeydown(event: KeyboardEvent): void {
    // Keys go to an open IME composition first (Enter confirms its candidate), then to the quick reply list.
    if (event.isComposing || this.composing || event.keyCode === 229) return;
    if (this.quickQuery !== null && this.onQuickReplyKey(event)) return;
    if (event.key !== 'Enter') return;
    // Ctrl+Enter inserts a line break, which browsers do not; Shift+Enter and Alt+Enter get theirs.
    const lineBreak = event.ctrlKey || event.metaKey;
    if (!lineBreak && (event.shiftKey || event.altKey)) return;
    event.preventDefault();
    if (lineBreak) this.insertAtCaret('\n');
    else this.send();
  }

  /**
   * Keys for the open quick reply list. Escape closes it until another "/" is typed. Until the
   * list's chunk is in, Enter waits for it, so that it picks a reply instead of sending the
   * half-typed "/shortcut".
   */
  private onQuickReplyKey(event: KeyboardEvent): boolean {
    if (event.key === 'Escape') {
      event.preventDefault();
      const shortcut = this.textarea && shortcutBefore(this.textarea);
      if (shortcut) this.quickDismissedAt = shortcut.at;
      this.quickQuery = null;
      return true;
    }
    const part = this.quickPart.value;
    if (part) return part.handleQuickReplyKey(this, event);
    if (event.key !== 'Enter') return false;
    event.preventDefault();
    void this.withPart(this.quickPart, 'part:quick-replies', 'composer.quickRepliesUnavailable', () => this.onKeydown(event));
    return true;
  }

  /**
   * @internal Replaces the selection (or `[start, end)`) with `insert` and puts the caret after it.
   * A field keeps its selection while it has no focus, so an emoji goes where the caret was.
   */
  insertAtCaret(insert: string, range?: [number, number]): void {
    const textarea = this.textarea;
    if (!textarea) return;
    const [start, end] = range ?? [textarea.selectionStart, textarea.selectionEnd];
    textarea.setRangeText(insert, start, end, 'end');
    this.text = textarea.value;
    textarea.focus();
  }

  // ---- Attachments ----

  /** Files pasted, dropped or picked; the attachments part checks and uploads them. */
  private onFiles(event: Event): void {
    const input = event.target as HTMLInputElement;
    const source = event instanceof ClipboardEvent ? event.clipboardData : event instanceof DragEvent ? event.dataTransfer : input;
    const files = [...(source?.files ?? [])];
    // The same file can be picked again.
    if (source === input) input.value = '';
    if (!files.length || this.attachDisabled()) return;
    event.preventDefault();
    const name = files.map((f) => f.name).join(', ');
    void this.withPart(this.attachmentsPart, `part:attach:${name}`, 'composer.uploadFailed', (part) => part.attach(this, files, event.type === 'paste'), { name });
  }

  /**
   * The composer is the drop zone: it takes files, and is highlighted while they are dragged over
   * it. The first dragenter starts loading the attachments part, which shows the drop hint.
   */
  private onDrag(event: DragEvent): void {
    if (event.type === 'dragleave' || event.type === 'drop') {
      this.dragDepth = event.type === 'drop' ? 0 : Math.max(0, this.dragDepth - 1);
      this.dragging = this.dragDepth > 0;
      if (event.type === 'drop') this.onFiles(event);
      return;
    }
    if (!event.dataTransfer?.types.includes('Files') || this.attachDisabled()) return;
    // Accepting dragenter and dragover is what allows the drop.
    event.preventDefault();
    if (event.type === 'dragover') {
      event.dataTransfer.dropEffect = 'copy';
      return;
    }
    this.dragDepth++;
    this.dragging = true;
  }

  private abortUploads(): void {
    for (const upload of this.uploads) upload.controller.abort();
  }

  // ---- Errors and the parts that load later ----

  /** @internal Adds a message to the error list, in place of the one about the same thing. */
  addError(message: string, about: ErrorSubject): void {
    this.errors = [...this.errors.filter((e) => e.about !== about), { about, message }];
  }

  /** @internal Removes the errors whose subject `obsolete` picks. */
  clearErrors(obsolete: (about: ErrorSubject) => boolean): void {
    if (this.errors.some((e) => obsolete(e.about))) this.errors = this.errors.filter((e) => !obsolete(e.about));
  }

  /** Shows the message `key` names, with what went wrong as its `{reason}`. */
  private showFailure(about: ErrorSubject, key: string, error: unknown, params?: Record<string, string>): void {
    this.addError(this.t(key, { ...params, reason: describeError(this.lang_, error) }), about);
  }

  /**
   * Runs `action` with a part once it is in; a part that cannot load, or an action that fails, is
   * reported as `errorKey` about `about`, and an action that works clears that report.
   */
  private async withPart<M>(part: LazyPart<M>, about: ErrorSubject, errorKey: string, action: (module: M) => unknown, params?: Record<string, string>): Promise<boolean> {
    try {
      await action(await part.get());
      this.clearErrors((subject) => subject === about);
      return true;
    } catch (error) {
      this.showFailure(about, errorKey, error, params);
      return false;
    }
  }

  private async toggleEmoji(): Promise<void> {
    if (this.emojiState !== 'closed') return this.closeEmoji();
    this.emojiState = 'loading';
    if (!(await this.withPart(this.emojiPart, 'part:emoji', 'composer.emojiError', (part) => part.showEmoji(this)))) this.emojiState = 'closed';
  }

  /** @internal */
  closeEmoji(): void {
    this.emojiState = 'closed';
    this.emojiButton?.focus();
  }

  private toggleNote(): void {
    this.kind = this.kind === 'note' ? 'text' : 'note';
    this.quickQuery = null;
  }

  // ---- Rendering ----

  protected override render(): TemplateResult {
    const note = this.kind === 'note';
    const blocked = note ? null : this.replyBlocked();
    const disabled = !this.conversation.value || blocked !== null;
    const quick = this.quickQuery === null || disabled ? undefined : this.quickPart.value?.quickReplyList(this);
    return html`
      <div
        class="form ${this.dragging ? 'dragging' : ''} ${note ? 'note-mode' : ''}"
        part="form"
        @dragenter=${this.onDrag}
        @dragover=${this.onDrag}
        @dragleave=${this.onDrag}
        @drop=${this.onDrag}
      >
        ${this.dragging ? this.attachmentsPart.value?.renderDropHint(this) : nothing}
        ${this.errors.length ? this.renderErrors() : nothing}
        ${blocked ? html`<p id="notice" class="notice" part="notice" role="status">${blocked.reason}</p>` : nothing}
        ${blocked?.templates ? this.renderTemplatePicker() : nothing}
        ${this.uploads.length ? this.attachmentsPart.value?.renderUploads(this) : nothing}
        ${quick?.popup}
        ${this.emojiState !== 'closed' ? this.emojiPart.value?.renderEmojiPanel(this) : nothing}
        ${this.voice?.render()}
        <textarea
          part="textarea"
          rows="1"
          aria-label=${this.t(note ? 'composer.labelNote' : 'composer.label')}
          placeholder=${this.t(note ? 'composer.placeholderNote' : 'composer.placeholder')}
          ?disabled=${disabled}
          aria-describedby=${blocked ? 'notice' : nothing}
          aria-controls=${quick ? 'quick-replies' : nothing}
          aria-activedescendant=${quick?.activeId ?? nothing}
          .value=${live(this.text)}
          @input=${this.onInput}
          @keydown=${this.onKeydown}
          @compositionstart=${() => (this.composing = true)}
          @compositionend=${() => (this.composing = false)}
          @paste=${this.onFiles}
          @blur=${() => (this.quickQuery = null)}
        ></textarea>
        ${this.renderToolbar(disabled)}
      </div>
    `;
  }

  /** What went wrong, each with a button that dismisses it. */
  private renderErrors(): TemplateResult {
    const dismiss = this.t('composer.dismiss');
    return html`<div part="errors" role="alert">
      <ul class="errors">
        ${repeat(
          this.errors,
          (error) => error.about,
          (error) => html`<li data-about=${error.about}>
            ${error.message}
            <button class="icon small" aria-label=${dismiss} title=${dismiss} @click=${() => this.dismissError(error.about)}>×</button>
          </li>`,
        )}
      </ul>
    </div>`;
  }

  /** Dismisses one error; the focus, which was on its ×, goes back to the message field. */
  private dismissError(about: ErrorSubject): void {
    this.clearErrors((subject) => subject === about);
    this.textarea?.focus();
  }

  private renderToolbar(disabled: boolean): TemplateResult {
    const note = this.kind === 'note';
    const canSend = !disabled && (this.text.trim().length > 0 || this.uploads.some((u) => u.attachment));
    const voiceNotes = this.settings.value?.voiceNotesEnabled && typeof MediaRecorder !== 'undefined' && navigator.mediaDevices?.getUserMedia;
    return html`
      <div class="toolbar" part="toolbar">
        ${this.iconButton('attach', '📎', disabled, () => this.fileInput?.click())}
        <input type="file" multiple hidden tabindex="-1" @change=${this.onFiles} />
        ${this.iconButton('emoji', '😊', disabled, this.toggleEmoji, this.emojiState !== 'closed')}
        ${voiceNotes && !this.voice ? this.iconButton('record', '🎤', disabled, () => this.withPart(this.voicePart, 'part:voice', 'composer.micError', (part) => part.record(this))) : nothing}
        <button class="toggle" part="button note-toggle" aria-pressed=${note ? 'true' : 'false'} ?disabled=${!this.conversation.value} @click=${this.toggleNote}>
          ${this.t('composer.note')}
        </button>
        <button class="send" part="button send" ?disabled=${!canSend} @click=${this.send}>${this.t(note ? 'composer.sendNote' : 'composer.send')}</button>
      </div>
    `;
  }

  /**
   * A toolbar button showing an icon: `name` is its part (after `button`) and names its label
   * (`composer.<name>`, also its tooltip). `expanded` is given for a button that opens a dialog.
   */
  private iconButton(name: string, icon: string, disabled: boolean, onClick: () => unknown, expanded?: boolean): TemplateResult {
    const label = this.t(`composer.${name}`);
    return html`<button
      class="icon"
      part="button ${name}"
      ?disabled=${disabled}
      aria-label=${label}
      title=${label}
      aria-haspopup=${expanded === undefined ? nothing : 'dialog'}
      aria-expanded=${expanded ?? nothing}
      @click=${onClick}
    >
      <span aria-hidden="true">${icon}</span>
    </button>`;
  }

  /** The template picker; its chunk is in within a few ms, until then its empty frame keeps the layout still. */
  private renderTemplatePicker(): TemplateResult {
    const picker = this.templatePart.value;
    if (picker) return picker.renderTemplates(this);
    // The picker shows on the render after its chunk is in.
    this.templatesLoad ??= this.withPart(this.templatePart, 'part:templates', 'composer.templatesUnavailable', () => {});
    return html`<fieldset class="templates" part="templates" aria-busy="true"><legend>${this.t('composer.templates')}</legend></fieldset>`;
  }
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
