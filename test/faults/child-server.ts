// Starts test/faults/server-child.ts as a child process and kills it (SIGKILL) or stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const ENTRY = fileURLToPath(new URL('./server-child.ts', import.meta.url));

export interface ChildServerOptions {
  dataDir?: string;
  databaseUrl?: string;
  schema?: string;
  port?: number;
}

export interface ChildServer {
  baseUrl: string;
  port: number;
  process: ChildProcess;
  /** SIGKILL: no shutdown code runs, like a crash or the OOM killer. */
  kill(): Promise<void>;
  /** SIGTERM and wait for exit. */
  stop(): Promise<void>;
  output(): string;
}

export async function startChildServer(options: ChildServerOptions, timeoutMs = 90_000): Promise<ChildServer> {
  const args = ['--import', 'tsx', ENTRY];
  if (options.dataDir) args.push(`--data-dir=${options.dataDir}`);
  if (options.databaseUrl) args.push(`--database-url=${options.databaseUrl}`);
  if (options.schema) args.push(`--schema=${options.schema}`);
  if (options.port) args.push(`--port=${options.port}`);
  const env = { ...process.env };
  // The child uses exactly the database it is given, never one inherited from the environment.
  if (!options.databaseUrl) delete env.OW_TEST_DATABASE_URL;
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env });
  let log = '';
  child.stderr!.on('data', (chunk) => (log += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server child did not start within ${timeoutMs} ms:\n${log}`));
    }, timeoutMs);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      log += `${line}\n`;
      try {
        const parsed = JSON.parse(line) as { baseUrl?: string };
        if (parsed.baseUrl) {
          clearTimeout(timer);
          resolve(parsed.baseUrl);
        }
      } catch {
        // ordinary log output
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server child exited (${code ?? signal}) before listening:\n${log}`));
    });
  });
  return {
    baseUrl,
    port: Number(new URL(baseUrl).port),
    process: child,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
    output: () => log,
  };
}

/** Removes a PostgreSQL schema a test created for servers that share it. */
export async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema.replace(/"/g, '""')}" CASCADE`);
  } finally {
    await client.end();
  }
}
