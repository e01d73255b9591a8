// Customer read and edit with a version check and attribute validation against the definitions.
import * as v from 'valibot';
import type { AttributeDefinition, AttributeValue, Customer, UpdateCustomerBody } from '../../src/contract/index.js';
import { canSee } from '../../src/client/rules/visibility.js';
import type { Queryable } from '../db/adapter.js';
import { customerConversations } from '../db/conversations.js';
import { customerRow } from '../db/customers.js';
import { toConversation, toCustomer } from '../db/rows.js';
import { updateById } from '../db/sql.js';
import { listAttributeDefinitions } from '../db/workspace.js';
import type { Viewer } from './access.js';
import { nowIso, type Services } from './context.js';
import { badRequest, notFound, ServiceError } from './errors.js';
import { write, type TxEvents } from './events.js';

const Email = v.pipe(v.string(), v.email());
const Phone = v.pipe(v.string(), v.regex(/^\+?[0-9 ()-]{5,24}$/));

function validDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** Why `value` does not fit `definition`, or null when it does. */
export function attributeProblem(definition: AttributeDefinition, value: AttributeValue): string | null {
  if (value === null) return definition.required ? 'is required' : null;
  switch (definition.type) {
    case 'text':
      return typeof value === 'string' ? null : 'must be text';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'email':
      return typeof value === 'string' && v.is(Email, value) ? null : 'must be an e-mail address';
    case 'phone':
      return typeof value === 'string' && v.is(Phone, value) ? null : 'must be a phone number';
    case 'date':
      return typeof value === 'string' && validDate(value) ? null : 'must be a date YYYY-MM-DD';
    case 'select':
      return typeof value === 'string' && (definition.options ?? []).includes(value) ? null : `must be one of: ${(definition.options ?? []).join(', ')}`;
  }
}

/** Customers are visible to agents who can see at least one of their conversations. */
async function visibleCustomer(q: Queryable, viewer: Viewer, id: string, lock = false): Promise<Customer> {
  const row = await customerRow(q, id, lock);
  if (!row) throw notFound('customer');
  if (!(await canSeeCustomer(q, viewer, id))) throw notFound('customer');
  return toCustomer(row);
}

export async function getCustomer(services: Services, viewer: Viewer, id: string): Promise<Customer> {
  return visibleCustomer(services.db, viewer, id);
}

export async function emitCustomer(q: Queryable, events: TxEvents, customer: Customer): Promise<void> {
  const conversations = (await customerConversations(q, customer.id)).map(toConversation);
  events.customer({ type: 'customer.updated', customer }, conversations);
}

/** True when the agent can see at least one conversation of the customer (admins: always). */
export async function canSeeCustomer(q: Queryable, viewer: Pick<Viewer, 'id' | 'role' | 'groupIds'>, customerId: string): Promise<boolean> {
  if (viewer.role === 'admin') return true;
  const conversations = (await customerConversations(q, customerId)).map(toConversation);
  return conversations.some((c) => canSee(viewer, c));
}

export async function updateCustomer(services: Services, viewer: Viewer, id: string, body: UpdateCustomerBody): Promise<Customer> {
  return write(services, async (q, events) => {
    const current = await visibleCustomer(q, viewer, id, true);
    if (body.version !== current.version) {
      throw new ServiceError('conflict', `the customer changed (version ${current.version}, yours ${body.version})`, current);
    }
    const changes: Record<string, unknown> = { updated_at: nowIso(services) };
    if (body.name !== undefined) changes.name = body.name;
    if (body.phone !== undefined) changes.phone = body.phone;
    if (body.email !== undefined) changes.email = body.email;
    if (body.attributes) {
      const definitions = new Map((await listAttributeDefinitions(q)).map((d) => [d.key, d]));
      const attributes = { ...current.attributes };
      for (const [key, value] of Object.entries(body.attributes)) {
        const definition = definitions.get(key);
        if (!definition) throw badRequest(`attributes.${key}: unknown attribute`);
        const problem = attributeProblem(definition, value);
        if (problem) throw badRequest(`attributes.${key}: ${problem}`);
        if (value === null) delete attributes[key];
        else attributes[key] = value;
      }
      changes.attributes = attributes;
    }
    const customer = toCustomer((await updateById(q, 'customers', id, changes))!);
    await emitCustomer(q, events, customer);
    return customer;
  });
}
