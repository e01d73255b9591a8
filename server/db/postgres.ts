// PostgreSQL adapter over a `pg` pool; an optional schema isolates one workspace (tests use a fresh one each).
import pg from 'pg';
import type { Db, Queryable, Row } from './adapter.js';

// int8 (bigserial event ids, counts) as numbers: they stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

export interface PostgresOptions {
  connectionString: string;
  /** Schema for every table; created when missing. */
  schema?: string;
  max?: number;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export async function openPostgres(options: PostgresOptions): Promise<Db> {
  const searchPath = options.schema ? `-c search_path=${options.schema}` : undefined;
  const clientConfig = { connectionString: options.connectionString, options: searchPath };
  if (options.schema) {
    const admin = new pg.Client({ connectionString: options.connectionString });
    await admin.connect();
    try {
      // IF NOT EXISTS is not safe against another instance creating it at the same moment (a unique
      // violation on pg_namespace): instances starting together take turns.
      await admin.query('BEGIN');
      await admin.query('SELECT pg_advisory_xact_lock(7201000)');
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(options.schema)}`);
      await admin.query('COMMIT');
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({ ...clientConfig, max: options.max ?? 10 });
  pool.on('error', (error) => console.error('[db] idle client error:', error.message));
  const listeners = new Set<pg.Client>();
  let closing = false;

  return {
    kind: 'postgres',
    async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
      const result = await pool.query(sql, params as unknown[]);
      return result.rows as T[];
    },
    async tx(fn) {
      const client = await pool.connect();
      let value: Awaited<ReturnType<typeof fn>>;
      try {
        await client.query('BEGIN');
        const q: Queryable = {
          async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
            const result = await client.query(sql, params as unknown[]);
            return result.rows as T[];
          },
        };
        value = await fn(q);
        await client.query('COMMIT');
      } catch (error) {
        // A connection that cannot even roll back is broken: drop it instead of returning it to the pool.
        const broken = await client.query('ROLLBACK').then(() => undefined, (rollbackError: Error) => rollbackError);
        client.release(broken);
        throw error;
      }
      client.release();
      return value;
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async listen(channel, onPayload, onReconnect) {
      let client: pg.Client | null = null;
      let stopped = false;
      const connect = async (): Promise<void> => {
        const next = new pg.Client(clientConfig);
        next.on('notification', (message) => {
          if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
        });
        next.on('error', (error) => console.error('[db] listener error:', error.message));
        next.on('end', () => {
          listeners.delete(next);
          if (!stopped && !closing) setTimeout(() => void retry(), 1000).unref();
        });
        await next.connect();
        await next.query(`LISTEN ${quoteIdent(channel)}`);
        client = next;
        listeners.add(next);
      };
      const retry = async (): Promise<void> => {
        if (stopped || closing) return;
        try {
          await connect();
          onReconnect?.();
        } catch (error) {
          console.error('[db] listener reconnect failed:', (error as Error).message);
          setTimeout(() => void retry(), 2000).unref();
        }
      };
      await connect();
      return async () => {
        stopped = true;
        const current = client as pg.Client | null;
        if (current) {
          listeners.delete(current);
          await current.end().catch(() => undefined);
        }
      };
    },
    async close() {
      closing = true;
      const open = [...listeners];
      listeners.clear();
      await Promise.all(open.map((client) => client.end().catch(() => undefined)));
      await pool.end();
    },
  };
}
