// Test-only routes (enabled with `testRoutes`): fresh fixture, clock control, and direct conversation setup.
import { Hono } from 'hono';
import * as v from 'valibot';
import { CHANNELS } from '../../src/contract/index.js';
import { TestClock } from '../clock.js';
import type { Services } from '../services/context.js';
import { detailOf } from '../services/conversations.js';
import { badRequest, notFound } from '../services/errors.js';
import { write } from '../services/events.js';
import { createConversation, findOrCreateCustomer } from '../services/inbound.js';
import { appendMessage } from '../services/timeline.js';
import { isUniqueViolation } from '../db/adapter.js';
import { agentRow } from '../db/workspace.js';
import type { AppEnv } from './env.js';
import { readJson } from './http.js';

const ClockBody = v.strictObject({ advanceMs: v.pipe(v.number(), v.integer(), v.minValue(0)) });

const TestConversationBody = v.strictObject({
  channel: v.picklist(CHANNELS),
  customer: v.strictObject({
    name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
    phone: v.pipe(v.string(), v.minLength(3), v.maxLength(64)),
    email: v.optional(v.pipe(v.string(), v.email())),
  }),
  stage: v.picklist(['bot', 'queued', 'assigned']),
  groupId: v.optional(v.string()),
  assigneeId: v.optional(v.string()),
  outbound: v.optional(v.boolean()),
  messages: v.optional(
    v.array(v.strictObject({ author: v.picklist(['customer', 'agent', 'bot']), text: v.pipe(v.string(), v.minLength(1), v.maxLength(4096)) })),
  ),
});

export function testRoutes(services: Services, hooks: { reset(): Promise<void>; tick(): Promise<void> }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/reset', async (c) => {
    await hooks.reset();
    return c.json({ ok: true });
  });

  app.post('/tick', async (c) => {
    await hooks.tick();
    return c.json({ ok: true, now: new Date(services.clock.now()).toISOString() });
  });

  app.post('/clock', async (c) => {
    const { advanceMs } = await readJson(c, ClockBody);
    if (!(services.clock instanceof TestClock)) throw badRequest('the server runs on the system clock');
    services.clock.advance(advanceMs);
    await hooks.tick();
    return c.json({ ok: true, now: new Date(services.clock.now()).toISOString() });
  });

  app.post('/conversations', async (c) => {
    const body = await readJson(c, TestConversationBody);
    if (body.stage === 'assigned' && !body.assigneeId) throw badRequest('assigneeId: required when stage is assigned');
    const create = () => write(services, async (q, events) => {
      if (body.assigneeId && !(await agentRow(q, body.assigneeId))) throw notFound('agent');
      if (body.groupId && !(await q.query('SELECT 1 FROM groups WHERE id = $1', [body.groupId])).length) throw notFound('group');
      const customer = await findOrCreateCustomer(services, q, body.channel, body.customer.phone, {
        name: body.customer.name,
        phone: body.customer.phone,
        email: body.customer.email,
      });
      let conversation = await createConversation(services, q, {
        customerId: customer.id,
        channel: body.channel,
        stage: body.stage,
        groupId: body.groupId ?? null,
        assigneeId: body.stage === 'assigned' ? body.assigneeId : null,
        outbound: body.outbound,
      });
      events.conversation(conversation);
      for (const m of body.messages ?? []) {
        const agentId = m.author === 'agent' ? (body.assigneeId ?? 'agt_admin') : null;
        conversation = (await appendMessage(services, q, events, conversation, { author: m.author, agentId, kind: 'text', text: m.text })).conversation;
      }
      return detailOf(q, body.assigneeId ?? 'agt_admin', conversation);
    });
    // Parallel setups for one new phone race to create its customer; the retry finds it.
    const detail = await create().catch((error: unknown) => {
      if (isUniqueViolation(error)) return create();
      throw error;
    });
    return c.json(detail, 201);
  });

  return app;
}
