// The option list of <ow-tag-picker>: matching, ordering and rendering the options, and the colour
// of a tag an admin creates. The list only shows once the agent focuses or types in the field, so
// it is its own chunk; the combobox field and its ARIA state stay with the element. It imports
// nothing the elements do not already share (lit aside), so loading it splits no other module out
// of the eager bundle: swatch colours are set through the style object after each render.
import { adoptStyles, css, html, nothing, type LitElement, type TemplateResult } from 'lit';
import type { Tag } from '../../contract/index.js';
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
`;

/** Gives a picker the list's look, after its own styles, and colours the options' swatches after each render. */
export function attachList(element: LitElement): void {
  const root = element.renderRoot as ShadowRoot;
  adoptStyles(root, [...(element.constructor as typeof LitElement).elementStyles, listStyles]);
  element.addController({
    hostUpdated() {
      for (const swatch of root.querySelectorAll<HTMLElement>('[part~="swatch"]')) swatch.style.background = swatch.dataset.color!;
    },
  });
}

export type Option = { kind: 'tag'; tag: Tag } | { kind: 'create'; name: string };

/** Colours offered to new tags, picked in turn. */
export const TAG_PALETTE = ['#2563eb', '#7c3aed', '#db2777', '#0891b2', '#65a30d', '#ea580c', '#4b5563', '#0d9488'] as const;

/** Case- and accent-insensitive form for matching ("credito" finds "Crédito"). */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().trim();
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

/** The colour of the next tag created: the palette in turn, by how many tags exist. */
export function newTagColor(tagCount: number): string {
  return TAG_PALETTE[tagCount % TAG_PALETTE.length]!;
}

type Translate = (key: string, params?: Record<string, string>) => string;

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
