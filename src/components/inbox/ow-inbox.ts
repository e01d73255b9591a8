import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import '@lit-labs/virtualizer';
import type { LitVirtualizer } from '@lit-labs/virtualizer/LitVirtualizer.js';
import type { RangeChangedEvent } from '@lit-labs/virtualizer/events.js';
import {
  SORT_ORDERS,
  STATUS_FILTERS,
  TRAYS,
  type Conversation,
  type ReadState,
  type SortOrder,
  type StatusFilter,
  type Tag,
  type Tray,
} from '../../contract/index.js';
import { emptyCounts, normalizeForSearch, unreadCount, waitingMs } from '../../client/rules/index.js';
import type { InboxQuery, InboxState, StoreState } from '../../client/store-types.js';
import { OwElement } from '../shared/ow-element.js';
import { describeError, describeFailure, formatDateTime, formatDuration } from '../shared/i18n.js';
import { LazyPart } from '../shared/lazy-part.js';
import { shallowEqual } from '../shared/store-controller.js';
import { tokens } from '../shared/tokens.styles.js';
import { inboxStyles } from './ow-inbox.styles.js';
import { onTick } from './ticker.js';
import type { RowActions } from './row-actions.js';
import './ow-inbox.strings.js';

export interface ConversationSelectDetail {
  conversationId: string;
}

/** What rows show of the agents: their names, and who is signed in. Status and last-seen changes of agents do not re-render the inbox. */
type Directory = Pick<StoreState, 'tags' | 'ready' | 'error' | 'errorCode'> & { agentNames: Readonly<Record<string, string>>; meId?: string };

const EMPTY_INBOX: InboxState = {
  query: { tray: 'queued', status: 'active', sort: 'waiting', q: '', tag: '' },
  ids: [],
  nextCursor: null,
  loading: false,
  error: null,
  errorCode: null,
  counts: emptyCounts(),
};
const EMPTY_DIRECTORY: Directory = { agentNames: {}, tags: {}, ready: false, error: null, errorCode: null };
const CHANNEL_GLYPH = { whatsapp: 'WA', instagram: 'IG', facebook: 'FB', web: 'W' } as const;
/** Rows rendered beyond the virtualizer's range whose entities are still watched (scroll in either direction). */
const RANGE_MARGIN = 5;
/** The next page loads when the rendered range comes this close to the end of the loaded rows. */
const LOAD_MORE_THRESHOLD = 10;
const SECOND = 1_000;
const HALF_MINUTE = 30_000;
/** Characters typed within this pause of each other make one type-ahead prefix. */
const TYPE_AHEAD_MS = 500;

interface Range {
  first: number;
  last: number;
}

/**
 * The entities of the rows on screen, flattened: [conversation, customer, readState, …]. Compared
 * element by element, so the inbox re-renders for a change in a visible row and ignores the other
 * 100,000 conversations.
 */
function visibleEntities(state: StoreState, range: Range): unknown[] {
  const { ids } = state.inbox;
  const first = Math.max(0, range.first - RANGE_MARGIN);
  const last = Math.min(ids.length - 1, range.last + RANGE_MARGIN);
  const out: unknown[] = [];
  for (let i = first; i <= last; i++) {
    const id = ids[i]!;
    const conversation = state.conversations[id];
    out.push(conversation, conversation ? state.customers[conversation.customerId] : undefined, state.readStates[id]);
  }
  return out;
}

/**
 * The agent's inbox: the four trays (Sin asignar, Yo, Agentes, Bot) with live counts, the status
 * filter, sort order, search and tag filter, and a virtualized list of conversations that stays
 * sorted live. Rows show the customer, channel, last message, waiting time (ticking), unread
 * count, who holds the conversation and its tags; a menu beside each row marks it read or unread.
 *
 * The list is a listbox: arrow keys, Home and End move between rows, typing the start of a customer's
 * name jumps to the next such row, Enter or Space selects, Shift+F10 or the context-menu key opens the
 * row's menu. When the focused row scrolls out of the rendered range the list itself keeps focus, and
 * the keys go on from that conversation. Setting `tray`, `status` or `sort` changes the shared store's
 * inbox query (and follows it when another view changes it).
 *
 * @attr tray - `queued` (Sin asignar, default), `mine` (Yo), `agents` (Agentes) or `bot`.
 * @attr status - `active` (default), `closed` or `outbound`.
 * @attr sort - `waiting` (default), `activity` or `assignment`.
 * @attr conversation-id - The selected conversation, highlighted in the list.
 * @attr search-delay - Milliseconds of typing pause before the search runs (default 300).
 * @fires {CustomEvent<ChatConversationDetail>} ow-mark-read - The agent marked a conversation read from its row menu.
 * @fires {CustomEvent<ChatConversationDetail>} ow-mark-unread - The agent marked a conversation unread from its row menu.
 * @fires {CustomEvent<ConversationSelectDetail>} ow-conversation-select - A conversation was chosen (click, Enter or Space); `detail.conversationId`.
 * @csspart header - Trays and filters.
 * @csspart trays - The tab list of trays.
 * @csspart tray - Each tray tab.
 * @csspart tray-selected - The selected tray tab.
 * @csspart count - The live count inside a tray tab.
 * @csspart filters - Status, sort, search and tag controls.
 * @csspart status-filter - The status select.
 * @csspart sort - The sort select.
 * @csspart search - The search box.
 * @csspart tag-filter - The tag select.
 * @csspart list - The virtualized listbox.
 * @csspart row - Each conversation row.
 * @csspart row-unread - A row with unread messages.
 * @csspart row-selected - The selected row.
 * @csspart channel - The channel badge of a row.
 * @csspart name - The customer's name.
 * @csspart preview - The last message, as plain text.
 * @csspart waiting - The waiting-time badge.
 * @csspart unread - The unread-count badge.
 * @csspart holder - Who holds an assigned conversation; in a closed one, that it is closed, how, and who held it.
 * @csspart holder-closed - The holder line of a closed conversation.
 * @csspart closed-at - When a closed conversation closed (the time today, else the day), in place of the waiting time.
 * @csspart tags - The tag colour dots of a row.
 * @csspart tag-dot - One tag's colour dot (also beside the tag filter).
 * @csspart row-actions - The button that opens the row menu.
 * @csspart menu - The row menu.
 * @csspart menu-item - An item of the row menu.
 * @csspart empty - Shown when no conversation matches.
 * @csspart loading - Shown while the first page loads.
 * @csspart error - Shown when the inbox could not load, with a retry button.
 * @cssprop --ow-inbox-row-height - Height of a row (default 76px).
 * @cssprop --ow-color-accent - Selected tray, selected row marker and unread badge.
 * @cssprop --ow-color-warning - Waiting-time text.
 */
@customElement('ow-inbox')
export class OwInbox extends OwElement {
  static override styles = [tokens, inboxStyles];

  @property({ reflect: true }) tray?: Tray;
  @property({ reflect: true }) status?: StatusFilter;
  @property({ reflect: true }) sort?: SortOrder;
  @property({ attribute: 'conversation-id', reflect: true }) conversationId = '';
  @property({ attribute: 'search-delay', type: Number }) searchDelay = 300;

  @state() private now = Date.now();
  /** The row that holds the listbox's tab stop. */
  @state() private activeId = '';
  @state() private searchText = '';
  @state() private announcement = '';

  @query('lit-virtualizer') private virtualizer?: LitVirtualizer<string>;

  /** The row actions button and menu, loaded on the first hover, focus or Shift+F10 in the list. */
  private readonly actionsPart = new LazyPart(this, () => import('./row-actions.js'));
  private rowActions?: RowActions;

  private shownRange: Range = { first: 0, last: 20 };
  /** The row holding the listbox's tab stop in the current render, always one the virtualizer has on screen. */
  private tabStopId = '';
  private tabStopHint = 0;
  private readonly inboxSlice = this.select<InboxState>((s) => s.inbox, EMPTY_INBOX);
  private namesMemo: { agents: unknown; names: Readonly<Record<string, string>> } = { agents: null, names: {} };
  private readonly directorySlice = this.select<Directory>(
    (s) => ({ agentNames: this.agentNamesOf(s.agents), meId: s.me?.id, tags: s.tags, ready: s.ready, error: s.error, errorCode: s.errorCode }),
    EMPTY_DIRECTORY,
    shallowEqual,
  );
  private readonly visibleSlice = this.select<unknown[]>((s) => visibleEntities(s, this.shownRange), [], shallowEqual);

  /** Agent names by id; the same object while no name changed, so the directory slice stays equal. */
  private agentNamesOf(agents: StoreState['agents']): Readonly<Record<string, string>> {
    const memo = this.namesMemo;
    if (agents === memo.agents) return memo.names;
    const names: Record<string, string> = {};
    for (const agent of Object.values(agents)) names[agent.id] = agent.name;
    this.namesMemo = { agents, names: shallowEqual(names, memo.names) ? memo.names : names };
    return this.namesMemo.names;
  }

  private syncedStore: unknown = null;
  private lastQuery: InboxQuery | null = null;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private tickPeriod = 0;
  private stopTick: (() => void) | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    // Back on the page after a removal: waiting times resume ticking.
    if (this.hasUpdated) this.scheduleTick();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
    this.stopTick?.();
    this.stopTick = null;
    this.tickPeriod = 0;
    this.rowActions?.close(false);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.syncQuery(changed);
    if (changed.has('conversationId') && this.conversationId) this.activeId = this.conversationId;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.scheduleTick();
    const query = this.inboxSlice.value.query;
    if (this.virtualizer && this.lastRenderedQuery && this.lastRenderedQuery !== query && !sameFilters(this.lastRenderedQuery, query)) {
      this.virtualizer.scrollTop = 0;
      this.rowActions?.close(false);
    }
    this.lastRenderedQuery = query;
  }

  private lastRenderedQuery: InboxQuery | null = null;

  /**
   * Keeps the attributes and the store's inbox query in step: attributes set on the element are pushed
   * to the store (when it is ready, or when they change); a query changed elsewhere is followed.
   */
  private syncQuery(changed: PropertyValues): void {
    const store = this.activeStore;
    if (!store || !this.directorySlice.value.ready) return;
    const current = store.getState().inbox.query;
    const fresh = this.syncedStore !== store;
    if (fresh || changed.has('tray') || changed.has('status') || changed.has('sort')) {
      this.syncedStore = store;
      const wanted: Partial<InboxQuery> = {};
      if (this.tray && this.tray !== current.tray) wanted.tray = this.tray;
      if (this.status && this.status !== current.status) wanted.status = this.status;
      if (this.sort && this.sort !== current.sort) wanted.sort = this.sort;
      if (Object.keys(wanted).length) this.applyQuery(wanted);
    }
    const query = store.getState().inbox.query;
    if (query !== this.lastQuery) {
      this.tray = query.tray;
      this.status = query.status;
      this.sort = query.sort;
      if (this.searchTimer === undefined && query.q !== this.lastQuery?.q) this.searchText = query.q;
      this.lastQuery = query;
    }
  }

  private applyQuery(changes: Partial<InboxQuery>): void {
    const store = this.activeStore;
    if (!store) return;
    // A failed load is kept in `inbox.error` by the store and shown with a retry button.
    store.setInboxQuery(changes).catch(() => undefined);
  }

  // ---- Waiting-time clock ----

  /** Ticks every second while a visible row waits less than a minute (seconds shown), else every 30 s. */
  private scheduleTick(): void {
    const period = this.needsSeconds() ? SECOND : HALF_MINUTE;
    if (period === this.tickPeriod && this.stopTick) return;
    this.stopTick?.();
    this.tickPeriod = period;
    this.stopTick = onTick(period, (now) => {
      this.now = now;
    });
  }

  private needsSeconds(): boolean {
    const entities = this.visibleSlice.value;
    const now = Date.now();
    for (let i = 0; i < entities.length; i += 3) {
      const conversation = entities[i] as Conversation | undefined;
      if (!conversation) continue;
      const waited = waitingMs(conversation, entities[i + 2] as ReadState | undefined, now);
      if (waited !== null && waited < 60_000) return true;
    }
    return false;
  }

  // ---- Rendering ----

  protected override render(): TemplateResult {
    const inbox = this.inboxSlice.value;
    const query = inbox.query;
    return html`
      <div part="header">
        <div part="trays" role="tablist" aria-label=${this.t('inbox.trays')} @keydown=${this.onTrayKeydown}>
          ${TRAYS.map((tray) => {
            const selected = tray === query.tray;
            return html`<button
              part=${selected ? 'tray tray-selected' : 'tray'}
              role="tab"
              id=${`tray-${tray}`}
              data-tray=${tray}
              aria-selected=${selected}
              aria-controls="panel"
              tabindex=${selected ? 0 : -1}
              @click=${() => (this.tray = tray)}
            >
              <span class="tray-label">${this.t(`inbox.trays.${tray}`)}</span><span part="count">${inbox.counts[tray]}</span>
            </button>`;
          })}
        </div>
        <div part="filters">
          ${this.renderChoice('status', 'status-filter', STATUS_FILTERS, query.status, (status) => (this.status = status))}
          ${this.renderChoice('sort', 'sort', SORT_ORDERS, query.sort, (sort) => (this.sort = sort))}
          <label class="field search">
            ${this.t('inbox.search')}
            <input
              part="search"
              type="search"
              autocomplete="off"
              placeholder=${this.t('inbox.search.placeholder')}
              .value=${this.searchText}
              @input=${this.onSearchTyping}
              @keydown=${this.onSearchKey}
            />
          </label>
          ${this.renderTagFilter(query.tag)}
        </div>
      </div>
      <div class="panel" id="panel" role="tabpanel" aria-labelledby=${`tray-${query.tray}`}>
        ${inbox.loading && inbox.ids.length > 0 ? html`<div class="progress" aria-hidden="true"></div>` : nothing} ${this.renderBody(inbox)}
      </div>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    `;
  }

  /** The status or sort select: `inbox.<key>` labels it and names each choice. */
  private renderChoice<T extends string>(key: string, part: string, choices: readonly T[], current: T, choose: (choice: T) => void): TemplateResult {
    return html`<label class="field">
      ${this.t(`inbox.${key}`)}
      <select part=${part} .value=${current} @change=${(event: Event) => choose((event.target as HTMLSelectElement).value as T)}>
        ${choices.map((choice) => html`<option value=${choice} ?selected=${choice === current}>${this.t(`inbox.${key}.${choice}`)}</option>`)}
      </select>
    </label>`;
  }

  private renderTagFilter(selected: string): TemplateResult {
    const tags = Object.values(this.directorySlice.value.tags).sort((a, b) => a.name.localeCompare(b.name, this.lang_));
    const current = selected ? this.directorySlice.value.tags[selected] : undefined;
    return html`<label class="field">
      ${this.t('inbox.tag')}
      <span class="tag-select">
        ${current ? html`<span part="tag-dot" style=${styleMap({ '--dot': current.color })} aria-hidden="true"></span>` : nothing}
        <select part="tag-filter" .value=${selected} @change=${(event: Event) => this.applyQuery({ tag: (event.target as HTMLSelectElement).value })}>
          <option value="" ?selected=${!selected}>${this.t('inbox.tag.all')}</option>
          ${tags.map((tag) => html`<option value=${tag.id} ?selected=${tag.id === selected} style=${styleMap({ color: tag.color })}>● ${tag.name}</option>`)}
        </select>
      </span>
    </label>`;
  }

  private renderBody(inbox: InboxState): TemplateResult {
    const { ready, error, errorCode } = this.directorySlice.value;
    if (!ready && error) return this.renderError(describeFailure(this.lang_, errorCode, error), false);
    if (inbox.ids.length === 0) {
      if (inbox.error) return this.renderError(describeFailure(this.lang_, inbox.errorCode, inbox.error), true);
      if (!ready || inbox.loading) return html`<div part="loading" role="status">${this.t('inbox.loading')}</div>`;
      const filtered = Boolean(inbox.query.q.trim() || inbox.query.tag);
      return html`<div part="empty">${this.t(filtered ? 'inbox.empty.filtered' : 'inbox.empty')}</div>`;
    }
    this.tabStopId = this.tabStop(inbox.ids);
    return html`
      <div class="list-wrap" @mouseover=${this.showActions} @focusin=${this.onListFocus}>
        <lit-virtualizer
          part="list"
          role="listbox"
          aria-label=${this.t('inbox.list')}
          scroller
          tabindex="-1"
          .items=${inbox.ids as string[]}
          .keyFunction=${(id: string) => id}
          .renderItem=${(id: string, index: number) => this.renderRow(id, index)}
          @rangeChanged=${this.onRangeChanged}
          @keydown=${this.onListKeydown}
          @click=${this.onListClick}
          @scroll=${this.placeActions}
        ></lit-virtualizer>
        ${this.rowActions?.render()}
      </div>
      ${inbox.error ? this.renderError(describeFailure(this.lang_, inbox.errorCode, inbox.error), true) : nothing}
    `;
  }

  /** Where the active (or selected) conversation is in the list; -1 when it is not there. */
  private activeIndex(ids: readonly string[]): number {
    const wanted = this.activeId || this.conversationId;
    const index = !wanted ? -1 : ids[this.tabStopHint] === wanted ? this.tabStopHint : ids.indexOf(wanted);
    if (index >= 0) this.tabStopHint = index;
    return index;
  }

  /** The active (or selected) row while it is rendered; else the first rendered row, so Tab always reaches the list. */
  private tabStop(ids: readonly string[]): string {
    const index = this.activeIndex(ids);
    return ids[index >= 0 && index >= this.shownRange.first && index <= this.shownRange.last ? index : Math.min(Math.max(this.shownRange.first, 0), ids.length - 1)] ?? '';
  }

  private renderError(reason: string, retry: boolean): TemplateResult {
    return html`<div part="error" role="alert">
      <div>${this.t('inbox.error', { reason })}</div>
      ${retry ? html`<button @click=${() => this.applyQuery({})}>${this.t('inbox.retry')}</button>` : nothing}
    </div>`;
  }

  private renderRow(id: string, index: number): TemplateResult {
    const state = this.activeStore?.getState();
    const conversation = state?.conversations[id];
    const selected = id === this.conversationId;
    const active = id === this.tabStopId;
    const total = this.inboxSlice.value.ids.length;
    if (!state || !conversation) {
      return html`<div part="row" role="option" aria-selected="false" data-id=${id} data-index=${index} tabindex="-1"></div>`;
    }
    const customer = state.customers[conversation.customerId];
    const readState = state.readStates[id];
    const unread = unreadCount(conversation, readState);
    const closed = conversation.status === 'closed';
    // A closed conversation waits for nobody: its row says when it closed instead.
    const waited = closed ? null : waitingMs(conversation, readState, this.now);
    const time = waited === null ? '' : formatDuration(waited);
    const unreadLabel = this.t('inbox.unread', { count: unread });
    return html`<div
      part=${`row${selected ? ' row-selected' : ''}${unread > 0 ? ' row-unread' : ''}`}
      role="option"
      aria-selected=${selected}
      aria-setsize=${this.inboxSlice.value.nextCursor ? -1 : total}
      aria-posinset=${index + 1}
      data-id=${id}
      data-index=${index}
      tabindex=${active ? 0 : -1}
    >
      <span part="channel" data-channel=${conversation.channel}
        ><span aria-hidden="true">${CHANNEL_GLYPH[conversation.channel]}</span
        ><span class="visually-hidden">${this.t(`inbox.channel.${conversation.channel}`)}</span></span
      >
      <span class="main">
        <span class="line">
          <span part="name">${customer?.name || this.t('inbox.noName')}</span>
          ${time ? html`<span part="waiting" title=${this.t('inbox.waiting', { time })}>${time}</span>` : nothing}
          ${closed && conversation.closedAt ? this.renderClosedAt(conversation.closedAt) : nothing}
        </span>
        <span part="preview">${this.previewText(conversation)}</span>
        <span class="line">
          ${this.renderHolder(conversation, this.directorySlice.value.agentNames)} ${this.renderTags(conversation, state.tags)}
          ${unread > 0 ? html`<span part="unread" title=${unreadLabel}>${unread}<span class="visually-hidden"> ${unreadLabel}</span></span>` : nothing}
        </span>
      </span>
    </div>`;
  }

  /** Who holds an assigned conversation; for a closed one, that it is closed (how) and who last held it. */
  private renderHolder(conversation: Conversation, agentNames: Readonly<Record<string, string>>): TemplateResult | typeof nothing {
    const holder = conversation.stage === 'assigned' ? conversation.assigneeId : null;
    const mine = holder !== null && holder === this.directorySlice.value.meId;
    const name = holder === null ? '' : (agentNames[holder] ?? this.t('inbox.holder.unknown'));
    if (conversation.status === 'closed') {
      const closed = this.t(conversation.closedHow === 'automatic' ? 'inbox.closed.automatic' : 'inbox.closed');
      const text = holder === null ? closed : this.t(mine ? 'inbox.closed.byMe' : 'inbox.closed.by', { closed, name });
      return html`<span part="holder holder-closed">${text}</span>`;
    }
    if (holder === null) return nothing;
    return html`<span part="holder">${this.t(mine ? 'inbox.holder.me' : 'inbox.holder', { name })}</span>`;
  }

  /** When a closed conversation closed: the time today, else the day (and the year when it is not this one). */
  private renderClosedAt(closedAt: string): TemplateResult {
    const at = new Date(closedAt);
    const now = new Date(this.now);
    const today = at.toDateString() === now.toDateString();
    const options: Intl.DateTimeFormatOptions = today
      ? { hour: '2-digit', minute: '2-digit' }
      : { day: 'numeric', month: 'short', ...(at.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }) };
    const full = formatDateTime(this.lang_, closedAt, { dateStyle: 'long', timeStyle: 'short' });
    return html`<time part="closed-at" datetime=${closedAt} title=${this.t('inbox.closedAt', { date: full })}>${formatDateTime(this.lang_, closedAt, options)}</time>`;
  }

  private renderTags(conversation: Conversation, tags: Readonly<Record<string, Tag>>): TemplateResult | typeof nothing {
    const attached = conversation.tagIds.map((id) => tags[id]).filter((tag): tag is Tag => Boolean(tag));
    if (attached.length === 0) return nothing;
    return html`<span part="tags"
      >${attached.map((tag) => html`<span part="tag-dot" title=${tag.name} style=${styleMap({ '--dot': tag.color })}></span>`)}<span class="visually-hidden"
        >${this.t('inbox.tags', { names: attached.map((tag) => tag.name).join(', ') })}</span
      ></span
    >`;
  }

  /** Plain text only: the preview is bound as text, so markup in a message is shown, never parsed. */
  private previewText(conversation: Conversation): string {
    const last = conversation.lastMessage;
    if (!last) return this.t('inbox.preview.none');
    const text = last.text.trim() || (last.kind === 'image' || last.kind === 'audio' || last.kind === 'file' ? this.t(`inbox.preview.${last.kind}`) : '');
    const line = text.replace(/\s+/g, ' ').slice(0, 200);
    return last.author === 'agent' || last.author === 'bot' ? this.t(`inbox.preview.${last.author}`, { text: line }) : line;
  }

  // ---- Filters ----

  private onTrayKeydown(event: KeyboardEvent): void {
    const count = TRAYS.length;
    const current = TRAYS.indexOf(this.inboxSlice.value.query.tray);
    const next = { ArrowRight: current + 1, ArrowLeft: current - 1 + count, Home: 0, End: count - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tray = (this.tray = TRAYS[next % count]!);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tray-${tray}`)?.focus());
  }

  private onSearchTyping(event: Event): void {
    this.searchText = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.runSearch(), this.searchDelay);
  }

  private onSearchKey(event: KeyboardEvent): void {
    if (event.key === 'Enter') this.runSearch();
  }

  private runSearch(): void {
    clearTimeout(this.searchTimer);
    this.searchTimer = undefined;
    if (this.searchText !== this.inboxSlice.value.query.q) this.applyQuery({ q: this.searchText });
  }

  // ---- List ----

  private onRangeChanged(event: RangeChangedEvent): void {
    this.shownRange = { first: event.first, last: event.last };
    // The virtualizer is about to remove the focused row: the list takes focus, and the keys go on from that conversation.
    if (this.shadowRoot?.activeElement?.getAttribute('role') === 'option') {
      const at = this.activeIndex(this.inboxSlice.value.ids);
      if (at < event.first || at > event.last) this.virtualizer?.focus({ preventScroll: true });
    }
    this.visibleSlice.refresh();
    const inbox = this.inboxSlice.value;
    if (inbox.nextCursor && !inbox.loading && event.last >= inbox.ids.length - LOAD_MORE_THRESHOLD) {
      // A failed page is kept in `inbox.error` by the store and shown under the list.
      this.activeStore?.loadMoreConversations().catch(() => undefined);
    }
    this.placeActions();
  }

  /** Keeps the floating actions button beside its row while the list scrolls. */
  private readonly placeActions = (): void => this.rowActions?.place();

  private rowOf(event: Event): HTMLElement | undefined {
    return event.composedPath().find((node): node is HTMLElement => node instanceof HTMLElement && node.getAttribute('role') === 'option');
  }

  private onListClick(event: MouseEvent): void {
    const row = this.rowOf(event);
    if (!row?.dataset.id) return;
    this.activeId = row.dataset.id;
    this.chooseConversation(row.dataset.id);
  }

  private onListKeydown(event: KeyboardEvent): void {
    const row = this.rowOf(event);
    const ids = this.inboxSlice.value.ids;
    // Without a row the list itself has focus (its row scrolled away): the keys go on from the active conversation.
    const index = row ? Number(row.dataset.index) : this.activeIndex(ids);
    const id = ids[index];
    const { key } = event;
    const next = key.length === 1 && key !== ' ' && !(event.ctrlKey || event.metaKey || event.altKey)
      ? this.typeAhead(key, index)
      : { ArrowDown: index + 1, ArrowUp: index - 1, PageDown: index + 10, PageUp: index - 10, Home: 0, End: ids.length - 1 }[key];
    if (next !== undefined) void this.focusRow(Math.max(0, Math.min(ids.length - 1, next)));
    else if (id && (key === 'Enter' || key === ' ')) this.chooseConversation(id);
    else if (id && row && (key === 'ContextMenu' || (key === 'F10' && event.shiftKey))) void this.openMenu(id, row);
    else return;
    event.preventDefault();
  }

  private typedPrefix = '';
  private typedAt = 0;

  /**
   * Type-ahead: the index of the next conversation whose customer's name starts with the characters typed in
   * quick succession (accents and case aside), searching on from `from`; `from` itself when none does.
   */
  private typeAhead(key: string, from: number): number {
    const now = Date.now();
    const typed = (this.typedPrefix = (now - this.typedAt < TYPE_AHEAD_MS ? this.typedPrefix : '') + normalizeForSearch(key));
    this.typedAt = now;
    const state = this.activeStore?.getState();
    const { ids } = this.inboxSlice.value;
    // A longer prefix may still match the current row; a first character looks past it.
    const start = from + (typed.length > 1 ? 0 : 1);
    for (let step = 0; state && step < ids.length; step++) {
      const at = (start + step + ids.length) % ids.length;
      const conversation = state.conversations[ids[at]!];
      if (normalizeForSearch((conversation && state.customers[conversation.customerId]?.name) || '').startsWith(typed)) return at;
    }
    return from;
  }

  /** Moves the tab stop to row `index`, scrolling it into the virtualized range first. */
  private async focusRow(index: number): Promise<void> {
    const id = this.inboxSlice.value.ids[index];
    if (id === undefined) return;
    this.activeId = id;
    this.virtualizer?.element(index)?.scrollIntoView({ block: 'nearest' });
    // The row exists once the virtualizer has laid out the new range, usually within a frame or two.
    for (let attempt = 0; attempt < 10; attempt++) {
      await this.updateComplete;
      const row = this.renderRoot.querySelector<HTMLElement>(`[role="option"][data-index="${index}"]`);
      if (row && row.dataset.id === id) {
        row.focus();
        return;
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }

  /** Moves focus to the row that holds the list's tab stop (the selected one, else the first). */
  focusList(): void {
    const ids = this.inboxSlice.value.ids;
    if (ids.length === 0) {
      this.renderRoot.querySelector<HTMLElement>('[part~="tray-selected"]')?.focus();
      return;
    }
    void this.focusRow(Math.max(0, this.activeIndex(ids)));
  }

  private chooseConversation(conversationId: string): void {
    this.conversationId = conversationId;
    this.emit('ow-conversation-select', { conversationId });
  }

  // ---- Row actions ----

  /** The row actions, once their chunk is in. */
  private async loadActions(): Promise<RowActions> {
    const { RowActions } = await this.actionsPart.get();
    return (this.rowActions ??= new RowActions({
      element: this,
      t: (key, params) => this.t(key, params),
      reason: (error) => describeError(this.lang_, error),
      store: () => this.activeStore,
      announce: (text) => (this.announcement = text),
    }));
  }

  /** Pointer or focus on a row brings the actions button beside it (a chunk that cannot load is tried again next time). */
  private showActions(event: Event): void {
    const row = this.rowOf(event);
    if (row) this.loadActions().then((actions) => actions.show(row), () => undefined);
  }

  private onListFocus(event: FocusEvent): void {
    const id = this.rowOf(event)?.dataset.id;
    if (id) this.activeId = id;
    this.showActions(event);
  }

  /** Opens a row's menu, loading it first; a menu that cannot load says why in the status line. */
  private async openMenu(conversationId: string, returnFocus: HTMLElement): Promise<void> {
    try {
      await (await this.loadActions()).open(conversationId, returnFocus);
    } catch (error) {
      this.announcement = this.t('inbox.actionFailed', { reason: describeError(this.lang_, error) });
    }
  }
}

function sameFilters(a: InboxQuery, b: InboxQuery): boolean {
  return a.tray === b.tray && a.status === b.status && a.sort === b.sort && a.q === b.q && a.tag === b.tag;
}

declare global {
  interface HTMLElementTagNameMap {
    'ow-inbox': OwInbox;
  }
  interface HTMLElementEventMap {
    'ow-conversation-select': CustomEvent<ConversationSelectDetail>;
  }
}
