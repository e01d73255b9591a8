// The option list of <ow-tag-picker>: matching, ordering and rendering the options, and the panel
// where an admin picks the colour of a tag they create. The list only shows once the agent focuses
// or types in the field, so it is its own chunk; the combobox field and its ARIA state stay with the
// element. It imports nothing the elements do not already share (lit aside), so loading it splits
// no other module out of the eager bundle: colours are set through the style object after each render.
import { adoptStyles, css, html, nothing, type LitElement, type ReactiveController, type TemplateResult } from 'lit';
import type { Tag } from '../../contract/index.js';
import { normalizeForSearch } from '../../client/rules/search.js';
import type { OwStoreApi } from '../../client/store-types.js';
import { describeError, type Language } from '../shared/i18n.js';
import './tag-options.strings.js';

const listStyles = css`
  [role='listbox'] {
    position: absolute;
    z-index: 10;
    inset-inline: 0;
    top: 100%;
    margin: 4px 0 0;
    padding: 4px;
    list-style: none;
    background: var(--_bg);
    color: var(--_text);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.18);
    max-height: 14rem;
    overflow-y: auto;
  }
  /* No room below the field (the bottom of the viewport or of a scrolling column): it opens above. */
  [role='listbox'][data-up] {
    top: auto;
    bottom: 100%;
    margin: 0 0 4px;
  }
  [role='option'] {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 6px 8px;
    border-radius: calc(var(--_radius) / 2);
    cursor: pointer;
  }
  [role='option'][data-active] {
    background: var(--_surface);
    outline: 2px solid var(--_focus);
    outline-offset: -2px;
  }
  .swatch {
    flex: none;
    width: 0.9em;
    height: 0.9em;
    border-radius: 50%;
    border: 1px solid var(--_border);
  }
  [part~='create-option'] {
    font-style: italic;
  }
  .create {
    display: grid;
    gap: var(--_space);
  }
  .palette {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  .palette legend {
    padding: 0;
    margin-bottom: 6px;
    font-weight: 500;
  }
  .color {
    position: relative;
    display: inline-grid;
    cursor: pointer;
  }
  .color input {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    margin: 0;
    padding: 0;
    opacity: 0;
    cursor: pointer;
  }
  .color [part~='palette-swatch'] {
    display: grid;
    place-items: center;
    width: 28px;
    height: 28px;
    border-radius: 50%;
    border: 1px solid var(--_border);
  }
  /* The chosen colour: a ring and a check mark, not the colour alone. */
  .color svg {
    visibility: hidden;
  }
  .color input:checked + [part~='palette-swatch'] {
    box-shadow:
      0 0 0 2px var(--_bg),
      0 0 0 4px var(--_text);
  }
  .color input:checked + [part~='palette-swatch'] svg {
    visibility: visible;
  }
  .color input:focus-visible + [part~='palette-swatch'] {
    outline: 2px solid var(--_focus);
    outline-offset: 5px;
  }
  .create .hint {
    margin: 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
  }
  .actions .chip {
    padding-inline-end: 10px;
    margin-inline-end: auto;
  }
  .actions button {
    font: inherit;
    border-radius: calc(var(--_radius) / 2);
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    padding: 6px 12px;
    cursor: pointer;
  }
  .actions [part~='create-button'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  .create .error {
    margin: 0;
  }
`;

/**
 * Gives a picker the list's look, after its own styles; after each render sets the colours of swatches and chips,
 * places the open list where it is seen whole and keeps its active option in view.
 */
export function attachList(element: LitElement): void {
  const root = element.renderRoot as ShadowRoot;
  adoptStyles(root, [...(element.constructor as typeof LitElement).elementStyles, listStyles]);
  let shown = false;
  let activeId = '';
  element.addController({
    hostUpdated() {
      for (const swatch of root.querySelectorAll<HTMLElement>('[data-color]')) {
        swatch.style.background = swatch.dataset.color!;
        if (swatch.dataset.text) swatch.style.color = swatch.dataset.text;
      }
      const list = root.querySelector<HTMLElement>('[role="listbox"]');
      if (!list || list.hidden) return void ((shown = false), (activeId = ''));
      if (!shown) list.removeAttribute('data-up');
      place(list);
      if (!shown) list.scrollIntoView({ block: 'nearest' });
      shown = true;
      const active = list.querySelector<HTMLElement>('[data-active]');
      if (!active || active.id === activeId) return;
      activeId = active.id;
      list.scrollTop = Math.min(Math.max(list.scrollTop, active.offsetTop + active.offsetHeight - list.clientHeight), active.offsetTop);
    },
  });
}

/**
 * Below the field while the list fits there, else on the side with more room (as a native select flips), never
 * taller than that room: the room is what the viewport (above an on-screen keyboard) and every clipping ancestor
 * (a scrolling column) leave visible.
 */
function place(list: HTMLElement): void {
  list.style.maxHeight = '';
  const { height } = list.getBoundingClientRect();
  const field = list.parentElement!.getBoundingClientRect();
  const view = visualViewport;
  let top = view?.offsetTop ?? 0;
  let bottom = view ? top + view.height : innerHeight;
  for (let node: Element | null | undefined = list.parentElement; node; node = node.assignedSlot ?? node.parentElement ?? (node.getRootNode() as ShadowRoot).host) {
    if (getComputedStyle(node).overflowY === 'visible') continue;
    const box = node.getBoundingClientRect();
    top = Math.max(top, box.top);
    bottom = Math.min(bottom, box.bottom);
  }
  const below = bottom - field.bottom - 8;
  const above = field.top - top - 8;
  let up = list.hasAttribute('data-up');
  if (height > (up ? above : below)) up = above > below;
  list.toggleAttribute('data-up', up);
  // Two options at least; scrolled into view when even that does not fit.
  const room = Math.max(up ? above : below, 80);
  if (height > room) list.style.maxHeight = `${room}px`;
}

export type Option = { kind: 'tag'; tag: Tag } | { kind: 'create'; name: string };

/**
 * Colours an admin chooses from for a new tag, with the string key of each one's name. On each of
 * them black or white chip text reaches at least 4.6:1.
 */
export const TAG_PALETTE = [
  { color: '#2563eb', name: 'tagPicker.color.blue' },
  { color: '#7c3aed', name: 'tagPicker.color.violet' },
  { color: '#db2777', name: 'tagPicker.color.pink' },
  { color: '#0891b2', name: 'tagPicker.color.cyan' },
  { color: '#65a30d', name: 'tagPicker.color.green' },
  { color: '#ea580c', name: 'tagPicker.color.orange' },
  { color: '#4b5563', name: 'tagPicker.color.grey' },
  { color: '#0d9488', name: 'tagPicker.color.teal' },
] as const;

/** Case- and accent-insensitive form for matching ("credito" finds "Crédito"). */
function fold(text: string): string {
  return normalizeForSearch(text).trim();
}

/** Unattached tags matching `query`, those starting with it first, then (admins only) the option to create what was typed. */
export function matchOptions(query: string, tags: Readonly<Record<string, Tag>>, attachedIds: readonly string[], isAdmin: boolean, lang: string): Option[] {
  const attached = new Set(attachedIds);
  const q = fold(query);
  const all = Object.values(tags);
  const options: Option[] = all
    .filter((t) => !attached.has(t.id) && fold(t.name).includes(q))
    .sort((a, b) => Number(!fold(b.name).startsWith(q)) - Number(!fold(a.name).startsWith(q)) || a.name.localeCompare(b.name, lang))
    .map((tag) => ({ kind: 'tag', tag }));
  const name = query.trim();
  if (isAdmin && name && !all.some((t) => fold(t.name) === q)) options.push({ kind: 'create', name });
  return options;
}

export function optionId(option: Option): string {
  return option.kind === 'tag' ? `option-${option.tag.id}` : 'option-create';
}

/** The colour first chosen for a new tag: the palette in turn, by how many tags exist. */
export function newTagColor(tagCount: number): string {
  return TAG_PALETTE[tagCount % TAG_PALETTE.length]!.color;
}

type Translate = (key: string, params?: Record<string, string>) => string;

/** What creating a tag uses of its picker. */
export interface CreatorHost {
  readonly element: LitElement;
  store(): OwStoreApi | undefined;
  t: Translate;
  lang(): Language;
  /** Black or white, whichever reads better on `color` (the chips' text). */
  textOn(color: string): string;
  /** Closes the panel (if `creator` is still the open one): the field gets `query` back and the focus; a created `tag` is attached. */
  close(creator: TagCreator, query: string, tag?: Tag): void;
}

/**
 * An admin creating the tag they typed: its colour from the palette (a radio group, the colour the
 * tag would have had preselected), the chip it will make, then create or cancel. A failed create
 * keeps the name and colour so the admin can try again.
 */
export class TagCreator implements ReactiveController {
  private color: string;
  private saving = false;
  private error: string | null = null;

  constructor(
    private readonly host: CreatorHost,
    readonly name: string,
    tagCount: number,
  ) {
    this.color = newTagColor(tagCount);
    host.element.addController(this);
  }

  /** The keyboard moves to the chosen colour once the panel is shown, where the arrows change it. */
  hostUpdated(): void {
    const radio = (this.host.element.renderRoot as ShadowRoot).querySelector<HTMLInputElement>('[name="tag-color"]:checked');
    if (!radio) return;
    radio.focus();
    this.host.element.removeController(this);
  }

  private choose(color: string): void {
    this.color = color;
    this.host.element.requestUpdate();
  }

  private async create(): Promise<void> {
    const { host } = this;
    const store = host.store();
    if (this.saving || !store) return;
    this.saving = true;
    this.error = null;
    host.element.requestUpdate();
    try {
      const tag = await store.createTag(this.name, this.color);
      host.close(this, '', tag);
    } catch (error) {
      this.error = host.t('tagPicker.createFailed', { name: this.name, reason: describeError(host.lang(), error) });
    } finally {
      this.saving = false;
      host.element.requestUpdate();
    }
  }

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.isComposing) return;
    // Enter on a colour creates; on a button it presses that button.
    if (event.key === 'Enter' && (event.target as HTMLInputElement).type === 'radio') {
      event.preventDefault();
      void this.create();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.host.close(this, this.name);
    }
  };

  render(): TemplateResult {
    const { t, textOn } = this.host;
    const check = html`<svg aria-hidden="true" width="14" height="14" viewBox="0 0 14 14" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
      <path d="M3 7.5l2.5 2.5L11 4.5" />
    </svg>`;
    return html`<div class="create" part="create-panel" aria-busy=${this.saving ? 'true' : 'false'} @keydown=${this.onKeydown}>
      <fieldset class="palette" part="palette" role="radiogroup" aria-describedby="create-hint">
        <legend>${t('tagPicker.colorOf', { name: this.name })}</legend>
        ${TAG_PALETTE.map(
          ({ color, name }) => html`<label class="color" title=${t(name)}>
            <input type="radio" name="tag-color" .value=${color} .checked=${color === this.color} @change=${() => this.choose(color)} />
            <span part="palette-swatch" data-color=${color} data-text=${textOn(color)}>${check}</span>
            <span class="visually-hidden">${t(name)}</span>
          </label>`,
        )}
      </fieldset>
      <p class="hint" id="create-hint">${t('tagPicker.colorHint')}</p>
      <div class="actions">
        <span class="chip" part="preview" aria-hidden="true" data-color=${this.color} data-text=${textOn(this.color)}>${this.name}</span>
        <button type="button" part="create-button" @click=${() => this.create()}>${t(this.saving ? 'tagPicker.creating' : 'tagPicker.createButton')}</button>
        <button type="button" part="cancel-button" @click=${() => this.host.close(this, this.name)}>${t('tagPicker.cancel')}</button>
      </div>
      ${this.error ? html`<p class="error" part="error" role="alert">${this.error}</p>` : nothing}
    </div>`;
  }
}

/** Why the open list has no option: everything is attached, nothing matches, or (agents) only admins create. */
export function emptyMessage(query: string, isAdmin: boolean, t: Translate): string {
  if (!query.trim()) return t('tagPicker.allAttached');
  return isAdmin ? t('tagPicker.noResults') : `${t('tagPicker.noResults')} ${t('tagPicker.adminOnly')}`;
}

/** Clicks on options keep focus in the field, so the combobox stays the one focused control. */
function preventBlur(event: Event): void {
  event.preventDefault();
}

export function renderOption(
  option: Option,
  active: boolean,
  t: Translate,
  choose: (option: Option) => void,
): TemplateResult {
  const create = option.kind === 'create';
  return html`<li
    id=${optionId(option)}
    part=${create ? 'option create-option' : 'option'}
    role="option"
    data-tag=${create ? nothing : option.tag.id}
    aria-selected=${active ? 'true' : 'false'}
    ?data-active=${active}
    @mousedown=${preventBlur}
    @click=${() => choose(option)}
  >
    ${create ? t('tagPicker.create', { name: option.name }) : html`<span class="swatch" part="swatch" data-color=${option.tag.color}></span>${option.tag.name}`}
  </li>`;
}
