// `npm run soak`: the convergence scenario at ten times the CI volume; prints sends, losses, duplicates and
// convergence time. Not part of `npm test`.
import { CI_SCENARIO, runConvergenceScenario } from './scenario.js';

const sends = Number(process.env.OW_SOAK_SENDS ?? 10_000);
const started = Date.now();
const report = await runConvergenceScenario({
  ...CI_SCENARIO,
  sends,
  customerEdits: Math.round(sends / 16),
  tagChanges: Math.round(sends / 16),
  readChanges: Math.round(sends / 16),
  statusChanges: Math.round(sends / 50),
  conversations: 20,
  concurrency: 6,
  seed: Number(process.env.OW_SOAK_SEED ?? CI_SCENARIO.seed),
  convergenceTimeoutMs: 120_000,
  databaseUrl: process.env.OW_TEST_DATABASE_URL,
  log: (line) => console.log(line),
});

const rows: [string, string | number][] = [
  ['database', process.env.OW_TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'],
  ['sends', report.sends],
  ['acknowledged without manual retry', report.acknowledged],
  ['failed, retried by hand after healing', report.retriedByHand],
  ['stored', report.stored],
  ['losses', report.losses],
  ['duplicates', report.duplicates],
  ['phantom messages', report.phantoms],
  ['outbox left', report.outboxLeft],
  ['customer edits saved / conflicts / gave up', `${report.customerEdits.saved} / ${report.customerEdits.conflicts} / ${report.customerEdits.gaveUp}`],
  ['tag changes done / gave up', `${report.tagChanges.done} / ${report.tagChanges.gaveUp}`],
  ['read and status changes done / gave up', `${report.readAndStatusChanges.done} / ${report.readAndStatusChanges.gaveUp}`],
  ['load time', `${(report.loadMs / 1000).toFixed(1)} s`],
  ['convergence time', report.convergenceMs === null ? 'did not converge' : `${report.convergenceMs} ms`],
  ['requests through proxy', report.faults.requests],
  ['dropped requests / responses', `${report.faults.droppedRequests} / ${report.faults.droppedResponses}`],
  ['stream cuts (torn events)', `${report.faults.sseCuts} (${report.faults.sseTornChunks})`],
  ['total time', `${((Date.now() - started) / 1000).toFixed(1)} s`],
];
for (const [label, value] of rows) console.log(`${label.padEnd(44)} ${value}`);
if (report.mismatches.length) console.log(`mismatches:\n  ${report.mismatches.slice(0, 20).join('\n  ')}`);
const ok = report.losses === 0 && report.duplicates === 0 && report.phantoms === 0 && report.outboxLeft === 0 && report.mismatches.length === 0;
console.log(ok ? 'soak: OK' : 'soak: FAILED');
process.exit(ok ? 0 : 1);
