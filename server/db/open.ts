// Chooses the database: PostgreSQL when a URL is given, PGlite on disk otherwise; then migrates.
import type { Db } from './adapter.js';
import { migrate } from './migrate.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

export interface OpenDbOptions {
  dataDir?: string;
  databaseUrl?: string;
  schema?: string;
}

export async function openDb(options: OpenDbOptions): Promise<Db> {
  const db = options.databaseUrl
    ? await openPostgres({ connectionString: options.databaseUrl, schema: options.schema })
    : await openPglite(options.dataDir ?? './.ow-data');
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
