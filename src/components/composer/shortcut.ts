/** `/word` right before the caret, at the start of the text or after whitespace. */
const QUICK_REPLY_TOKEN = /(?:^|\s)\/([^\s/]*)$/;

/** The quick reply shortcut being typed before the caret: where its "/" is and the word after it. */
export function shortcutBefore(field: HTMLTextAreaElement): { at: number; query: string } | undefined {
  const before = field.value.slice(0, field.selectionStart);
  const match = QUICK_REPLY_TOKEN.exec(before);
  return match ? { at: before.length - match[1].length - 1, query: match[1] } : undefined;
}
