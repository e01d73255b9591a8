// Writes as a customer to a running server and prints the bot's (or agent's) answers.
// npm run customer -- --channel whatsapp --from +5491122334455 --name Ana "hola"
import { parseArgs } from 'node:util';
import type { Message } from '../../src/contract/index.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    channel: { type: 'string', default: 'whatsapp' },
    from: { type: 'string' },
    name: { type: 'string' },
    url: { type: 'string', default: process.env.OW_URL ?? `http://127.0.0.1:${process.env.PORT ?? 8787}` },
  },
});

const text = positionals.join(' ');
if (!values.from || !text) {
  console.error('usage: npm run customer -- --channel whatsapp --from +5491122334455 [--name Ana] [--url http://127.0.0.1:8787] "hola"');
  process.exit(2);
}

const base = values.url!.replace(/\/+$/, '');
const response = await fetch(`${base}/api/sim/inbound`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ channel: values.channel, from: values.from, text, ...(values.name ? { name: values.name } : {}) }),
});
const body = (await response.json()) as { message?: Message; reason?: string };
if (!response.ok || !body.message) {
  console.error(`error ${response.status}: ${body.reason ?? 'unexpected answer'}`);
  process.exit(1);
}
const sentSeq = body.message.seq;
const view = (await (
  await fetch(`${base}/api/sim/conversations?channel=${encodeURIComponent(values.channel!)}&from=${encodeURIComponent(values.from)}`)
).json()) as { messages: Message[] };
const answers = view.messages.filter((m) => m.seq > sentSeq && m.author !== 'customer');
for (const m of answers) console.log(`${m.author === 'bot' ? 'bot' : 'agente'}: ${m.text}`);
if (answers.length === 0) console.log('(sin respuesta todavía)');
