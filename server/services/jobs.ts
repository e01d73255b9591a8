// Periodic work: delivery ticks of agent replies, automatic close, and Offline after idle time.
import { toAgent, toConversation, toMessage } from '../db/rows.js';
import { conversationRow, dueForAutoClose } from '../db/conversations.js';
import { messagesToAdvance } from '../db/messages.js';
import { readSettings } from '../db/workspace.js';
import type { Services } from './context.js';
import { closeConversation } from './conversations.js';
import { write } from './events.js';

/** A reply is "delivered" this long after it was sent (the simulated channel's latency). */
export const DELIVERY_DELAY_MS = 1000;

export async function advanceDeliveries(services: Services): Promise<number> {
  const before = new Date(services.clock.now() - DELIVERY_DELAY_MS).toISOString();
  // Cheap check first: most ticks have nothing to deliver and need no transaction.
  const due = await services.db.query(
    "SELECT 1 FROM messages WHERE author = 'agent' AND status = 'sent' AND kind <> 'note' AND created_at <= $1 LIMIT 1",
    [before],
  );
  if (due.length === 0) return 0;
  return write(services, async (q, events) => {
    const rows = await messagesToAdvance(q, 'sent', before);
    for (const row of rows) {
      const updated = (await q.query("UPDATE messages SET status = 'delivered', version = version + 1 WHERE seq = $1 RETURNING *", [row.seq]))[0]!;
      const conversation = toConversation((await conversationRow(q, String(updated.conversation_id)))!);
      events.message('message.updated', toMessage(updated, (m) => services.files.url(m)), conversation);
    }
    return rows.length;
  });
}

export async function autoClose(services: Services): Promise<number> {
  const settings = await readSettings(services.db);
  if (settings.autoCloseHours <= 0) return 0;
  const before = new Date(services.clock.now() - settings.autoCloseHours * 3_600_000).toISOString();
  const due = await dueForAutoClose(services.db, before);
  let closed = 0;
  for (const id of due) {
    closed += await write(services, async (q, events) => {
      const row = await conversationRow(q, id, true);
      if (!row) return 0;
      const conversation = toConversation(row);
      // Re-checked under the row lock: another instance or a new message may have come first.
      if (conversation.status !== 'active' || conversation.lastActivityAt > before) return 0;
      await closeConversation(services, q, events, conversation, 'automatic', null);
      return 1;
    });
  }
  return closed;
}

export async function markIdleAgentsOffline(services: Services): Promise<number> {
  const settings = await readSettings(services.db);
  const before = new Date(services.clock.now() - settings.idleOfflineMinutes * 60_000).toISOString();
  const idle = await services.db.query("SELECT 1 FROM agents WHERE status <> 'offline' AND last_seen_at <= $1 LIMIT 1", [before]);
  if (idle.length === 0) return 0;
  return write(services, async (q, events) => {
    const rows = await q.query(
      "UPDATE agents SET status = 'offline', version = version + 1 WHERE status <> 'offline' AND last_seen_at <= $1 RETURNING *",
      [before],
    );
    for (const row of rows) events.broadcast({ type: 'agent.updated', agent: toAgent(row) });
    return rows.length;
  });
}

/** Runs every job once (the periodic timer, and tests through tick()). */
export async function runJobs(services: Services): Promise<void> {
  await advanceDeliveries(services);
  await autoClose(services);
  await markIdleAgentsOffline(services);
  await services.hub.poke();
}
