// Message text as plain text with http(s), mailto and www. links made clickable — never parsed as HTML.
import { html, nothing, type TemplateResult } from 'lit';

const LINK = /(?:\bhttps?:\/\/|\bmailto:|\bwww\.)[^\s<>"'`]+/gi;
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
/** Punctuation that usually ends the sentence around a link rather than belonging to it. */
const TRAILING = /[.,;:!?¡¿'")\]}*_~]+$/;

/** The href a matched link points to, or null when it is not a safe http(s)/mailto URL. */
export function safeHref(candidate: string): string | null {
  const href = /^www\./i.test(candidate) ? `https://${candidate}` : candidate;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (!SAFE_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol === 'mailto:' ? url.pathname.length === 0 : url.hostname.length === 0) return null;
  return url.href;
}

/** Splits a match into the link and the punctuation that follows it, keeping balanced closing parentheses. */
function trimTrailing(match: string): [string, string] {
  const trailing = TRAILING.exec(match)?.[0] ?? '';
  if (!trailing) return [match, ''];
  let link = match.slice(0, match.length - trailing.length);
  let rest = trailing;
  // "(see https://x.org/a_(b))": a ")" closing a "(" inside the link is part of it.
  while (rest.startsWith(')') && count(link, '(') > count(link, ')')) {
    link += ')';
    rest = rest.slice(1);
  }
  return [link, rest];
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}

/** Renders `text` as text nodes and `<a target="_blank" rel="noopener noreferrer">` links. */
export function linkify(text: string): TemplateResult {
  const parts: Array<string | TemplateResult> = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const [link, rest] = trimTrailing(match[0]);
    const href = safeHref(link);
    if (!href) continue;
    const start = match.index ?? 0;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(html`<a href=${href} target="_blank" rel="noopener noreferrer">${link}</a>`);
    last = start + link.length;
    if (rest) {
      parts.push(rest);
      last += rest.length;
    }
  }
  if (last < text.length) parts.push(text.slice(last));
  return html`${parts.length ? parts : nothing}`;
}
