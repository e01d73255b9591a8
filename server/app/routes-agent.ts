// Agent-facing REST routes: session, workspace catalogue, conversations, customers, tags, settings.
import { Hono } from 'hono';
import * as v from 'valibot';
import {
  ConversationQuery,
  CreateTagBody,
  MessagesQuery,
  SendMessageBody,
  SetStatusBody,
  SignInBody,
  TransferBody,
  UpdateCustomerBody,
  UpdateSettingsBody,
  UpdateTagBody,
} from '../../src/contract/index.js';
import * as ws from '../db/workspace.js';
import { signIn, signOut } from '../services/auth.js';
import type { Services } from '../services/context.js';
import * as conversations from '../services/conversations.js';
import { getCustomer, updateCustomer } from '../services/customers.js';
import { listConversations, trayCounts } from '../services/inbox.js';
import { listMessages, sendMessage } from '../services/messages.js';
import * as workspace from '../services/workspace.js';
import { requireAgent } from './auth.js';
import type { AppEnv } from './env.js';
import { pathId, readJson, readQuery } from './http.js';
import type { TokenStreams } from './token-streams.js';

const CountsQuery = v.pick(ConversationQuery, ['status', 'q', 'tag']);

export function agentRoutes(services: Services, tokenStreams: TokenStreams): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/auth/sign-in', async (c) => {
    const body = await readJson(c, SignInBody);
    return c.json(await signIn(services, body.email, body.password));
  });

  app.use('*', requireAgent(services));

  app.post('/auth/sign-out', async (c) => {
    await signOut(services, c.var.token);
    tokenStreams.revoke(c.var.token);
    return c.json({ ok: true });
  });

  app.get('/me', async (c) => c.json(await workspace.bootstrap(services, c.var.agent)));
  app.put('/me/status', async (c) => {
    const { status } = await readJson(c, SetStatusBody);
    return c.json({ agent: await workspace.setStatus(services, c.var.agent, status) });
  });

  app.get('/agents', async (c) => c.json({ agents: await ws.listAgents(services.db) }));
  app.get('/groups', async (c) => c.json({ groups: await ws.listGroups(services.db) }));
  app.get('/templates', async (c) => c.json({ templates: await ws.listTemplates(services.db) }));
  app.get('/quick-replies', async (c) => c.json({ quickReplies: await ws.listQuickReplies(services.db) }));

  app.get('/tags', async (c) => c.json({ tags: await ws.listTags(services.db) }));
  app.post('/tags', async (c) => c.json({ tag: await workspace.createTag(services, c.var.agent, await readJson(c, CreateTagBody)) }, 201));
  app.patch('/tags/:tagId', async (c) =>
    c.json({ tag: await workspace.updateTag(services, c.var.agent, pathId(c, 'tagId'), await readJson(c, UpdateTagBody)) }),
  );

  app.get('/settings', async (c) => c.json({ settings: await ws.readSettings(services.db) }));
  app.patch('/settings', async (c) =>
    c.json({ settings: await workspace.updateSettings(services, c.var.agent, await readJson(c, UpdateSettingsBody)) }),
  );

  app.get('/conversations', async (c) => c.json(await listConversations(services, c.var.agent, readQuery(c, ConversationQuery))));
  app.get('/conversations/counts', async (c) => c.json(await trayCounts(services, c.var.agent, readQuery(c, CountsQuery))));
  app.get('/conversations/:id', async (c) => c.json(await conversations.conversationDetail(services, c.var.agent, pathId(c, 'id'))));
  app.get('/conversations/:id/messages', async (c) =>
    c.json(await listMessages(services, c.var.agent, pathId(c, 'id'), readQuery(c, MessagesQuery))),
  );
  app.post('/conversations/:id/messages', async (c) => {
    const id = pathId(c, 'id');
    const result = await sendMessage(services, c.var.agent, id, await readJson(c, SendMessageBody));
    return c.json(result, result.duplicate ? 200 : 201);
  });
  app.post('/conversations/:id/assign', async (c) =>
    c.json({ conversation: await conversations.assignToMe(services, c.var.agent, pathId(c, 'id')) }),
  );
  app.post('/conversations/:id/transfer', async (c) => {
    const id = pathId(c, 'id');
    return c.json({ conversation: await conversations.transfer(services, c.var.agent, id, await readJson(c, TransferBody)) });
  });
  app.post('/conversations/:id/close', async (c) => c.json({ conversation: await conversations.close(services, c.var.agent, pathId(c, 'id')) }));
  app.post('/conversations/:id/read', async (c) =>
    c.json({ readState: await conversations.markRead(services, c.var.agent, pathId(c, 'id'), false) }),
  );
  app.post('/conversations/:id/unread', async (c) =>
    c.json({ readState: await conversations.markRead(services, c.var.agent, pathId(c, 'id'), true) }),
  );
  app.put('/conversations/:id/tags/:tagId', async (c) =>
    c.json({ conversation: await conversations.setTag(services, c.var.agent, pathId(c, 'id'), pathId(c, 'tagId'), true) }),
  );
  app.delete('/conversations/:id/tags/:tagId', async (c) =>
    c.json({ conversation: await conversations.setTag(services, c.var.agent, pathId(c, 'id'), pathId(c, 'tagId'), false) }),
  );

  app.get('/customers/:id', async (c) => c.json({ customer: await getCustomer(services, c.var.agent, pathId(c, 'id')) }));
  app.patch('/customers/:id', async (c) => {
    const id = pathId(c, 'id');
    return c.json({ customer: await updateCustomer(services, c.var.agent, id, await readJson(c, UpdateCustomerBody)) });
  });

  return app;
}
