import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AttributeValue, Customer } from '../../contract/index.js';
import { OwElement } from '../shared/ow-element.js';
import { describeError, formatDateTime } from '../shared/i18n.js';
import { LazyPart } from '../shared/lazy-part.js';
import { customerFields, type CustomerField } from './customer-fields.js';
import type { CustomerForm, FormHost } from './customer-form.js';
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

/**
 * The customer of a conversation: name, phone, e-mail and the attributes the bot collected, editable with typed,
 * validated inputs. Saves carry the version they were based on; another agent's save shows up live, and when two
 * agents saved at once the loser sees both values per field and chooses — nothing is overwritten silently.
 *
 * @fires {CustomEvent<CustomerSavedDetail>} ow-customer-saved - The customer was saved. Detail: `{ customerId, customer }`.
 * @fires {CustomEvent<CustomerConflictDetail>} ow-customer-conflict - Another agent saved first; the panel now asks which values to keep. Detail: `{ customerId, fields, current }`.
 *
 * @attr conversation-id - Show the customer of this conversation.
 * @attr customer-id - Show this customer (wins over `conversation-id`).
 * @attr theme - `light` or `dark`; unset follows `prefers-color-scheme`.
 *
 * @csspart panel - The whole panel.
 * @csspart header - Title row with the customer's name and the edit button.
 * @csspart edit-button - The "Editar" button.
 * @csspart details - The read-only list of fields.
 * @csspart attributes - The list of custom attributes (also a `details` part).
 * @csspart form - The edit form.
 * @csspart field - One field (label, input, error).
 * @csspart label - A field's label.
 * @csspart input - A field's input or select.
 * @csspart error - A field's validation message.
 * @csspart actions - Save and cancel buttons.
 * @csspart notice - Shown while editing when another agent (named) or the bot saved this customer.
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
  @property({ attribute: 'conversation-id', reflect: true }) conversationId = '';
  /** Show this customer (wins over `conversationId`). */
  @property({ attribute: 'customer-id', reflect: true }) customerId = '';

  /** The open edit form; its module (form, validation, save, conflict choice) loads with the first "Editar". */
  @state() private form: CustomerForm | null = null;
  /** Why the conversation of the customer could not be loaded. */
  @state() private loadError: string | null = null;
  /** Why the form could not be opened (its module did not load). */
  @state() private formError: string | null = null;
  @state() private announcement = '';

  private readonly formPart = new LazyPart(this, () => import('./customer-form.js'));

  private readonly customerSlice = this.select((s) => {
    const id = this.resolveCustomerId(s.conversations);
    return id ? (s.customers[id] ?? null) : null;
  }, null as Customer | null);
  private readonly definitions = this.select((s) => s.attributeDefinitions, []);
  private readonly readySlice = this.select((s) => s.ready, false);

  private lastVersion = 0;
  private requestedLoad: string | null = null;

  /** True while the form is open. */
  protected get editing(): boolean {
    return this.form !== null;
  }

  private resolveCustomerId(conversations: Readonly<Record<string, { customerId: string }>>): string | null {
    if (this.customerId) return this.customerId;
    if (this.conversationId) return conversations[this.conversationId]?.customerId ?? null;
    return null;
  }

  private get shownFields(): CustomerField[] {
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

  /** A conversation that is not in the store yet (e.g. the panel stands alone) is loaded once, and again after a drop. */
  private loadIfMissing(): void {
    const store = this.activeStore;
    if (!store || this.customerId || !this.conversationId || !this.readySlice.value) return;
    if (store.getState().conversations[this.conversationId] || this.requestedLoad === this.conversationId) return;
    this.requestedLoad = this.conversationId;
    store.openConversation(this.conversationId).catch((error: unknown) => {
      this.loadError = describeError(this.lang_, error);
    });
  }

  protected override reconnected(): void {
    if (!this.loadError) return;
    this.loadError = null;
    this.requestedLoad = null;
  }

  private noticeLiveChange(): void {
    const customer = this.customerSlice.value;
    if (!customer) return;
    if (this.lastVersion && customer.version > this.lastVersion && !this.form) {
      const name = this.savedBy(customer);
      this.announcement = name ? this.t('customerPanel.updatedLiveBy', { name }) : this.t('customerPanel.updatedLive');
    }
    this.lastVersion = customer.version;
  }

  /**
   * The name of the agent who saved `customer`'s current version; null for the bot, an agent the store
   * does not know, or the signed-in agent (a save from another tab or window is not someone else's).
   */
  private savedBy(customer: Customer): string | null {
    const state = this.activeStore?.getState();
    if (!customer.updatedBy || customer.updatedBy === state?.me?.id) return null;
    return state?.agents[customer.updatedBy]?.name ?? null;
  }

  // ---- editing ----

  /** Opens the form with the stored values (once its module is in) and moves the focus into it. */
  async edit(): Promise<void> {
    const id = this.customerSlice.value?.id;
    if (!id || this.form) return;
    let module;
    try {
      module = await this.formPart.get();
    } catch (error) {
      this.formError = this.t('customerPanel.formUnavailable', { reason: describeError(this.lang_, error) });
      return;
    }
    // Another customer shown meanwhile is not the one the agent chose to edit; a newer version of this one is.
    const customer = this.customerSlice.value;
    if (customer?.id !== id || this.form) return;
    this.formError = null;
    this.form = new module.CustomerForm(this.formHost, customer);
    this.focusAfterUpdate('input');
  }

  /** Closes the form without saving. */
  cancel(): void {
    this.closeForm();
    this.focusAfterUpdate('edit-button');
  }

  private closeForm(): void {
    this.form?.close();
    this.form = null;
  }

  /** Once the update is rendered, focuses the first element with `part` (the form's first input, "Editar"). */
  private focusAfterUpdate(part: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[part~="${part}"]`)?.focus());
  }

  /** Starts loading the form while the pointer or the focus is on "Editar". */
  private preloadForm(): void {
    void this.formPart.value;
  }

  /** What the form uses of the element. */
  private readonly formHost: FormHost = {
    element: this,
    store: () => this.activeStore,
    fields: () => this.shownFields,
    t: (key, params) => this.t(key, params),
    labelOf: (field) => this.fieldLabel(field),
    savedBy: (customer) => this.savedBy(customer),
    reason: (error) => describeError(this.lang_, error),
    formatValue: (field, value) => this.displayValue(field, value),
    announce: (text) => {
      this.announcement = text;
    },
    adopted: (current, fields) => {
      this.lastVersion = current.version;
      if (fields.length) this.emit('ow-customer-conflict', { customerId: current.id, fields, current });
    },
    saved: (customer) => {
      // The form closes as on "Cancelar", the focus back on "Editar".
      this.cancel();
      this.announcement = this.t('customerPanel.saved');
      if (customer) {
        this.lastVersion = customer.version;
        this.emit('ow-customer-saved', { customerId: customer.id, customer });
      }
    },
    cancel: () => this.cancel(),
  };

  // ---- rendering ----

  private fieldLabel(field: CustomerField): string {
    return field.label ?? this.t(`customerPanel.${field.id}`);
  }

  private displayValue(field: CustomerField, value: AttributeValue): TemplateResult | string {
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
    const chosen = Boolean(this.customerId || this.conversationId);
    const customer = this.customerSlice.value;
    if (!customer) {
      if (chosen && this.loadError) return renderAlert(this.loadError);
      // A customer id the store does not hold (yet): it shows up as soon as the store learns it.
      const status = !chosen ? 'empty' : this.customerId && this.readySlice.value ? 'notFound' : 'loading';
      // Nothing chosen is not news; loading and not finding are.
      const part = status === 'loading' ? 'loading' : 'empty';
      return html`<p class="status" part=${part} role=${chosen ? 'status' : nothing}>${this.t(`customerPanel.${status}`)}</p>`;
    }
    return html`<section part="panel" aria-labelledby="title">
      <div class="header" part="header">
        <h2 id="title">${customer.name}</h2>
        ${this.form
          ? nothing
          : html`<button
              type="button"
              part="edit-button"
              aria-label=${this.t('customerPanel.editLabel', { name: customer.name })}
              @click=${this.edit}
              @pointerenter=${this.preloadForm}
              @focus=${this.preloadForm}
            >
              ${this.t('customerPanel.edit')}
            </button>`}
      </div>
      ${this.form ? this.form.render(customer) : this.renderDetails(customer)}
    </section>`;
  }

  private renderDetails(customer: Customer): TemplateResult {
    const fields = this.shownFields;
    const core = fields.filter((f) => f.attribute === null);
    const attributes = fields.filter((f) => f.attribute !== null);
    const row = (f: CustomerField) => {
      const value = this.displayValue(f, f.valueIn(customer));
      // A phone or e-mail too long for the column ends in "…": the whole of it shows on hover.
      const whole = (f.type === 'email' || f.type === 'phone') && typeof value === 'string' ? value : nothing;
      return html`<dt part="label">${this.fieldLabel(f)}</dt>
        <dd part="value" data-field=${f.id} title=${whole}>${value}</dd>`;
    };
    return html`${this.formError ? renderAlert(this.formError) : nothing}
      <dl part="details">${core.map(row)}</dl>
      ${attributes.length
        ? html`<h3 class="section-title">${this.t('customerPanel.attributes')}</h3>
            <dl part="details attributes">${attributes.map(row)}</dl>`
        : nothing}`;
  }
}

function renderAlert(text: string): TemplateResult {
  return html`<p class="alert" part="error" role="alert">${text}</p>`;
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
