// The fields of a customer the panel shows: name, phone, e-mail and the typed custom attributes.
// Editing them (drafts, validation, the changes to save) is customer-draft.ts, which loads with the form.
import type { AttributeDefinition, AttributeType, AttributeValue, Customer } from '../../contract/index.js';

export interface CustomerField {
  /** `name`, `phone`, `email`, or `attributes.<key>`. */
  id: string;
  /** Attribute key for custom attributes; null for the built-in fields. */
  attribute: string | null;
  type: AttributeType;
  /** Label from the attribute definition; null for built-in fields (localized by the element). */
  label: string | null;
  options: readonly string[];
  required: boolean;
}

export function customerFields(definitions: readonly AttributeDefinition[]): CustomerField[] {
  return [
    { id: 'name', attribute: null, type: 'text', label: null, options: [], required: true },
    { id: 'phone', attribute: null, type: 'phone', label: null, options: [], required: false },
    { id: 'email', attribute: null, type: 'email', label: null, options: [], required: false },
    ...definitions.map((d) => ({
      id: `attributes.${d.key}`,
      attribute: d.key,
      type: d.type,
      label: d.label,
      options: d.options ?? [],
      required: d.required ?? false,
    })),
  ];
}

/** The stored value of a field. */
export function storedValue(customer: Customer, field: CustomerField): AttributeValue {
  if (field.attribute !== null) return customer.attributes[field.attribute] ?? null;
  return customer[field.id as 'name' | 'phone' | 'email'];
}
