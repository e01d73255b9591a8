// The fields of a customer the panel shows: name, phone, e-mail and the typed custom attributes.
// Editing them (drafts, validation, the changes to save) is customer-draft.ts, which loads with the form;
// it uses these fields' types and `valueIn` only, so this module stays in the panel's own chunk.
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
  /** The field's stored value in `customer`. */
  valueIn(customer: Customer): AttributeValue;
}

type BuiltIn = 'name' | 'phone' | 'email';

const builtIn = (id: BuiltIn, type: AttributeType, required: boolean): CustomerField => ({
  id,
  attribute: null,
  type,
  label: null,
  options: [],
  required,
  valueIn: (customer) => customer[id],
});

export function customerFields(definitions: readonly AttributeDefinition[]): CustomerField[] {
  return [
    builtIn('name', 'text', true),
    builtIn('phone', 'phone', false),
    builtIn('email', 'email', false),
    ...definitions.map((d) => ({
      id: `attributes.${d.key}`,
      attribute: d.key,
      type: d.type,
      label: d.label,
      options: d.options ?? [],
      required: d.required ?? false,
      valueIn: (customer: Customer) => customer.attributes[d.key] ?? null,
    })),
  ];
}
