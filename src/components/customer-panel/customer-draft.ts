// Editing a customer's fields: draft values, their validation — built-in fields with the request schemas, custom
// attributes with the attribute rule the server applies to the same save — and the changes a save sends.
import * as v from 'valibot';
import { MAX_NAME_LENGTH, type AttributeValue, type Customer } from '../../contract/index.js';
import { UpdateCustomerBody } from '../../contract/schemas.js';
import { attributeIssue, type AttributeProblemCode } from '../../client/rules/attributes.js';
import type { CustomerField } from './customer-fields.js';

/** Longest string an attribute value may hold (the server's `attributeValue` schema). */
export const MAX_ATTRIBUTE_LENGTH = 1000;

/** What an input holds while editing: text for every type but `boolean`. */
export type DraftValue = string | boolean;
export type Draft = Readonly<Record<string, DraftValue>>;

export type FieldError = 'required' | 'email' | 'phone' | 'number' | 'date' | 'option' | 'tooLong';

export function toDraftValue(field: CustomerField, value: AttributeValue): DraftValue {
  if (field.type === 'boolean') return value === true;
  return value === null || value === undefined ? '' : String(value);
}

export function toDraft(customer: Customer, fields: readonly CustomerField[]): Record<string, DraftValue> {
  return Object.fromEntries(fields.map((f) => [f.id, toDraftValue(f, f.valueIn(customer))]));
}

/** The value a valid draft entry saves as: empty text is `null`, numbers are numbers. */
export function parseDraftValue(field: CustomerField, raw: DraftValue): AttributeValue {
  if (field.type === 'boolean') return raw === true;
  const text = String(raw).trim();
  if (field.id === 'name') return text;
  if (text === '') return null;
  if (field.type === 'number') return Number(text);
  return text;
}

const coreSchemas = {
  name: UpdateCustomerBody.entries.name,
  phone: UpdateCustomerBody.entries.phone,
  email: UpdateCustomerBody.entries.email,
};

/** Drafts always parse to their field's type, so `type` cannot arise; were it to, the save's 400 reason says why. */
const FIELD_ERROR: Record<AttributeProblemCode, FieldError | null> = {
  required: 'required',
  email: 'email',
  phone: 'phone',
  number: 'number',
  date: 'date',
  option: 'option',
  type: null,
};

/** The first problem with a draft value, or null when it can be saved. `badInput`: the browser could not parse what was typed. */
export function validateField(field: CustomerField, raw: DraftValue, badInput = false): FieldError | null {
  if (field.type === 'boolean') return null;
  const text = String(raw).trim();
  if (badInput) return field.type === 'date' ? 'date' : 'number';
  if (field.attribute === null) {
    if (text === '') return field.required ? 'required' : null;
    const schema = coreSchemas[field.id as keyof typeof coreSchemas];
    if (v.is(schema, text)) return null;
    if (field.id === 'name') return 'tooLong';
    return field.type === 'email' ? 'email' : 'phone';
  }
  const issue = attributeIssue(field, parseDraftValue(field, raw));
  if (issue) return FIELD_ERROR[issue.code];
  if (field.type === 'text' && text.length > MAX_ATTRIBUTE_LENGTH) return 'tooLong';
  return null;
}

export function maxLengthOf(field: CustomerField): number {
  return field.id === 'name' ? MAX_NAME_LENGTH : MAX_ATTRIBUTE_LENGTH;
}

/** Field ids whose draft value differs from what `customer` stores. */
export function changedFields(customer: Customer, fields: readonly CustomerField[], draft: Draft): CustomerField[] {
  return fields.filter((f) => !Object.is(parseDraftValue(f, draft[f.id] ?? toDraftValue(f, null)), normalize(f, f.valueIn(customer))));
}

/** Stored values compare as the draft would save them (a `null` checkbox is `false`). */
function normalize(field: CustomerField, value: AttributeValue): AttributeValue {
  if (field.type === 'boolean') return value === true;
  if (field.id === 'name') return value ?? '';
  return value;
}

export function sameValue(field: CustomerField, a: AttributeValue, b: AttributeValue): boolean {
  return Object.is(normalize(field, a), normalize(field, b));
}

/** The PATCH body (without version) with the changed fields only; the server merges attributes key by key. */
export function buildChanges(changed: readonly CustomerField[], draft: Draft): Omit<UpdateCustomerBody, 'version'> {
  const changes: { name?: string; phone?: string | null; email?: string | null; attributes?: Record<string, AttributeValue> } = {};
  for (const field of changed) {
    const value = parseDraftValue(field, draft[field.id]!);
    if (field.attribute !== null) {
      changes.attributes ??= {};
      changes.attributes[field.attribute] = value;
    } else if (field.id === 'name') {
      changes.name = String(value);
    } else {
      changes[field.id as 'phone' | 'email'] = value === null ? null : String(value);
    }
  }
  return changes;
}
