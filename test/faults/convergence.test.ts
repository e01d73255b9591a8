// Two agents work through a network that loses 20 % of requests and cuts the event stream every 2 s:
// nothing acknowledged is lost or stored twice, and both stores end up equal to the server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CI_SCENARIO, runConvergenceScenario } from './scenario.js';

test('two agents converge with the server through a lossy network', { timeout: 150_000 }, async () => {
  const report = await runConvergenceScenario({ ...CI_SCENARIO, log: (line) => console.log(`# ${line}`) });
  console.log(`# ${JSON.stringify(report)}`);

  assert.ok(report.faults.droppedRequests > 0 && report.faults.droppedResponses > 0, 'the proxy really lost requests and responses');
  assert.ok(report.faults.sseCuts > 0, 'the proxy really cut event streams');
  assert.equal(report.sends, CI_SCENARIO.sends);
  assert.equal(report.losses, 0, 'every message sent is stored');
  assert.equal(report.duplicates, 0, 'no message is stored twice');
  assert.equal(report.phantoms, 0, 'no agent message appears that nobody sent');
  assert.equal(report.stored, report.sends);
  assert.equal(report.outboxLeft, 0, 'the outboxes are empty');
  assert.deepEqual(report.mismatches, [], 'every store equals the server');
  assert.notEqual(report.convergenceMs, null);
  assert.equal(report.customerEdits.gaveUp, 0);
  assert.equal(report.tagChanges.gaveUp, 0);
  assert.equal(report.readAndStatusChanges.gaveUp, 0);
});
