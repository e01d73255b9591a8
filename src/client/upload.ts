// Multipart upload with progress: XMLHttpRequest where it exists (it reports upload progress), fetch elsewhere.
import type { UploadProgress } from './store-types.js';
import { NetworkError } from './errors.js';
import { apiErrorFrom, send, type FetchLike } from './http.js';

export interface UploadOptions {
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

export type UploadFile = Blob & { name?: string };

export function formWithFile(file: UploadFile): FormData {
  const form = new FormData();
  form.append('file', file, file.name || 'file');
  return form;
}

export async function uploadMultipart<T>(
  fetchFn: FetchLike,
  url: string,
  headers: Record<string, string>,
  file: UploadFile,
  options: UploadOptions = {},
): Promise<T> {
  if (typeof XMLHttpRequest !== 'undefined') return uploadWithXhr<T>(url, headers, file, options);
  const response = await send(fetchFn, url, 'POST', { body: formWithFile(file), headers, signal: options.signal });
  const result = (await response.json()) as T;
  options.onProgress?.({ loaded: file.size, total: file.size });
  return result;
}

function uploadWithXhr<T>(url: string, headers: Record<string, string>, file: UploadFile, options: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const { signal, onProgress } = options;
    if (signal?.aborted) {
      reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('Accept', 'application/json');
    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);
    if (onProgress) {
      xhr.upload.onprogress = (event) => onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    }
    xhr.onload = () => {
      done();
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch (error) {
          reject(new NetworkError(`POST ${url}: the response body could not be read`, { cause: error }));
        }
        return;
      }
      reject(apiErrorFrom(xhr.status, xhr.responseText, xhr.statusText));
    };
    xhr.onerror = () => {
      done();
      reject(new NetworkError(`POST ${url} failed`));
    };
    xhr.onabort = () => {
      done();
      reject(signal?.reason ?? new DOMException('Aborted', 'AbortError'));
    };
    xhr.send(formWithFile(file));
  });
}
