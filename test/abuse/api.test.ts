// The hostile corpus through every write endpoint of the real server: bad requests get a 4xx with a reason,
// hostile-but-valid text is stored verbatim, nothing stored is lost, the server stays up, nothing is polluted,
// uploads are never served as something a browser runs, other groups' conversations never leak, no token no data.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as v from 'valibot';
import {
  CreateTagBody,
  InboundMessageBody,
  SendMessageBody,
  SetStatusBody,
  SignInBody,
  TransferBody,
  UpdateCustomerBody,
  UpdateSettingsBody,
  UpdateTagBody,
} from '../../src/contract/index.js';
import { OwClient, SimClient } from '../../src/client/index.js';
import { startTestServer, type TestServer } from '../../server/testing.js';
import { awkwardTexts, badBodies, badMultiparts, corpusSize, hostileFiles, hostileNames, hostileTexts, type BodyPayload } from './corpus.js';
import { call, eventsIn, rawRequest, readEventsFor, type RawAnswer } from './http.js';
import { pool } from '../faults/helpers.js';

let server: TestServer;
let base = '';
let admin: OwClient;
let sim: SimClient;
/** Ventas conversation assigned to Ana. */
let ventas: { id: string; customerId: string };
/** Soporte conversation assigned to Bruno. */
let soporte: { id: string; customerId: string };
let clientSeq = 0;
const clientId = () => `abuse_${process.pid}_${++clientSeq}`;

before(async () => {
  server = await startTestServer();
  base = server.baseUrl;
  admin = new OwClient({ baseUrl: base, token: 'tok_admin' });
  sim = new SimClient({ baseUrl: base });
  const v1 = await sim.createConversation({
    channel: 'whatsapp',
    customer: { name: 'Valeria Ventas', phone: '+573001110001', email: 'valeria@example.com' },
    stage: 'assigned',
    groupId: 'grp_ventas',
    assigneeId: 'agt_ana',
    messages: [{ author: 'customer', text: 'secreto-ventas-cliente' }],
  });
  ventas = { id: v1.conversation.id, customerId: v1.customer.id };
  const s1 = await sim.createConversation({
    channel: 'whatsapp',
    customer: { name: 'Sergio Soporte', phone: '+573001110002' },
    stage: 'assigned',
    groupId: 'grp_soporte',
    assigneeId: 'agt_bruno',
    messages: [{ author: 'customer', text: 'hola soporte' }],
  });
  soporte = { id: s1.conversation.id, customerId: s1.customer.id };
});

after(async () => {
  await server?.close();
});

/** What must survive every batch of bad input unchanged (or only grow, for messages). */
async function snapshot() {
  const [messages, customer, tags, settings] = await Promise.all([
    admin.listMessages(ventas.id, { limit: 200 }),
    admin.getCustomer(ventas.customerId),
    admin.listTags(),
    admin.getSettings(),
  ]);
  return { messageIds: messages.messages.map((m) => m.id), customer: customer.customer, tags: tags.tags, settings: settings.settings };
}

async function assertHealthy(context: string): Promise<void> {
  const health = await call(base, 'GET', '/health', { retryOnClosedConnection: true });
  assert.equal(health.status, 200, `health check after ${context}`);
  const answer = await call(base, 'GET', '/api/me', { token: 'tok_admin', retryOnClosedConnection: true });
  assert.equal(answer.status, 200, `server still answers after ${context}`);
  assert.equal(({} as Record<string, unknown>).polluted, undefined, `Object.prototype polluted after ${context}`);
  assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
}

function assertRefused(answer: RawAnswer, what: string): void {
  assert.ok(answer.status >= 400 && answer.status < 500, `${what}: expected 4xx, got ${answer.status} ${answer.text.slice(0, 200)}`);
  assert.equal(typeof answer.json?.error, 'string', `${what}: JSON error code (${answer.text.slice(0, 200)})`);
  assert.ok(typeof answer.json?.reason === 'string' && answer.json.reason.length > 0, `${what}: JSON reason`);
}

describe('corpus', () => {
  it('has at least 1,000 hostile payloads before the per-endpoint bad bodies', () => {
    // Each of the ENDPOINTS below adds its own bad bodies (about 570 in all) on top of these.
    const size = corpusSize(0, ENDPOINTS_COUNT) + hostileNames(40).length;
    assert.ok(size >= 1000, `corpus size ${size}`);
  });
});

describe('hostile but valid text is stored verbatim', () => {
  it('as agent messages and notes', { timeout: 120_000 }, async () => {
    const texts = hostileTexts();
    const sent = new Map<string, string>();
    await pool(
      texts.map((payload, i) => async () => {
        const id = clientId();
        const kind = i % 4 === 0 ? 'note' : 'text';
        const answer = await call(base, 'POST', `/api/conversations/${ventas.id}/messages`, { token: 'tok_ana', json: { clientId: id, kind, text: payload.text } });
        assert.equal(answer.status, 201, `${payload.id}: ${answer.text.slice(0, 200)}`);
        assert.equal(answer.json.message.text, payload.text, `${payload.id}: answered verbatim`);
        assert.equal(answer.json.message.kind, kind);
        sent.set(id, payload.text);
      }),
      4,
    );
    const stored = new Map<string, string>();
    let before: string | undefined;
    for (;;) {
      const page = await admin.listMessages(ventas.id, { limit: 200, before });
      for (const m of page.messages) if (m.clientId) stored.set(m.clientId, m.text);
      if (!page.hasMore) break;
      before = page.messages[0]!.id;
    }
    for (const [id, text] of sent) assert.equal(stored.get(id), text, `stored verbatim: ${JSON.stringify(text.slice(0, 80))}`);
    await assertHealthy('hostile messages');
  });

  it('as customer messages on the simulated channel', { timeout: 60_000 }, async () => {
    const texts = hostileTexts().filter((_, i) => i % 5 === 0);
    for (const payload of texts) {
      const answer = await call(base, 'POST', '/api/sim/inbound', { json: { channel: 'web', from: 'abuse-web-customer', name: 'Cliente Hostil', text: payload.text } });
      assert.ok(answer.status === 200 || answer.status === 201, `${payload.id}: ${answer.status} ${answer.text.slice(0, 200)}`);
      assert.equal(answer.json.message.text, payload.text, `${payload.id}: stored verbatim`);
    }
    await assertHealthy('hostile inbound messages');
  });

  it('as customer names and text attributes', { timeout: 60_000 }, async () => {
    for (const payload of hostileNames(200)) {
      const current = (await admin.getCustomer(ventas.customerId)).customer;
      const body = { version: current.version, name: payload.text, attributes: { documento: payload.text.slice(0, 1000) } };
      const answer = await call(base, 'PATCH', `/api/customers/${ventas.customerId}`, { token: 'tok_ana', json: body });
      assert.equal(answer.status, 200, `${payload.id}: ${answer.text.slice(0, 200)}`);
      const expected = v.parse(UpdateCustomerBody, body);
      assert.equal(answer.json.customer.name, expected.name, `${payload.id}: name verbatim`);
      assert.equal(answer.json.customer.attributes.documento, payload.text.slice(0, 1000), `${payload.id}: attribute verbatim`);
    }
    await assertHealthy('hostile customer names');
  });

  it('as tag names', { timeout: 60_000 }, async () => {
    const seen = new Set<string>();
    for (const payload of hostileNames(40)) {
      const name = v.parse(CreateTagBody, { name: payload.text, color: '#123456' }).name;
      if (seen.has(name)) continue;
      seen.add(name);
      const answer = await call(base, 'POST', '/api/tags', { token: 'tok_admin', json: { name: payload.text, color: '#123456' } });
      assert.equal(answer.status, 201, `${payload.id}: ${answer.text.slice(0, 200)}`);
      assert.equal(answer.json.tag.name, name, `${payload.id}: tag name verbatim`);
    }
    await assertHealthy('hostile tag names');
  });

  it('text the database cannot hold as is (NUL, lone surrogates, control characters) is refused or stored, never a 5xx', async () => {
    const problems: string[] = [];
    for (const payload of awkwardTexts()) {
      for (const [method, path, token, body] of [
        ['POST', `/api/conversations/${ventas.id}/messages`, 'tok_ana', { clientId: clientId(), text: payload.text }],
        ['POST', '/api/sim/inbound', null, { channel: 'web', from: 'abuse-awkward', text: payload.text }],
        ['PATCH', `/api/customers/${soporte.customerId}`, 'tok_bruno', { version: -1, name: payload.text }],
      ] as const) {
        const versioned =
          method === 'PATCH' ? { ...body, version: (await admin.getCustomer(soporte.customerId)).customer.version } : body;
        const answer = await call(base, method, path, { token, json: versioned });
        if (answer.status >= 500) {
          problems.push(`${payload.id} via ${method} ${path.replace(/[a-z]+_[0-9a-f]+/g, ':id')}: ${answer.status}`);
          continue;
        }
        if (answer.status >= 400) {
          assertRefused(answer, `${payload.id} via ${path}`);
          continue;
        }
        const stored: string = answer.json.message?.text ?? answer.json.customer?.name;
        const wellFormed = (payload.text as string & { toWellFormed(): string }).toWellFormed();
        if (!(stored === payload.text || stored === wellFormed || stored === payload.text.trim())) problems.push(`${payload.id}: stored ${JSON.stringify(stored)}`);
      }
    }
    await assertHealthy('awkward texts');
    assert.deepEqual(problems, [], 'refused with a 4xx or stored, never a server error');
  });
});

interface Endpoint {
  name: string;
  method: string;
  path: () => string;
  token: string | null;
  valid: () => Promise<Record<string, unknown>> | Record<string, unknown>;
  schema: v.GenericSchema;
  fields: Record<string, 'string' | 'number' | 'boolean' | 'array' | 'object'>;
}

const ENDPOINTS: Endpoint[] = [
  {
    name: 'send message',
    method: 'POST',
    path: () => `/api/conversations/${ventas.id}/messages`,
    token: 'tok_ana',
    valid: () => ({ clientId: clientId(), text: 'hola' }),
    schema: SendMessageBody,
    fields: { clientId: 'string', kind: 'string', text: 'string', attachmentIds: 'array', templateId: 'string', templateVariables: 'array' },
  },
  {
    name: 'add note',
    method: 'POST',
    path: () => `/api/conversations/${ventas.id}/messages`,
    token: 'tok_carla',
    valid: () => ({ clientId: clientId(), kind: 'note', text: 'nota' }),
    schema: SendMessageBody,
    fields: { kind: 'string', text: 'string' },
  },
  {
    name: 'update customer',
    method: 'PATCH',
    path: () => `/api/customers/${ventas.customerId}`,
    token: 'tok_ana',
    valid: async () => ({ version: (await admin.getCustomer(ventas.customerId)).customer.version, name: 'Valeria' }),
    schema: UpdateCustomerBody,
    fields: { version: 'number', name: 'string', phone: 'string', email: 'string', attributes: 'object' },
  },
  {
    name: 'create tag',
    method: 'POST',
    path: () => '/api/tags',
    token: 'tok_admin',
    valid: () => ({ name: 'Etiqueta nueva', color: '#112233' }),
    schema: CreateTagBody,
    fields: { name: 'string', color: 'string' },
  },
  {
    name: 'update tag',
    method: 'PATCH',
    path: () => '/api/tags/tag_vip',
    token: 'tok_admin',
    valid: () => ({ name: 'VIP', color: '#d97706' }),
    schema: UpdateTagBody,
    fields: { name: 'string', color: 'string' },
  },
  {
    name: 'settings',
    method: 'PATCH',
    path: () => '/api/settings',
    token: 'tok_admin',
    valid: () => ({ autoCloseHours: 24 }),
    schema: UpdateSettingsBody,
    fields: { voiceNotesEnabled: 'boolean', autoCloseHours: 'number', reopenToleranceMinutes: 'number', maxUploadBytes: 'object' },
  },
  {
    name: 'transfer',
    method: 'POST',
    path: () => `/api/conversations/${ventas.id}/transfer`,
    token: 'tok_ana',
    valid: () => ({ agentId: 'agt_ana' }),
    schema: TransferBody,
    fields: { agentId: 'string', groupId: 'string' },
  },
  {
    name: 'agent status',
    method: 'PUT',
    path: () => '/api/me/status',
    token: 'tok_ana',
    valid: () => ({ status: 'online' }),
    schema: SetStatusBody,
    fields: { status: 'string' },
  },
  {
    name: 'simulated inbound',
    method: 'POST',
    path: () => '/api/sim/inbound',
    token: null,
    valid: () => ({ channel: 'web', from: 'abuse-inbound', text: 'hola' }),
    schema: InboundMessageBody,
    fields: { channel: 'string', from: 'string', name: 'string', text: 'string', attachmentIds: 'array' },
  },
  {
    name: 'sign-in',
    method: 'POST',
    path: () => '/api/auth/sign-in',
    token: null,
    valid: () => ({ email: 'ana@example.com', password: 'secret123' }),
    schema: SignInBody,
    fields: { email: 'string', password: 'string' },
  },
];
const ENDPOINTS_COUNT = ENDPOINTS.length;

describe('bad requests get a 4xx with a reason and lose nothing', () => {
  for (const endpoint of ENDPOINTS) {
    it(`${endpoint.method} ${endpoint.name}`, { timeout: 120_000 }, async () => {
      const before = await snapshot();
      const valid = await endpoint.valid();
      const payloads: BodyPayload[] = badBodies(valid, endpoint.schema, endpoint.fields);
      assert.ok(payloads.length >= 15, `${payloads.length} bad bodies`);
      for (const payload of payloads) {
        const answer = await call(base, endpoint.method, endpoint.path(), {
          token: endpoint.token,
          body: payload.body,
          contentType: payload.contentType,
          retryOnClosedConnection: true,
        });
        assertRefused(answer, `${endpoint.name} / ${payload.id}`);
      }
      await assertHealthy(endpoint.name);
      const afterwards = await snapshot();
      assert.deepEqual(afterwards.messageIds, before.messageIds, 'no message stored or lost by bad requests');
      assert.deepEqual(afterwards.customer, before.customer, 'customer unchanged');
      assert.deepEqual(afterwards.tags, before.tags, 'tags unchanged');
      assert.deepEqual(afterwards.settings, before.settings, 'settings unchanged');
      for (const object of [afterwards.settings, afterwards.customer, afterwards.customer.attributes, ...afterwards.tags]) {
        assert.equal(Object.keys(object).includes('polluted'), false, 'no polluting key stored');
      }
    });
  }

  it('after refusing an oversized body the next request on the connection still works', async () => {
    // The server answers 413 before reading the body; unless it says `Connection: close`, the client reuses a
    // connection the server is about to drop and its next request fails as a network error.
    for (let i = 0; i < 5; i++) {
      const big = await call(base, 'POST', '/api/auth/sign-in', { body: JSON.stringify({ email: 'x'.repeat(2 * 1024 * 1024), password: 'x' }), contentType: 'application/json' });
      assert.equal(big.status, 413);
      const next = await call(base, 'GET', '/api/me', { token: 'tok_admin' });
      assert.equal(next.status, 200, 'the request after a 413 is answered');
    }
  });

  it('bad query strings and stream positions answer 4xx with a reason', async () => {
    const probes = [
      '/api/conversations?tray=todos',
      '/api/conversations?status=borrado',
      '/api/conversations?sort=random',
      '/api/conversations?limit=0',
      '/api/conversations?limit=-1',
      '/api/conversations?limit=abc',
      '/api/conversations?limit=100000',
      '/api/conversations?limit=1e2',
      '/api/conversations?cursor=%00%ff%fe',
      '/api/conversations?cursor=eyJfX3Byb3RvX18iOnsicG9sbHV0ZWQiOjF9fQ',
      `/api/conversations?cursor=${'A'.repeat(600)}`,
      '/api/conversations?tag=%3Cscript%3E',
      `/api/conversations?q=${'x'.repeat(500)}`,
      '/api/conversations?__proto__[polluted]=1',
      '/api/conversations?tray=queued&tray=mine&unknown=1',
      '/api/conversations/counts?status=nada',
      `/api/conversations/${ventas.id}/messages?before=%3Cscript%3E`,
      `/api/conversations/${ventas.id}/messages?kind=text`,
      `/api/conversations/${ventas.id}/messages?limit=-5`,
      '/api/conversations/..%2F..%2Fetc%2Fpasswd',
      '/api/conversations/%3Cscript%3E',
      `/api/customers/${'x'.repeat(100)}`,
    ];
    for (const path of probes) {
      const answer = await call(base, 'GET', path, { token: 'tok_ana' });
      assertRefused(answer, `GET ${path.slice(0, 80)}`);
    }
    for (const position of ['abc', '-1', '1e5', '99999999999999999999', '1.5']) {
      const answer = await readEventsFor(base, 'tok_ana', position, 1_000);
      assert.equal(answer.status, 400, `Last-Event-ID ${position}: ${answer.status}`);
      assert.match(answer.text, /"reason"/);
    }
    await assertHealthy('bad query strings');
  });

  it('unknown ids answer 404 with a reason', async () => {
    for (const [method, path, body] of [
      ['GET', '/api/conversations/cnv_nope', undefined],
      ['GET', '/api/conversations/cnv_nope/messages', undefined],
      ['POST', '/api/conversations/cnv_nope/messages', { clientId: clientId(), text: 'x' }],
      ['POST', '/api/conversations/cnv_nope/assign', undefined],
      ['POST', '/api/conversations/cnv_nope/close', undefined],
      ['PUT', `/api/conversations/${ventas.id}/tags/tag_nope`, undefined],
      ['GET', '/api/customers/cus_nope', undefined],
      ['PATCH', '/api/customers/cus_nope', { version: 1, name: 'x' }],
      ['PATCH', '/api/tags/tag_nope', { name: 'x' }],
      ['POST', `/api/conversations/${ventas.id}/transfer`, { agentId: 'agt_nope' }],
      ['POST', `/api/conversations/${ventas.id}/transfer`, { groupId: 'grp_nope' }],
    ] as const) {
      const answer = await call(base, method, path, { token: 'tok_admin', json: body });
      assert.ok(answer.status === 404 || answer.status === 400, `${method} ${path}: ${answer.status}`);
      assertRefused(answer, `${method} ${path}`);
    }
    await assertHealthy('unknown ids');
  });
});

describe('uploads', () => {
  const SAFE_INLINE = /^(image\/(png|jpeg|gif|webp)|audio\/[a-z0-9.+-]+)$/;
  const RUNNABLE = /(html|xml|svg|javascript|ecmascript)/i;

  async function upload(path: string, token: string | null, file: { name: string; declaredType: string; bytes: Uint8Array }): Promise<RawAnswer> {
    const form = new FormData();
    form.append('file', new Blob([file.bytes as BlobPart], { type: file.declaredType }), file.name);
    return call(base, 'POST', path, { token, body: form });
  }

  for (const [label, path, token] of [
    ['agent upload', () => `/api/conversations/${ventas.id}/uploads`, 'tok_ana'],
    ['customer upload', () => '/api/sim/uploads?channel=whatsapp', null],
  ] as const) {
    it(`${label}: hostile files are stored but never served as something a browser runs`, { timeout: 60_000 }, async () => {
      for (const file of hostileFiles()) {
        const answer = await upload(path(), token, file);
        assert.ok(answer.status < 500, `${file.id}: ${answer.status} ${answer.text.slice(0, 200)}`);
        if (answer.status >= 400) {
          assertRefused(answer, file.id);
          continue;
        }
        assert.equal(answer.status, 201, file.id);
        const attachment = answer.json.attachment;
        assert.ok(!RUNNABLE.test(attachment.contentType), `${file.id}: stored as ${attachment.contentType}`);
        assert.ok(!/[\\/\0\r\n]/.test(attachment.name) && !attachment.name.startsWith('.'), `${file.id}: stored name ${JSON.stringify(attachment.name)}`);
        if (file.category === 'mismatch' || file.category === 'html' || file.category === 'svg' || file.category === 'script') {
          assert.equal(attachment.contentType, 'application/octet-stream', `${file.id}: content not matching an allowed type is plain bytes`);
        }
        const url = new URL(attachment.url, base);
        const served = await fetch(url);
        const bytes = new Uint8Array(await served.arrayBuffer());
        assert.equal(served.status, 200, `${file.id}: served`);
        assert.deepEqual(bytes, file.bytes, `${file.id}: served bytes are the uploaded bytes`);
        const type = served.headers.get('content-type') ?? '';
        assert.ok(!RUNNABLE.test(type), `${file.id}: served as ${type}`);
        assert.equal(served.headers.get('x-content-type-options'), 'nosniff', `${file.id}: nosniff`);
        const csp = served.headers.get('content-security-policy') ?? '';
        assert.match(csp, /default-src 'none'/, `${file.id}: CSP ${csp}`);
        assert.match(csp, /sandbox/, `${file.id}: CSP sandbox`);
        const disposition = served.headers.get('content-disposition') ?? '';
        const mime = type.split(';')[0]!.trim();
        if (!SAFE_INLINE.test(mime)) assert.match(disposition, /^attachment/, `${file.id}: ${mime} is downloaded, not shown (${disposition})`);
        assert.equal(served.headers.get('x-injected'), null, `${file.id}: no header injection through the file name`);
      }
      await assertHealthy(label);
    });
  }

  it('an upload over the limit is refused while streaming when no Content-Length announces it', async () => {
    const { settings } = await admin.getSettings();
    await admin.updateSettings({ maxUploadBytes: { web: 4096 } });
    try {
      const boundary = 'ow-chunked-boundary';
      const head = new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="grande.png"\r\nContent-Type: image/png\r\n\r\n`);
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent === 0) controller.enqueue(head);
          if (sent > 200_000) {
            controller.enqueue(new TextEncoder().encode(`\r\n--${boundary}--\r\n`));
            controller.close();
            return;
          }
          controller.enqueue(new Uint8Array(8192).fill(0x41));
          sent += 8192;
        },
      });
      const response = await fetch(`${base}/api/sim/uploads?channel=web`, {
        method: 'POST',
        headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
        body,
        duplex: 'half',
      } as RequestInit & { duplex: 'half' });
      const answer = await response.json();
      assert.equal(response.status, 413);
      assert.ok(typeof answer.reason === 'string' && answer.reason.length > 0);
      await assertHealthy('a chunked oversized upload');
    } finally {
      await admin.updateSettings({ maxUploadBytes: settings.maxUploadBytes });
    }
  });

  it('file names cannot hide their real extension behind bidi controls', async () => {
    // "factura\u202Efdp.exe" displays as "facturaexe.pdf": the classic right-to-left override spoof.
    for (const name of ['factura\u202Efdp.exe', 'foto\u2067gnp.js\u2069', 'doc\u200F\u202Bfdp.html']) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d])], { type: 'application/pdf' }), name);
      const answer = await call(base, 'POST', `/api/conversations/${ventas.id}/uploads`, { token: 'tok_ana', body: form });
      assert.equal(answer.status, 201, answer.text);
      const stored: string = answer.json.attachment.name;
      assert.equal(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/.test(stored), false, `stored name ${JSON.stringify(stored)} keeps a bidi control`);
    }
  });

  it('broken multipart is refused with a 4xx and a reason', { timeout: 60_000 }, async () => {
    for (const payload of badMultiparts()) {
      const headers: Record<string, string | number> = {
        Authorization: 'Bearer tok_ana',
        'Content-Type': payload.contentType,
        'Content-Length': payload.contentLength ?? payload.body.length,
        Accept: 'application/json',
      };
      const answer = await rawRequest(base, 'POST', `/api/conversations/${ventas.id}/uploads`, headers, payload.body);
      if (payload.mayBeAccepted && answer.status === 201) {
        const name: string = JSON.parse(answer.text).attachment.name;
        assert.ok(name.length <= 255, `${payload.id}: accepted with a ${name.length}-character file name`);
        continue;
      }
      assert.ok(answer.status >= 400 && answer.status < 500, `${payload.id}: ${answer.status} ${answer.text.slice(0, 200)}`);
      if (payload.category === 'too-large') assert.equal(answer.status, 413, `${payload.id}: refused from Content-Length before reading`);
      const json = JSON.parse(answer.text);
      assert.ok(typeof json.reason === 'string' && json.reason.length > 0, `${payload.id}: reason`);
    }
    await assertHealthy('broken multipart');
  });

  it('signed file URLs refuse a changed signature, another file and an expired link', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' }), 'a.png');
    const answer = await call(base, 'POST', `/api/conversations/${ventas.id}/uploads`, { token: 'tok_ana', body: form });
    assert.equal(answer.status, 201);
    const url = new URL(answer.json.attachment.url, base);
    const tampered = new URL(url);
    tampered.searchParams.set('sig', 'x'.repeat(url.searchParams.get('sig')?.length ?? 10));
    const expired = new URL(url);
    expired.searchParams.set('exp', '1');
    const other = new URL(url);
    other.pathname = other.pathname.replace(/\/files\/[^/]+/, '/files/att_other');
    for (const probe of [tampered, expired, other, new URL(url.pathname, base)]) {
      const res = await fetch(probe);
      assert.ok(res.status >= 400 && res.status < 500, `${probe}: ${res.status}`);
      const body = await res.arrayBuffer();
      assert.ok(body.byteLength < 1000, 'no file bytes');
    }
  });
});

describe('cross-group probes: Bruno (Soporte) and a Ventas conversation', () => {
  const secret = 'secreto-ventas';
  const leaks = (text: string) => text.includes(ventas.id) || text.includes(ventas.customerId) || text.includes(secret) || text.includes('Valeria');

  it('REST reads answer 403/404 and never show the conversation', async () => {
    const reads = [
      `/api/conversations/${ventas.id}`,
      `/api/conversations/${ventas.id}/messages`,
      `/api/conversations/${ventas.id}/messages?kind=note`,
      `/api/customers/${ventas.customerId}`,
    ];
    for (const path of reads) {
      const answer = await call(base, 'GET', path, { token: 'tok_bruno' });
      assert.ok(answer.status === 403 || answer.status === 404, `${path}: ${answer.status}`);
      assert.equal(leaks(answer.text), false, `${path} leaks: ${answer.text.slice(0, 200)}`);
    }
    for (const tray of ['queued', 'mine', 'agents', 'bot']) {
      for (const status of ['active', 'closed', 'outbound']) {
        for (const q of ['', 'Valeria', '3001110001', secret]) {
          const query = new URLSearchParams({ tray, status, ...(q ? { q } : {}) });
          const answer = await call(base, 'GET', `/api/conversations?${query}`, { token: 'tok_bruno' });
          assert.equal(answer.status, 200);
          assert.equal(leaks(answer.text), false, `list ${query} leaks`);
        }
      }
    }
    const counts = await call(base, 'GET', '/api/conversations/counts?q=Valeria', { token: 'tok_bruno' });
    assert.equal(counts.status, 200);
    assert.deepEqual(counts.json, { queued: 0, mine: 0, agents: 0, bot: 0 }, 'counts do not reveal the conversation');
  });

  it('REST writes answer 403/404 and change nothing', async () => {
    const before = await admin.getConversation(ventas.id);
    const customerBefore = await admin.getCustomer(ventas.customerId);
    const messagesBefore = (await admin.listMessages(ventas.id, { limit: 200 })).messages.length;
    const form = new FormData();
    form.append('file', new Blob(['x'], { type: 'text/plain' }), 'x.txt');
    const writes: [string, string, RequestInit['body'] | object | undefined][] = [
      ['POST', `/api/conversations/${ventas.id}/messages`, { clientId: clientId(), text: 'intruso' }],
      ['POST', `/api/conversations/${ventas.id}/messages`, { clientId: clientId(), kind: 'note', text: 'nota intrusa' }],
      ['POST', `/api/conversations/${ventas.id}/assign`, undefined],
      ['POST', `/api/conversations/${ventas.id}/transfer`, { agentId: 'agt_bruno' }],
      ['POST', `/api/conversations/${ventas.id}/transfer`, { groupId: 'grp_soporte' }],
      ['POST', `/api/conversations/${ventas.id}/close`, undefined],
      ['POST', `/api/conversations/${ventas.id}/read`, undefined],
      ['POST', `/api/conversations/${ventas.id}/unread`, undefined],
      ['PUT', `/api/conversations/${ventas.id}/tags/tag_vip`, undefined],
      ['DELETE', `/api/conversations/${ventas.id}/tags/tag_vip`, undefined],
      ['PATCH', `/api/customers/${ventas.customerId}`, { version: customerBefore.customer.version, name: 'Robado' }],
    ];
    for (const [method, path, body] of writes) {
      const answer = await call(base, method, path, { token: 'tok_bruno', json: body });
      assert.ok(answer.status === 403 || answer.status === 404, `${method} ${path}: ${answer.status} ${answer.text.slice(0, 200)}`);
      assert.equal(leaks(answer.text), false, `${method} ${path} leaks`);
    }
    const uploadAnswer = await call(base, 'POST', `/api/conversations/${ventas.id}/uploads`, { token: 'tok_bruno', body: form });
    assert.ok(uploadAnswer.status === 403 || uploadAnswer.status === 404, `upload: ${uploadAnswer.status}`);
    const afterwards = await admin.getConversation(ventas.id);
    assert.deepEqual(afterwards.conversation, before.conversation, 'conversation unchanged');
    assert.deepEqual((await admin.getCustomer(ventas.customerId)).customer, customerBefore.customer, 'customer unchanged');
    assert.equal((await admin.listMessages(ventas.id, { limit: 200 })).messages.length, messagesBefore, 'no message added');
  });

  it('SSE: live events and replay from 0 carry nothing of the conversation', { timeout: 30_000 }, async () => {
    const live = readEventsFor(base, 'tok_bruno', null, 2_500);
    const replayHeader = readEventsFor(base, 'tok_bruno', '0', 2_500);
    const replayQuery = readEventsFor(base, 'tok_bruno', null, 2_500, '?lastEventId=0');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ana = new OwClient({ baseUrl: base, token: 'tok_ana' });
    await ana.sendMessage(ventas.id, { clientId: clientId(), text: `${secret} mensaje` });
    await ana.sendMessage(ventas.id, { clientId: clientId(), kind: 'note', text: `${secret} nota` });
    const customer = (await ana.getCustomer(ventas.customerId)).customer;
    await ana.updateCustomer(ventas.customerId, { version: customer.version, attributes: { ciudad: 'Lima' } });
    await ana.attachTag(ventas.id, 'tag_venta');
    await ana.markUnread(ventas.id);
    await sim.inbound({ channel: 'whatsapp', from: '+573001110001', text: `${secret} del cliente` });
    // Bruno's own conversation keeps producing events: the stream is alive, it just must not carry Ventas.
    await sim.inbound({ channel: 'whatsapp', from: '+573001110002', text: 'sigo en soporte' });
    for (const stream of await Promise.all([live, replayHeader, replayQuery])) {
      assert.equal(stream.status, 200);
      const events = eventsIn(stream.text);
      assert.ok(events.some((e) => JSON.stringify(e).includes(soporte.id)), 'Bruno receives his own conversation');
      const leaked = events.filter((e) => leaks(JSON.stringify(e)));
      assert.deepEqual(leaked, [], 'no Ventas event reaches Bruno');
    }
  });

  it("the customer's channel never carries notes or system events, live or replayed", { timeout: 20_000 }, async () => {
    const phone = '+573001110001';
    const live = fetch(`${base}/api/sim/events?channel=whatsapp&from=${encodeURIComponent(phone)}`, { headers: { Accept: 'text/event-stream' } });
    await (await live).status;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const ana = new OwClient({ baseUrl: base, token: 'tok_ana' });
    await ana.sendMessage(ventas.id, { clientId: clientId(), kind: 'note', text: 'nota-privada-de-ventas' });
    await ana.sendMessage(ventas.id, { clientId: clientId(), text: 'respuesta visible' });
    const view = await call(base, 'GET', `/api/sim/conversations?channel=whatsapp&from=${encodeURIComponent(phone)}`);
    assert.equal(view.status, 200);
    assert.ok(view.text.includes('respuesta visible'), 'the customer sees the reply');
    assert.equal(view.text.includes('nota-privada'), false, 'no note in what the customer sees');
    for (const m of view.json.messages) assert.ok(m.kind !== 'note' && m.kind !== 'event' && m.author !== 'system', `customer sees ${m.kind}/${m.author}`);
    for (const stream of [
      await readSim(live, 1_500),
      await readSim(fetch(`${base}/api/sim/events?channel=whatsapp&from=${encodeURIComponent(phone)}`, { headers: { Accept: 'text/event-stream', 'Last-Event-ID': '0' } }), 1_500),
    ]) {
      assert.ok(stream.includes('respuesta visible'), 'the customer stream works');
      assert.equal(stream.includes('nota-privada'), false, 'no note on the customer stream');
      for (const event of eventsIn(stream)) {
        const message = (event as { message?: { kind: string; author: string } }).message;
        assert.ok(message && message.kind !== 'note' && message.kind !== 'event', `customer stream carries ${event.type}`);
      }
    }

    async function readSim(pending: Promise<Response>, ms: number): Promise<string> {
      const response = await pending;
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      const timer = setTimeout(() => void reader.cancel(), ms);
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          text += decoder.decode(value, { stream: true });
        }
      } catch {
        // cancelled
      }
      clearTimeout(timer);
      return text;
    }
  });

  it('a conversation transferred away from Ventas stops reaching Ana and starts reaching Bruno', { timeout: 20_000 }, async () => {
    const moving = await sim.createConversation({
      channel: 'web',
      customer: { name: 'Mudanza', phone: '+573001110003' },
      stage: 'assigned',
      groupId: 'grp_ventas',
      assigneeId: 'agt_ana',
      messages: [{ author: 'customer', text: 'me van a transferir' }],
    });
    const anaStream = readEventsFor(base, 'tok_ana', null, 2_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ana = new OwClient({ baseUrl: base, token: 'tok_ana' });
    await ana.transfer(moving.conversation.id, { groupId: 'grp_soporte' });
    await sim.inbound({ channel: 'web', from: '+573001110003', text: 'después de la transferencia' });
    const events = eventsIn((await anaStream).text).filter((e) => JSON.stringify(e).includes(moving.conversation.id));
    assert.ok(events.some((e) => e.type === 'conversation.removed'), 'Ana is told to drop it');
    assert.equal(
      events.some((e) => JSON.stringify(e).includes('después de la transferencia')),
      false,
      'Ana receives nothing after the transfer',
    );
  });
});

describe('no token, wrong token: 401 and nothing read', () => {
  const ROUTES: [string, string][] = [
    ['GET', '/api/me'],
    ['PUT', '/api/me/status'],
    ['GET', '/api/conversations'],
    ['GET', '/api/conversations/counts'],
    ['GET', '/api/conversations/{v}'],
    ['GET', '/api/conversations/{v}/messages'],
    ['POST', '/api/conversations/{v}/messages'],
    ['POST', '/api/conversations/{v}/uploads'],
    ['POST', '/api/conversations/{v}/assign'],
    ['POST', '/api/conversations/{v}/transfer'],
    ['POST', '/api/conversations/{v}/close'],
    ['POST', '/api/conversations/{v}/read'],
    ['POST', '/api/conversations/{v}/unread'],
    ['PUT', '/api/conversations/{v}/tags/tag_vip'],
    ['DELETE', '/api/conversations/{v}/tags/tag_vip'],
    ['GET', '/api/customers/{c}'],
    ['PATCH', '/api/customers/{c}'],
    ['GET', '/api/tags'],
    ['POST', '/api/tags'],
    ['PATCH', '/api/tags/tag_vip'],
    ['GET', '/api/settings'],
    ['PATCH', '/api/settings'],
    ['GET', '/api/templates'],
    ['GET', '/api/quick-replies'],
    ['GET', '/api/agents'],
    ['GET', '/api/groups'],
    ['GET', '/api/events'],
  ];
  const CREDENTIALS: [string, Record<string, string>][] = [
    ['none', {}],
    ['wrong token', { Authorization: 'Bearer tok_wrong' }],
    ['empty bearer', { Authorization: 'Bearer ' }],
    ['basic scheme', { Authorization: `Basic ${btoa('ana@example.com:secret123')}` }],
    ['token without scheme', { Authorization: 'tok_ana' }],
    ['token with suffix', { Authorization: 'Bearer tok_ana_x' }],
    ['token prefix', { Authorization: 'Bearer tok_an' }],
    ['case changed', { Authorization: 'Bearer TOK_ANA' }],
    ['long token', { Authorization: `Bearer ${'t'.repeat(8000)}` }],
  ];

  it('sign-in does not tell a wrong password from an unknown e-mail', async () => {
    const answers = await Promise.all([
      call(base, 'POST', '/api/auth/sign-in', { json: { email: 'ana@example.com', password: 'wrong-password' } }),
      call(base, 'POST', '/api/auth/sign-in', { json: { email: 'nadie@example.com', password: 'wrong-password' } }),
      call(base, 'POST', '/api/auth/sign-in', { json: { email: 'ANA@example.com', password: 'secret123x' } }),
    ]);
    for (const answer of answers) assert.equal(answer.status, 401);
    assert.equal(new Set(answers.map((a) => a.text)).size, 1, `same answer: ${answers.map((a) => a.text).join(' | ')}`);
    assert.equal(answers.some((a) => 'token' in (a.json ?? {})), false);
  });

  it('every route, every bad credential', { timeout: 60_000 }, async () => {
    const before = await snapshot();
    for (const [method, template] of ROUTES) {
      const path = template.replace('{v}', ventas.id).replace('{c}', ventas.customerId);
      for (const [label, headers] of CREDENTIALS) {
        const body = method === 'GET' || method === 'DELETE' ? undefined : JSON.stringify({ status: 'away', name: 'x', version: 1, clientId: clientId(), text: 'x' });
        const answer = await call(base, method, path, { headers, body, contentType: body ? 'application/json' : undefined });
        assert.equal(answer.status, 401, `${method} ${path} with ${label}: ${answer.status}`);
        assertRefused(answer, `${method} ${path} with ${label}`);
        assert.equal(leaks401(answer.text), false, `${method} ${path} with ${label} leaks data`);
      }
      const viaQuery = await call(base, method, `${path}${path.includes('?') ? '&' : '?'}token=tok_ana&access_token=tok_ana`);
      assert.equal(viaQuery.status, 401, `${method} ${path}: a token in the URL is not accepted`);
    }
    const afterwards = await snapshot();
    assert.deepEqual(afterwards, before, 'nothing changed');
    await assertHealthy('unauthenticated probes');

    function leaks401(text: string): boolean {
      return text.includes(ventas.id) || text.includes('Valeria') || text.includes('secret') || text.includes('tok_');
    }
  });
});

describe('a server started without test routes', () => {
  it('answers 404 on every /__test route and keeps its workspace', async () => {
    const production = await startTestServer({ testRoutes: false });
    try {
      const admin = new OwClient({ baseUrl: production.baseUrl, token: 'tok_admin' });
      const before = await admin.listTags();
      for (const [path, body] of [
        ['/__test/reset', undefined],
        ['/__test/clock', { advanceMs: 86_400_000 }],
        ['/__test/tick', undefined],
        ['/__test/conversations', { channel: 'web', customer: { name: 'x', phone: '+570000000' }, stage: 'queued' }],
      ] as const) {
        const answer = await call(production.baseUrl, 'POST', path, { json: body });
        assert.equal(answer.status, 404, `${path}: ${answer.status}`);
      }
      assert.deepEqual(await admin.listTags(), before);
    } finally {
      await production.close();
    }
  });
});
