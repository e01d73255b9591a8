// The simulated customer channel (phone simulator, CLI, tests): no agent authentication.
import { Hono } from 'hono';
import * as v from 'valibot';
import { CHANNELS, InboundMessageBody } from '../../src/contract/index.js';
import type { Services } from '../services/context.js';
import { receiveInbound } from '../services/inbound.js';
import { customerRead, customerView } from '../services/sim.js';
import type { AppEnv } from './env.js';
import { readJson, readQuery } from './http.js';

const ChannelAndFrom = v.strictObject({
  channel: v.picklist(CHANNELS),
  from: v.pipe(v.string(), v.trim(), v.minLength(3), v.maxLength(64)),
});

export function simRoutes(services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/inbound', async (c) => c.json(await receiveInbound(services, await readJson(c, InboundMessageBody))));
  app.get('/conversations', async (c) => {
    const { channel, from } = readQuery(c, ChannelAndFrom);
    return c.json(await customerView(services, channel, from));
  });
  app.post('/read', async (c) => {
    const { channel, from } = await readJson(c, ChannelAndFrom);
    return c.json(await customerRead(services, channel, from));
  });
  return app;
}
