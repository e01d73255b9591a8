import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { Tag } from '../../contract/index.js';
import { OwElement } from '../shared/ow-element.js';
import { LazyPart } from '../shared/lazy-part.js';
import { shallowEqual } from '../shared/store-controller.js';
import { readableTextColor } from './color.js';
import { styles } from './ow-tag-picker.styles.js';
import type { CreatorHost, Option, TagCreator } from './tag-options.js';
import './ow-tag-picker.strings.js';
import { describeError } from '../shared/i18n.js';

export interface TagChangeDetail {
  conversationId: string;
  tagId: string;
  attached: boolean;
}

const NO_TAGS: readonly string[] = [];

/**
 * The tags of a conversation as coloured chips, and a combobox to attach more of the tags admins created. Agents
 * attach and detach; only admins are offered to create a tag from what they typed, choosing its colour.
 *
 * Keyboard: type to filter, ↓/↑ to move through the options, Enter to attach, Escape to close (or clear), Backspace
 * in the empty field to detach the last tag; each chip's remove button is in the tab order. Creating a tag: arrows
 * choose its colour, Enter creates, Escape goes back to the field.
 *
 * @fires {CustomEvent<TagChangeDetail>} ow-tag-change - A tag was attached or detached (after the server accepted it). Detail: `{ conversationId, tagId, attached }`.
 *
 * @attr conversation-id - The conversation whose tags are edited.
 * @attr theme - `light` or `dark`; unset follows `prefers-color-scheme`.
 *
 * @csspart title - The heading.
 * @csspart chips - The list of attached tags.
 * @csspart chip - One attached tag (background is the tag's colour; text is black or white, whichever reads better).
 * @csspart remove-button - A chip's remove button.
 * @csspart combobox - Wrapper of the search field and its listbox.
 * @csspart input - The search field (role combobox).
 * @csspart listbox - The options.
 * @csspart option - One option.
 * @csspart swatch - The colour dot of an option.
 * @csspart create-option - The admins' "Crear etiqueta «x»…" option (also part `option`).
 * @csspart create-panel - Where an admin chooses the new tag's colour (in place of the field).
 * @csspart palette - The colours, a radio group.
 * @csspart palette-swatch - One colour of the palette.
 * @csspart preview - The new tag's chip in the chosen colour.
 * @csspart create-button - Creates the tag.
 * @csspart cancel-button - Back to the field.
 * @csspart message - Why the list is empty (no match, all attached, only admins create).
 * @csspart error - Why a change failed.
 * @csspart empty - Shown without tags or without a conversation.
 * @csspart loading - Shown while the conversation loads.
 *
 * @cssprop --ow-color-background - Background of the element and the listbox.
 * @cssprop --ow-color-surface - Active option.
 * @cssprop --ow-color-text - Text.
 * @cssprop --ow-color-text-muted - Hints and empty state.
 * @cssprop --ow-color-border - Borders.
 * @cssprop --ow-color-focus - Focus ring and active option outline.
 * @cssprop --ow-color-danger - Errors.
 * @cssprop --ow-color-accent - The create button.
 * @cssprop --ow-color-on-accent - Its text.
 * @cssprop --ow-radius - Corner radius.
 * @cssprop --ow-space - Spacing unit.
 */
@customElement('ow-tag-picker')
export class OwTagPicker extends OwElement {
  static override styles = styles;

  /** The conversation whose tags are edited. */
  @property({ attribute: 'conversation-id', reflect: true }) conversationId = '';

  @state() private query = '';
  @state() private open = false;
  @state() private active = -1;
  @state() private pending = new Set<string>();
  @state() private error: string | null = null;
  @state() private announcement = '';
  /** The admin choosing the colour of a tag they create. */
  @state() private creator?: TagCreator;

  @query('input') private input?: HTMLInputElement;

  private readonly attachedIds = this.select(
    (s) => (this.conversationId ? (s.conversations[this.conversationId]?.tagIds ?? null) : null),
    null as readonly string[] | null,
    (a, b) => (a === null || b === null ? a === b : shallowEqual(a, b)),
  );
  private readonly allTags = this.select((s) => s.tags, {} as Readonly<Record<string, Tag>>);
  private readonly isAdmin = this.select((s) => s.me?.role === 'admin', false);
  private readonly storeReady = this.select((s) => s.ready, false);

  /** The option list: loaded when the agent first focuses, clicks or types in the field. */
  private readonly optionList = new LazyPart(this, () =>
    import('./tag-options.js').then((module) => {
      module.attachList(this);
      return module;
    }),
  );

  private requestedLoad: string | null = null;
  private loadError: string | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('conversationId')) {
      this.refreshSelections();
      this.error = null;
      this.loadError = null;
      this.open = false;
      this.query = '';
      this.creator = undefined;
    }
    this.loadIfMissing();
  }

  protected override reconnected(): void {
    if (!this.loadError) return;
    this.loadError = null;
    this.requestedLoad = null;
    this.requestUpdate();
  }

  private loadIfMissing(): void {
    const store = this.activeStore;
    const id = this.conversationId;
    if (!store || !id || !this.storeReady.value || this.attachedIds.value || this.requestedLoad === id) return;
    this.requestedLoad = id;
    store.openConversation(id).catch((error: unknown) => {
      this.loadError = describeError(this.lang_, error);
      this.requestUpdate();
    });
  }

  private get attachedTags(): Tag[] {
    const tags = this.allTags.value;
    return (this.attachedIds.value ?? NO_TAGS).map((id) => tags[id]).filter((t): t is Tag => t !== undefined);
  }

  /** Unattached tags matching the query, then (admins only) the option to create what was typed; none until the list is in. */
  private get matchingOptions(): Option[] {
    return this.optionList.value?.matchOptions(this.query, this.allTags.value, this.attachedIds.value ?? NO_TAGS, this.isAdmin.value, this.lang_) ?? [];
  }

  /** Runs `then` with the options: now when the list is in, else once it arrived (a failed load says why). */
  private withOptions(then: (options: Option[]) => void): void {
    if (this.optionList.value) then(this.matchingOptions);
    // An answer for a list the agent closed meanwhile is dropped.
    else this.optionList.get().then(() => this.open && then(this.matchingOptions), (error: unknown) => this.showFailure(error));
  }

  // ---- keyboard and pointer ----

  private onInput(event: Event): void {
    const query = (this.query = (event.target as HTMLInputElement).value);
    this.open = true;
    this.error = null;
    this.withOptions((options) => {
      if (query === this.query) this.active = query.trim() && options.length ? 0 : -1;
    });
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.isComposing) return;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        if (!this.open || event.altKey) {
          this.open = true;
          if (event.altKey) return;
        }
        const step = event.key === 'ArrowDown' ? 1 : -1;
        this.withOptions(({ length }) => {
          if (length) this.active = this.active < 0 ? (step > 0 ? 0 : length - 1) : (this.active + step + length) % length;
        });
        return;
      }
      case 'Enter': {
        if (!this.open || (this.optionList.value && !this.matchingOptions[this.active])) return;
        event.preventDefault();
        // Pressed before the list arrived, it picks once the list is in (after the keys before it), as it would have
        // with the list loaded; unless the agent typed on meanwhile.
        const query = this.query;
        this.withOptions((options) => {
          const option = options[this.active];
          if (option && query === this.query) void this.pickOption(option);
        });
        return;
      }
      case 'Escape':
        if (this.open) {
          event.preventDefault();
          this.closeList();
        } else if (this.query) {
          event.preventDefault();
          this.query = '';
        }
        return;
      case 'Backspace': {
        if (this.query || (event.target as HTMLInputElement).selectionStart !== 0) return;
        const last = this.attachedTags.at(-1);
        if (last) {
          event.preventDefault();
          void this.removeTag(last);
        }
        return;
      }
      default:
    }
  }

  private onClick(): void {
    this.open = true;
    this.withOptions(() => undefined);
  }

  private closeList(): void {
    this.open = false;
    this.active = -1;
  }

  private onBlur(event: FocusEvent): void {
    // Clicks on options keep focus in the field (mousedown is prevented), so a real blur closes the list.
    if (event.relatedTarget && this.renderRoot.contains(event.relatedTarget as Node) && (event.relatedTarget as Element).closest('[role="listbox"]')) return;
    this.closeList();
  }

  private readonly pickOption = async (option: Option): Promise<void> => {
    this.query = '';
    this.closeList();
    if (option.kind === 'tag') await this.changeTag(option.tag, true, 'tagPicker.added');
    else this.creator = new this.optionList.value!.TagCreator(this.creatorHost, option.name, Object.keys(this.allTags.value).length);
  };

  private readonly creatorHost: CreatorHost = {
    element: this,
    store: () => this.activeStore,
    t: (key, params) => this.t(key, params),
    lang: () => this.lang_,
    textOn: readableTextColor,
    close: (creator, query, tag) => {
      if (creator !== this.creator) return;
      this.creator = undefined;
      this.query = query;
      if (tag) void this.changeTag(tag, true, 'tagPicker.created');
      void this.updateComplete.then(() => this.input?.focus());
    },
  };

  private async removeTag(tag: Tag): Promise<void> {
    const index = this.attachedTags.findIndex((t) => t.id === tag.id);
    const focused = (this.renderRoot as ShadowRoot).activeElement;
    const focusWasOnChip = focused !== null && focused !== this.input;
    const ok = await this.changeTag(tag, false, 'tagPicker.removed');
    if (!ok || !focusWasOnChip) return;
    await this.updateComplete;
    // The next chip's remove button, else the previous, else the field keeps the keyboard where it was.
    const buttons = [...this.renderRoot.querySelectorAll<HTMLElement>('[part~="remove-button"]')];
    (buttons[index] ?? buttons[index - 1] ?? this.input)?.focus();
  }

  private async changeTag(tag: Tag, attached: boolean, messageKey: string): Promise<boolean> {
    const store = this.activeStore;
    const conversationId = this.conversationId;
    if (!store || !conversationId || this.pending.has(tag.id)) return false;
    this.pending = new Set(this.pending).add(tag.id);
    this.error = null;
    try {
      if (attached) await store.attachTag(conversationId, tag.id);
      else await store.detachTag(conversationId, tag.id);
      this.announcement = this.t(messageKey, { name: tag.name });
      this.emit('ow-tag-change', { conversationId, tagId: tag.id, attached });
      return true;
    } catch (error) {
      this.showFailure(error);
      return false;
    } finally {
      const next = new Set(this.pending);
      next.delete(tag.id);
      this.pending = next;
    }
  }

  private showFailure(error: unknown): void {
    this.error = this.t('tagPicker.failed', { reason: describeError(this.lang_, error) });
  }

  // ---- rendering ----

  override render(): TemplateResult {
    return html`
      <h2 part="title" id="title">${this.t('tagPicker.title')}</h2>
      ${this.conversationId ? this.renderBody() : html`<p class="none" part="empty">${this.t('tagPicker.noConversation')}</p>`}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    `;
  }

  private renderBody(): TemplateResult {
    if (this.attachedIds.value === null) {
      if (this.loadError) return html`<p class="error" part="error" role="alert">${this.t('tagPicker.failed', { reason: this.loadError })}</p>`;
      return html`<p class="none" part="loading" role="status">${this.t('tagPicker.loading')}</p>`;
    }
    const attached = this.attachedTags;
    return html`
      ${attached.length
        ? html`<ul class="chips" part="chips" aria-label=${this.t('tagPicker.attached')}>
            ${attached.map((tag) => this.renderChip(tag))}
          </ul>`
        : html`<p class="none" part="empty">${this.t('tagPicker.none')}</p>`}
      ${this.creator?.render() ?? this.renderCombobox()}
      ${this.error ? html`<p class="error" part="error" role="alert">${this.error}</p>` : nothing}
    `;
  }

  private renderChip(tag: Tag): TemplateResult {
    const colors = { background: tag.color, color: readableTextColor(tag.color) };
    return html`<li class="chip" part="chip" data-tag=${tag.id} style=${styleMap(colors)} aria-busy=${this.pending.has(tag.id) ? 'true' : 'false'}>
      <span class="name">${tag.name}</span>
      <button type="button" part="remove-button" aria-label=${this.t('tagPicker.remove', { name: tag.name })} @click=${() => this.removeTag(tag)}>
        <svg aria-hidden="true" width="10" height="10" viewBox="0 0 10 10" stroke="currentColor" stroke-width="1.6" stroke-linecap="round">
          <path d="M2 2l6 6M8 2l-6 6" />
        </svg>
      </button>
    </li>`;
  }

  private renderCombobox(): TemplateResult {
    // The list (and why it is empty) shows once open and its module is in.
    const list = this.open ? this.optionList.value : undefined;
    const options = list ? this.matchingOptions : [];
    const expanded = options.length > 0;
    const activeOption = options[this.active];
    const t = this.t.bind(this);
    const message = list && !expanded ? list.emptyMessage(this.query, this.isAdmin.value, t) : null;
    return html`<div class="combobox" part="combobox">
      <label for="search">${this.t('tagPicker.search')}</label>
      <input
        id="search"
        part="input"
        type="text"
        role="combobox"
        autocomplete="off"
        spellcheck="false"
        aria-autocomplete="list"
        aria-expanded=${expanded ? 'true' : 'false'}
        aria-controls="listbox"
        aria-activedescendant=${activeOption ? list!.optionId(activeOption) : nothing}
        aria-describedby="hint"
        placeholder=${this.t('tagPicker.placeholder')}
        .value=${this.query}
        @input=${this.onInput}
        @keydown=${this.onKeydown}
        @focus=${() => this.optionList.value}
        @click=${this.onClick}
        @blur=${this.onBlur}
      />
      <ul id="listbox" part="listbox" role="listbox" aria-label=${this.t('tagPicker.options')} ?hidden=${!expanded}>
        ${options.map((option, index) => list!.renderOption(option, index === this.active, t, this.pickOption))}
      </ul>
      <p class="hint" id="hint">${this.t('tagPicker.hint')}</p>
      ${message ? html`<p class="message" part="message" role="status">${message}</p>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ow-tag-picker': OwTagPicker;
  }
  interface HTMLElementEventMap {
    'ow-tag-change': CustomEvent<TagChangeDetail>;
  }
}
