import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { Tag } from '../../contract/index.js';
import { OwElement } from '../shared/ow-element.js';
import { shallowEqual } from '../shared/store-controller.js';
import { readableTextColor, TAG_PALETTE } from './color.js';
import { styles } from './ow-tag-picker.styles.js';
import './ow-tag-picker.strings.js';

export interface TagChangeDetail {
  conversationId: string;
  tagId: string;
  attached: boolean;
}

type Option = { kind: 'tag'; tag: Tag } | { kind: 'create'; name: string };

const NO_TAGS: readonly string[] = [];

/** Case- and accent-insensitive form for matching ("credito" finds "Crédito"). */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().trim();
}

/**
 * The tags of a conversation as coloured chips, and a combobox to attach more of the tags admins created. Agents
 * attach and detach; only admins are offered to create a tag from what they typed.
 *
 * Keyboard: type to filter, ↓/↑ to move through the options, Enter to attach, Escape to close (or clear), Backspace
 * in the empty field to detach the last tag; each chip's remove button is in the tab order.
 *
 * @fires ow-tag-change - A tag was attached or detached (after the server accepted it). Detail: `{ conversationId, tagId, attached }`.
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
 * @csspart create-option - The admins' "Crear etiqueta «x»" option (also part `option`).
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
 * @cssprop --ow-radius - Corner radius.
 * @cssprop --ow-space - Spacing unit.
 */
@customElement('ow-tag-picker')
export class OwTagPicker extends OwElement {
  static override styles = styles;

  /** The conversation whose tags are edited. */
  @property({ attribute: 'conversation-id', reflect: true }) conversationId?: string;

  @state() private query = '';
  @state() private open = false;
  @state() private active = -1;
  @state() private pending = new Set<string>();
  @state() private error: string | null = null;
  @state() private announcement = '';

  @query('input') private input?: HTMLInputElement;

  private readonly attachedIds = this.select(
    (s) => (this.conversationId ? (s.conversations[this.conversationId]?.tagIds ?? null) : null),
    null as readonly string[] | null,
    (a, b) => (a === null || b === null ? a === b : shallowEqual(a, b)),
  );
  private readonly tags = this.select((s) => s.tags, {} as Readonly<Record<string, Tag>>);
  private readonly isAdmin = this.select((s) => s.me?.role === 'admin', false);
  private readonly ready = this.select((s) => s.ready, false);

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
    }
    this.loadIfMissing();
  }

  private loadIfMissing(): void {
    const store = this.activeStore;
    const id = this.conversationId;
    if (!store || !id || !this.ready.value || this.attachedIds.value || this.requestedLoad === id) return;
    this.requestedLoad = id;
    store.openConversation(id).catch((error: unknown) => {
      this.loadError = reasonOf(error);
      this.requestUpdate();
    });
  }

  private get attachedTags(): Tag[] {
    const tags = this.tags.value;
    return (this.attachedIds.value ?? NO_TAGS).map((id) => tags[id]).filter((t): t is Tag => t !== undefined);
  }

  /** Unattached tags matching the query, then (admins only) the option to create what was typed. */
  private get options(): Option[] {
    const attached = new Set(this.attachedIds.value ?? NO_TAGS);
    const q = fold(this.query);
    const all = Object.values(this.tags.value);
    const matches = all
      .filter((t) => !attached.has(t.id) && fold(t.name).includes(q))
      .sort((a, b) => Number(!fold(b.name).startsWith(q)) - Number(!fold(a.name).startsWith(q)) || a.name.localeCompare(b.name, this.lang_));
    const options: Option[] = matches.map((tag) => ({ kind: 'tag', tag }));
    const name = this.query.trim();
    if (this.isAdmin.value && name && !all.some((t) => fold(t.name) === q)) options.push({ kind: 'create', name });
    return options;
  }

  // ---- keyboard and pointer ----

  private onInput(event: Event): void {
    this.query = (event.target as HTMLInputElement).value;
    this.open = true;
    this.active = this.query.trim() && this.options.length ? 0 : -1;
    this.error = null;
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.isComposing) return;
    const options = this.options;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        if (!this.open || event.altKey) {
          this.open = true;
          if (event.altKey) return;
        }
        if (!options.length) return;
        const step = event.key === 'ArrowDown' ? 1 : -1;
        this.active = this.active < 0 ? (step > 0 ? 0 : options.length - 1) : (this.active + step + options.length) % options.length;
        return;
      }
      case 'Enter': {
        const option = this.open ? options[this.active] : undefined;
        if (!option) return;
        event.preventDefault();
        void this.choose(option);
        return;
      }
      case 'Escape':
        if (this.open) {
          event.preventDefault();
          this.close();
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
          void this.detach(last);
        }
        return;
      }
      default:
    }
  }

  private close(): void {
    this.open = false;
    this.active = -1;
  }

  private onBlur(event: FocusEvent): void {
    // Clicks on options keep focus in the field (mousedown is prevented), so a real blur closes the list.
    if (event.relatedTarget && this.renderRoot.contains(event.relatedTarget as Node) && (event.relatedTarget as Element).closest('[role="listbox"]')) return;
    this.close();
  }

  private async choose(option: Option): Promise<void> {
    this.query = '';
    this.close();
    if (option.kind === 'tag') {
      await this.attach(option.tag, 'tagPicker.added');
      return;
    }
    const store = this.activeStore;
    if (!store) return;
    try {
      const color = TAG_PALETTE[Object.keys(this.tags.value).length % TAG_PALETTE.length]!;
      const tag = await store.createTag(option.name, color);
      await this.attach(tag, 'tagPicker.created');
    } catch (error) {
      this.fail(error);
    }
  }

  private async attach(tag: Tag, messageKey: string): Promise<void> {
    await this.change(tag, true, messageKey);
  }

  private async detach(tag: Tag): Promise<void> {
    const index = this.attachedTags.findIndex((t) => t.id === tag.id);
    const focused = (this.renderRoot as ShadowRoot).activeElement;
    const focusWasOnChip = focused !== null && focused !== this.input;
    const ok = await this.change(tag, false, 'tagPicker.removed');
    if (!ok || !focusWasOnChip) return;
    await this.updateComplete;
    // The next chip's remove button, else the previous, else the field keeps the keyboard where it was.
    const buttons = [...this.renderRoot.querySelectorAll<HTMLElement>('[part~="remove-button"]')];
    (buttons[index] ?? buttons[index - 1] ?? this.input)?.focus();
  }

  private async change(tag: Tag, attached: boolean, messageKey: string): Promise<boolean> {
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
      this.fail(error);
      return false;
    } finally {
      const next = new Set(this.pending);
      next.delete(tag.id);
      this.pending = next;
    }
  }

  private fail(error: unknown): void {
    this.error = this.t('tagPicker.failed', { reason: reasonOf(error) });
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
      ${this.renderCombobox()}
      ${this.error ? html`<p class="error" part="error" role="alert">${this.error}</p>` : nothing}
    `;
  }

  private renderChip(tag: Tag): TemplateResult {
    const colors = { background: tag.color, color: readableTextColor(tag.color) };
    return html`<li class="chip" part="chip" data-tag=${tag.id} style=${styleMap(colors)} aria-busy=${this.pending.has(tag.id) ? 'true' : 'false'}>
      <span class="name">${tag.name}</span>
      <button type="button" part="remove-button" aria-label=${this.t('tagPicker.remove', { name: tag.name })} @click=${() => this.detach(tag)}>
        <svg aria-hidden="true" width="10" height="10" viewBox="0 0 10 10" stroke="currentColor" stroke-width="1.6" stroke-linecap="round">
          <path d="M2 2l6 6M8 2l-6 6" />
        </svg>
      </button>
    </li>`;
  }

  private renderCombobox(): TemplateResult {
    const options = this.options;
    const expanded = this.open && options.length > 0;
    const activeOption = expanded ? options[this.active] : undefined;
    const message = this.open && !options.length ? this.emptyMessage() : null;
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
        aria-activedescendant=${activeOption ? optionId(activeOption) : nothing}
        aria-describedby="hint"
        placeholder=${this.t('tagPicker.placeholder')}
        .value=${this.query}
        @input=${this.onInput}
        @keydown=${this.onKeydown}
        @click=${() => (this.open = true)}
        @blur=${this.onBlur}
      />
      <ul id="listbox" part="listbox" role="listbox" aria-label=${this.t('tagPicker.options')} ?hidden=${!expanded}>
        ${expanded ? options.map((option, index) => this.renderOption(option, index)) : nothing}
      </ul>
      <p class="hint" id="hint">${this.t('tagPicker.hint')}</p>
      ${message ? html`<p class="message" part="message" role="status">${message}</p>` : nothing}
    </div>`;
  }

  private emptyMessage(): string {
    if (!this.query.trim()) return this.t('tagPicker.allAttached');
    return this.isAdmin.value ? this.t('tagPicker.noResults') : `${this.t('tagPicker.noResults')} ${this.t('tagPicker.adminOnly')}`;
  }

  private renderOption(option: Option, index: number): TemplateResult {
    const active = index === this.active;
    const choose = () => void this.choose(option);
    if (option.kind === 'create') {
      return html`<li
        id=${optionId(option)}
        part="option create-option"
        class="create"
        role="option"
        aria-selected=${active ? 'true' : 'false'}
        ?data-active=${active}
        @mousedown=${preventBlur}
        @click=${choose}
      >
        ${this.t('tagPicker.create', { name: option.name })}
      </li>`;
    }
    return html`<li
      id=${optionId(option)}
      part="option"
      role="option"
      data-tag=${option.tag.id}
      aria-selected=${active ? 'true' : 'false'}
      ?data-active=${active}
      @mousedown=${preventBlur}
      @click=${choose}
    >
      <span class="swatch" part="swatch" style=${styleMap({ background: option.tag.color })}></span>${option.tag.name}
    </li>`;
  }
}

function optionId(option: Option): string {
  return option.kind === 'tag' ? `option-${option.tag.id}` : 'option-create';
}

function preventBlur(event: Event): void {
  event.preventDefault();
}

function reasonOf(error: unknown): string {
  if (error && typeof error === 'object' && 'reason' in error && typeof error.reason === 'string' && error.reason) return error.reason;
  return error instanceof Error ? error.message : String(error);
}

declare global {
  interface HTMLElementTagNameMap {
    'ow-tag-picker': OwTagPicker;
  }
  interface HTMLElementEventMap {
    'ow-tag-change': CustomEvent<TagChangeDetail>;
  }
}
