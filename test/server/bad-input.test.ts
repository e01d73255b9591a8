// Hostile or broken input: clear 4xx answers with a reason, nothing lost, the server keeps answering.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, test } from 'node:test';
import type { TestServer } from '../../server/testing.js';
import { client, useServer } from './helpers.js';

let server: TestServer;
let api: ReturnType<typeof client>;
useServer((started, caller) => {
  server = started;
  api = caller;
});

async function stillUp(): Promise<void> {
  assert.equal((await api.get('ana', '/api/me')).status, 200);
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a2e3a1f60000000049454e44ae426082', 'hex');

function upload(path: string, name: string, bytes: Uint8Array, token = 'tok_ana') {
  const form = new FormData();
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
  return fetch(server.baseUrl + path, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
}

describe('authentication', () => {
  test('sign-in with e-mail and password; wrong password is 401; tokens work', async () => {
    const ok = await api.post(null, '/api/auth/sign-in', { email: 'ana@example.com', password: 'secret123' });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.agent.id, 'agt_ana');
    assert.equal('passwordHash' in ok.body.agent, false);
    const me = await fetch(`${server.baseUrl}/api/me`, { headers: { Authorization: `Bearer ${ok.body.token}` } });
    assert.equal((await me.json()).me.id, 'agt_ana');
    const bad = await api.post(null, '/api/auth/sign-in', { email: 'ana@example.com', password: 'secret124' });
    assert.equal(bad.status, 401);
    assert.equal(bad.body.error, 'unauthorized');
    assert.equal((await api.post(null, '/api/auth/sign-in', { email: 'nadie@example.com', password: 'secret123' })).status, 401);
  });

  test('missing or wrong token is 401 with a reason', async () => {
    for (const headers of [{}, { Authorization: 'Bearer tok_nadie' }, { Authorization: 'Basic abc' }]) {
      const answer = await fetch(`${server.baseUrl}/api/conversations`, { headers: headers as Record<string, string> });
      assert.equal(answer.status, 401);
      const body = await answer.json();
      assert.equal(body.error, 'unauthorized');
      assert.ok(body.reason.length > 0);
    }
  });
});

describe('bodies and ids', () => {
  test('malformed JSON, unknown fields, wrong types, huge text, unknown ids: 4xx with a reason', async () => {
    const { conversation } = await api.conversation({ stage: 'assigned', assigneeId: 'agt_ana', groupId: 'grp_ventas' });
    const send = (body: unknown) => api.post('ana', `/api/conversations/${conversation.id}/messages`, body);
    const cases: [unknown, number, RegExp][] = [
      ['{"clientId": "abc', 400, /malformed JSON/],
      ['', 400, /expected a JSON object/],
      [{ clientId: 'unknown-f1', text: 'x', html: '<b>' }, 400, /html/],
      [{ clientId: 12345678, text: 'x' }, 400, /clientId/],
      [{ clientId: 'wrong-type', text: ['x'] }, 400, /text/],
      [{ clientId: 'too-long-01', text: 'x'.repeat(5000) }, 400, /text: must be at most 4096/],
      [{ clientId: 'empty-0001', text: '   ' }, 400, /needs text/],
      [{ clientId: 'huge-00001', text: 'x'.repeat(5 * 1024 * 1024) }, 413, /exceeds/],
      [{ clientId: 'attach-001', text: 'x', attachmentIds: ['att_nada'] }, 400, /unknown attachment/],
      [{ clientId: 'nul-char-01', text: 'a\u0000b' }, 400, /text: must not contain NUL/],
      [`{"clientId":"deep-nest-01","text":"x","extra":${'['.repeat(5000)}${']'.repeat(5000)}}`, 400, /nested too deeply/],
    ];
    for (const [body, status, reason] of cases) {
      const answer = await send(body);
      assert.equal(answer.status, status, JSON.stringify(body).slice(0, 60));
      assert.match(answer.body.reason, reason);
    }
    assert.equal((await api.get('ana', '/api/conversations/conv_nada')).status, 404);
    assert.equal((await api.get('ana', '/api/conversations/..%2F..%2Fetc')).status, 400);
    assert.equal((await api.get('ana', '/api/conversations?tray=todo')).status, 400);
    assert.equal((await api.get('ana', '/api/conversations?limit=100000')).status, 400);
    assert.equal((await api.get('ana', '/api/conversations?extra=1')).status, 400);
    assert.equal((await api.get('ana', '/api/conversations?q=%00')).status, 400);
    assert.equal((await api.post('ana', '/api/conversations/conv_nada/messages', { clientId: 'nada-00001', text: 'x' })).status, 404);
    const route = await api.get('ana', '/api/no-existe');
    assert.equal(route.status, 404);
    assert.equal(route.body.error, 'not_found');
    assert.equal((await api.patch('ana', '/api/settings', { autoCloseHours: 1 })).status, 403);
    assert.equal((await api.patch('admin', '/api/settings', { autoCloseHours: -1 })).status, 400);
    assert.equal((await api.post(null, '/api/sim/inbound', { channel: 'fax', from: '123', text: 'x' })).status, 400);
    // Nothing was stored by the refused sends.
    assert.equal((await api.get('ana', `/api/conversations/${conversation.id}/messages`)).body.messages.length, 1);
    await stillUp();
  });
});

describe('uploads', () => {
  test('stored and served by signed URL with sniffed type, nosniff, CSP sandbox and a safe disposition', async () => {
    const { conversation } = await api.conversation({ stage: 'assigned', assigneeId: 'agt_ana', groupId: 'grp_ventas' });
    const image = await upload(`/api/conversations/${conversation.id}/uploads`, '../../etc/foto"1.txt', PNG);
    assert.equal(image.status, 201);
    const { attachment } = await image.json();
    assert.equal(attachment.contentType, 'image/png');
    assert.equal(attachment.name, 'foto1.txt');
    assert.equal(attachment.size, PNG.length);
    const served = await fetch(attachment.url);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('content-type'), 'image/png');
    assert.equal(served.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(served.headers.get('content-security-policy'), "default-src 'none'; sandbox");
    assert.match(served.headers.get('content-disposition')!, /^inline; filename="foto1.txt"/);
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), PNG);

    const spoof = await upload(`/api/conversations/${conversation.id}/uploads`, 'factura\u202Efdp.exe', PNG);
    assert.equal((await spoof.json()).attachment.name, 'facturafdp.exe');

    const html = await upload(`/api/conversations/${conversation.id}/uploads`, 'pagina.html', new TextEncoder().encode('<script>alert(1)</script>'));
    const htmlAttachment = (await html.json()).attachment;
    assert.equal(htmlAttachment.contentType, 'application/octet-stream');
    const servedHtml = await fetch(htmlAttachment.url);
    assert.equal(servedHtml.headers.get('content-type'), 'application/octet-stream');
    assert.match(servedHtml.headers.get('content-disposition')!, /^attachment;/);
    assert.equal((await fetch(htmlAttachment.url.replace(/sig=[^&]+/, 'sig=forged'))).status, 404);

    const sent = await api.post('ana', `/api/conversations/${conversation.id}/messages`, { clientId: 'with-image1', attachmentIds: [attachment.id] });
    assert.equal(sent.status, 201);
    assert.equal(sent.body.message.kind, 'image');
    assert.equal(sent.body.message.attachments[0].id, attachment.id);
    // Uploads of one conversation cannot be sent in another.
    const other = await api.conversation({ stage: 'assigned', assigneeId: 'agt_ana', groupId: 'grp_ventas' });
    assert.equal((await api.post('ana', `/api/conversations/${other.conversation.id}/messages`, { clientId: 'stolen-att1', attachmentIds: [attachment.id] })).status, 400);
    assert.equal((await upload(`/api/conversations/${conversation.id}/uploads`, 'x.png', PNG, 'tok_bruno')).status, 404);
  });

  test('oversized uploads are refused from Content-Length before reading, and while streaming a lying body', async () => {
    await api.patch('admin', '/api/settings', { maxUploadBytes: { whatsapp: 1000 } });
    const { conversation } = await api.conversation({ stage: 'assigned', assigneeId: 'agt_ana', groupId: 'grp_ventas' });
    const path = `/api/conversations/${conversation.id}/uploads`;

    const declared = await new Promise<{ status: number; body: string; sentBytes: number }>((resolve, reject) => {
      const req = request(server.baseUrl + path, {
        method: 'POST',
        headers: { Authorization: 'Bearer tok_ana', 'Content-Type': 'multipart/form-data; boundary=x', 'Content-Length': String(50 * 1024 * 1024) },
      });
      let sentBytes = 0;
      req.on('response', (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body, sentBytes }));
      });
      req.on('error', reject);
      // Only the headers and a first chunk: the answer must come without the rest of the body.
      req.write(Buffer.alloc(1024));
      sentBytes = 1024;
    });
    assert.equal(declared.status, 413);
    assert.match(JSON.parse(declared.body).reason, /1000 bytes/);

    const lying = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(server.baseUrl + path, {
        method: 'POST',
        headers: { Authorization: 'Bearer tok_ana', 'Content-Type': 'multipart/form-data; boundary=x', 'Transfer-Encoding': 'chunked' },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      let sent = 0;
      const pump = () => {
        while (sent < 5 * 1024 * 1024) {
          sent += 64 * 1024;
          if (!req.write(Buffer.alloc(64 * 1024))) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    assert.equal(lying.status, 413);

    const small = await upload(path, 'ok.png', PNG);
    assert.equal(small.status, 201);
    const tooBig = await upload(path, 'big.bin', new Uint8Array(1001));
    assert.equal(tooBig.status, 413);
    const notMultipart = await fetch(server.baseUrl + path, { method: 'POST', headers: { Authorization: 'Bearer tok_ana', 'Content-Type': 'application/json' }, body: '{}' });
    assert.equal(notMultipart.status, 415);
    await stillUp();
  });

  test('customer uploads on the simulated channel become image/audio/file messages', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.concat([Buffer.from('OggS'), Buffer.alloc(100)])]), 'nota de voz.ogg');
    const answer = await fetch(`${server.baseUrl}/api/sim/uploads?channel=whatsapp`, { method: 'POST', body: form });
    assert.equal(answer.status, 201);
    const { attachment } = await answer.json();
    assert.equal(attachment.contentType, 'audio/ogg');
    const inbound = await api.inbound('+573001110000', '', { attachmentIds: [attachment.id] });
    assert.equal(inbound.status, 200);
    assert.equal(inbound.body.message.kind, 'audio');
    // An upload is claimed once.
    assert.equal((await api.inbound('+573001110000', 'otra vez', { attachmentIds: [attachment.id] })).status, 400);
  });
});
