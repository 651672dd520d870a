// node:test reporter that emits the running pass/fail counts of tests (suites not counted) and the
// names of failures as one JSON line after every result, so e2e/run.mjs can read the last line
// even when the runner is stopped abruptly (lane timeout, a crash in a hook). Used by e2e/run.mjs.
export default async function* countReporter(source) {
  const counts = { passed: 0, failed: 0, skipped: 0, failures: [] };
  yield JSON.stringify(counts) + '\n';
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const d = event.data ?? {};
    if (d.details?.type === 'suite') continue;
    if (event.type === 'test:pass') {
      if (d.skip || d.todo) counts.skipped++;
      else counts.passed++;
    } else {
      counts.failed++;
      let text;
      try {
        const err = d.details?.error;
        // without ANSI colour codes
        text = String(err?.cause?.message ?? err?.message ?? err).replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');
      } catch {
        text = 'unreadable error';
      }
      counts.failures.push({ name: d.name, file: d.file, error: text.slice(0, 2000) });
    }
    yield JSON.stringify(counts) + '\n';
  }
}
