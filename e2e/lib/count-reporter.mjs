// node:test reporter that emits one JSON line with pass/fail counts of tests
// (suites not counted) and the names of failures. Used by e2e/run.mjs.
export default async function* countReporter(source) {
  const counts = { passed: 0, failed: 0, skipped: 0, failures: [] };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const d = event.data;
    if (d.details?.type === 'suite') continue;
    if (event.type === 'test:pass') {
      if (d.skip || d.todo) counts.skipped++;
      else counts.passed++;
    } else {
      counts.failed++;
      const err = d.details?.error;
      // without ANSI colour codes
      const text = String(err?.cause?.message ?? err?.message ?? err).replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');
      counts.failures.push({ name: d.name, file: d.file, error: text.slice(0, 2000) });
    }
  }
  yield JSON.stringify(counts) + '\n';
}
