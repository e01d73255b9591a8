import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AttributeDefinition, Conversation, ReadState } from '../../src/contract/index.js';
import {
  attributeIssue,
  attributeProblem,
  canSee,
  compareKeys,
  decodeCursor,
  encodeCursor,
  inStatus,
  inTray,
  insertionIndex,
  matchesSearch,
  messagingWindow,
  sortKey,
  unreadCount,
  waitingMs,
  waitingSince,
} from '../../src/client/rules/index.js';
import { InboxIndex } from '../../src/client/store/inbox.js';
import { FIXTURE } from '../../server/fixtures.js';

const T0 = Date.parse('2026-03-02T12:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

function conversation(overrides: Partial<Conversation> = {}): Conversation {
  return {
    id: 'cnv_1',
    customerId: 'cus_1',
    channel: 'whatsapp',
    stage: 'queued',
    status: 'active',
    outbound: false,
    groupId: 'grp_ventas',
    assigneeId: null,
    tagIds: [],
    createdAt: at(0),
    lastActivityAt: at(0),
    lastCustomerMessageAt: at(0),
    waitingSince: at(0),
    assignedAt: null,
    closedAt: null,
    closedHow: null,
    customerMessageCount: 1,
    lastMessage: { author: 'customer', kind: 'text', text: 'Hola, quiero info del plan', createdAt: at(0) },
    version: 1,
    ...overrides,
  };
}

function readState(overrides: Partial<ReadState> = {}): ReadState {
  return { conversationId: 'cnv_1', readCount: 0, markedUnread: false, markedUnreadAt: null, version: 1, ...overrides };
}

test('waitingSince: the oldest unanswered customer message, else the time it was marked unread', () => {
  assert.equal(waitingSince(conversation({ waitingSince: at(3) })), at(3));
  const answered = conversation({ waitingSince: null, lastActivityAt: at(9) });
  assert.equal(waitingSince(answered, readState()), null);
  assert.equal(waitingSince(answered, readState({ markedUnread: true, markedUnreadAt: at(7) })), at(7));
  assert.equal(waitingSince(answered, readState({ markedUnread: true })), at(9));
  assert.equal(waitingMs(conversation({ waitingSince: at(0) }), null, T0 + 90_000), 90_000);
  assert.equal(waitingMs(answered, null, T0), null);
});

test('unreadCount counts customer messages since the last read; marked unread counts at least one', () => {
  const c = conversation({ customerMessageCount: 5 });
  assert.equal(unreadCount(c), 5);
  assert.equal(unreadCount(c, readState({ readCount: 3 })), 2);
  assert.equal(unreadCount(c, readState({ readCount: 5 })), 0);
  assert.equal(unreadCount(c, readState({ readCount: 5, markedUnread: true })), 1);
});

test('waiting order: longest waiting first, then non-waiting by newest activity', () => {
  const waitingLong = conversation({ id: 'cnv_a', waitingSince: at(1) });
  const waitingShort = conversation({ id: 'cnv_b', waitingSince: at(5) });
  const answeredRecent = conversation({ id: 'cnv_c', waitingSince: null, lastActivityAt: at(9) });
  const answeredOld = conversation({ id: 'cnv_d', waitingSince: null, lastActivityAt: at(2) });
  const sorted = [answeredOld, waitingShort, answeredRecent, waitingLong]
    .map((c) => sortKey(c, null, 'waiting'))
    .sort(compareKeys)
    .map((k) => k.id);
  assert.deepEqual(sorted, ['cnv_a', 'cnv_b', 'cnv_c', 'cnv_d']);
  // Marking an answered conversation unread makes it wait from that moment.
  const marked = sortKey(answeredOld, readState({ conversationId: 'cnv_d', markedUnread: true, markedUnreadAt: at(3) }), 'waiting');
  assert.equal(marked.primary, 0);
  assert.ok(compareKeys(marked, sortKey(waitingShort, null, 'waiting')) < 0);
});

test('activity order puts the most recent exchange first; assignment order the earliest assigned, never-assigned last', () => {
  const a = conversation({ id: 'cnv_a', lastActivityAt: at(1), assignedAt: at(4) });
  const b = conversation({ id: 'cnv_b', lastActivityAt: at(8), assignedAt: at(2) });
  const c = conversation({ id: 'cnv_c', lastActivityAt: at(5), assignedAt: null });
  const order = (sort: 'activity' | 'assignment') =>
    [a, b, c].map((x) => sortKey(x, null, sort)).sort(compareKeys).map((k) => k.id);
  assert.deepEqual(order('activity'), ['cnv_b', 'cnv_c', 'cnv_a']);
  assert.deepEqual(order('assignment'), ['cnv_b', 'cnv_a', 'cnv_c']);
});

test('cursor encodes a sort key and rejects anything else', () => {
  const key = sortKey(conversation({ waitingSince: null, lastActivityAt: at(3) }), null, 'waiting');
  assert.deepEqual(decodeCursor(encodeCursor(key)), key);
  assert.equal(decodeCursor('1:2:<script>'), null);
  assert.equal(decodeCursor('garbage'), null);
});

test('insertionIndex finds the place of a key in a sorted list', () => {
  const keys = [1, 3, 5, 7].map((n) => ({ primary: n, secondary: 0, id: `c${n}` }));
  assert.equal(insertionIndex(keys, { primary: 0, secondary: 0, id: 'x' }), 0);
  assert.equal(insertionIndex(keys, { primary: 4, secondary: 0, id: 'x' }), 2);
  assert.equal(insertionIndex(keys, { primary: 9, secondary: 0, id: 'x' }), 4);
  assert.equal(insertionIndex(keys, keys[2]!), 2);
});

test('trays and status filters', () => {
  const queued = conversation({ stage: 'queued' });
  const mine = conversation({ stage: 'assigned', assigneeId: 'agt_ana' });
  const others = conversation({ stage: 'assigned', assigneeId: 'agt_carla' });
  const bot = conversation({ stage: 'bot', waitingSince: null });
  assert.ok(inTray(queued, 'queued', 'agt_ana'));
  assert.ok(inTray(mine, 'mine', 'agt_ana'));
  assert.ok(!inTray(others, 'mine', 'agt_ana'));
  assert.ok(inTray(others, 'agents', 'agt_ana') && inTray(mine, 'agents', 'agt_ana'));
  assert.ok(inTray(bot, 'bot', 'agt_ana') && !inTray(bot, 'queued', 'agt_ana'));
  const closed = conversation({ status: 'closed', closedAt: at(30), closedHow: 'manual' });
  const outbound = conversation({ outbound: true });
  assert.ok(inStatus(queued, 'active') && !inStatus(closed, 'active') && inStatus(closed, 'closed'));
  assert.ok(inStatus(outbound, 'outbound') && !inStatus(queued, 'outbound'));
  assert.ok(!inStatus(conversation({ outbound: true, status: 'closed' }), 'outbound'));
});

test('WhatsApp 24-hour window opens with the last customer message; other channels have none', () => {
  const settings = { whatsappWindowHours: 24 };
  const c = conversation({ lastCustomerMessageAt: at(0) });
  assert.deepEqual(messagingWindow(c, settings, T0 + 23 * 3_600_000), { open: true, closesAt: at(24 * 60) });
  assert.equal(messagingWindow(c, settings, T0 + 24 * 3_600_000).open, false);
  assert.equal(messagingWindow({ ...c, lastCustomerMessageAt: null }, settings, T0).open, false);
  assert.deepEqual(messagingWindow({ ...c, channel: 'web' }, settings, T0 + 48 * 3_600_000), { open: true, closesAt: null });
});

test('group visibility: own groups, ungrouped, assigned to me; admins see all', () => {
  const ana = { id: 'agt_ana', role: 'agent' as const, groupIds: ['grp_ventas'] };
  const admin = { id: 'agt_admin', role: 'admin' as const, groupIds: [] };
  assert.ok(canSee(ana, { groupId: 'grp_ventas', assigneeId: null }));
  assert.ok(!canSee(ana, { groupId: 'grp_soporte', assigneeId: null }));
  assert.ok(canSee(ana, { groupId: 'grp_soporte', assigneeId: 'agt_ana' }));
  assert.ok(canSee(ana, { groupId: null, assigneeId: null }));
  assert.ok(canSee(admin, { groupId: 'grp_soporte', assigneeId: 'agt_bruno' }));
});

test('search ignores case and accents over name, phone, e-mail and the last message', () => {
  const c = conversation();
  const customer = {
    id: 'cus_1', name: 'José Pérez', phone: '+57 300 123 4567', email: 'jose@example.com',
    attributes: {}, version: 1, createdAt: at(0), updatedAt: at(0), updatedBy: null,
  };
  assert.ok(matchesSearch(c, customer, 'perez'));
  assert.ok(matchesSearch(c, customer, '300 123'));
  assert.ok(matchesSearch(c, customer, 'PLAN'));
  assert.ok(matchesSearch(c, customer, '   '));
  assert.ok(!matchesSearch(c, customer, 'factura'));
});

test('InboxIndex keeps the order incrementally and publishes a new array only on change', () => {
  const index = new InboxIndex();
  const conversations = [5, 1, 9, 3].map((m) => conversation({ id: `cnv_${m}`, waitingSince: at(m) }));
  index.rebuild(conversations.map((c) => sortKey(c, null, 'waiting')));
  const first = index.snapshot();
  assert.deepEqual(first, ['cnv_1', 'cnv_3', 'cnv_5', 'cnv_9']);
  assert.equal(index.snapshot(), first);
  // cnv_1 gets answered: it leaves the waiting block and goes after every waiting one.
  const answered = conversation({ id: 'cnv_1', waitingSince: null, lastActivityAt: at(20) });
  assert.equal(index.set('cnv_1', sortKey(answered, null, 'waiting')), true);
  const second = index.snapshot();
  assert.notEqual(second, first);
  assert.deepEqual(second, ['cnv_3', 'cnv_5', 'cnv_9', 'cnv_1']);
  assert.equal(index.set('cnv_1', sortKey(answered, null, 'waiting')), false);
  index.set('cnv_5', null);
  assert.deepEqual(index.snapshot(), ['cnv_3', 'cnv_9', 'cnv_1']);
  assert.deepEqual(first, ['cnv_1', 'cnv_3', 'cnv_5', 'cnv_9']);
});

test('attributeIssue checks values against the workspace attribute definitions, with a code and the API reason', () => {
  const definition = (key: string) => FIXTURE.attributeDefinitions.find((d) => d.key === key)!;
  const correo: AttributeDefinition = { key: 'correo', label: 'Correo', type: 'email' };
  const celular: AttributeDefinition = { key: 'celular', label: 'Celular', type: 'phone', required: true };

  assert.equal(attributeIssue(definition('documento'), 'CC 52.000.111'), null);
  assert.equal(attributeIssue(definition('ciudad'), 'São Paulo'), null);
  assert.equal(attributeIssue(definition('fecha_nacimiento'), '2024-02-29'), null);
  assert.equal(attributeIssue(definition('acepta_marketing'), false), null);
  assert.equal(attributeIssue(definition('compras'), 0), null);
  assert.equal(attributeIssue(correo, 'jose@example.com'), null);
  assert.equal(attributeIssue(celular, '+57 (300) 123-4567'), null);
  // null clears an optional attribute and is refused for a required one.
  assert.equal(attributeIssue(definition('compras'), null), null);
  assert.deepEqual(attributeIssue(celular, null), { code: 'required', reason: 'is required' });

  assert.deepEqual(attributeIssue(definition('documento'), 123), { code: 'type', reason: 'must be text' });
  assert.deepEqual(attributeIssue(definition('acepta_marketing'), 'si'), { code: 'type', reason: 'must be true or false' });
  assert.deepEqual(attributeIssue(definition('compras'), 'muchas'), { code: 'number', reason: 'must be a number' });
  assert.deepEqual(attributeIssue(definition('compras'), Number.NaN), { code: 'number', reason: 'must be a number' });
  assert.deepEqual(attributeIssue(definition('compras'), Number.POSITIVE_INFINITY), { code: 'number', reason: 'must be a number' });
  assert.deepEqual(attributeIssue(definition('ciudad'), 'Madrid'), {
    code: 'option',
    reason: 'must be one of: Bogotá, Lima, Santiago, Ciudad de México, São Paulo',
  });
  assert.equal(attributeIssue(definition('ciudad'), 'lima')?.code, 'option');
  for (const date of ['1990-02-30', '2023-02-29', '30/01/1990', '1990-1-5', '0099-01-01', '1990-13-01']) {
    assert.deepEqual(attributeIssue(definition('fecha_nacimiento'), date), { code: 'date', reason: 'must be a date YYYY-MM-DD' }, date);
  }
  assert.deepEqual(attributeIssue(correo, 'jose@'), { code: 'email', reason: 'must be an e-mail address' });
  assert.equal(attributeIssue(correo, 42)?.code, 'email');
  // the same length limit as the customer's own e-mail field
  assert.equal(attributeIssue(correo, `${'a'.repeat(250)}@example.com`)?.code, 'email');
  assert.deepEqual(attributeIssue(celular, '300-abc-4567'), { code: 'phone', reason: 'must be a phone number' });
  assert.equal(attributeIssue(celular, '1234')?.code, 'phone');

  assert.equal(attributeProblem(definition('compras'), 'muchas'), 'must be a number');
  assert.equal(attributeProblem(definition('compras'), 12), null);
});
