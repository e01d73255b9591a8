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

let nextUploadKey = 1;

/**
 * Uploads the files, refusing those over the channel's limit or over the count per message. The
 * files replace what was said about files of the same names (refused, failed) and about the count.
 */
export function attach(host: OwComposer, files: readonly File[]): void {
  const names = new Set(files.map((f) => f.name));
  host.clearErrors((about) => about === 'count' || names.has(fileOf(about) ?? ''));
  for (const file of files) {
    if (host.uploads.length >= MAX_ATTACHMENTS) {
      host.addError(host.t('composer.tooMany', { max: MAX_ATTACHMENTS }), 'count');
      return;
    }
    if (!refuseTooLarge(host, file)) void upload(host, file);
  }
}

/** The file a `too-large:` or `upload:` error is about. */
function fileOf(about: ErrorSubject): string | undefined {
  return /^(?:too-large|upload):(.*)$/s.exec(about)?.[1];
}

/** True, with an error naming the file and the limit, when the file is over the channel's limit. */
export function refuseTooLarge(host: OwComposer, file: File): boolean {
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
    `too-large:${file.name}`,
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
    if (!entry.controller.signal.aborted) host.addError(host.t('composer.uploadFailed', { name: file.name, reason: describeError(host.lang_, error) }), `upload:${file.name}`);
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
