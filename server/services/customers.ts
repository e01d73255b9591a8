// Customer read and edit with a version check and attribute validation against the definitions.
import type { Customer, UpdateCustomerBody } from '../../src/contract/index.js';
import { attributeProblem } from '../../src/client/rules/attributes.js';
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
    const changes: Record<string, unknown> = { updated_at: nowIso(services), updated_by: viewer.id };
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
