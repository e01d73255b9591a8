// Node test runner reporter: writes {passed, failed, skipped, todo} as JSON (its destination file).
// Suites (describe) are not counted, tests and subtests are; a file that fails to load counts as one failure.
export default async function* summary(source) {
  const totals = { passed: 0, failed: 0, skipped: 0, todo: 0 };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { data } = event;
    if (data.details?.type === 'suite') {
      // A suite fails on its own only when a hook or its body threw outside any test.
      if (event.type === 'test:fail' && data.details?.error?.failureType !== 'subtestsFailed') totals.failed += 1;
      continue;
    }
    if (data.skip) totals.skipped += 1;
    else if (data.todo) totals.todo += 1;
    else if (event.type === 'test:pass') totals.passed += 1;
    else if (data.details?.error?.failureType === 'subtestsFailed') continue;
    else totals.failed += 1;
  }
  yield JSON.stringify(totals);
}
