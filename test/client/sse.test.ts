import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SseParser, type SseMessage } from '../../src/client/sse.js';

function parse(chunks: string[]): SseMessage[] {
  const out: SseMessage[] = [];
  const parser = new SseParser((m) => out.push(m));
  for (const chunk of chunks) parser.push(chunk);
  return out;
}

test('parses id and data, ignores comments (heartbeats)', () => {
  const out = parse([': ping\n\nid: 7\ndata: {"id":7}\n\n: ping\n\n']);
  assert.deepEqual(out, [{ id: '7', event: 'message', data: '{"id":7}' }]);
});

test('messages split across chunks at any byte, CRLF line endings, multi-line data', () => {
  const text = 'id: 1\r\ndata: {"a":\r\ndata: 1}\r\n\r\nid: 2\ndata: x\n\n';
  for (let cut = 1; cut < text.length; cut += 1) {
    const out = parse([text.slice(0, cut), text.slice(cut)]);
    assert.deepEqual(out, [
      { id: '1', event: 'message', data: '{"a":\n1}' },
      { id: '2', event: 'message', data: 'x' },
    ], `cut at ${cut}`);
  }
});

test('an unfinished message is not delivered', () => {
  assert.deepEqual(parse(['id: 3\ndata: {"partial"']), []);
});

test('lone CR line endings, split at any byte, and messages without data are dropped', () => {
  const text = 'id: 4\rdata: a\r\revent: ping\r\rdata: b\r\n\r\n';
  for (let cut = 1; cut < text.length; cut += 1) {
    const out = parse([text.slice(0, cut), text.slice(cut)]);
    assert.deepEqual(out, [
      { id: '4', event: 'message', data: 'a' },
      { id: null, event: 'message', data: 'b' },
    ], `cut at ${cut}`);
  }
});
