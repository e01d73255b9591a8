// Attached files: the per-channel size limit, uploads with progress, the list of chips and the
// drop hint. Its own chunk: a composer loads it when files are first dragged over it, pasted, dropped or picked.
import { html, nothing, type TemplateResult } from 'lit';
import { MAX_ATTACHMENTS, type Attachment, type Conversation } from '../../contract/index.js';
import { describeError, formatBytes } from '../shared/i18n.js';
import type { ErrorSubject, OwComposer } from './ow-composer.js';
import './parts.strings.js';

/** A file attached to the message being written: `attachment` is null while it uploads. */
export interface Upload {
  key: number;
  name: string;
  size: number;
  loaded: number;
  controller: AbortController;
  attachment: Attachment | null;
}

const CHANNEL_NAMES: Record<Conversation['channel'], string> = { whatsapp: 'WhatsApp', instagram: 'Instagram', facebook: 'Facebook', web: 'Web' };

/** Numbers each file attached, refused or failed: its chip and its error are its own, whatever its name. */
let nextUploadKey = 1;

/**
 * Uploads the files, refusing those over the channel's limit or over the count per message.
 * Pasted files without a name of their own get one (see `pastedName`). Each file attached again
 * replaces what was said about one earlier file of its name (refused, failed): the one of the
 * same size if any, else the oldest; the others stay. What was said about the count goes too.
 */
export function attach(host: OwComposer, files: readonly File[], pasted = false): void {
  const now = new Date();
  const named = pasted ? files.map((file) => (GENERIC_NAME.test(file.name) ? pastedFile(host, file, now) : file)) : files;
  const retired = new Set<ErrorSubject>();
  for (const file of named) {
    const earlier = host.errors.map((e) => e.about).filter((about) => !retired.has(about) && fileOf(about)?.name === file.name);
    const same = earlier.find((about) => fileOf(about)?.size === file.size) ?? earlier[0];
    if (same) retired.add(same);
  }
  host.clearErrors((about) => about === 'count' || retired.has(about));
  for (const file of named) {
    if (host.uploads.length >= MAX_ATTACHMENTS) {
      host.addError(host.t('composer.tooMany', { max: MAX_ATTACHMENTS }), 'count');
      return;
    }
    if (!refuseTooLarge(host, file, subject('too-large', nextUploadKey++, file))) void upload(host, file);
  }
}

/**
 * What an error about one file is about: its own number, so that two files of one name never
 * share an error, then its size and name, which tell what a file attached later replaces.
 */
function subject(kind: 'too-large' | 'upload', key: number, file: File): ErrorSubject {
  return `${kind}:${key}:${file.size}:${file.name}`;
}

/** The file a `too-large:` or `upload:` error is about. */
function fileOf(about: ErrorSubject): { size: number; name: string } | undefined {
  const match = /^(?:too-large|upload):\d+:(\d+):(.*)$/s.exec(about);
  return match ? { size: Number(match[1]), name: match[2]! } : undefined;
}

/**
 * The names browsers give what the clipboard holds without a file name of its own (a screenshot,
 * an image copied from a page): every one of them is "image.png".
 */
const GENERIC_NAME = /^(?:image|blob)?(?:\.[a-z0-9]+)?$/i;

/** Extensions a MIME type's subtype does not spell as such; other types use their subtype. */
const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/svg+xml': 'svg', 'image/x-icon': 'ico', 'text/plain': 'txt', 'audio/mpeg': 'mp3', 'video/quicktime': 'mov' };

/** The second of the last pasted name, and how many were named in it. */
let pastedSecond = 0;
let pastedInSecond = 0;

/**
 * A pasted file under a name of its own, in the element's language, from the time of the paste,
 * numbered when more arrive in the same second: "Imagen pegada 14-32-05.png", "Imagen pegada
 * 14-32-05 (2).png". The extension comes from the MIME type (the server also sees this name).
 */
function pastedFile(host: OwComposer, file: File, now: Date): File {
  const second = Math.floor(now.getTime() / 1000);
  pastedInSecond = second === pastedSecond ? pastedInSecond + 1 : 1;
  pastedSecond = second;
  const time = [now.getHours(), now.getMinutes(), now.getSeconds()].map((n) => String(n).padStart(2, '0')).join('-');
  const base = host.t(file.type.startsWith('image/') ? 'composer.pastedImage' : 'composer.pastedFile', { time });
  const extension = EXTENSIONS[file.type] ?? /^[a-z]+\/([a-z0-9]+)$/i.exec(file.type)?.[1]?.toLowerCase() ?? /\.([a-z0-9]+)$/i.exec(file.name)?.[1] ?? '';
  const name = `${base}${pastedInSecond > 1 ? ` (${pastedInSecond})` : ''}${extension ? `.${extension}` : ''}`;
  return new File([file], name, { type: file.type, lastModified: file.lastModified });
}

/**
 * True, with an error naming the file and the limit, when the file is over the channel's limit.
 * `about` is what the error is about (a voice note, one at a time, goes by its name).
 */
export function refuseTooLarge(host: OwComposer, file: File, about: ErrorSubject = `too-large:${file.name}`): boolean {
  const conversation = host.conversation.value;
  const settings = host.settings.value;
  if (!conversation || !settings) return false;
  const limit = settings.maxUploadBytes[conversation.channel];
  if (file.size <= limit) return false;
  host.addError(
    host.t('composer.tooLarge', {
      name: file.name,
      size: formatBytes(host.lang_, file.size),
      limit: formatBytes(host.lang_, limit),
      channel: CHANNEL_NAMES[conversation.channel],
    }),
    about,
  );
  return true;
}

/** Uploads one file with progress; resolves to its attachment, or null when cancelled or failed. */
export async function upload(host: OwComposer, file: File): Promise<Attachment | null> {
  const store = host.storeInUse;
  if (!store) return null;
  const entry: Upload = { key: nextUploadKey++, name: file.name, size: file.size, loaded: 0, controller: new AbortController(), attachment: null };
  host.uploads = [...host.uploads, entry];
  const patch = (changes: Partial<Upload>) => {
    host.uploads = host.uploads.map((u) => (u.key === entry.key ? Object.assign(u, changes) : u));
  };
  try {
    const attachment = await store.upload(host.conversationId, file, (p) => patch({ loaded: p.loaded }), entry.controller.signal);
    patch({ attachment, loaded: entry.size });
    return attachment;
  } catch (error) {
    host.uploads = host.uploads.filter((u) => u.key !== entry.key);
    if (!entry.controller.signal.aborted) host.addError(host.t('composer.uploadFailed', { name: file.name, reason: describeError(host.lang_, error) }), subject('upload', entry.key, file));
    return null;
  }
}

function remove(host: OwComposer, entry: Upload): void {
  entry.controller.abort();
  host.uploads = host.uploads.filter((u) => u.key !== entry.key);
  host.textarea?.focus();
}

/** The hint over the composer while files are dragged over it. */
export function renderDropHint(host: OwComposer): TemplateResult {
  return html`<style>
      .drop-hint {
        position: absolute;
        inset: 0;
        display: grid;
        place-items: center;
        font-weight: 600;
        color: var(--_accent);
        pointer-events: none;
        z-index: 2;
        background: color-mix(in srgb, var(--_bg) 80%, transparent);
      }
    </style>
    <div class="drop-hint" part="drop-zone" aria-hidden="true">${host.t('composer.dropHere')}</div>`;
}

/** The attached files, each with its size, its upload's progress and a button that removes it. */
export function renderUploads(host: OwComposer): TemplateResult {
  return html`<style>
      .uploads {
        display: flex;
        flex-wrap: wrap;
        gap: calc(var(--_space) * 0.5);
      }
      .chip {
        display: inline-flex;
        align-items: center;
        gap: calc(var(--_space) * 0.5);
        border: 1px solid var(--_border);
        border-radius: 999px;
        padding: 2px var(--_space);
        background: var(--_surface);
        font-size: 0.85em;
        max-width: 100%;
      }
      .chip .name {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        max-width: 16em;
      }
      .chip .size {
        color: var(--_muted);
      }
      progress {
        width: 5em;
        accent-color: var(--_accent);
      }
    </style>
    <ul class="uploads" part="attachments" aria-label=${host.t('composer.attachments')}>
      ${host.uploads.map((entry) => {
        const action = host.t(entry.attachment ? 'composer.removeAttachment' : 'composer.cancelUpload', { name: entry.name });
        return html`<li class="chip" part="attachment">
          <span class="name">${entry.name}</span>
          <span class="size">${formatBytes(host.lang_, entry.size)}</span>
          ${entry.attachment
            ? nothing
            : html`<progress part="progress" max=${entry.size || 1} .value=${entry.loaded} aria-label=${host.t('composer.uploading', { name: entry.name })}></progress>`}
          <button class="icon small" aria-label=${action} title=${action} @click=${() => remove(host, entry)}>×</button>
        </li>`;
      })}
    </ul>`;
}
