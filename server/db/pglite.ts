// PGlite adapter: one connection, so every query and transaction is serialized through a queue.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, Row } from './adapter.js';

class Serializer {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

export async function openPglite(dataDir: string): Promise<Db> {
  mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir);
  const queue = new Serializer();
  const direct: Queryable = {
    async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
      const result = await pg.query<T>(sql, params as unknown[]);
      return result.rows;
    },
  };
  let closed = false;
  return {
    kind: 'pglite',
    query: (sql, params) => queue.run(() => direct.query(sql, params)),
    tx: (fn) =>
      queue.run(async () => {
        await pg.exec('BEGIN');
        try {
          const value = await fn(direct);
          await pg.exec('COMMIT');
          return value;
        } catch (error) {
          await pg.exec('ROLLBACK');
          throw error;
        }
      }),
    exec: (sql) => queue.run(async () => void (await pg.exec(sql))),
    close: () =>
      queue.run(async () => {
        if (closed) return;
        closed = true;
        await pg.close();
      }),
  };
}
