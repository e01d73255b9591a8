import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { MAX_TEXT_LENGTH, type Message } from '../../contract/index.js';
import type { OutboxEntry, StoreState } from '../../client/store-types.js';
import { OwElement } from '../shared/ow-element.js';
import { describeError, describeFailure, formatDateTime } from '../shared/i18n.js';
import { linkify } from '../shared/linkify.js';
import { shallowEqual } from '../shared/store-controller.js';
import { styles } from './ow-notes.styles.js';
import './ow-notes.strings.js';

export interface NoteAddDetail {
  conversationId: string;
  text: string;
}

const NO_NOTES: readonly Message[] = [];

/**
 * The internal notes of a conversation: written by agents for agents, never sent to the customer's channel. Lists
 * them in order with author and time, live as other agents add them, and adds new ones optimistically (pending →
 * saved, or failed with retry; a retry never stores the note twice).
 *
 * Notes come from the conversation's timeline in the shared store; when nothing has loaded it yet, the element opens
 * the conversation in the store itself.
 *
 * @fires {CustomEvent<NoteAddDetail>} ow-note-add - The agent added a note (before it is acknowledged). Cancelable: `preventDefault()` keeps it unsent. Detail: `{ conversationId, text }`.
 *
 * @attr conversation-id - The conversation whose notes are shown.
 * @attr theme - `light` or `dark`; unset follows `prefers-color-scheme`.
 *
 * @csspart header - Title and the "agents only" badge.
 * @csspart badge - The "Solo visible para agentes" badge.
 * @csspart list - The list of notes.
 * @csspart note - One note.
 * @csspart author - A note's author.
 * @csspart time - A note's time.
 * @csspart text - A note's text.
 * @csspart state - Pending or failed state of a note, with retry.
 * @csspart form - The form adding a note.
 * @csspart textarea - The note field.
 * @csspart add-button - The "Agregar nota" button.
 * @csspart error - Why a note could not be added.
 * @csspart load-older - Loads earlier messages of the conversation (and their notes).
 * @csspart empty - Shown without notes or without a conversation.
 *
 * @cssprop --ow-color-note - Note background.
 * @cssprop --ow-color-note-text - Note text.
 * @cssprop --ow-color-warning - Note edge.
 * @cssprop --ow-color-danger - Failed note edge and errors.
 * @cssprop --ow-color-background - Element background.
 * @cssprop --ow-color-text - Text.
 * @cssprop --ow-color-text-muted - Hints and empty state.
 * @cssprop --ow-color-border - Borders.
 * @cssprop --ow-color-accent - Add button.
 * @cssprop --ow-color-on-accent - Add button text.
 * @cssprop --ow-color-focus - Focus ring.
 * @cssprop --ow-notes-max-height - Height after which the list scrolls (default 24rem).
 * @cssprop --ow-radius - Corner radius.
 * @cssprop --ow-space - Spacing unit.
 */
@customElement('ow-notes')
export class OwNotes extends OwElement {
  static override styles = styles;

  /** The conversation whose notes are shown. */
  @property({ attribute: 'conversation-id', reflect: true }) conversationId = '';

  @state() private text = '';
  @state() private error: string | null = null;
  @state() private announcement = '';

  @query('textarea') private textarea?: HTMLTextAreaElement;
  @query('.scroller') private scroller?: HTMLElement;

  private readonly notesSlice = this.select(
    (s) => {
      const timeline = this.conversationId ? s.timelines[this.conversationId] : undefined;
      if (!timeline) return NO_NOTES;
      // The store replaces these objects whenever they change, so unchanged references mean unchanged notes.
      if (this.notesMemo?.ids === timeline.ids && this.notesMemo.messages === s.messages) return this.notesMemo.notes;
      const notes: Message[] = [];
      for (const id of timeline.ids) {
        const message = s.messages[id];
        if (message?.kind === 'note') notes.push(message);
      }
      this.notesMemo = { ids: timeline.ids, messages: s.messages, notes };
      return notes;
    },
    NO_NOTES,
    shallowEqual,
  );
  private notesMemo: { ids: readonly string[]; messages: Readonly<Record<string, Message>>; notes: Message[] } | null = null;
  private readonly timelineSlice = this.select((s) => (this.conversationId ? (s.timelines[this.conversationId] ?? null) : null), null);
  private readonly outboxSlice = this.select((s) => s.outbox, [] as readonly OutboxEntry[]);
  private readonly agentsSlice = this.select((s) => s.agents, {} as StoreState['agents']);
  private readonly meSlice = this.select((s) => s.me, null);
  private readonly readySlice = this.select((s) => s.ready, false);

  private requestedLoad: string | null = null;
  private loadError: string | null = null;
  private seen: Set<string> | null = null;
  private seenConversation: string | undefined;
  private latestSeq = 0;
  private stickToBottom = true;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('conversationId')) {
      this.refreshSelections();
      this.error = null;
      this.loadError = null;
    }
    this.loadIfMissing();
    this.announceArrivals();
  }

  protected override updated(): void {
    if (this.stickToBottom && this.scroller) this.scroller.scrollTop = this.scroller.scrollHeight;
  }

  /** Without a loaded timeline there are no notes to show nor a place for live ones: load it once. */
  private loadIfMissing(): void {
    const store = this.activeStore;
    const id = this.conversationId;
    if (!store || !id || !this.readySlice.value || this.requestedLoad === id) return;
    const timeline = this.timelineSlice.value;
    // A timeline holding only messages restored from the outbox has not been loaded from the server yet.
    const messages = store.getState().messages;
    if (timeline && (timeline.loading || !timeline.hasMore || timeline.ids.some((m) => messages[m]?.id !== messages[m]?.clientId))) return;
    this.requestedLoad = id;
    store.openConversation(id).catch(this.loadFailed);
  }

  /** Notes from other agents arriving while the list is on screen are read out once. */
  private announceArrivals(): void {
    const notes = this.notesSlice.value;
    if (this.seenConversation !== this.conversationId) {
      this.seenConversation = this.conversationId;
      this.seen = null;
    }
    if (!this.seen) {
      // The first loaded page is history, not news.
      const timeline = this.timelineSlice.value;
      if (timeline && !timeline.loading) this.seen = new Set(notes.map((n) => n.clientId ?? n.id));
      this.latestSeq = Math.max(0, ...notes.map((n) => n.seq));
      return;
    }
    const meId = this.meSlice.value?.id;
    for (const note of notes) {
      const key = note.clientId ?? note.id;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      // Older pages loaded on request are history too.
      if (note.seq <= this.latestSeq) continue;
      this.latestSeq = note.seq;
      if (note.agentId !== meId) this.announcement = this.t('notes.announce', { name: this.authorOf(note), text: note.text });
    }
  }

  private onScroll(): void {
    const el = this.scroller;
    if (el) this.stickToBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.isComposing) {
      event.preventDefault();
      void this.add();
    }
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.add();
  }

  /** Adds the typed note; the field clears at once and the note shows as pending until the server stores it. */
  async add(): Promise<void> {
    const store = this.activeStore;
    const conversationId = this.conversationId;
    const text = this.text;
    // A note too long is refused here too (Ctrl+Enter); the form already says why.
    if (!store || !conversationId || !text.trim() || text.length > MAX_TEXT_LENGTH) return;
    if (!this.emit('ow-note-add', { conversationId, text }, true)) return;
    this.error = null;
    this.text = '';
    this.stickToBottom = true;
    try {
      await store.send(conversationId, { text, kind: 'note' });
    } catch (error) {
      // Refused before it entered the outbox: the draft comes back so nothing is lost.
      if (!this.text) this.text = text;
      this.error = this.t('notes.sendFailed', { reason: describeError(this.lang_, error) });
    }
    this.textarea?.focus();
  }

  private authorOf(note: Message): string {
    const me = this.meSlice.value;
    if (note.agentId && note.agentId === me?.id) return me.name;
    return (note.agentId ? this.agentsSlice.value[note.agentId]?.name : undefined) ?? this.t('notes.unknownAgent');
  }

  override render(): TemplateResult {
    return html`
      <div class="header" part="header">
        <h2 id="title">${this.t('notes.title')}</h2>
        <span class="badge" part="badge">${lockIcon} ${this.t('notes.internal')}</span>
      </div>
      ${this.conversationId ? this.renderBody() : html`<p class="empty" part="empty">${this.t('notes.noConversation')}</p>`}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    `;
  }

  private renderBody(): TemplateResult {
    const notes = this.notesSlice.value;
    const timeline = this.timelineSlice.value;
    const loadError = this.loadError ?? (timeline?.error ? describeFailure(this.lang_, timeline.errorCode, timeline.error) : null);
    const loading = !timeline || timeline.loading;
    return html`
      ${loadError ? html`<p class="error" role="alert">${this.t('notes.loadFailed', { reason: loadError })}</p>` : nothing}
      <div class="scroller" @scroll=${this.onScroll}>
        ${timeline && timeline.hasMore && timeline.ids.length
          ? html`<button type="button" part="load-older" ?disabled=${timeline.loading} @click=${this.loadOlder}>${this.t('notes.loadOlder')}</button>`
          : nothing}
        ${notes.length
          ? html`<ol part="list" aria-labelledby="title" aria-describedby="internal">
              ${notes.map((n) => this.renderNote(n))}
            </ol>`
          : html`<p class="empty" part="empty" role="status">${loading && !loadError ? this.t('notes.loading') : this.t('notes.empty')}</p>`}
      </div>
      <span id="internal" class="visually-hidden">${this.t('notes.internal')}</span>
      ${this.renderForm()}
    `;
  }

  protected override reconnected(): void {
    if (!this.loadError) return;
    this.loadError = null;
    this.requestedLoad = null;
    this.requestUpdate();
  }

  private loadOlder(): void {
    const id = this.conversationId;
    if (!id) return;
    this.stickToBottom = false;
    this.activeStore?.loadOlderMessages(id).catch(this.loadFailed);
  }

  /** Loading the conversation's messages failed: the list says why. */
  private readonly loadFailed = (error: unknown): void => {
    this.loadError = describeError(this.lang_, error);
    this.requestUpdate();
  };

  private renderNote(note: Message): TemplateResult {
    const author = this.authorOf(note);
    const mine = note.agentId && note.agentId === this.meSlice.value?.id;
    return html`<li part="note" data-id=${note.id} data-status=${note.status}>
      <div class="meta">
        <span class="author" part="author">${mine ? html`${author} <span>(${this.t('notes.you')})</span>` : author}</span>
        <time part="time" datetime=${note.createdAt}>${formatDateTime(this.lang_, note.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</time>
      </div>
      <p class="text" part="text">${linkify(note.text)}</p>
      ${this.renderState(note)}
    </li>`;
  }

  private renderState(note: Message): TemplateResult | typeof nothing {
    if (note.status === 'pending') return html`<div class="state" part="state">${this.t('notes.pending')}…</div>`;
    if (note.status !== 'failed' || !note.clientId) return nothing;
    const clientId = note.clientId;
    const entry = this.outboxSlice.value.find((e) => e.clientId === clientId);
    const reason = entry?.error ? this.t('notes.failed', { reason: describeFailure(this.lang_, entry.errorCode, entry.error) }) : this.t('notes.failedNoReason');
    return html`<div class="state failed" part="state" role="alert">
      <span>${reason}</span>
      <button type="button" @click=${() => this.activeStore?.retry(clientId)}>${this.t('notes.retry')}</button>
      <button type="button" @click=${() => this.activeStore?.discard(clientId)}>${this.t('notes.discard')}</button>
    </div>`;
  }

  private renderForm(): TemplateResult {
    const tooLong = this.text.length > MAX_TEXT_LENGTH;
    const errorText = this.error ?? (tooLong ? this.t('notes.tooLong', { max: MAX_TEXT_LENGTH }) : null);
    return html`<form part="form" @submit=${this.onSubmit}>
      <label for="note">${this.t('notes.field')}</label>
      <textarea
        id="note"
        part="textarea"
        placeholder=${this.t('notes.placeholder')}
        aria-describedby="hint${errorText ? ' note-error' : ''}"
        aria-invalid=${errorText ? 'true' : 'false'}
        .value=${this.text}
        @input=${(e: Event) => (this.text = (e.target as HTMLTextAreaElement).value)}
        @keydown=${this.onKeydown}
      ></textarea>
      <p class="hint" id="hint">${this.t('notes.hint')}</p>
      ${errorText ? html`<p class="error" part="error" id="note-error" role="alert">${errorText}</p>` : nothing}
      <div class="actions">
        <button type="submit" class="primary" part="add-button" ?disabled=${!this.text.trim() || tooLong || !this.activeStore}>
          ${this.t('notes.add')}
        </button>
      </div>
    </form>`;
  }
}

const lockIcon = html`<svg aria-hidden="true" width="12" height="12" viewBox="0 0 16 16" fill="currentColor">
  <path d="M8 1a3 3 0 0 0-3 3v3H4a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1h-1V4a3 3 0 0 0-3-3Zm-1.5 6V4a1.5 1.5 0 0 1 3 0v3h-3Z" />
</svg>`;

declare global {
  interface HTMLElementTagNameMap {
    'ow-notes': OwNotes;
  }
  interface HTMLElementEventMap {
    'ow-note-add': CustomEvent<NoteAddDetail>;
  }
}
