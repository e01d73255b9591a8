// The convergence scenario shared by the fault test and the soak run: two Ventas agents send messages and notes,
// edit customers and tags through a lossy proxy, then every store must equal the server and nothing may be lost.
import { isDeepStrictEqual } from 'node:util';
import { OwClient, SimClient, isRetryable, type OwStore } from '../../src/client/index.js';
import { startTestServer } from '../../server/testing.js';
import { seededRandom, startFaultProxy, NO_FAULTS, type FaultCounters } from './fault-proxy.js';
import {
  TOKENS,
  agentSession,
  comparable,
  drainOutbox,
  persist,
  pool,
  serverMessages,
  serverView,
  sleep,
  storeView,
  trackedSend,
  waitUntil,
  type AgentSession,
} from './helpers.js';

export interface ScenarioOptions {
  /** Messages and notes in total, split between the two agents. */
  sends: number;
  customerEdits: number;
  tagChanges: number;
  /** Mark read / mark unread toggles, and online / away switches. */
  readChanges: number;
  statusChanges: number;
  conversations: number;
  /** Operations in flight per agent. */
  concurrency: number;
  seed: number;
  /** Share of requests that fail: half lost before the server, half lost after it handled them. */
  failRate: number;
  /** Every event stream is cut after this long. */
  streamCutMs: number;
  convergenceTimeoutMs: number;
  databaseUrl?: string;
  log?: (line: string) => void;
}

export interface ScenarioReport {
  sends: number;
  /** Acknowledged on the first try (automatic resends included), before any manual retry. */
  acknowledged: number;
  /** Marked failed after the automatic resends, then retried by hand once the network was back. */
  retriedByHand: number;
  stored: number;
  /** Sends whose client id the server does not have. */
  losses: number;
  /** Client ids the server stores more than once. */
  duplicates: number;
  /** Agent messages on the server that no agent sent. */
  phantoms: number;
  customerEdits: { saved: number; conflicts: number; gaveUp: number };
  tagChanges: { done: number; gaveUp: number };
  readAndStatusChanges: { done: number; gaveUp: number };
  outboxLeft: number;
  /** From the end of the load (network healed) until every store equals the server; null if it never did. */
  convergenceMs: number | null;
  mismatches: string[];
  loadMs: number;
  faults: FaultCounters;
}

export const CI_SCENARIO: ScenarioOptions = {
  sends: 1_000,
  customerEdits: 100,
  tagChanges: 100,
  readChanges: 60,
  statusChanges: 20,
  conversations: 6,
  concurrency: 4,
  seed: 20_261_125,
  failRate: 0.2,
  streamCutMs: 2_000,
  convergenceTimeoutMs: 30_000,
};

const TAGS = ['tag_vip', 'tag_reclamo', 'tag_venta'];

export async function runConvergenceScenario(options: ScenarioOptions): Promise<ScenarioReport> {
  const log = options.log ?? (() => undefined);
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const server = await startTestServer({ databaseUrl: options.databaseUrl });
  const proxy = await startFaultProxy({ target: server.baseUrl, seed: options.seed, applies: (_method, path) => path.startsWith('/api/') });
  const sessions: AgentSession[] = [];
  try {
    const admin = new OwClient({ baseUrl: server.baseUrl, token: TOKENS.admin });
    const sim = new SimClient({ baseUrl: server.baseUrl });
    const owners = ['agt_ana', 'agt_carla'];
    const conversations: { id: string; customerId: string; assigneeId: string }[] = [];
    const lateFrom = Math.ceil(options.conversations / 2);
    for (let i = 0; i < options.conversations; i++) {
      const assigneeId = owners[i % 2]!;
      const detail = await sim.createConversation({
        channel: 'whatsapp',
        customer: { name: `Cliente ${i}`, phone: `+57300000${String(1000 + i)}` },
        stage: 'assigned',
        groupId: 'grp_ventas',
        assigneeId,
        messages: [{ author: 'customer', text: `hola, soy el cliente ${i}` }],
      });
      conversations.push({ id: detail.conversation.id, customerId: detail.customer.id, assigneeId });
    }

    for (const [name, token] of [
      ['ana', TOKENS.ana],
      ['carla', TOKENS.carla],
    ] as const) {
      const session = agentSession(name, proxy.url, token);
      sessions.push(session);
      await session.store.start();
      // Carla opens half of the conversations only during the faulty load (see `lateOpens`).
      for (const c of name === 'carla' ? conversations.slice(0, lateFrom) : conversations) await session.store.openConversation(c.id);
      session.store.leaveConversation();
    }

    const sent = new Map<string, { agent: string; text: string; acknowledged: boolean }>();
    const edits = { saved: 0, conflicts: 0, gaveUp: 0 };
    const tagChanges = { done: 0, gaveUp: 0 };
    const readAndStatus = { done: 0, gaveUp: 0 };

    const sendOp = (session: AgentSession, agentId: string, n: number) => async () => {
      const kind = random() < 0.5 ? 'note' : 'text';
      const candidates = kind === 'text' ? conversations.filter((c) => c.assigneeId === agentId) : conversations;
      const conversation = pick(candidates);
      const text = `${session.name} ${kind === 'note' ? 'nota' : 'mensaje'} ${n}`;
      const { clientId, acknowledged } = await trackedSend(session.store, conversation.id, { text, kind });
      sent.set(clientId, { agent: session.name, text, acknowledged });
    };
    const editOp = (store: OwStore, n: number) => async () => {
      const { customerId } = pick(conversations.filter((c) => store.getState().customers[c.customerId]));
      const changes = random() < 0.5 ? { attributes: { compras: n } } : { name: `Cliente editado ${n}` };
      for (let attempt = 0; attempt < 30; attempt++) {
        const base = store.getState().customers[customerId]!.version;
        try {
          const result = await store.saveCustomer(customerId, changes, base);
          if (result.ok) {
            edits.saved += 1;
            return;
          }
          edits.conflicts += 1;
        } catch (error) {
          if (!isRetryable(error)) throw error;
          await sleep(20);
        }
      }
      edits.gaveUp += 1;
    };
    const tagOp = (store: OwStore) => async () => {
      const { id } = pick(conversations);
      const tagId = pick(TAGS);
      const attach = random() < 0.6;
      for (let attempt = 0; attempt < 30; attempt++) {
        try {
          await (attach ? store.attachTag(id, tagId) : store.detachTag(id, tagId));
          tagChanges.done += 1;
          return;
        } catch (error) {
          if (!isRetryable(error)) throw error;
          await sleep(20);
        }
      }
      tagChanges.gaveUp += 1;
    };

    const retried = (action: () => Promise<void>) => async () => {
      for (let attempt = 0; attempt < 30; attempt++) {
        try {
          await action();
          readAndStatus.done += 1;
          return;
        } catch (error) {
          if (!isRetryable(error)) throw error;
          await sleep(20);
        }
      }
      readAndStatus.gaveUp += 1;
    };
    const readOp = (store: OwStore) => {
      const { id } = pick(conversations);
      const unread = random() < 0.5;
      return retried(() => (unread ? store.markUnread(id) : store.markRead(id)));
    };
    const statusOp = (store: OwStore) => {
      const status = random() < 0.5 ? 'away' : 'online';
      return retried(() => store.setStatus(status));
    };

    const tasks: [(() => Promise<void>)[], (() => Promise<void>)[]] = [[], []];
    for (let i = 0; i < options.sends; i++) {
      const who = i % 2;
      const session = sessions[who]!;
      tasks[who].push(sendOp(session, owners[who]!, i));
    }
    for (let i = 0; i < options.customerEdits; i++) tasks[i % 2]!.push(editOp(sessions[i % 2]!.store, i));
    for (let i = 0; i < options.tagChanges; i++) tasks[i % 2]!.push(tagOp(sessions[i % 2]!.store));
    for (let i = 0; i < options.readChanges; i++) tasks[i % 2]!.push(readOp(sessions[i % 2]!.store));
    for (let i = 0; i < options.statusChanges; i++) tasks[i % 2]!.push(statusOp(sessions[i % 2]!.store));
    // Interleave kinds of work instead of running all sends first.
    for (const list of tasks) list.sort(() => random() - 0.5);
    // Carla opens the other conversations while faults are on, after some of their messages and events (and her
    // own optimistic notes) have already arrived.
    const carla = sessions[1]!;
    conversations.slice(lateFrom).forEach((c, i) => {
      tasks[1].splice(10 * (i + 1), 0, async () => {
        await persist(() => carla.store.openConversation(c.id), 50);
        carla.store.leaveConversation();
      });
    });

    proxy.configure({
      dropRequestRate: options.failRate / 2,
      dropResponseRate: options.failRate / 2,
      delayRate: 0.1,
      delayMs: [1, 40],
      sseCutEveryMs: options.streamCutMs,
      sseTornChunkRate: 0.02,
    });
    const loadStarted = Date.now();
    let progress = 0;
    const ticker = setInterval(() => log(`load: ${sent.size}/${options.sends} sends, faults ${JSON.stringify(proxy.counters)}`), 5_000);
    try {
      await Promise.all(tasks.map((list) => pool(list.map((task) => async () => {
        await task();
        progress += 1;
      }), options.concurrency)));
    } finally {
      clearInterval(ticker);
    }
    const loadMs = Date.now() - loadStarted;
    log(`load done in ${loadMs} ms (${progress} operations)`);

    proxy.configure(NO_FAULTS);
    const healed = Date.now();
    const retriedByHand = sessions.reduce((n, s) => n + s.store.getState().outbox.filter((e) => e.state === 'failed').length, 0);
    for (const session of sessions) await drainOutbox(session.store);
    // Scroll every timeline back to its first message, as an agent reading the history would.
    for (const session of sessions) {
      for (const c of conversations) {
        for (let page = 0; page < 100 && session.store.getState().timelines[c.id]?.hasMore; page++) {
          await persist(() => session.store.loadOlderMessages(c.id));
        }
      }
    }

    const direct = new Map(sessions.map((s) => [s, new OwClient({ baseUrl: server.baseUrl, token: s.client.token })]));
    const mismatches: string[] = [];
    const converged = async () => {
      mismatches.length = 0;
      const { agents } = await admin.listAgents();
      for (const session of sessions) {
        const state = session.store.getState();
        for (const agent of agents) {
          if (state.agents[agent.id]?.status !== agent.status) mismatches.push(`${session.name}: status of ${agent.id} differs`);
        }
        for (const c of conversations) {
          const { readState } = await direct.get(session)!.getConversation(c.id);
          if (!isDeepStrictEqual(state.readStates[c.id], readState)) mismatches.push(`${session.name} ${c.id}: read state differs`);
        }
      }
      for (const c of conversations) {
        const truth = comparable(await serverView(admin, c.id));
        for (const session of sessions) {
          const mine = comparable(storeView(session.store, c.id));
          if (!isDeepStrictEqual(mine.conversation, truth.conversation)) mismatches.push(`${session.name} ${c.id}: conversation differs`);
          if (!isDeepStrictEqual(mine.customer, truth.customer)) mismatches.push(`${session.name} ${c.id}: customer differs`);
          if (!isDeepStrictEqual(mine.messages, truth.messages)) {
            mismatches.push(`${session.name} ${c.id}: ${describeMessageDiff(mine.messages, truth.messages)}`);
          }
        }
      }
      return mismatches.length === 0;
    };
    const convergenceWait = await waitUntil(converged, options.convergenceTimeoutMs, 200);
    const convergenceMs = convergenceWait === null ? null : Date.now() - healed;

    const stored = new Map<string, number>();
    let phantoms = 0;
    for (const c of conversations) {
      for (const message of await serverMessages(admin, c.id)) {
        if (message.author !== 'agent') continue;
        if (!message.clientId || !sent.has(message.clientId)) {
          phantoms += 1;
          continue;
        }
        stored.set(message.clientId, (stored.get(message.clientId) ?? 0) + 1);
      }
    }
    let losses = 0;
    let duplicates = 0;
    for (const clientId of sent.keys()) {
      const count = stored.get(clientId) ?? 0;
      if (count === 0) losses += 1;
      if (count > 1) duplicates += 1;
    }
    return {
      sends: sent.size,
      acknowledged: [...sent.values()].filter((s) => s.acknowledged).length,
      retriedByHand,
      stored: [...stored.values()].reduce((a, b) => a + b, 0),
      losses,
      duplicates,
      phantoms,
      customerEdits: edits,
      tagChanges,
      readAndStatusChanges: readAndStatus,
      outboxLeft: sessions.reduce((n, s) => n + s.store.getState().outbox.length, 0),
      convergenceMs,
      mismatches: [...mismatches],
      loadMs,
      faults: { ...proxy.counters },
    };
  } finally {
    for (const session of sessions) session.store.stop();
    await proxy.close();
    await server.close();
  }
}

function describeMessageDiff(mine: { id: string; version: number; status: string }[], truth: { id: string; version: number; status: string }[]): string {
  const mineIds = new Set(mine.map((m) => m.id));
  const truthIds = new Set(truth.map((m) => m.id));
  const missing = truth.filter((m) => !mineIds.has(m.id)).map((m) => m.id);
  const extra = mine.filter((m) => !truthIds.has(m.id)).map((m) => m.id);
  if (missing.length || extra.length) return `messages: ${missing.length} missing (${missing.slice(0, 3).join(',')}), ${extra.length} extra (${extra.slice(0, 3).join(',')})`;
  const stale = mine.filter((m, i) => !isDeepStrictEqual(m, truth[i])).map((m) => m.id);
  if (stale.length) return `messages: ${stale.length} differ (order or content), e.g. ${stale.slice(0, 3).join(',')}`;
  return 'messages differ';
}
