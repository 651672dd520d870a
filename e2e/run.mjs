#!/usr/bin/env node
// End-to-end suites against a real Home Assistant, one lane after the other.
//
//   node e2e/run.mjs [--lane oldest|newest|all] [--test-name-pattern RE] [files...]
//
// Needs a built bundle (dist/ha-vitals.js; `npm run build`), or HA_VITALS_BUNDLE.
// Ensures the lanes are installed (scripts/ha/setup.mjs), runs e2e/tests/*.test.mjs
// with node:test for each lane (env HA_VITALS_LANE), writes
// e2e/artifacts/report.json and <lane>-dashboard.png, and ends with the line
// `e2e: N passed, N failed`. Exit code 1 if anything failed.
// report.json's `measurements.<lane>.<key>` are the figures the suites recorded with measure()
// (e2e/lib/measure.mjs): per-suite files under e2e/artifacts/measurements/<lane>/, of the suites
// run now and of earlier runs of other suites / the other lane (see `measurementSources`).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, laneNames, readLaneInfo } from '../scripts/ha/lanes.mjs';
import { reapStaleRuns } from '../scripts/ha/lane.mjs';
import { clearMeasurements, collectMeasurements } from './lib/measure.mjs';

const E2E = path.join(REPO_ROOT, 'e2e');
const ARTIFACTS = process.env.HA_VITALS_ARTIFACTS || path.join(E2E, 'artifacts');
const LANE_TIMEOUT_MS = Number(process.env.HA_VITALS_LANE_TIMEOUT_S || 2700) * 1000;

function parseArgs(argv) {
  const out = { lane: 'all', files: [], pattern: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--lane') out.lane = argv[++i];
    else if (a.startsWith('--lane=')) out.lane = a.slice(7);
    else if (a === '--test-name-pattern') out.pattern = argv[++i];
    else if (a === '-h' || a === '--help') {
      console.log('usage: node e2e/run.mjs [--lane oldest|newest|all] [--test-name-pattern RE] [test files...]');
      process.exit(0);
    } else out.files.push(path.resolve(a));
  }
  return out;
}

const children = new Set();
function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], detached: true, ...opts });
    children.add(child);
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          console.error(`e2e: ${path.basename(args.at(-1) ?? cmd)} timed out after ${opts.timeoutMs / 1000}s, killing`);
          killTree(child, 'SIGTERM');
          setTimeout(() => killTree(child, 'SIGKILL'), 20000).unref();
        }, opts.timeoutMs)
      : null;
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

function killTree(child, sig) {
  try {
    process.kill(-child.pid, sig);
  } catch {
    /* gone */
  }
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    // the test processes stop their HA/mosquitto/mounts in their exit hooks
    for (const c of children) killTree(c, 'SIGTERM');
    setTimeout(() => process.exit(130), 15000).unref();
  });
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const lanes = laneNames(args.lane);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const report = { lanes: [], passed: 0, failed: 0 };
  const finish = () => {
    try {
      const m = collectMeasurements(ARTIFACTS);
      report.measurements = m.measurements;
      report.measurementSources = m.sources;
      if (m.problems.length) {
        report.measurementProblems = m.problems;
        for (const p of m.problems) console.log(`e2e: measurements: ${p}`);
      }
    } catch (e) {
      report.measurementProblems = [`could not collect measurements: ${e.message}`];
      console.log(`e2e: ${report.measurementProblems[0]}`);
    }
    fs.writeFileSync(path.join(ARTIFACTS, 'report.json'), JSON.stringify(report, null, 2) + '\n');
    console.log(`e2e: ${report.passed} passed, ${report.failed} failed`);
    process.exitCode = report.failed > 0 || report.passed === 0 ? 1 : 0;
  };

  const bundle = process.env.HA_VITALS_BUNDLE || path.join(REPO_ROOT, 'dist', 'ha-vitals.js');
  if (!fs.existsSync(bundle)) {
    console.error(`e2e: ${bundle} is missing: run \`npm run build\` first (the e2e runner builds nothing).`);
    report.failed = 1;
    report.error = 'bundle missing';
    return finish();
  }

  const setupCode = await run(process.execPath, [path.join(REPO_ROOT, 'scripts/ha/setup.mjs'), args.lane]);
  if (setupCode !== 0) {
    console.error('e2e: lane setup failed');
    report.failed = 1;
    report.error = 'setup failed';
    return finish();
  }

  reapStaleRuns();
  const files = args.files.length
    ? args.files
    : fs.readdirSync(path.join(E2E, 'tests')).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => path.join(E2E, 'tests', f));

  for (const lane of lanes) {
    const info = readLaneInfo(lane);
    const t0 = Date.now();
    console.log(`\n=== e2e lane ${lane}: HA ${info.haVersion}, frontend ${info.frontendVersion}, Python ${info.python} ===`);
    const shot = path.join(ARTIFACTS, `${lane}-dashboard.png`);
    fs.rmSync(shot, { force: true });
    const countsFile = path.join(ARTIFACTS, `.${lane}-counts.json`);
    fs.rmSync(countsFile, { force: true });
    // this run's figures replace those an earlier run of these suites left in this lane
    clearMeasurements(lane, files, ARTIFACTS);
    const nodeArgs = [
      '--experimental-websocket',
      '--no-warnings=ExperimentalWarning',
      '--test',
      '--test-concurrency=1',
      '--test-timeout=1200000', // the hidden-tab suite keeps a tab hidden for 10 min
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      `--test-reporter=${path.join(E2E, 'lib', 'count-reporter.mjs')}`,
      `--test-reporter-destination=${countsFile}`,
      ...(args.pattern ? ['--test-name-pattern', args.pattern] : []),
      ...files,
    ];
    const code = await run(process.execPath, nodeArgs, {
      env: { ...process.env, HA_VITALS_LANE: lane, HA_VITALS_ARTIFACTS: ARTIFACTS, HA_VITALS_BUNDLE: bundle },
      timeoutMs: LANE_TIMEOUT_MS,
    });
    let counts = { passed: 0, failed: 0, failures: [] };
    try {
      counts = JSON.parse(fs.readFileSync(countsFile, 'utf8').trim().split('\n').at(-1));
    } catch {
      counts.failed = 1;
      counts.failures.push({ name: `test runner exited with ${code} without results` });
    }
    fs.rmSync(countsFile, { force: true });
    if (code !== 0 && counts.failed === 0) {
      counts.failed = 1;
      counts.failures.push({ name: `node --test exited with ${code}` });
    }
    if (!args.pattern && !args.files.length && !fs.existsSync(shot)) {
      counts.failed++;
      counts.failures.push({ name: `screenshot ${path.relative(REPO_ROOT, shot)} was not written` });
    }
    const entry = {
      lane,
      haVersion: info.haVersion,
      frontendVersion: info.frontendVersion,
      python: info.python,
      passed: counts.passed,
      failed: counts.failed,
      durationSec: Math.round((Date.now() - t0) / 100) / 10,
      failures: counts.failures,
      knownBugs: counts.todos ?? [],
    };
    report.lanes.push(entry);
    report.passed += entry.passed;
    report.failed += entry.failed;
    console.log(`=== lane ${lane}: ${entry.passed} passed, ${entry.failed} failed in ${entry.durationSec}s ===`);
    for (const f of entry.failures) console.log(`  FAILED ${f.name}${f.error ? `: ${f.error.split('\n')[0]}` : ''}`);
    for (const f of entry.knownBugs) console.log(`  KNOWN BUG (todo, not counted) ${f.name}: ${f.todo}${f.error ? ` -- ${f.error.split('\n')[0]}` : ''}`);
  }
  finish();
}

main().catch((e) => {
  console.error(e);
  console.log('e2e: 0 passed, 1 failed');
  process.exitCode = 1;
});
