// The edit form of <ow-customer-panel> and its conflict choice: its own chunk, loaded on the first "Editar".
// Saves carry the version they were based on; when another agent saved first the draft moves onto their version and
// the agent chooses only where both changed the same field to different values.
import { adoptStyles, html, nothing, type LitElement, type TemplateResult } from 'lit';
import type { AttributeValue, Customer } from '../../contract/index.js';
import type { OwStoreApi } from '../../client/store-types.js';
import type { CustomerField } from './customer-fields.js';
import {
  buildChanges,
  changedFields,
  maxLengthOf,
  parseDraftValue,
  sameValue,
  toDraft,
  toDraftValue,
  validateField,
  type DraftValue,
  type FieldError,
} from './customer-draft.js';
import { formStyles } from './customer-form.styles.js';
import './customer-form.strings.js';

/** What the form uses of its element. */
export interface FormHost {
  readonly element: LitElement;
  store(): OwStoreApi | undefined;
  fields(): CustomerField[];
  t(key: string, params?: Record<string, string | number>): string;
  labelOf(field: CustomerField): string;
  formatValue(field: CustomerField, value: AttributeValue): TemplateResult | string;
  /** The name of the agent who saved `customer` (its `updatedBy`), null for the bot or an unknown agent. */
  savedBy(customer: Customer): string | null;
  /** Why `error` happened, in the element's language. */
  reason(error: unknown): string;
  /** Says `text` in the element's live region. */
  announce(text: string): void;
  /** The form adopted another agent's save: its version is no longer news. */
  adopted(current: Customer, conflictingFields: string[]): void;
  /** Saved (`null`: nothing had changed): the element closes the form and says so. */
  saved(customer: Customer | null): void;
  /** Closes the form without saving and gives the focus back to the edit button. */
  cancel(): void;
}

interface Conflict {
  field: CustomerField;
  theirs: AttributeValue;
  mine: AttributeValue;
}

const styled = new WeakSet<LitElement>();

/** A save that keeps meeting new versions stops asking the server after this many rounds. */
const MAX_SAVE_ROUNDS = 5;

/** The open form: the draft, its validation and the save; the element drops it when the form closes. */
export class CustomerForm {
  private base: Customer;
  private draft: Record<string, DraftValue>;
  private badInput = new Set<string>();
  private touched = new Set<string>();
  private submitted = false;
  private saving = false;
  private saveError: string | null = null;
  private conflicts: Conflict[] = [];
  /** False once the element dropped the form (closed, or another customer shown): a late answer changes nothing. */
  private open = true;

  constructor(
    private readonly host: FormHost,
    customer: Customer,
  ) {
    this.base = customer;
    this.draft = toDraft(customer, host.fields());
    const { element } = host;
    // The form's look arrives with it, after the panel's own styles (once per element).
    if (!styled.has(element)) {
      styled.add(element);
      adoptStyles(element.renderRoot as ShadowRoot, [...(element.constructor as typeof LitElement).elementStyles, formStyles]);
    }
  }

  close(): void {
    this.open = false;
  }

  private changed(): void {
    this.host.element.requestUpdate();
  }

  private focus(selector: string): void {
    this.host.element.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private errorOf(field: CustomerField): FieldError | null {
    return validateField(field, this.draft[field.id] ?? toDraftValue(field, null), this.badInput.has(field.id));
  }

  private onInput(field: CustomerField, event: Event): void {
    const input = event.target as HTMLInputElement | HTMLSelectElement;
    const value = input instanceof HTMLInputElement && input.type === 'checkbox' ? input.checked : input.value;
    this.draft = { ...this.draft, [field.id]: value };
    const bad = input instanceof HTMLInputElement && input.validity.badInput;
    if (bad) this.badInput.add(field.id);
    else this.badInput.delete(field.id);
    this.changed();
  }

  /** Escape leaves the form without saving (a native select uses it first to close its list). */
  private onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || event.defaultPrevented || this.saving || event.target instanceof HTMLSelectElement) return;
    event.preventDefault();
    this.host.cancel();
  }

  private onBlur(field: CustomerField): void {
    // Saving disables the fields and closing removes them: either blurs the focused input mid-render.
    if (!this.open || this.saving || this.touched.has(field.id)) return;
    this.touched.add(field.id);
    this.changed();
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.saving || this.conflicts.length) return;
    this.submitted = true;
    this.changed();
    const invalid = this.host.fields().find((f) => this.errorOf(f) !== null);
    if (invalid) {
      this.host.announce(this.host.t('customerPanel.invalidForm'));
      await this.host.element.updateComplete;
      this.focus(`#${inputId(invalid.id)}`);
      return;
    }
    await this.persist();
  }

  /** Saves the draft on the base version; on a conflict keeps the agent's changes and asks only where both differ. */
  private async persist(): Promise<void> {
    const store = this.host.store();
    if (!store) return;
    this.saving = true;
    this.saveError = null;
    this.changed();
    try {
      for (let round = 0; round < MAX_SAVE_ROUNDS; round++) {
        const base = this.base;
        const changed = changedFields(base, this.host.fields(), this.draft);
        if (!changed.length) {
          this.host.saved(null);
          return;
        }
        const result = await store.saveCustomer(base.id, buildChanges(changed, this.draft), base.version);
        if (!this.open || this.base !== base) return;
        if (result.ok) {
          this.host.saved(result.customer);
          return;
        }
        if (this.rebase(result.current, changed)) return;
      }
    } catch (error) {
      this.saveError = this.host.t('customerPanel.saveFailed', { reason: this.host.reason(error) });
      this.changed();
      // The disabled fields lost the focus while saving; give it back where the agent can try again.
      void this.host.element.updateComplete.then(() => this.focus('button[type="submit"]'));
    } finally {
      this.saving = false;
      this.changed();
    }
  }

  /** Moves the draft onto `current`. Returns true when the agent must choose for some fields. */
  private rebase(current: Customer, changed: CustomerField[]): boolean {
    const base = this.base;
    const mine = new Map(changed.map((f) => [f.id, parseDraftValue(f, this.draft[f.id]!)]));
    const conflicts = changed
      .filter((f) => !sameValue(f, f.valueIn(current), f.valueIn(base)) && !sameValue(f, f.valueIn(current), mine.get(f.id)!))
      .map((f) => ({ field: f, theirs: f.valueIn(current), mine: mine.get(f.id)! }));
    const kept = Object.fromEntries(changed.map((f) => [f.id, this.draft[f.id]!]));
    this.draft = { ...toDraft(current, this.host.fields()), ...kept };
    this.base = current;
    this.conflicts = conflicts;
    this.changed();
    this.host.adopted(
      current,
      conflicts.map((c) => c.field.id),
    );
    if (!conflicts.length) return false;
    void this.host.element.updateComplete.then(() => this.focus('[part~="conflict"] button'));
    return true;
  }

  private async resolve(conflict: Conflict, choice: 'theirs' | 'mine'): Promise<void> {
    if (choice === 'theirs') this.draft = { ...this.draft, [conflict.field.id]: toDraftValue(conflict.field, conflict.theirs) };
    this.conflicts = this.conflicts.filter((c) => c !== conflict);
    this.changed();
    if (this.conflicts.length) {
      await this.host.element.updateComplete;
      this.focus('[part~="conflict"] button');
      return;
    }
    await this.persist();
    if (this.open) {
      await this.host.element.updateComplete;
      this.focus(`#${inputId(conflict.field.id)}`);
    }
  }

  // ---- rendering ----

  render(customer: Customer): TemplateResult {
    const { t } = this.host;
    const fields = this.host.fields();
    const remoteUpdate = customer.version > this.base.version && !this.conflicts.length;
    const fieldset = (attributes: boolean) => fields.filter((f) => (f.attribute !== null) === attributes).map((f) => this.renderField(f));
    return html`
      ${remoteUpdate ? html`<p class="notice" part="notice" role="status">${this.byWhom('customerPanel.remoteUpdate', this.host.savedBy(customer))}</p>` : nothing}
      ${this.conflicts.length ? this.renderConflicts() : nothing}
      ${this.saveError ? html`<p class="alert" part="save-error" role="alert">${this.saveError}</p>` : nothing}
      <form
        part="form"
        novalidate
        aria-busy=${this.saving ? 'true' : 'false'}
        aria-labelledby="title"
        @submit=${(e: SubmitEvent) => this.onSubmit(e)}
        @keydown=${(e: KeyboardEvent) => this.onKeydown(e)}
      >
        <fieldset ?disabled=${this.saving}>${fieldset(false)}</fieldset>
        ${fields.some((f) => f.attribute !== null)
          ? html`<fieldset ?disabled=${this.saving}>
              <legend>${t('customerPanel.attributes')}</legend>
              ${fieldset(true)}
            </fieldset>`
          : nothing}
        <div class="actions" part="actions">
          <button type="button" @click=${() => this.host.cancel()} ?disabled=${this.saving}>${t('customerPanel.cancel')}</button>
          <button type="submit" class="primary" ?disabled=${this.saving || this.conflicts.length > 0}>
            ${this.saving ? t('customerPanel.saving') : t('customerPanel.save')}
          </button>
        </div>
      </form>
    `;
  }

  private renderField(field: CustomerField): TemplateResult {
    const { t } = this.host;
    const id = inputId(field.id);
    const raw = this.draft[field.id] ?? toDraftValue(field, null);
    const error = this.submitted || this.touched.has(field.id) ? this.errorOf(field) : null;
    const errorId = `${id}-error`;
    const label = html`<label part="label" for=${id}>
      ${this.host.labelOf(field)}${field.required ? [' ', html`<span class="required">${t('customerPanel.required')}</span>`] : nothing}
    </label>`;
    const onInput = (e: Event) => this.onInput(field, e);
    if (field.type === 'boolean') {
      return html`<div class="field checkbox" part="field" data-field=${field.id}>
        <input id=${id} part="input" type="checkbox" .checked=${raw === true} @change=${onInput} />${label}
      </div>`;
    }
    const required = field.required ? 'true' : 'false';
    const invalid = error ? 'true' : 'false';
    const describedBy = error ? errorId : nothing;
    const onBlur = () => this.onBlur(field);
    const control =
      field.type === 'select'
        ? this.renderSelect(field, String(raw), id, invalid, describedBy, onInput, onBlur)
        : html`<input
            id=${id}
            part="input"
            type=${inputType(field)}
            inputmode=${field.type === 'number' ? 'decimal' : nothing}
            step=${field.type === 'number' ? 'any' : nothing}
            autocomplete="off"
            aria-required=${required}
            aria-invalid=${invalid}
            aria-describedby=${describedBy}
            .value=${String(raw)}
            @input=${onInput}
            @blur=${onBlur}
          />`;
    return html`<div class="field" part="field" data-field=${field.id}>
      ${label}${control}
      ${error ? html`<p class="error" part="error" id=${errorId}>${t(`customerPanel.error.${error}`, { max: maxLengthOf(field) })}</p>` : nothing}
    </div>`;
  }

  private renderSelect(
    field: CustomerField,
    value: string,
    id: string,
    invalid: string,
    describedBy: string | typeof nothing,
    onChange: (e: Event) => void,
    onBlur: () => void,
  ): TemplateResult {
    // A value the bot stored that is no longer an option stays visible (and invalid) instead of vanishing.
    const options = value && !field.options.includes(value) ? [...field.options, value] : field.options;
    return html`<select
      id=${id}
      part="input"
      aria-required=${field.required ? 'true' : 'false'}
      aria-invalid=${invalid}
      aria-describedby=${describedBy}
      @change=${onChange}
      @blur=${onBlur}
    >
      <option value="" ?selected=${value === ''}>${this.host.t('customerPanel.chooseOption')}</option>
      ${options.map((o) => html`<option value=${o} ?selected=${o === value}>${o}</option>`)}
    </select>`;
  }

  /** The string `key`, or its `…By` form naming `name`, the agent who saved (null: the bot or an unknown agent). */
  private byWhom(key: string, name: string | null): string {
    return name ? this.host.t(`${key}By`, { name }) : this.host.t(key);
  }

  private renderConflicts(): TemplateResult {
    const { t, labelOf, formatValue } = this.host;
    // The version the conflicting values came from: its saver is named on the title, their values and their button.
    const name = this.host.savedBy(this.base);
    return html`<section class="conflict" part="conflict" role="alert" aria-labelledby="conflict-title">
      <h3 id="conflict-title">${this.byWhom('customerPanel.conflict.title', name)}</h3>
      <p>${t('customerPanel.conflict.body')}</p>
      <ul>
        ${this.conflicts.map((c) => {
          const labelId = `conflict-${inputId(c.field.id)}`;
          return html`<li data-field=${c.field.id}>
            <strong id=${labelId}>${labelOf(c.field)}</strong>
            <dl>
              <dt>${this.byWhom('customerPanel.conflict.theirs', name)}</dt>
              <dd part="theirs">${formatValue(c.field, c.theirs)}</dd>
              <dt>${t('customerPanel.conflict.mine')}</dt>
              <dd part="mine">${formatValue(c.field, c.mine)}</dd>
            </dl>
            <div class="actions">
              <button type="button" data-choice="theirs" aria-describedby=${labelId} ?disabled=${this.saving} @click=${() => this.resolve(c, 'theirs')}>
                ${this.byWhom('customerPanel.conflict.useTheirs', name)}
              </button>
              <button
                type="button"
                class="primary"
                data-choice="mine"
                aria-describedby=${labelId}
                ?disabled=${this.saving}
                @click=${() => this.resolve(c, 'mine')}
              >
                ${t('customerPanel.conflict.reapplyMine')}
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

const INPUT_TYPES: Partial<Record<CustomerField['type'], string>> = { number: 'number', email: 'email', phone: 'tel', date: 'date' };

function inputType(field: CustomerField): string {
  return INPUT_TYPES[field.type] ?? 'text';
}
