// `npm test`: every check in one command — lint, typecheck, unit tests in Chromium with coverage,
// Node tests (CLI, NAB scorer), bundle freshness and budget, and the e2e suite in both Home
// Assistant lanes. Prints the summed count as its last line: "N passed, N failed".
// `node scripts/test-all.mjs --no-e2e` (npm run test:fast) skips the e2e lanes while developing.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const args = new Set(process.argv.slice(2));
const withE2e = !args.has('--no-e2e');

function run(name, command, commandArgs, parse) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n▶ ${name}: ${command} ${commandArgs.join(' ')}`);
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let out = '';
    const relay = (stream, target) =>
      stream.on('data', (chunk) => {
        out += chunk;
        target.write(chunk);
      });
    relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    child.on('close', (code) => {
      const counts = parse ? parse(out) : null;
      const ok = code === 0;
      const passed = counts ? counts.passed : ok ? 1 : 0;
      const failed = counts ? counts.failed + (ok || counts.failed > 0 ? 0 : 1) : ok ? 0 : 1;
      console.log(`◀ ${name}: ${ok ? 'ok' : `FAILED (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      resolve({ name, ok, passed, failed, failures: failureLines(out) });
    });
  });
}

const lastMatch = (text, re) => {
  let m;
  let last = null;
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  while ((m = g.exec(text))) last = m;
  return last;
};
// Strip ANSI colour codes so the counts can be read.
// eslint-disable-next-line no-control-regex -- ANSI escapes are control characters by definition.
const plain = (text) => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
// The names of failed tests, repeated in the summary so that the tail of a CI log says what broke.
const failureLines = (out) =>
  [...new Set(plain(out).split('\n').map((l) => l.trim()).filter((l) => /^(❌|✖|not ok\b)/.test(l)))].slice(0, 20);
const parseWtr = (out) => {
  const m = lastMatch(plain(out), /(\d+) passed, (\d+) failed/);
  return m ? { passed: +m[1], failed: +m[2] } : null;
};
const parseNodeTest = (out) => {
  const p = lastMatch(out, /^# pass (\d+)/m);
  const f = lastMatch(out, /^# fail (\d+)/m);
  return p ? { passed: +p[1], failed: f ? +f[1] : 0 } : null;
};
const parseE2e = (out) => {
  const m = lastMatch(out, /^e2e: (\d+) passed, (\d+) failed/m);
  return m ? { passed: +m[1], failed: +m[2] } : null;
};

const bin = (name) => `node_modules/.bin/${name}`;
const results = [];
results.push(await run('lint', bin('eslint'), ['.', '--max-warnings=0']));
results.push(await run('typecheck', bin('tsc'), ['--noEmit']));
results.push(await run('unit (Chromium, coverage ≥ 85 %)', bin('wtr'), [], parseWtr));
const nodeTests = ['test-node', 'bench'].flatMap((dir) =>
  existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).map((f) => `${dir}/${f}`) : [],
);
if (nodeTests.length) {
  if (existsSync('scripts/build-cli.mjs')) results.push(await run('build CLI', 'node', ['scripts/build-cli.mjs']));
  results.push(await run('node tests (CLI, NAB scorer)', 'node', ['--test', ...nodeTests], parseNodeTest));
}
results.push(await run('bundle (fresh build = dist/, size budget)', 'node', ['scripts/check-bundle.mjs']));
results.push(await run('HACS (what its validation checks)', 'node', ['scripts/check-hacs.mjs']));
if (withE2e) results.push(await run('e2e (real Home Assistant, both lanes)', 'node', ['e2e/run.mjs'], parseE2e));

const passed = results.reduce((s, r) => s + r.passed, 0);
const failed = results.reduce((s, r) => s + r.failed, 0);
console.log('\nSummary:');
for (const r of results) {
  console.log(`  ${r.ok ? '✓' : '✗'} ${r.name}: ${r.passed} passed, ${r.failed} failed`);
  if (!r.ok) for (const line of r.failures) console.log(`      ${line}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && results.every((r) => r.ok) ? 0 : 1);
