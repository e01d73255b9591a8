// Whether a custom attribute value fits its definition. The server refuses a save with the reason; the customer
// panel shows its own localized message for the code, so both sides accept and refuse exactly the same values.
import * as v from 'valibot';
import { MAX_EMAIL_LENGTH, PHONE_PATTERN, type AttributeType, type AttributeValue } from '../../contract/index.js';

export type AttributeProblemCode = 'required' | 'type' | 'number' | 'email' | 'phone' | 'date' | 'option';

export interface AttributeIssue {
  code: AttributeProblemCode;
  /** English reason, as the API reports it after `attributes.<key>: `. */
  reason: string;
}

/** What the rule reads of a definition: an `AttributeDefinition`, or an editor's field built from one. */
export interface AttributeRule {
  type: AttributeType;
  options?: readonly string[];
  required?: boolean;
}

const Email = v.pipe(v.string(), v.maxLength(MAX_EMAIL_LENGTH), v.email());
const Phone = v.pipe(v.string(), v.regex(PHONE_PATTERN));
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` naming a day that exists (no 30 February). */
export function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

function problem(code: AttributeProblemCode, reason: string): AttributeIssue {
  return { code, reason };
}

/** Why `value` does not fit `definition`, or null when it does. `null` clears the attribute unless it is required. */
export function attributeIssue(definition: AttributeRule, value: AttributeValue): AttributeIssue | null {
  if (value === null) return definition.required ? problem('required', 'is required') : null;
  switch (definition.type) {
    case 'text':
      return typeof value === 'string' ? null : problem('type', 'must be text');
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : problem('number', 'must be a number');
    case 'boolean':
      return typeof value === 'boolean' ? null : problem('type', 'must be true or false');
    case 'email':
      return typeof value === 'string' && v.is(Email, value) ? null : problem('email', 'must be an e-mail address');
    case 'phone':
      return typeof value === 'string' && v.is(Phone, value) ? null : problem('phone', 'must be a phone number');
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? null : problem('date', 'must be a date YYYY-MM-DD');
    case 'select': {
      const options = definition.options ?? [];
      return typeof value === 'string' && options.includes(value) ? null : problem('option', `must be one of: ${options.join(', ')}`);
    }
  }
}

/** The reason alone: `attributeIssue(definition, value)?.reason ?? null`. */
export function attributeProblem(definition: AttributeRule, value: AttributeValue): string | null {
  return attributeIssue(definition, value)?.reason ?? null;
}
