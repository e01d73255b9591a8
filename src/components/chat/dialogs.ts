// The transfer and close dialogs of <ow-chat>: only an agent reaching for "Transferir" or "Cerrar"
// needs them, so they are their own chunk, rendered into the chat's shadow root with their styles.
import { css, html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Agent, AgentStatus, Conversation, Group } from '../../contract/index.js';
import { normalizeForSearch } from '../../client/rules/search.js';
import type { StoreState } from '../../client/store-types.js';
import type { ChatTransferDetail } from './ow-chat.js';
import './dialogs.strings.js';

/** The <ow-chat> rendering the dialogs. */
type ChatElement = ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment };

/** What the dialogs read from the chat and ask it to do. */
export interface ChatDialogsHost {
  /** The chat's own strings, in its language. */
  t: (key: string, params?: Record<string, string | number>) => string;
  directory(): Pick<StoreState, 'me' | 'agents' | 'groups'>;
  conversation(): Conversation | undefined;
  /** Transfers the conversation; resolves once the attempt is over (a failure shows in the chat). */
  transfer(to: ChatTransferDetail['to']): Promise<void>;
  /** Closes the conversation; resolves once the attempt is over. */
  close(): Promise<void>;
}

export type ChatDialogName = 'transfer' | 'close';

interface TransferOption {
  id: string;
  kind: 'agent' | 'group';
  label: string;
  status?: AgentStatus;
  /**
   * For an agent outside the conversation's group: the group the server moves the conversation to
   * (their first one). They are listed by it, apart from the agents who keep it in its group.
   */
  movesTo?: Group;
}

/** A labelled run of options in the list: groups, agents, then agents of each other group. */
interface TransferSection {
  key: string;
  label: string;
  options: TransferOption[];
}

const optionKey = (option: TransferOption) => `${option.kind}:${option.id}`;

/** Agents who can take the conversation now come first. */
const STATUS_ORDER: Record<AgentStatus, number> = { online: 0, away: 1, offline: 2 };

const styles = css`
  dialog {
    background: var(--_bg);
    color: var(--_text);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2);
    width: min(420px, 90vw);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }
  dialog input {
    width: 100%;
    font: inherit;
    padding: calc(var(--_space) * 0.75);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: inherit;
    margin-block: var(--_space);
  }
  .listbox {
    max-height: 260px;
    overflow: auto;
  }
  .option {
    padding: calc(var(--_space) * 0.75) var(--_space);
    border-radius: calc(var(--_radius) * 0.5);
    cursor: pointer;
  }
  .option[aria-selected='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .option.agent {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    column-gap: var(--_space);
  }
  .section {
    padding: calc(var(--_space) * 0.75) var(--_space) calc(var(--_space) * 0.25);
    color: var(--_muted);
    font-size: 0.8em;
    font-weight: 700;
  }
  .presence {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    font-size: 0.85em;
  }
  .presence::before {
    content: '';
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--ow-status-offline, #9ca3af);
  }
  .presence[data-status='online']::before {
    background: var(--ow-status-online, #16a34a);
  }
  .presence[data-status='away']::before {
    background: var(--ow-status-away, #d97706);
  }
  .option[aria-selected='false'] .presence {
    color: var(--_muted);
  }
  .dialog-actions {
    display: flex;
    justify-content: flex-end;
    gap: var(--_space);
    margin-top: var(--_space);
  }
  button.danger {
    background: var(--_danger);
    color: #fff;
    border-color: var(--_danger);
  }
`;

/** One chat's dialogs: their state, rendering and keyboard handling. */
export class ChatDialogs {
  private query = '';
  /** The highlighted option (see optionKey): it stays highlighted when live statuses reorder the list. Null: the first. */
  private active: string | null = null;
  /** The button that opened the open dialog; it gets the focus back when the dialog closes. */
  private returnFocusTo: HTMLElement | null = null;

  constructor(
    private readonly element: ChatElement,
    private readonly chat: ChatDialogsHost,
  ) {
    adoptDialogStyles(element.renderRoot);
  }

  /** Shows a dialog (rendered by now); the transfer dialog opens empty with the focus in its search. */
  open(name: ChatDialogName, trigger: HTMLElement): void {
    this.returnFocusTo = trigger;
    if (name === 'transfer') this.search('');
    this.dialog(name)?.showModal();
    if (name === 'transfer') this.find<HTMLInputElement>('#transfer-search')?.focus();
  }

  render(): TemplateResult {
    return html`${this.renderTransfer()}${this.renderClose()}`;
  }

  private find<E extends Element>(selector: string): E | null {
    return this.element.renderRoot.querySelector<E>(selector);
  }

  private dialog(name: ChatDialogName): HTMLDialogElement | null {
    return this.find(`#${name}-dialog`);
  }

  private search(query: string): void {
    this.query = query;
    this.active = null;
    this.element.requestUpdate();
  }

  // Lit calls listeners with the chat as `this`: the ones given by reference are arrow functions.
  private readonly onDialogClose = (): void => {
    const target = this.returnFocusTo;
    this.returnFocusTo = null;
    if (target?.isConnected) target.focus();
    // The button went away with the change the dialog made (e.g. "Cerrar" after closing): keep focus in the chat.
    else void this.focusTimeline();
  };

  /** Focuses the timeline once the chat rendered, unless something in the chat has the focus. */
  private async focusTimeline(onlyIfLost = false): Promise<void> {
    await this.element.updateComplete;
    if (!onlyIfLost || !(this.element.renderRoot as ShadowRoot).activeElement) this.find<HTMLElement>('lit-virtualizer')?.focus();
  }

  /**
   * Groups, then the agents who keep the conversation in its group, then the agents of each other
   * group (the server takes the conversation into their group; transferring to them is allowed).
   * Agents online first, then away, then offline, each by name. The arrow keys follow this order.
   */
  private sections(): TransferSection[] {
    const t = this.chat.t;
    const { me, agents, groups } = this.chat.directory();
    const conversation = this.chat.conversation();
    const q = normalizeForSearch(this.query.trim());
    // Against what the option shows ("Grupo Soporte"), and an agent by the group they would take it to.
    const shown = (option: TransferOption) =>
      option.kind === 'group' ? t('chat.transfer.group', { name: option.label }) : `${option.label} ${option.movesTo?.name ?? ''}`;
    const matches = (option: TransferOption) => !q || normalizeForSearch(shown(option)).includes(q);
    const agentOption = (a: Agent): TransferOption => {
      // As the server decides: an agent without the conversation's group takes it into their first group.
      const moves = !!conversation?.groupId && a.groupIds.length > 0 && !a.groupIds.includes(conversation.groupId);
      const movesTo = moves ? (groups[a.groupIds[0]!] ?? { id: a.groupIds[0]!, name: a.groupIds[0]! }) : undefined;
      return { id: a.id, kind: 'agent', label: a.name, status: a.status, movesTo };
    };
    const agentOptions = Object.values(agents)
      .filter((a) => a.id !== me?.id && a.id !== conversation?.assigneeId)
      .map(agentOption)
      .filter(matches)
      .sort((a, b) => STATUS_ORDER[a.status ?? 'offline'] - STATUS_ORDER[b.status ?? 'offline'] || a.label.localeCompare(b.label));
    const sections: TransferSection[] = [
      {
        key: 'groups',
        label: t('chat.transfer.groups'),
        options: Object.values(groups)
          .map((g): TransferOption => ({ id: g.id, kind: 'group', label: g.name }))
          .filter(matches),
      },
      { key: 'agents', label: t('chat.transfer.agents'), options: agentOptions.filter((o) => !o.movesTo) },
    ];
    const elsewhere = new Map<string, TransferOption[]>();
    for (const option of agentOptions) if (option.movesTo) elsewhere.set(option.movesTo.id, [...(elsewhere.get(option.movesTo.id) ?? []), option]);
    const destinations = [...elsewhere.values()].map((shown) => shown[0]!.movesTo!).sort((a, b) => a.name.localeCompare(b.name));
    for (const group of destinations) {
      sections.push({ key: `group-${group.id}`, label: t('chat.transfer.otherGroup', { group: group.name }), options: elsewhere.get(group.id)! });
    }
    return sections.filter((section) => section.options.length);
  }

  private activeIndex(options: TransferOption[]): number {
    return Math.max(0, this.active === null ? 0 : options.findIndex((option) => optionKey(option) === this.active));
  }

  private onKeydown(event: KeyboardEvent, options: TransferOption[]): void {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!options.length) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = optionKey(options[(this.activeIndex(options) + step + options.length) % options.length]!);
      this.element.requestUpdate();
      void this.element.updateComplete.then(() => this.find('[role=option][aria-selected=true]')?.scrollIntoView({ block: 'nearest' }));
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      const option = event.key === 'Home' ? options[0] : options[options.length - 1];
      this.active = option ? optionKey(option) : null;
      this.element.requestUpdate();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const option = options[this.activeIndex(options)];
      if (option) this.transferTo(option);
    }
  }

  private transferTo(option: TransferOption): void {
    this.dialog('transfer')?.close();
    void this.chat.transfer(option.kind === 'agent' ? { agentId: option.id } : { groupId: option.id });
  }

  private readonly confirmClose = async (): Promise<void> => {
    this.dialog('close')?.close();
    await this.chat.close();
    // "Cerrar" had the focus back and is gone now that the conversation is closed.
    await this.focusTimeline(true);
  };

  private renderTransfer(): TemplateResult {
    const t = this.chat.t;
    const sections = this.sections();
    const options = sections.flatMap((section) => section.options);
    const active = this.activeIndex(options);
    const optionTemplate = (option: TransferOption) => {
      const index = options.indexOf(option);
      const status = option.status ?? 'offline';
      // The hidden comma makes the spoken name "Carla Gómez, En línea" rather than one run-on word.
      const content =
        option.kind === 'group'
          ? t('chat.transfer.group', { name: option.label })
          : html`<span>${option.label}</span><span class="visually-hidden">, </span><span class="presence" data-status=${status}
                >${t(`chat.transfer.status.${status}`)}</span
              >`;
      return html`<div
        id="transfer-option-${index}"
        role="option"
        class="option ${option.kind}"
        aria-selected=${index === active ? 'true' : 'false'}
        @click=${() => this.transferTo(option)}
      >${content}</div>`;
    };
    const sectionTemplate = (section: TransferSection) =>
      html`<div role="group" aria-labelledby="transfer-section-${section.key}">
        <div role="presentation" class="section" id="transfer-section-${section.key}">${section.label}</div>
        ${section.options.map(optionTemplate)}
      </div>`;
    return html`
      <dialog id="transfer-dialog" part="dialog transfer-dialog" aria-labelledby="transfer-title" @close=${this.onDialogClose}>
        <h2 id="transfer-title">${t('chat.transfer.title')}</h2>
        <input
          id="transfer-search"
          type="search"
          autocomplete="off"
          aria-label=${t('chat.transfer.search')}
          placeholder=${t('chat.transfer.search')}
          aria-controls="transfer-list"
          aria-activedescendant=${options.length ? `transfer-option-${active}` : nothing}
          .value=${this.query}
          @input=${(e: Event) => this.search((e.target as HTMLInputElement).value)}
          @keydown=${(e: KeyboardEvent) => this.onKeydown(e, options)}
        />
        <div id="transfer-list" role="listbox" aria-label=${t('chat.transfer.title')} class="listbox">
          ${sections.map(sectionTemplate)}
        </div>
        ${options.length ? nothing : html`<p class="none">${t('chat.transfer.none')}</p>`}
        <div class="dialog-actions">
          <button @click=${() => this.dialog('transfer')?.close()}>${t('chat.cancel')}</button>
        </div>
      </dialog>
    `;
  }

  private renderClose(): TemplateResult {
    const t = this.chat.t;
    return html`
      <dialog id="close-dialog" part="dialog close-dialog" aria-labelledby="close-title" aria-describedby="close-body" @close=${this.onDialogClose}>
        <h2 id="close-title">${t('chat.close.title')}</h2>
        <p id="close-body">${t('chat.close.body')}</p>
        <div class="dialog-actions">
          <button @click=${() => this.dialog('close')?.close()}>${t('chat.cancel')}</button>
          <button class="danger" @click=${this.confirmClose}>${t('chat.close.confirm')}</button>
        </div>
      </dialog>
    `;
  }
}

/** Adds the dialogs' styles to the chat's shadow root, after its own. */
function adoptDialogStyles(root: HTMLElement | DocumentFragment): void {
  const shadow = root as ShadowRoot;
  if (styles.styleSheet) {
    shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, styles.styleSheet];
  } else {
    // Without constructable stylesheets Lit itself falls back to <style> elements.
    const style = document.createElement('style');
    style.textContent = styles.cssText;
    shadow.append(style);
  }
}
