// Database-side shapes that are not part of the public contract.

/** An attachment as stored inside a message (the URL is signed when the message is served). */
export interface AttachmentMeta {
  id: string;
  name: string;
  contentType: string;
  size: number;
}
