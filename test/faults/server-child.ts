// One reference server in a process of its own, so a test can SIGKILL it. Prints one JSON line
// `{"baseUrl": "..."}` when it listens, then runs until killed.
//   node --import tsx test/faults/server-child.ts --data-dir=DIR | --database-url=URL --schema=NAME  [--port=N]
import { startTestServer } from '../../server/testing.js';

function arg(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

const server = await startTestServer({
  dataDir: arg('data-dir'),
  databaseUrl: arg('database-url'),
  schema: arg('schema'),
  port: arg('port') ? Number(arg('port')) : undefined,
  testRoutes: true,
});
process.stdout.write(`${JSON.stringify({ baseUrl: server.baseUrl })}\n`);

const shutdown = () => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
// The parent test going away must not leave this server behind.
process.on('disconnect', shutdown);
