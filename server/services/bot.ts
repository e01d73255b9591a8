// The welcome bot: greets, asks name and e-mail (stored on the customer), offers the groups, then queues.
import * as v from 'valibot';
import type { Conversation, Customer, Group } from '../../src/contract/index.js';
import type { Queryable } from '../db/adapter.js';
import { toCustomer } from '../db/rows.js';
import { updateById } from '../db/sql.js';
import { listAgents, listGroups } from '../db/workspace.js';
import { nowIso, type Services } from './context.js';
import { emitCustomer } from './customers.js';
import type { TxEvents } from './events.js';
import { appendMessage, appendSystemEvent, updateConversation } from './timeline.js';

export type BotStep = 'ask_name' | 'ask_email' | 'ask_group';

export const BOT_TEXT = {
  greeting: '¡Hola! Soy el asistente virtual. ¿Cómo te llamas?',
  welcomeBack: (name: string) => `¡Hola de nuevo, ${name}!`,
  askEmail: (name: string) => `Gracias, ${name}. ¿Cuál es tu correo electrónico?`,
  badEmail: 'Ese correo no parece válido. ¿Puedes escribirlo de nuevo? Por ejemplo: nombre@dominio.com',
  badName: '¿Me dices tu nombre, por favor?',
  menu: (groups: readonly Group[]) => `¿Con qué área quieres hablar? Responde con el número:\n${groups.map((g, i) => `${i + 1}. ${g.name}`).join('\n')}`,
  queued: (group: string | null) =>
    group ? `Listo, te comunico con ${group}. Un agente te responderá en breve.` : 'Listo, un agente te responderá en breve.',
};

const Email = v.pipe(v.string(), v.trim(), v.maxLength(254), v.email());

interface Turn {
  services: Services;
  q: Queryable;
  events: TxEvents;
}

async function say(turn: Turn, conversation: Conversation, text: string): Promise<Conversation> {
  return (await appendMessage(turn.services, turn.q, turn.events, conversation, { author: 'bot', kind: 'text', text })).conversation;
}

async function saveCustomer(turn: Turn, customer: Customer, changes: Record<string, unknown>): Promise<Customer> {
  const updated = toCustomer((await updateById(turn.q, 'customers', customer.id, { ...changes, updated_at: nowIso(turn.services), updated_by: null }))!);
  await emitCustomer(turn.q, turn.events, updated);
  return updated;
}

async function queue(turn: Turn, conversation: Conversation, group: Group | null): Promise<Conversation> {
  const said = await say(turn, conversation, BOT_TEXT.queued(group?.name ?? null));
  const queued = await updateConversation(turn.q, conversation.id, { stage: 'queued', group_id: group?.id ?? said.groupId, bot_step: null });
  turn.events.conversation(queued);
  // Everyone saw it while it had no group; agents outside the chosen group now lose it.
  turn.events.removals(said, queued, await listAgents(turn.q));
  await appendSystemEvent(turn.services, turn.q, turn.events, queued, { type: 'queued', byAgentId: null, toGroupId: queued.groupId });
  return queued;
}

/** Offers the group menu, or queues directly when there is no choice to make. */
async function askGroupOrQueue(turn: Turn, conversation: Conversation): Promise<Conversation> {
  const groups = await listGroups(turn.q);
  if (groups.length < 2) return queue(turn, conversation, groups[0] ?? null);
  const said = await say(turn, conversation, BOT_TEXT.menu(groups));
  return setStep(turn, said, 'ask_group');
}

async function setStep(turn: Turn, conversation: Conversation, step: BotStep): Promise<Conversation> {
  await turn.q.query('UPDATE conversations SET bot_step = $2 WHERE id = $1', [conversation.id, step]);
  return conversation;
}

function pickGroup(groups: readonly Group[], answer: string): Group | undefined {
  const trimmed = answer.trim();
  const n = Number.parseInt(trimmed, 10);
  if (/^\d+\.?$/.test(trimmed) && n >= 1 && n <= groups.length) return groups[n - 1];
  const folded = trimmed.toLowerCase();
  return groups.find((g) => g.name.toLowerCase() === folded);
}

/** The bot's answer to a customer message in a conversation at the `bot` stage. */
export async function botReply(
  services: Services,
  q: Queryable,
  events: TxEvents,
  conversation: Conversation,
  customer: Customer,
  text: string,
  step: BotStep | null,
): Promise<Conversation> {
  const turn: Turn = { services, q, events };
  if (step === null) {
    if (customer.email && customer.name) {
      const said = await say(turn, conversation, BOT_TEXT.welcomeBack(customer.name));
      return askGroupOrQueue(turn, said);
    }
    return setStep(turn, await say(turn, conversation, BOT_TEXT.greeting), 'ask_name');
  }
  if (step === 'ask_name') {
    const name = text.trim().slice(0, 200);
    if (!name) return say(turn, conversation, BOT_TEXT.badName);
    await saveCustomer(turn, customer, { name });
    return setStep(turn, await say(turn, conversation, BOT_TEXT.askEmail(name)), 'ask_email');
  }
  if (step === 'ask_email') {
    const parsed = v.safeParse(Email, text);
    if (!parsed.success) return say(turn, conversation, BOT_TEXT.badEmail);
    await saveCustomer(turn, customer, { email: parsed.output });
    return askGroupOrQueue(turn, conversation);
  }
  const groups = await listGroups(q);
  const group = pickGroup(groups, text);
  if (!group) return say(turn, conversation, BOT_TEXT.menu(groups));
  return queue(turn, conversation, group);
}
