import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import '@lit-labs/virtualizer';
import type { LitVirtualizer } from '@lit-labs/virtualizer/LitVirtualizer.js';
import { flow } from '@lit-labs/virtualizer/layouts/flow.js';
import type { Attachment, Conversation, Customer, Message, ReadState, SystemEvent, SystemEventType } from '../../contract/index.js';
import { ApiError } from '../../client/errors.js';
import type { MessageTimeline, OutboxEntry, OwStoreApi, StoreState } from '../../client/store-types.js';
import { LazyPart } from '../shared/lazy-part.js';
import { OwElement } from '../shared/ow-element.js';
import { describeError, describeFailure, failureSentence, formatBytes, formatDateTime } from '../shared/i18n.js';
import { linkify } from '../shared/linkify.js';
import { shallowEqual } from '../shared/store-controller.js';
import { tokens } from '../shared/tokens.styles.js';
import '../composer/ow-composer.js';
import type { ChatDialogName, ChatDialogs } from './dialogs.js';
import { chatStyles } from './ow-chat.styles.js';
import './ow-chat.strings.js';

export interface ChatConversationDetail {
  conversationId: string;
}
export interface ChatTransferDetail extends ChatConversationDetail {
  to: { agentId: string } | { groupId: string };
}

type TimelineItem = { type: 'day'; key: string; label: string } | { type: 'message'; key: string; message: Message };

/** Distance from the bottom, in pixels, that still counts as "at the bottom". */
const BOTTOM_SLACK = 32;
/**
 * Older messages load when the view comes this close to the top, or within one view height of it,
 * whichever is more: the page is in before the agent's scrolling reaches the top.
 */
const TOP_THRESHOLD = 120;
/**
 * Older messages load while one of the first this many rows is in view. Generous because rows
 * never rendered have estimated heights: a jump to the very top can land a dozen rows down.
 */
const TOP_ROWS = 15;
/** Longest wait for the virtualizer to finish a layout. */
const LAYOUT_WAIT_MS = 400;
/** Scroll events this soon after the agent's wheel, touch, key or pointer are theirs, not layout corrections. */
const USER_SCROLL_MS = 1000;
/** Most rounds of "scroll to the end, let the virtualizer measure what came into view" per pin. */
const PIN_ROUNDS = 20;
/** Longest wait for the virtualizer's layout in one such round: the next round checks again. */
const PIN_ROUND_MS = 120;

const EMPTY_MESSAGES: readonly Message[] = [];
/** An action refused because someone changed the conversation first (409). */
const CONFLICT = Symbol('conflict');
/** The built-in composer's main parts, styleable from outside the chat as `composer-<part>`. */
const COMPOSER_PARTS = ['form', 'textarea', 'toolbar', 'button', 'send', 'attachments', 'errors', 'notice', 'templates']
  .map((part) => `${part}: composer-${part}`)
  .join(', ');
/** The dialogs behind the header's "Transferir" and "Cerrar", in that order. */
const DIALOG_NAMES: readonly ChatDialogName[] = ['transfer', 'close'];
const STATUS_GLYPHS: Record<Message['status'], string> = { pending: '🕓', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '⚠' };
/**
 * Given as a constructor (not left to the default) so the layout exists as soon as the virtualizer
 * does: the default one is imported asynchronously and scrolling before it arrives fails.
 */
const LAYOUT = flow();

/**
 * What the timeline derives from the store, shared by every chat and kept across opens: a
 * conversation with thousands of messages is not walked again while its timeline is unchanged.
 */
const timelineCache = new WeakMap<readonly string[], { records: StoreState['messages']; messages: readonly Message[] }>();
const itemsCache = new WeakMap<readonly Message[], { lang: string; today: string; items: TimelineItem[] }>();
/** Per message record: its row item and its day, so a rebuilt timeline parses no date twice. */
const messageItems = new WeakMap<Message, { item: TimelineItem; day: string }>();

/**
 * One conversation: header with the customer, channel and who holds it, its actions, the
 * virtualized timeline and the composer (or, before the conversation is assigned to the agent,
 * a read-only notice with "Asignarme" in its place).
 *
 * @attr conversation-id - The conversation to show; opening it loads its newest messages and marks it read.
 * @fires {CustomEvent<ChatConversationDetail>} ow-assign - After the agent took the conversation ("Asignarme").
 * @fires {CustomEvent<ChatTransferDetail>} ow-transfer - After the conversation was transferred; `detail.to` is `{agentId}` or `{groupId}`.
 * @fires {CustomEvent<ChatConversationDetail>} ow-close - After the conversation was closed.
 * @fires {CustomEvent<ConversationSelectDetail>} ow-conversation-select - The agent chose to open the customer's newer conversation from a closed one.
 * @fires {CustomEvent<ChatConversationDetail>} ow-mark-unread - After the conversation was marked unread ("Marcar como no leída").
 * @fires {CustomEvent<ChatConversationDetail>} ow-mark-read - After the conversation, unread for the agent, was marked read ("Marcar como leída").
 * @slot composer - Replaces the built-in `<ow-composer>` shown when the conversation is assigned to the agent.
 * @csspart header - The header with customer, channel, holder and actions.
 * @csspart customer - The customer's name.
 * @csspart channel - The channel badge.
 * @csspart holder - Who holds the conversation.
 * @csspart actions - The action buttons.
 * @csspart action - Each action button.
 * @csspart assign-action - "Asignarme" in the header.
 * @csspart transfer-action - "Transferir".
 * @csspart close-action - "Cerrar".
 * @csspart unread-action - The read/unread toggle.
 * @csspart error - Why the last action failed.
 * @csspart placeholder - Shown without a conversation, while it loads, or when it is not available.
 * @csspart timeline - The scrolling message log.
 * @csspart day - A day separator.
 * @csspart message - Every message row.
 * @csspart message-customer - A customer's message.
 * @csspart message-agent - An agent's reply.
 * @csspart message-bot - A bot message.
 * @csspart message-note - An internal note.
 * @csspart bubble - A message bubble.
 * @csspart event - A system event line (assigned, transferred, queued, closed, reopened).
 * @csspart status - Delivery ticks.
 * @csspart failed - The retry/discard bar of a failed message.
 * @csspart attachment - An attachment (image link, audio player or file link).
 * @csspart new-messages - The button back to the newest message, shown when messages arrive while scrolled up ("Mensajes nuevos") or when the view is more than a screen above the newest ("Ir al último mensaje").
 * @csspart jump-latest - The same button while it only jumps (no new messages since the agent scrolled up).
 * @csspart read-only - The notice shown instead of the composer.
 * @csspart assign - The "Asignarme" button in the read-only notice.
 * @csspart open-later - In a closed conversation's notice, when the customer wrote again: opens the new conversation (fires `ow-conversation-select`).
 * @csspart composer - The built-in composer.
 * @csspart composer-form - The built-in composer's `form` part.
 * @csspart composer-textarea - The built-in composer's `textarea` part.
 * @csspart composer-toolbar - The built-in composer's `toolbar` part.
 * @csspart composer-button - The built-in composer's `button` part.
 * @csspart composer-send - The built-in composer's `send` part.
 * @csspart composer-attachments - The built-in composer's `attachments` part.
 * @csspart composer-errors - The built-in composer's `errors` part.
 * @csspart composer-notice - The built-in composer's `notice` part.
 * @csspart composer-templates - The built-in composer's `templates` part.
 * @csspart dialog - The transfer and close dialogs. They load when the agent first reaches for "Transferir" or "Cerrar".
 * @csspart transfer-dialog - The transfer dialog.
 * @csspart close-dialog - The close confirmation.
 * @csspart announcer - The polite live region announcing arrivals and changes.
 * @cssprop --ow-color-incoming - Customer bubble background.
 * @cssprop --ow-color-outgoing - Agent/bot bubble background.
 * @cssprop --ow-color-note - Internal note background.
 * @cssprop --ow-color-note-text - Internal note text.
 * @cssprop --ow-chat-max-bubble-width - Largest bubble width (default 75%).
 */
@customElement('ow-chat')
export class OwChat extends OwElement {
  static override styles = [tokens, chatStyles];

  @property({ attribute: 'conversation-id', reflect: true }) conversationId = '';

  @state() private newMessages = false;
  /** The view is more than a screen away from the newest message: "Ir al último mensaje" is offered. */
  @state() private farFromNewest = false;
  /** Why the last action failed; CONFLICT when the conversation moved on meanwhile (told from how it stands now). */
  @state() private actionError: string | typeof CONFLICT | null = null;
  @state() private busy = false;
  @state() private announcement = '';

  @query('lit-virtualizer') private virtualizer?: LitVirtualizer<TimelineItem>;

  private readonly conversationSlice = this.select<Conversation | undefined>((s) => s.conversations[this.conversationId], undefined);
  private readonly customerSlice = this.select<Customer | undefined>((s) => customerOf(s, this.conversationId), undefined);
  private readonly timelineSlice = this.select<MessageTimeline | undefined>((s) => s.timelines[this.conversationId], undefined);
  private readonly readStateSlice = this.select<ReadState | undefined>((s) => s.readStates[this.conversationId], undefined);
  private readonly messagesSlice = this.select<readonly Message[]>(timelineMessages(() => this.conversationId), EMPTY_MESSAGES, sameItems);
  private readonly outboxSlice = this.select<readonly OutboxEntry[]>((s) => s.outbox, []);
  private readonly laterSlice = this.select<string | null>(laterConversation(() => this.conversationId), null);
  private readonly directorySlice = this.select(
    (s) => ({ me: s.me, agents: s.agents, groups: s.groups }),
    { me: null, agents: {}, groups: {} } as Pick<StoreState, 'me' | 'agents' | 'groups'>,
    shallowEqual,
  );

  private rowItems: TimelineItem[] = [];
  private openedFor: { store: OwStoreApi; id: string } | null = null;
  /** Opening marks the conversation read; actions wait for it so "mark unread" is not undone by it. */
  private markingRead: Promise<void> = Promise.resolve();
  /** The conversation was on screen (or answered 404): its absence now means no access, not loading. */
  @state() private seenFor = '';
  /** The conversation whose timeline is on screen and has been scrolled into place. */
  private settledFor = '';
  /**
   * The view follows the newest message: true on opening and at the bottom, false once the agent
   * scrolled away from it. Size changes (rows, the timeline itself) keep a following view at the bottom.
   */
  private atBottom = true;
  /** The pin under way (see pinToBottom); `pinAgain` asks it for another round. */
  private pinRun: Promise<void> | null = null;
  private pinAgain = false;
  /** When the agent last touched the timeline with wheel, touch, keys or pointer (performance.now()). */
  private lastUserInput = -Infinity;
  private anchorId: string | null = null;
  /** How far below the timeline's top edge the anchor row was just before older rows were prepended. */
  private anchorOffset: number | null = null;
  private previousMessages: readonly Message[] = EMPTY_MESSAGES;
  /**
   * Rows that change size after they were placed (images, audio, late layout), and the timeline
   * itself when what is around it (header, error line, composer, template picker, host) changes
   * height: while the view follows the newest message, it stays on it.
   */
  private readonly rowSizes = new ResizeObserver(() => this.keepPinned());
  private readonly rowChanges = new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node instanceof HTMLElement) this.rowSizes.observe(node);
  });
  private observed: LitVirtualizer<TimelineItem> | null = null;
  /**
   * The transfer and close dialogs, a chunk of their own loaded once the agent reaches for them.
   * Rendering shows them once they are in but never asks for them (a failed load is not retried on every update).
   */
  private readonly dialogs = new LazyPart(this, async () => {
    const { ChatDialogs } = await import('./dialogs.js');
    return (this.loadedDialogs = new ChatDialogs(this, {
      t: (key, params) => this.t(key, params),
      directory: () => this.directorySlice.value,
      conversation: () => this.conversationSlice.value,
      transfer: (to) => this.act('ow-transfer', (store, id) => store.transfer(id, to), { to }),
      close: () => this.act('ow-close', (store, id) => store.close(id)),
    }));
  });
  private loadedDialogs?: ChatDialogs;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('conversationId')) {
      this.refreshSelections();
      this.settledFor = '';
      // Every conversation opens on its newest message, however the previous one was scrolled.
      this.atBottom = true;
      this.newMessages = false;
      this.farFromNewest = false;
      this.actionError = null;
      this.anchorId = null;
      this.anchorOffset = null;
      this.previousMessages = EMPTY_MESSAGES;
    }
    // Opening changes the store at once (timeline loading); doing it here folds that into this update.
    this.openIfNeeded();
    const messages = this.messagesSlice.value;
    // Older rows are about to be prepended: where the anchor stands now is where it stays.
    if (this.anchorId && messages[0] !== this.previousMessages[0]) this.anchorOffset = this.offsetOf(this.anchorId);
    if (messages !== this.previousMessages || changed.has('lang_')) this.rowItems = this.buildItems(messages);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.observeRows();
    const messages = this.messagesSlice.value;
    if (messages !== this.previousMessages) {
      const previous = this.previousMessages;
      this.previousMessages = messages;
      void this.afterMessagesChanged(previous, messages);
    }
  }

  private openIfNeeded(): void {
    const store = this.activeStore;
    if (this.conversationSlice.value) this.seenFor = this.conversationId;
    if (!store || !this.conversationId) return;
    if (this.openedFor?.store === store && this.openedFor.id === this.conversationId) return;
    this.leaveOpened();
    this.openedFor = { store, id: this.conversationId };
    this.markingRead = store.openConversation(this.conversationId).catch((error: unknown) => {
      if ((error as { status?: unknown } | null | undefined)?.status === 404) this.seenFor = this.conversationId;
      else this.showFailure(error);
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unobserveRows();
    // Messages arriving while no chat shows the conversation must stay unread.
    this.leaveOpened();
  }

  /** Tells the store the open conversation is no longer on screen. */
  private leaveOpened(): void {
    const opened = this.openedFor;
    opened?.store.leaveConversation(opened.id);
    this.openedFor = null;
  }

  private async afterMessagesChanged(previous: readonly Message[], messages: readonly Message[]): Promise<void> {
    if (!messages.length) return;
    const id = this.conversationId;
    if (this.settledFor !== id) {
      // Asked before the first layout, the virtualizer places the newest rows in it, not after it;
      // its items reach its layout a few microtasks after its own update, so a frame later.
      await this.virtualizer?.updateComplete;
      await animationFrames(1);
      if (id !== this.conversationId) return;
      await this.scrollToBottom();
      if (id === this.conversationId) this.settledFor = id;
      return;
    }
    await this.layoutSettled();
    if (id !== this.conversationId) return;
    if (this.anchorId && messages[0] !== previous[0]) {
      await this.restoreAnchor();
      return;
    }
    const lastBefore = previous[previous.length - 1];
    const last = messages[messages.length - 1];
    if (!lastBefore || last.id === lastBefore.id) return;
    // New messages are at the end: search from there.
    let start = messages.length - 1;
    while (start >= 0 && messages[start].id !== lastBefore.id && (messages[start].clientId === null || messages[start].clientId !== lastBefore.clientId)) start--;
    const added = start >= 0 ? messages.slice(start + 1) : [last];
    this.announceArrivals(added);
    const mine = added.some((m) => m.author === 'agent' && m.agentId === this.directorySlice.value.me?.id);
    if (this.atBottom || mine) void this.scrollToBottom();
    else if (added.length) this.newMessages = true;
  }

  /** Watches the rows the virtualizer renders, whichever virtualizer is on screen now. */
  private observeRows(): void {
    const virtualizer = this.virtualizer ?? null;
    if (virtualizer === this.observed) return;
    this.unobserveRows();
    if (!virtualizer) return;
    this.observed = virtualizer;
    this.rowChanges.observe(virtualizer, { childList: true });
    this.rowSizes.observe(virtualizer);
    for (const row of virtualizer.children) if (row instanceof HTMLElement) this.rowSizes.observe(row);
  }

  private unobserveRows(): void {
    this.rowChanges.disconnect();
    this.rowSizes.disconnect();
    this.observed = null;
  }

  /**
   * A row grew or shrank (an image loaded, a row was measured late) or the timeline itself changed
   * height (the composer or template picker rendered late, the host was resized). While the view
   * follows the newest message it stays there; once the agent scrolled up, the virtualizer keeps
   * what they look at.
   */
  private keepPinned(): void {
    if (this.virtualizer && this.atBottom && this.anchorId === null && this.rowItems.length) void this.pinToBottom();
  }

  /**
   * The agent scrolled, or is about to, by their own hand: wheel, touch, keys or the scrollbar.
   * Passive: listening must not hold up scrolling.
   */
  private readonly onUserInput = {
    handleEvent: (): void => {
      this.lastUserInput = performance.now();
    },
    passive: true,
  };

  private userScrolling(): boolean {
    return performance.now() - this.lastUserInput < USER_SCROLL_MS;
  }

  /**
   * Brings the view to the end of the timeline and keeps it there until the layout is stable:
   * rows never rendered have estimated heights, so scrolling to the end renders and measures the
   * last ones, which moves the end again. One pin at a time; asked again meanwhile, it goes on.
   */
  private pinToBottom(): Promise<void> {
    if (this.pinRun) {
      this.pinAgain = true;
      return this.pinRun;
    }
    this.pinAgain = false;
    const run = this.runPin().finally(() => {
      this.pinRun = null;
    });
    this.pinRun = run;
    return run;
  }

  private async runPin(): Promise<void> {
    for (let round = 0; round < PIN_ROUNDS; round++) {
      const scroller = this.virtualizer;
      // The agent scrolled by themselves, or older messages are being placed above what they read.
      if (!scroller?.isConnected || !this.atBottom || this.anchorId !== null || this.userScrolling()) return;
      const below = this.belowNewest();
      if (below > 1) {
        this.pinAgain = false;
        // Onto the newest row when it is rendered: the virtualizer's scroll height is an estimate that
        // can exceed the rows (an empty band after the last one); else to the end, which renders it.
        scroller.scrollTop = Number.isFinite(below) ? scroller.scrollTop + below : scroller.scrollHeight;
        await this.layoutSettled(PIN_ROUND_MS);
      } else if (round > 0 && !this.pinAgain) {
        // At the end after a layout, and nothing changed size meanwhile.
        return;
      } else {
        // At the end: give the change that asked for this pin two frames to reach the layout.
        this.pinAgain = false;
        await animationFrames(2);
      }
    }
  }

  private announceArrivals(added: readonly Message[]): void {
    const fromCustomer = added.filter((m) => m.author === 'customer');
    if (!fromCustomer.length) return;
    const name = this.customerSlice.value?.name ?? this.t('chat.customer');
    const text = fromCustomer.map((m) => m.text || m.attachments.map((a) => a.name).join(', ')).join(' · ');
    this.announcement = this.t('chat.announce', { name, text });
  }

  /** Resolves once the virtualizer exists, has its layout and has placed the current items. */
  private async layoutSettled(maxMs = LAYOUT_WAIT_MS): Promise<void> {
    const virtualizer = this.virtualizer;
    if (!virtualizer) return;
    await virtualizer.updateComplete;
    // layoutComplete waits for the next layout; when none is pending it would wait for ever.
    // It rejects only when the virtualizer is disconnected meanwhile; nothing is left to place then.
    const complete = virtualizer.layoutComplete?.catch(() => undefined);
    await Promise.race([complete, new Promise((resolve) => setTimeout(resolve, maxMs))]);
  }

  /**
   * "Mensajes nuevos" / "Ir al último mensaje": to the newest message. The button goes away there;
   * focus on it moves to the timeline rather than being lost.
   */
  private readonly jumpToLatest = (event: Event): void => {
    const hadFocus = this.shadowRoot?.activeElement === event.currentTarget;
    void this.scrollToBottom();
    if (hadFocus) this.virtualizer?.focus({ preventScroll: true });
  };

  /** Goes to the newest message and follows it from now on. */
  private async scrollToBottom(): Promise<void> {
    if (!this.virtualizer || !this.rowItems.length) return;
    this.atBottom = true;
    this.newMessages = false;
    this.farFromNewest = false;
    // Asked for (opening, the pill, a new message while at the bottom): not the agent's scrolling to respect.
    this.lastUserInput = -Infinity;
    // Through the virtualizer first: asked before its first layout, it places the newest rows in that
    // layout rather than laying out the oldest ones and scrolling after (one frame instead of three).
    this.virtualizer?.element(this.rowItems.length - 1)?.scrollIntoView({ block: 'end' });
    await this.pinToBottom();
  }

  /**
   * Puts the message that was first in view back where it was, at the same distance from the
   * timeline's top, after older ones were prepended.
   */
  private async restoreAnchor(): Promise<void> {
    const id = this.anchorId;
    const offset = this.anchorOffset ?? 0;
    this.anchorOffset = null;
    const index = this.rowItems.findIndex((item) => item.key === id);
    if (id && index >= 0) {
      // Not rendered (the prepended rows pushed it out of the rendered range): through the virtualizer first.
      if (this.offsetOf(id) === null) {
        this.virtualizer?.element(index)?.scrollIntoView({ block: 'start' });
        await this.layoutSettled();
      }
      // The virtualizer measures the rows it just rendered and corrects its positions: a few rounds.
      for (let round = 0; round < 4; round++) {
        const scroller = this.virtualizer;
        const now = this.offsetOf(id);
        if (!scroller || now === null || Math.abs(now - offset) < 1) break;
        scroller.scrollTop += now - offset;
        // Until the layout settled the view may still be near the top, which must not trigger another page.
        await this.layoutSettled(PIN_ROUND_MS);
      }
    }
    this.anchorId = null;
  }

  /** The rendered row of this message, if the virtualizer has it in its rendered range. */
  private rowOf(id: string): HTMLElement | null {
    return this.virtualizer?.querySelector<HTMLElement>(`.row[data-id="${CSS.escape(id)}"]`) ?? null;
  }

  /** How far the row of this message is below the timeline's top edge, in pixels; null when not rendered. */
  private offsetOf(id: string): number | null {
    const scroller = this.virtualizer;
    const row = this.rowOf(id);
    if (!scroller || !row) return null;
    return row.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
  }

  /** Close enough to the top (in pixels) for the older page to load: a view's height, at least TOP_THRESHOLD. */
  private nearTop(scroller: LitVirtualizer<TimelineItem>): boolean {
    return scroller.scrollTop < Math.max(TOP_THRESHOLD, scroller.clientHeight);
  }

  private onScroll(): void {
    const scroller = this.virtualizer;
    if (!scroller) return;
    const below = this.belowNewest();
    const atEnd = below <= BOTTOM_SLACK;
    // While the chat brings the view down, the virtualizer corrects scrollTop as it measures rows:
    // only the agent's own scrolling stops following the newest message then.
    if (atEnd || !this.pinRun || this.userScrolling()) this.atBottom = atEnd;
    if (this.atBottom) this.newMessages = false;
    // More than a screen from the newest message (or so far that it is not rendered): offer the way back.
    this.farFromNewest = !this.atBottom && below > scroller.clientHeight;
    if (this.nearTop(scroller)) void this.loadOlderPage();
  }

  /**
   * How far the newest row's bottom is below the view's bottom edge (inside its padding); negative when
   * it is above; Infinity while it is not rendered (the view is far up).
   */
  private belowNewest(): number {
    const scroller = this.virtualizer;
    if (!scroller) return Infinity;
    const newest = this.rowItems.at(-1);
    if (!newest) return 0;
    // The newest item is always a message (a day separator comes before its first message).
    const row = this.rowOf(newest.type === 'message' ? newest.message.id : '');
    if (!row) return Infinity;
    const view = scroller.getBoundingClientRect();
    const bottom = view.bottom - parseFloat(getComputedStyle(scroller).paddingBottom || '0');
    return Math.round(row.getBoundingClientRect().bottom - bottom);
  }

  /** Media loaded inside a row (load events do not bubble: listened to in the capture phase). */
  private readonly onMediaLoad = { handleEvent: () => this.keepPinned(), capture: true };

  private onVisibilityChanged(event: Event & { first?: number }): void {
    if (event.first === 0) void this.loadOlderPage();
  }

  /** The id of the topmost message row that is at least partly in view. */
  private firstVisibleMessageId(): string | null {
    const scroller = this.virtualizer;
    if (!scroller) return null;
    const top = scroller.getBoundingClientRect().top;
    let best: { id: string; top: number } | null = null;
    for (const row of scroller.querySelectorAll<HTMLElement>('[data-id]')) {
      const box = row.getBoundingClientRect();
      if (box.bottom <= top + 1) continue;
      if (!best || box.top < best.top) best = { id: row.dataset.id!, top: box.top };
    }
    return best?.id ?? null;
  }

  private async loadOlderPage(): Promise<void> {
    const store = this.activeStore;
    const timeline = this.timelineSlice.value;
    const conversationId = this.conversationId;
    if (!store || this.settledFor !== conversationId || !timeline?.hasMore || timeline.loading || this.anchorId !== null) return;
    this.anchorId = '';
    // The rows on screen are placed for the new scroll position only once the layout settled (a frame
    // or two; when the scroll needed no new layout there is none to wait for: not long, the agent scrolls on).
    await this.layoutSettled(PIN_ROUND_MS);
    // Scroll and visibility events can be stale (e.g. from before the scroll to the bottom), and
    // the virtualizer corrects scrollTop as it measures rows: what is on screen decides.
    const anchor = this.firstVisibleMessageId();
    const index = anchor ? this.rowItems.findIndex((item) => item.key === anchor) : 0;
    const scroller = this.virtualizer;
    if (conversationId !== this.conversationId || !scroller || (index > TOP_ROWS && !this.nearTop(scroller))) {
      this.anchorId = null;
      return;
    }
    this.anchorId = anchor ?? this.rowItems.find((item) => item.type === 'message')?.key ?? null;
    const oldest = this.messagesSlice.value[0];
    try {
      await store.loadOlderMessages(conversationId);
      await this.updateComplete;
      // Nothing was prepended (e.g. another load was under way): no anchor to restore.
      if (this.messagesSlice.value[0] === oldest) this.anchorId = null;
    } catch (error) {
      this.anchorId = null;
      this.showFailure(error);
    }
  }

  private buildItems(messages: readonly Message[]): TimelineItem[] {
    const now = new Date();
    const today = dayKey(now);
    const cached = itemsCache.get(messages);
    if (cached && cached.lang === this.lang_ && cached.today === today) return cached.items;
    const items: TimelineItem[] = [];
    let day = '';
    for (const message of messages) {
      let entry = messageItems.get(message);
      if (!entry) {
        entry = { item: { type: 'message', key: message.id, message }, day: dayKey(new Date(message.createdAt)) };
        messageItems.set(message, entry);
      }
      if (entry.day !== day) {
        day = entry.day;
        items.push({ type: 'day', key: `day-${day}`, label: this.dayLabel(new Date(message.createdAt), now) });
      }
      items.push(entry.item);
    }
    itemsCache.set(messages, { lang: this.lang_, today, items });
    return items;
  }

  private dayLabel(date: Date, now: Date): string {
    const today = dayKey(now);
    const yesterday = dayKey(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1));
    const key = dayKey(date);
    if (key === today) return this.t('chat.today');
    if (key === yesterday) return this.t('chat.yesterday');
    return formatDateTime(this.lang_, date.toISOString(), { dateStyle: 'long' });
  }

  // ---- Actions ----

  /** Shows why an action (or loading) failed, in the chat's error line. */
  private readonly showFailure = (error: unknown): void => {
    this.actionError = error instanceof ApiError && error.status === 409 ? CONFLICT : this.t('chat.error', { reason: describeError(this.lang_, error) });
  };

  /** What the agent should know about an action someone else's change refused: how the conversation stands now. */
  private failureText(conversation: Conversation | undefined): string | null {
    const error = this.actionError;
    if (error !== CONFLICT) return error;
    if (conversation?.status === 'closed') return this.t('chat.error.closed');
    const me = this.directorySlice.value.me;
    if (conversation?.stage === 'assigned' && conversation.assigneeId !== me?.id) {
      return this.t('chat.error.taken', { name: this.agentName(conversation.assigneeId) });
    }
    return this.t('chat.error', { reason: describeFailure(this.lang_, 'conflict', '') });
  }

  /**
   * Runs a store action on this conversation, then fires `type`. One action at a time: buttons stay
   * enabled (and focusable) while it runs, extra clicks are ignored.
   */
  private async act(
    type: 'ow-assign' | 'ow-transfer' | 'ow-close' | 'ow-mark-unread' | 'ow-mark-read',
    action: (store: OwStoreApi, conversationId: string) => Promise<void>,
    detail?: Omit<ChatTransferDetail, 'conversationId'>,
  ): Promise<void> {
    const store = this.activeStore;
    const conversationId = this.conversationId;
    if (!store || this.busy) return;
    this.busy = true;
    this.actionError = null;
    try {
      await this.markingRead;
      await action(store, conversationId);
      this.emit(type, { conversationId, ...detail });
    } catch (error) {
      this.showFailure(error);
    } finally {
      this.busy = false;
    }
  }

  private takeConversation(): void {
    void this.act('ow-assign', (store, id) => store.assignToMe(id));
  }

  /**
   * Whether the agent marked it unread. While the chat shows a conversation the store marks arriving
   * messages read, so a message that just arrived does not count (the button does not flicker with it);
   * once marked unread, the store leaves arrivals unread until it is marked read again.
   */
  private unreadForMe(): boolean {
    return this.readStateSlice.value?.markedUnread === true;
  }

  private readonly markUnread = (): void => {
    void this.act('ow-mark-unread', async (store, id) => {
      await store.markUnread(id);
      this.announcement = this.t('chat.markedUnread', { name: this.customerSlice.value?.name ?? this.t('chat.customer') });
    });
  };

  private readonly markRead = (): void => {
    void this.act('ow-mark-read', async (store, id) => {
      // Read again while on screen: the store marks arriving messages read again from now on.
      await store.markRead(id);
      this.announcement = this.t('chat.markedRead', { name: this.customerSlice.value?.name ?? this.t('chat.customer') });
    });
  };

  /** The pointer or focus is on the actions: the dialogs start loading so a click opens them at once. */
  private prefetchDialogs(): void {
    void this.dialogs.value;
  }

  /** Opens a dialog once its chunk is in; the button gets the focus back when the dialog closes. */
  private async openDialog(event: Event, name: ChatDialogName): Promise<void> {
    const trigger = event.currentTarget as HTMLElement;
    try {
      const dialogs = this.loadedDialogs ?? (await this.dialogs.get());
      // Dialogs that just arrived are in the shadow root once the update their arrival asked for is done.
      if (this.isUpdatePending) await this.updateComplete;
      dialogs.open(name, trigger);
    } catch (error) {
      this.showFailure(error);
    }
  }

  // ---- Rendering ----

  protected override render(): TemplateResult {
    const id = this.conversationId;
    const conversation = this.conversationSlice.value;
    if (!conversation) {
      // Without a conversation to show, the choice is not news; loading and its outcome are.
      const text = !id
        ? this.t('chat.empty')
        : this.seenFor === id
          ? this.t('chat.unavailable')
          : (this.failureText(conversation) ?? this.t('chat.loading'));
      return html`<p class="placeholder" part="placeholder" role=${id ? 'status' : nothing}>${text}</p>`;
    }
    return html`
      ${this.renderHeader(conversation)}
      ${this.actionError ? html`<p class="error" role="alert" part="error">${this.failureText(conversation)}</p>` : nothing}
      ${this.renderTimeline()}
      ${this.renderComposerArea(conversation)}
      ${this.loadedDialogs?.render()}
      <div class="visually-hidden" aria-live="polite" aria-atomic="true" part="announcer">${this.announcement}</div>
    `;
  }

  private holderText(conversation: Conversation): string {
    const { me, groups } = this.directorySlice.value;
    const id = conversation.assigneeId;
    if (conversation.status === 'closed') return this.t('chat.holder.closed');
    if (conversation.stage === 'bot') return this.t('chat.holder.bot');
    if (conversation.stage === 'queued') {
      const group = conversation.groupId ? groups[conversation.groupId]?.name : undefined;
      return this.t(group ? 'chat.holder.queued' : 'chat.holder.queuedNoGroup', { group: group ?? '' });
    }
    return this.t('chat.holder.assigned', { name: id && id === me?.id ? me.name : this.agentName(id) });
  }

  /** An agent's name, "Alguien" when unknown. */
  private agentName(id: string | null | undefined): string {
    return (id ? this.directorySlice.value.agents[id]?.name : undefined) ?? this.t('chat.someone');
  }

  private canAssign(conversation: Conversation): boolean {
    const me = this.directorySlice.value.me;
    if (conversation.status !== 'active' || !me) return false;
    if (conversation.stage !== 'assigned') return true;
    return me.role === 'admin' && conversation.assigneeId !== me.id;
  }

  private renderHeader(conversation: Conversation): TemplateResult {
    const customer = this.customerSlice.value;
    const active = conversation.status === 'active';
    // One button that toggles (the same element: it keeps the focus).
    const unread = this.unreadForMe();
    return html`
      <header part="header">
        <div>
          <h2 part="customer">${customer?.name ?? ''}</h2>
          <div class="sub">
            <span class="channel" part="channel">${this.t(`chat.channel.${conversation.channel}`)}</span>
            ${customer?.phone ? html`<span>${customer.phone}</span>` : nothing}
            <span part="holder">${this.holderText(conversation)}</span>
          </div>
        </div>
        <div
          class="actions"
          part="actions"
          role="group"
          aria-label=${this.t('chat.actions')}
          aria-busy=${this.busy ? 'true' : 'false'}
          @pointerenter=${active ? this.prefetchDialogs : nothing}
          @focusin=${active ? this.prefetchDialogs : nothing}
        >
          ${this.canAssign(conversation)
            ? html`<button class="primary" part="action assign-action" @click=${this.takeConversation}>${this.t('chat.assignMe')}</button>`
            : nothing}
          ${active
            ? DIALOG_NAMES.map(
                (name) => html`<button part="action ${name}-action" @click=${(e: Event) => this.openDialog(e, name)}>${this.t(`chat.${name}`)}</button>`,
              )
            : nothing}
          <button class="toggle" part="action unread-action" data-other=${this.t(unread ? 'chat.markUnread' : 'chat.markRead')} @click=${unread ? this.markRead : this.markUnread}><span>${this.t(unread ? 'chat.markRead' : 'chat.markUnread')}</span></button>
        </div>
      </header>
    `;
  }

  private renderTimeline(): TemplateResult {
    const timeline = this.timelineSlice.value;
    const loadingFirst = !this.rowItems.length && (timeline?.loading ?? true);
    const outbox = new Map(this.outboxSlice.value.map((entry) => [entry.clientId, entry]));
    return html`
      <div class="timeline-wrap">
        ${timeline?.loading && this.rowItems.length && this.anchorId !== null
          ? html`<p class="older" role="status">${this.t('chat.loadingOlder')}</p>`
          : nothing}
        ${this.rowItems.length
          ? nothing
          : html`<p class="placeholder" role="status">${loadingFirst ? this.t('chat.loading') : (timeline?.error ? failureSentence(this.lang_, timeline.errorCode, timeline.error) : this.t('chat.noMessages'))}</p>`}
        ${keyed(
          // A virtualizer per conversation: it opens as on first sight, without the previous one's
          // scroll position or row measurements. When the items shrink, the virtualizer may render
          // once more with its previous range before it has the new items: those slots are empty rows.
          this.conversationId,
          html`<lit-virtualizer
            scroller
            part="timeline"
            role="log"
            aria-live="off"
            tabindex="0"
            aria-label=${this.t('chat.timeline', { name: this.customerSlice.value?.name ?? '' })}
            .layout=${LAYOUT}
            .items=${this.rowItems}
            .keyFunction=${(item: TimelineItem | undefined, index: number) => item?.key ?? `stale-${index}`}
            .renderItem=${(item: TimelineItem | undefined) => (item ? this.renderRow(item, outbox) : html`<div class="row" aria-hidden="true"></div>`)}
            @scroll=${this.onScroll}
            @wheel=${this.onUserInput}
            @touchmove=${this.onUserInput}
            @keydown=${this.onUserInput}
            @pointerdown=${this.onUserInput}
            @visibilityChanged=${this.onVisibilityChanged}
            @load=${this.onMediaLoad}
            @loadedmetadata=${this.onMediaLoad}
          ></lit-virtualizer>`,
        )}
        ${this.newMessages || this.farFromNewest
          ? html`<button
              class="pill ${this.newMessages ? '' : 'jump'}"
              part=${this.newMessages ? 'new-messages' : 'new-messages jump-latest'}
              @click=${this.jumpToLatest}
            >${this.t(this.newMessages ? 'chat.newMessages' : 'chat.jumpLatest')} ↓</button>`
          : nothing}
      </div>
    `;
  }

  private renderRow(item: TimelineItem, outbox: Map<string, OutboxEntry>): TemplateResult {
    if (item.type === 'day') return html`<div class="row day" part="day" role="separator" aria-label=${item.label}><span>${item.label}</span></div>`;
    const message = item.message;
    if (message.kind === 'event' || message.author === 'system') {
      return html`<div class="row event" part="event" data-id=${message.id}><span>${this.eventText(message)}</span></div>`;
    }
    return this.renderMessage(message, message.clientId ? outbox.get(message.clientId) : undefined);
  }

  private renderMessage(message: Message, entry: OutboxEntry | undefined): TemplateResult {
    const note = message.kind === 'note';
    const side = message.author === 'customer' ? 'incoming' : 'outgoing';
    const kindPart = note ? 'message-note' : `message-${message.author}`;
    // A failed message is retried or discarded by its id in the outbox.
    const outboxId = message.clientId ?? message.id;
    const agentName = message.agentId ? this.directorySlice.value.agents[message.agentId]?.name : undefined;
    const author = message.author === 'bot' ? this.t('chat.bot') : message.author === 'agent' ? agentName : undefined;
    const label = note
      ? html`<span class="note-label">${this.t('chat.note')}${agentName ? ` · ${agentName}` : ''}</span>`
      : author
        ? html`<span class="author">${author}</span>`
        : nothing;
    return html`
      <div class="row ${side} ${note ? 'note' : ''}" part="message ${kindPart}" data-id=${message.id}>
        <div class="bubble" part="bubble">
          ${label}
          ${message.text ? html`<div class="text">${linkify(message.text)}</div>` : nothing}
          ${message.attachments.map((attachment) => this.renderAttachment(attachment))}
          <div class="meta">
            <time datetime=${message.createdAt}>${formatDateTime(this.lang_, message.createdAt, { hour: '2-digit', minute: '2-digit' })}</time>
            ${message.author === 'agent' ? this.renderStatus(message, note) : nothing}
          </div>
          ${message.status === 'failed'
            ? html`<div class="failed" part="failed">
                <span>${entry?.error ? failureSentence(this.lang_, entry.errorCode, entry.error) : this.t('chat.status.failed')}</span>
                <button @click=${() => this.activeStore?.retry(outboxId).catch(this.showFailure)}>${this.t('chat.retry')}</button>
                <button @click=${() => this.activeStore?.discard(outboxId)}>${this.t('chat.discard')}</button>
              </div>`
            : nothing}
        </div>
      </div>
    `;
  }

  private renderStatus(message: Message, note: boolean): TemplateResult | typeof nothing {
    const status = message.status;
    // Notes never travel to the channel: only "sending" and "failed" mean something for them.
    if (note && status !== 'pending' && status !== 'failed') return nothing;
    const label = this.t(`chat.status.${status}`);
    return html`<span class="status status-${status}" part="status" role="img" aria-label=${label} title=${label}>${STATUS_GLYPHS[status]}</span>`;
  }

  private renderAttachment(attachment: Attachment): TemplateResult {
    if (attachment.contentType.startsWith('image/')) {
      return html`<a class="attachment image" part="attachment" href=${attachment.url} target="_blank" rel="noopener noreferrer" title=${this.t('chat.openImage', { name: attachment.name })}>
        <img src=${attachment.url} alt=${attachment.name} loading="lazy" />
      </a>`;
    }
    if (attachment.contentType.startsWith('audio/')) {
      return html`<div class="attachment audio" part="attachment">
        <audio controls preload="metadata" src=${attachment.url} aria-label=${attachment.name}></audio>
      </div>`;
    }
    const size = formatBytes(this.lang_, attachment.size);
    return html`<a class="attachment file" part="attachment" href=${attachment.url} download=${attachment.name} target="_blank" rel="noopener noreferrer">
      <span aria-hidden="true">📄</span><span class="visually-hidden">${this.t('chat.download')} </span>
      <span>${attachment.name}</span> <span class="file-size">${size}</span>
    </a>`;
  }

  private eventText(message: Message): string {
    const event: SystemEvent | undefined = message.event;
    if (!event) return message.text;
    const { byAgentId, toAgentId, toGroupId } = event;
    // Without an agent, the system did it.
    const nameOf = (id: string | null | undefined) => (id ? this.agentName(id) : this.t('chat.system'));
    const params = {
      by: nameOf(byAgentId),
      to: nameOf(toAgentId),
      group: toGroupId ? (this.directorySlice.value.groups[toGroupId]?.name ?? toGroupId) : '',
    };
    // The `chat.event.*` string that tells each kind of event.
    const keys: Record<SystemEventType, string> = {
      assigned: !byAgentId || byAgentId === toAgentId ? 'assigned' : 'assignedBy',
      transferred: toAgentId ? 'transferredAgent' : 'transferredGroup',
      queued: params.group ? 'queued' : 'queuedNoGroup',
      closed: event.closedHow === 'automatic' || !byAgentId ? 'closedAuto' : 'closed',
      reopened: 'reopened',
    };
    return this.t(`chat.event.${keys[event.type]}`, params);
  }

  private renderComposerArea(conversation: Conversation): TemplateResult {
    const me = this.directorySlice.value.me;
    if (conversation.status === 'closed') {
      const later = this.laterSlice.value;
      return html`<div class="read-only" part="read-only" role="status">
        <span>${this.t('chat.readOnly.closed')}${later ? ` ${this.t('chat.readOnly.later')}` : ''}</span>
        ${later
          ? html`<button part="open-later" @click=${() => this.emit('ow-conversation-select', { conversationId: later })}>${this.t('chat.openLater')}</button>`
          : nothing}
      </div>`;
    }
    if (conversation.stage === 'assigned' && conversation.assigneeId === me?.id) {
      return html`<slot name="composer"><ow-composer part="composer" exportparts=${COMPOSER_PARTS} .store=${this.store} conversation-id=${this.conversationId} theme=${this.theme ?? nothing}></ow-composer></slot>`;
    }
    // Queued, with the bot, or held by another agent (`chat.readOnly.queued`, `.bot`, `.other`).
    const stage = conversation.stage === 'assigned' ? 'other' : conversation.stage;
    return html`
      <div class="read-only" part="read-only">
        <span>${this.t(`chat.readOnly.${stage}`, { name: this.agentName(conversation.assigneeId) })}</span>
        ${this.canAssign(conversation)
          ? html`<button class="primary" part="assign" @click=${this.takeConversation}>${this.t('chat.assignMe')}</button>`
          : nothing}
      </div>
    `;
  }
}

/**
 * For a closed conversation, the customer's open one, if the store has it (they wrote again: a
 * customer has one open conversation at a time). Scans the conversations only when they changed,
 * and only while a closed one is shown.
 */
function laterConversation(conversationId: () => string): (s: StoreState) => string | null {
  let seen: StoreState['conversations'] | null = null;
  let seenFor: Conversation | null = null;
  let found: string | null = null;
  return (s) => {
    const closed = s.conversations[conversationId()];
    if (!closed || closed.status !== 'closed') return null;
    if (s.conversations === seen && closed === seenFor) return found;
    seen = s.conversations;
    seenFor = closed;
    found = null;
    for (const other of Object.values(s.conversations)) {
      if (other.customerId === closed.customerId && other.status !== 'closed') found = other.id;
    }
    return found;
  };
}

function customerOf(s: StoreState, conversationId: string): Customer | undefined {
  const conversation = s.conversations[conversationId];
  return conversation ? s.customers[conversation.customerId] : undefined;
}

/**
 * Selector of a timeline's messages in order. It runs on every store change, so it answers from
 * the shared cache while neither the timeline nor its message records changed; a change to other
 * conversations' messages costs a walk over the ids, not a new array (and so no re-render).
 */
function timelineMessages(conversationId: () => string): (s: StoreState) => readonly Message[] {
  return (s) => {
    const ids = s.timelines[conversationId()]?.ids;
    if (!ids?.length) return EMPTY_MESSAGES;
    const cached = timelineCache.get(ids);
    if (cached?.records === s.messages) return cached.messages;
    if (cached && cached.messages.length === ids.length && ids.every((id, i) => s.messages[id] === cached.messages[i])) {
      cached.records = s.messages;
      return cached.messages;
    }
    const out: Message[] = [];
    for (const id of ids) {
      const message = s.messages[id];
      if (message) out.push(message);
    }
    timelineCache.set(ids, { records: s.messages, messages: out });
    return out;
  };
}

/** Equal when they hold the same records in the same order (without listing an array's keys). */
function sameItems(a: readonly Message[], b: readonly Message[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function animationFrames(count: number): Promise<void> {
  return new Promise((resolve) => {
    const next = (left: number) => (left ? requestAnimationFrame(() => next(left - 1)) : resolve());
    next(count);
  });
}

function dayKey(date: Date): string {
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
}


declare global {
  interface HTMLElementTagNameMap {
    'ow-chat': OwChat;
  }
  interface HTMLElementEventMap {
    'ow-assign': CustomEvent<ChatConversationDetail>;
    'ow-transfer': CustomEvent<ChatTransferDetail>;
    'ow-close': CustomEvent<ChatConversationDetail>;
    'ow-mark-unread': CustomEvent<ChatConversationDetail>;
    'ow-mark-read': CustomEvent<ChatConversationDetail>;
  }
}
