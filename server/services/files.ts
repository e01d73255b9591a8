// Signed file URLs (HMAC with a workspace secret), so <img src> works without an Authorization header.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/adapter.js';
import type { AttachmentMeta } from '../db/types.js';
import { secret } from '../db/workspace.js';

/** URLs stay valid this long; the expiry is rounded to a day so the same file keeps one URL (browser cache). */
const VALIDITY_S = 7 * 24 * 3600;
const DAY_S = 24 * 3600;

export class FileSigner {
  private constructor(
    private readonly key: Buffer,
    private readonly now: () => number,
    public publicUrl: string,
  ) {}

  static async create(db: Db, now: () => number, publicUrl = ''): Promise<FileSigner> {
    const value = await db.tx((q) => secret(q, 'file_url_key', () => randomBytes(32).toString('base64url')));
    return new FileSigner(Buffer.from(value, 'base64url'), now, publicUrl);
  }

  url(meta: Pick<AttachmentMeta, 'id' | 'name'>): string {
    const exp = (Math.floor(this.now() / 1000 / DAY_S) + 1) * DAY_S + VALIDITY_S;
    const sig = this.signature(meta.id, exp);
    return `${this.publicUrl}/api/files/${encodeURIComponent(meta.id)}/${encodeURIComponent(meta.name)}?exp=${exp}&sig=${sig}`;
  }

  verify(id: string, exp: string | undefined, sig: string | undefined): boolean {
    if (!exp || !sig || !/^\d{1,12}$/.test(exp)) return false;
    if (Number(exp) * 1000 < this.now()) return false;
    const expected = Buffer.from(this.signature(id, Number(exp)));
    const given = Buffer.from(sig);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private signature(id: string, exp: number): string {
    return createHmac('sha256', this.key).update(`${id}\n${exp}`).digest('base64url');
  }
}
