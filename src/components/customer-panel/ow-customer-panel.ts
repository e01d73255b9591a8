import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AttributeValue, Customer } from '../../contract/index.js';
import { OwElement } from '../shared/ow-element.js';
import { formatDateTime } from '../shared/i18n.js';
import {
  buildChanges,
  changedFields,
  customerFields,
  maxLengthOf,
  parseDraftValue,
  sameValue,
  storedValue,
  toDraft,
  toDraftValue,
  validateField,
  type CustomerField,
  type DraftValue,
  type FieldError,
} from './customer-fields.js';
import { styles } from './ow-customer-panel.styles.js';
import './ow-customer-panel.strings.js';

export interface CustomerSavedDetail {
  customerId: string;
  customer: Customer;
}

export interface CustomerConflictDetail {
  customerId: string;
  /** Field ids (`name`, `phone`, `email`, `attributes.<key>`) both agents changed to different values. */
  fields: string[];
  /** The customer as another agent saved it. */
  current: Customer;
}

interface Conflict {
  field: CustomerField;
  theirs: AttributeValue;
  mine: AttributeValue;
}

/** A save that keeps meeting new versions stops asking the server after this many rounds. */
const MAX_SAVE_ROUNDS = 5;

/**
 * The customer of a conversation: name, phone, e-mail and the attributes the bot collected, editable with typed,
 * validated inputs. Saves carry the version they were based on; another agent's save shows up live, and when two
 * agents saved at once the loser sees both values per field and chooses — nothing is overwritten silently.
 *
 * @fires ow-customer-saved - The customer was saved. Detail: `{ customerId, customer }`.
 * @fires ow-customer-conflict - Another agent saved first; the panel now asks which values to keep. Detail: `{ customerId, fields, current }`.
 *
 * @attr conversation-id - Show the customer of this conversation.
 * @attr customer-id - Show this customer (wins over `conversation-id`).
 * @attr theme - `light` or `dark`; unset follows `prefers-color-scheme`.
 *
 * @csspart panel - The whole panel.
 * @csspart header - Title row with the customer's name and the edit button.
 * @csspart edit-button - The "Editar" button.
 * @csspart details - The read-only list of fields.
 * @csspart form - The edit form.
 * @csspart field - One field (label, input, error).
 * @csspart label - A field's label.
 * @csspart input - A field's input or select.
 * @csspart error - A field's validation message.
 * @csspart actions - Save and cancel buttons.
 * @csspart notice - Shown while editing when another agent saved this customer.
 * @csspart conflict - The per-field choice after a conflicting save.
 * @csspart theirs - In the conflict, the value another agent saved.
 * @csspart mine - In the conflict, this agent's value.
 * @csspart value - A value in view mode.
 * @csspart save-error - Why a save failed (other than a conflict).
 * @csspart empty - Shown without a conversation or customer.
 * @csspart loading - Shown while the customer loads.
 *
 * @cssprop --ow-color-background - Panel background.
 * @cssprop --ow-color-surface - Buttons and notices.
 * @cssprop --ow-color-text - Text.
 * @cssprop --ow-color-text-muted - Labels in view mode, empty values.
 * @cssprop --ow-color-border - Borders.
 * @cssprop --ow-color-accent - Save button.
 * @cssprop --ow-color-on-accent - Save button text.
 * @cssprop --ow-color-danger - Validation errors.
 * @cssprop --ow-color-warning - Notice and conflict border.
 * @cssprop --ow-color-focus - Focus ring.
 * @cssprop --ow-radius - Corner radius.
 * @cssprop --ow-space - Spacing unit.
 * @cssprop --ow-font-family - Font.
 * @cssprop --ow-font-size - Base font size.
 */
@customElement('ow-customer-panel')
export class OwCustomerPanel extends OwElement {
  static override styles = styles;

  /** Show the customer of this conversation. */
  @property({ attribute: 'conversation-id', reflect: true }) conversationId?: string;
  /** Show this customer (wins over `conversationId`). */
  @property({ attribute: 'customer-id', reflect: true }) customerId?: string;

  /** True while the form is open. */
  @state() protected editing = false;
  @state() private base: Customer | null = null;
  @state() private draft: Record<string, DraftValue> = {};
  @state() private badInput = new Set<string>();
  @state() private touched = new Set<string>();
  @state() private submitted = false;
  @state() private saving = false;
  @state() private saveError: string | null = null;
  @state() private conflicts: Conflict[] = [];
  @state() private announcement = '';

  private readonly customer = this.select((s) => {
    const id = this.resolveCustomerId(s.conversations);
    return id ? (s.customers[id] ?? null) : null;
  }, null as Customer | null);
  private readonly definitions = this.select((s) => s.attributeDefinitions, []);
  private readonly ready = this.select((s) => s.ready, false);

  private lastVersion = 0;
  private requestedLoad: string | null = null;

  private resolveCustomerId(conversations: Readonly<Record<string, { customerId: string }>>): string | null {
    if (this.customerId) return this.customerId;
    if (this.conversationId) return conversations[this.conversationId]?.customerId ?? null;
    return null;
  }

  private get fields(): CustomerField[] {
    return customerFields(this.definitions.value);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('conversationId') || changed.has('customerId')) {
      this.refreshSelections();
      this.closeForm();
    }
    this.loadIfMissing();
    this.noticeLiveChange();
  }

  /** A conversation that is not in the store yet (e.g. the panel stands alone) is loaded once. */
  private loadIfMissing(): void {
    const store = this.activeStore;
    if (!store || this.customerId || !this.conversationId || !this.ready.value) return;
    if (store.getState().conversations[this.conversationId] || this.requestedLoad === this.conversationId) return;
    this.requestedLoad = this.conversationId;
    store.openConversation(this.conversationId).catch((error: unknown) => {
      this.saveError = reasonOf(error);
    });
  }

  private noticeLiveChange(): void {
    const customer = this.customer.value;
    if (!customer) return;
    if (this.lastVersion && customer.version > this.lastVersion && !this.saving && !this.editing) {
      this.announcement = this.t('customerPanel.updatedLive');
    }
    this.lastVersion = customer.version;
  }

  // ---- editing ----

  /** Opens the form with the stored values. */
  edit(): void {
    const customer = this.customer.value;
    if (!customer) return;
    this.base = customer;
    this.draft = toDraft(customer, this.fields);
    this.badInput = new Set();
    this.touched = new Set();
    this.submitted = false;
    this.saveError = null;
    this.conflicts = [];
    this.editing = true;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part~="input"]')?.focus());
  }

  /** Closes the form without saving. */
  cancel(): void {
    this.closeForm();
    void this.updateComplete.then(() => this.focusEditButton());
  }

  private closeForm(): void {
    this.editing = false;
    this.base = null;
    this.draft = {};
    this.conflicts = [];
    this.saveError = null;
    this.submitted = false;
  }

  private focusEditButton(): void {
    this.renderRoot.querySelector<HTMLElement>('[part~="edit-button"]')?.focus();
  }

  private errorOf(field: CustomerField): FieldError | null {
    return validateField(field, this.draft[field.id] ?? toDraftValue(field, null), this.badInput.has(field.id));
  }

  private onInput(field: CustomerField, event: Event): void {
    const input = event.target as HTMLInputElement | HTMLSelectElement;
    const value = input instanceof HTMLInputElement && input.type === 'checkbox' ? input.checked : input.value;
    this.draft = { ...this.draft, [field.id]: value };
    const bad = input instanceof HTMLInputElement && input.validity.badInput;
    if (bad !== this.badInput.has(field.id)) {
      const next = new Set(this.badInput);
      if (bad) next.add(field.id);
      else next.delete(field.id);
      this.badInput = next;
    }
  }

  /** Escape leaves the form without saving (a native select uses it first to close its list). */
  private onFormKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || event.defaultPrevented || this.saving || event.target instanceof HTMLSelectElement) return;
    event.preventDefault();
    this.cancel();
  }

  private onBlur(field: CustomerField): void {
    // Saving disables the fields and closing removes them: either blurs the focused input mid-render.
    if (!this.editing || this.saving || this.touched.has(field.id)) return;
    this.touched = new Set(this.touched).add(field.id);
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.saving || this.conflicts.length) return;
    this.submitted = true;
    const invalid = this.fields.find((f) => this.errorOf(f) !== null);
    if (invalid) {
      this.announcement = this.t('customerPanel.invalidForm');
      await this.updateComplete;
      this.inputOf(invalid.id)?.focus();
      return;
    }
    await this.persist();
  }

  /** Saves the draft on the base version; on a conflict keeps the agent's changes and asks only where both differ. */
  private async persist(): Promise<void> {
    const store = this.activeStore;
    if (!store || !this.base) return;
    this.saving = true;
    this.saveError = null;
    try {
      for (let round = 0; round < MAX_SAVE_ROUNDS; round++) {
        const base: Customer = this.base;
        const changed = changedFields(base, this.fields, this.draft);
        if (!changed.length) {
          this.finishSave(null);
          return;
        }
        const result = await store.saveCustomer(base.id, buildChanges(changed, this.draft), base.version);
        if (!this.editing || this.base !== base) return;
        if (result.ok) {
          this.finishSave(result.customer);
          return;
        }
        if (this.rebase(result.current, changed)) return;
      }
    } catch (error) {
      this.saveError = this.t('customerPanel.saveFailed', { reason: reasonOf(error) });
      // The disabled fields lost the focus while saving; give it back where the agent can try again.
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('button[type="submit"]')?.focus());
    } finally {
      this.saving = false;
    }
  }

  /** Moves the draft onto `current`. Returns true when the agent must choose for some fields. */
  private rebase(current: Customer, changed: CustomerField[]): boolean {
    const base = this.base!;
    const mine = new Map(changed.map((f) => [f.id, parseDraftValue(f, this.draft[f.id]!)]));
    const conflicts = changed
      .filter((f) => !sameValue(f, storedValue(current, f), storedValue(base, f)) && !sameValue(f, storedValue(current, f), mine.get(f.id)!))
      .map((f) => ({ field: f, theirs: storedValue(current, f), mine: mine.get(f.id)! }));
    const kept = Object.fromEntries(changed.map((f) => [f.id, this.draft[f.id]!]));
    this.draft = { ...toDraft(current, this.fields), ...kept };
    this.base = current;
    this.lastVersion = current.version;
    if (!conflicts.length) return false;
    this.conflicts = conflicts;
    this.emit('ow-customer-conflict', { customerId: current.id, fields: conflicts.map((c) => c.field.id), current });
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part~="conflict"] button')?.focus());
    return true;
  }

  private finishSave(customer: Customer | null): void {
    this.closeForm();
    this.announcement = this.t('customerPanel.saved');
    if (customer) {
      this.lastVersion = customer.version;
      this.emit('ow-customer-saved', { customerId: customer.id, customer });
    }
    void this.updateComplete.then(() => this.focusEditButton());
  }

  private async resolve(conflict: Conflict, choice: 'theirs' | 'mine'): Promise<void> {
    if (choice === 'theirs') this.draft = { ...this.draft, [conflict.field.id]: toDraftValue(conflict.field, conflict.theirs) };
    this.conflicts = this.conflicts.filter((c) => c !== conflict);
    if (this.conflicts.length) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part~="conflict"] button')?.focus();
      return;
    }
    await this.persist();
    if (this.editing) {
      await this.updateComplete;
      this.inputOf(conflict.field.id)?.focus();
    }
  }

  private inputOf(fieldId: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`#${inputId(fieldId)}`);
  }

  // ---- rendering ----

  private labelOf(field: CustomerField): string {
    return field.label ?? this.t(`customerPanel.${field.id}`);
  }

  private formatValue(field: CustomerField, value: AttributeValue): TemplateResult | string {
    if (field.type === 'boolean') return this.t(value === true ? 'customerPanel.yes' : 'customerPanel.no');
    if (value === null || value === '') return html`<span class="empty-value">${this.t('customerPanel.noValue')}</span>`;
    if (field.type === 'number' && typeof value === 'number') return new Intl.NumberFormat(this.lang_).format(value);
    if (field.type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      return formatDateTime(this.lang_, `${value}T00:00:00Z`, { dateStyle: 'long', timeZone: 'UTC' });
    }
    return String(value);
  }

  override render(): TemplateResult {
    return html`${this.renderBody()}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>`;
  }

  private renderBody(): TemplateResult {
    if (!this.customerId && !this.conversationId) return html`<p class="status" part="empty">${this.t('customerPanel.empty')}</p>`;
    const customer = this.customer.value;
    if (!customer) {
      if (this.saveError) return html`<p class="alert" part="error" role="alert">${this.saveError}</p>`;
      // A customer id the store does not hold (yet): it shows up as soon as the store learns it.
      if (this.customerId && this.ready.value) return html`<p class="status" part="empty" role="status">${this.t('customerPanel.notFound')}</p>`;
      return html`<p class="status" part="loading" role="status">${this.t('customerPanel.loading')}</p>`;
    }
    return html`<section part="panel" aria-labelledby="title">
      <div class="header" part="header">
        <h2 id="title">${customer.name}</h2>
        ${this.editing
          ? nothing
          : html`<button type="button" part="edit-button" aria-label=${this.t('customerPanel.editLabel', { name: customer.name })} @click=${this.edit}>
              ${this.t('customerPanel.edit')}
            </button>`}
      </div>
      ${this.editing ? this.renderForm(customer) : this.renderDetails(customer)}
    </section>`;
  }

  private renderDetails(customer: Customer): TemplateResult {
    const fields = this.fields;
    const core = fields.filter((f) => f.attribute === null);
    const attributes = fields.filter((f) => f.attribute !== null);
    const row = (f: CustomerField) => html`<dt part="label">${this.labelOf(f)}</dt>
      <dd part="value" data-field=${f.id}>${this.formatValue(f, storedValue(customer, f))}</dd>`;
    return html`<dl part="details">${core.map(row)}</dl>
      ${attributes.length
        ? html`<h3 class="section-title">${this.t('customerPanel.attributes')}</h3>
            <dl part="details attributes">${attributes.map(row)}</dl>`
        : nothing}`;
  }

  private renderForm(customer: Customer): TemplateResult {
    const fields = this.fields;
    const remoteUpdate = this.base !== null && customer.version > this.base.version && !this.conflicts.length;
    return html`
      ${remoteUpdate ? html`<p class="notice" part="notice" role="status">${this.t('customerPanel.remoteUpdate')}</p>` : nothing}
      ${this.conflicts.length ? this.renderConflicts() : nothing}
      ${this.saveError ? html`<p class="alert" part="save-error" role="alert">${this.saveError}</p>` : nothing}
      <form
        part="form"
        novalidate
        aria-busy=${this.saving ? 'true' : 'false'}
        aria-labelledby="title"
        @submit=${this.onSubmit}
        @keydown=${this.onFormKeydown}
      >
        <fieldset ?disabled=${this.saving}>
          ${fields.filter((f) => f.attribute === null).map((f) => this.renderField(f))}
        </fieldset>
        ${fields.some((f) => f.attribute !== null)
          ? html`<fieldset ?disabled=${this.saving}>
              <legend>${this.t('customerPanel.attributes')}</legend>
              ${fields.filter((f) => f.attribute !== null).map((f) => this.renderField(f))}
            </fieldset>`
          : nothing}
        <div class="actions" part="actions">
          <button type="button" @click=${this.cancel} ?disabled=${this.saving}>${this.t('customerPanel.cancel')}</button>
          <button type="submit" class="primary" ?disabled=${this.saving || this.conflicts.length > 0}>
            ${this.saving ? this.t('customerPanel.saving') : this.t('customerPanel.save')}
          </button>
        </div>
      </form>
    `;
  }

  private renderField(field: CustomerField): TemplateResult {
    const id = inputId(field.id);
    const raw = this.draft[field.id] ?? toDraftValue(field, null);
    const error = this.submitted || this.touched.has(field.id) ? this.errorOf(field) : null;
    const errorId = `${id}-error`;
    const label = html`<label part="label" for=${id}>
      ${this.labelOf(field)}${field.required ? html` <span class="required">${this.t('customerPanel.required')}</span>` : nothing}
    </label>`;
    const common = {
      id,
      invalid: error ? 'true' : 'false',
      describedBy: error ? errorId : undefined,
    };
    if (field.type === 'boolean') {
      return html`<div class="field checkbox" part="field" data-field=${field.id}>
        <input
          id=${id}
          part="input"
          type="checkbox"
          .checked=${raw === true}
          @change=${(e: Event) => this.onInput(field, e)}
        />${label}
      </div>`;
    }
    const control =
      field.type === 'select'
        ? this.renderSelect(field, String(raw), common)
        : html`<input
            id=${id}
            part="input"
            type=${inputType(field)}
            inputmode=${field.type === 'number' ? 'decimal' : nothing}
            step=${field.type === 'number' ? 'any' : nothing}
            autocomplete="off"
            aria-required=${field.required ? 'true' : 'false'}
            aria-invalid=${common.invalid}
            aria-describedby=${common.describedBy ?? nothing}
            .value=${String(raw)}
            @input=${(e: Event) => this.onInput(field, e)}
            @blur=${() => this.onBlur(field)}
          />`;
    return html`<div class="field" part="field" data-field=${field.id}>
      ${label}${control}
      ${error
        ? html`<p class="error" part="error" id=${errorId}>${this.t(`customerPanel.error.${error}`, { max: maxLengthOf(field) })}</p>`
        : nothing}
    </div>`;
  }

  private renderSelect(field: CustomerField, value: string, common: { id: string; invalid: string; describedBy?: string }): TemplateResult {
    // A value the bot stored that is no longer an option stays visible (and invalid) instead of vanishing.
    const options = value && !field.options.includes(value) ? [...field.options, value] : field.options;
    return html`<select
      id=${common.id}
      part="input"
      aria-required=${field.required ? 'true' : 'false'}
      aria-invalid=${common.invalid}
      aria-describedby=${common.describedBy ?? nothing}
      @change=${(e: Event) => this.onInput(field, e)}
      @blur=${() => this.onBlur(field)}
    >
      <option value="" ?selected=${value === ''}>${this.t('customerPanel.chooseOption')}</option>
      ${options.map((o) => html`<option value=${o} ?selected=${o === value}>${o}</option>`)}
    </select>`;
  }

  private renderConflicts(): TemplateResult {
    return html`<section class="conflict" part="conflict" role="alert" aria-labelledby="conflict-title">
      <h3 id="conflict-title">${this.t('customerPanel.conflict.title')}</h3>
      <p>${this.t('customerPanel.conflict.body')}</p>
      <ul>
        ${this.conflicts.map((c) => {
          const labelId = `conflict-${inputId(c.field.id)}`;
          return html`<li data-field=${c.field.id}>
            <strong id=${labelId}>${this.labelOf(c.field)}</strong>
            <dl>
              <dt>${this.t('customerPanel.conflict.theirs')}</dt>
              <dd part="theirs">${this.formatValue(c.field, c.theirs)}</dd>
              <dt>${this.t('customerPanel.conflict.mine')}</dt>
              <dd part="mine">${this.formatValue(c.field, c.mine)}</dd>
            </dl>
            <div class="actions">
              <button
                type="button"
                data-choice="theirs"
                aria-describedby=${labelId}
                ?disabled=${this.saving}
                @click=${() => this.resolve(c, 'theirs')}
              >
                ${this.t('customerPanel.conflict.useTheirs')}
              </button>
              <button
                type="button"
                class="primary"
                data-choice="mine"
                aria-describedby=${labelId}
                ?disabled=${this.saving}
                @click=${() => this.resolve(c, 'mine')}
              >
                ${this.t('customerPanel.conflict.reapplyMine')}
              </button>
            </div>
          </li>`;
        })}
      </ul>
    </section>`;
  }
}

function inputId(fieldId: string): string {
  return `field-${fieldId.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

function inputType(field: CustomerField): string {
  switch (field.type) {
    case 'number':
      return 'number';
    case 'email':
      return 'email';
    case 'phone':
      return 'tel';
    case 'date':
      return 'date';
    default:
      return 'text';
  }
}

function reasonOf(error: unknown): string {
  if (error && typeof error === 'object' && 'reason' in error && typeof error.reason === 'string' && error.reason) return error.reason;
  return error instanceof Error ? error.message : String(error);
}

declare global {
  interface HTMLElementTagNameMap {
    'ow-customer-panel': OwCustomerPanel;
  }
  interface HTMLElementEventMap {
    'ow-customer-saved': CustomEvent<CustomerSavedDetail>;
    'ow-customer-conflict': CustomEvent<CustomerConflictDetail>;
  }
}
