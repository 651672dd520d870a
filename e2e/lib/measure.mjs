// Measurements: the figures an issue names, checkable in one file.
//
//   measure('rest_push_to_card_ms', 182)        // in a suite (or ha.measure(...) of the fixture)
//   -> e2e/artifacts/report.json  measurements.<lane>.rest_push_to_card_ms = 182
//
// Each suite process writes its own file, e2e/artifacts/measurements/<lane>/<suite>.json
// (atomically, after every measure(), so the figures measured before a crash survive); e2e/run.mjs
// deletes the files of the suites it is about to run in a lane, and merges every file on disk into
// report.json when it finishes. So one lane after the other (`--lane oldest`, then
// `--lane newest`) ends with both lanes' figures in report.json, and rerunning one suite replaces
// exactly that suite's figures. A dotted key ('claim.notifications') nests in report.json.
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS } from './artifacts.mjs';
const KEY = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/** Name of the running suite: its test file without `.test.mjs` (node --test runs each file as argv[1]). */
export const SUITE = path.basename(process.argv[1] ?? 'unknown').replace(/(\.test)?\.[cm]?js$/, '');
/** Lane of this process (set by e2e/run.mjs). */
export const LANE = process.env.HA_VITALS_LANE || 'newest';

export function measurementsDir(artifacts = ARTIFACTS) {
  return path.join(artifacts, 'measurements');
}

export function measurementsFile(lane = LANE, suite = SUITE, artifacts = ARTIFACTS) {
  return path.join(measurementsDir(artifacts), lane, `${suite}.json`);
}

const recorded = new Map(); // "lane\0suite" -> {key: value} measured by this process

function write(lane, suite) {
  const file = measurementsFile(lane, suite);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const body = { lane, suite, updatedAt: new Date().toISOString(), values: recorded.get(`${lane}\0${suite}`) ?? {} };
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(body, null, 2) + '\n');
  fs.renameSync(tmp, file);
}

/**
 * Record a figure as `measurements.<lane>.<key>` of e2e/artifacts/report.json. `value`: a finite
 * number, a boolean, or a short text shown on a page (1-200 characters, e.g. "12,5 %"); anything
 * else throws, so a NaN never passes for a figure. Measuring the
 * same key again replaces it. Returns the value. Options: lane (default $HA_VITALS_LANE), suite
 * (default: the test file's name).
 */
export function measure(key, value, { lane = LANE, suite = SUITE } = {}) {
  if (typeof key !== 'string' || !KEY.test(key)) throw new TypeError(`measure: key ${JSON.stringify(key)} must be letters, digits, _ or -, dot-separated`);
  const text = typeof value === 'string' && value.length > 0 && value.length <= 200;
  if (!(text || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)))) {
    throw new TypeError(`measure(${key}): value must be a finite number, a boolean or a short text (1-200 chars), got ${typeof value === 'number' ? value : JSON.stringify(value)}`);
  }
  const id = `${lane}\0${suite}`;
  if (!recorded.has(id)) recorded.set(id, {});
  recorded.get(id)[key] = value;
  write(lane, suite);
  return value;
}

/**
 * Forget the figures a previous run of this suite left in this lane (the fixture calls it when a
 * suite starts, so a suite run directly with `node --test` does not leave stale keys either).
 */
export function resetMeasurements({ lane = LANE, suite = SUITE } = {}) {
  recorded.delete(`${lane}\0${suite}`);
  fs.rmSync(measurementsFile(lane, suite), { force: true });
}

/** Delete the measurement files of `suites` (names, or test file paths) in `lane` (e2e/run.mjs, before a lane runs). */
export function clearMeasurements(lane, suites, artifacts = ARTIFACTS) {
  for (const s of suites) {
    const suite = path.basename(s).replace(/(\.test)?\.[cm]?js$/, '');
    fs.rmSync(measurementsFile(lane, suite, artifacts), { force: true });
  }
}

/**
 * Merge every measurement file under <artifacts>/measurements/ into
 * { measurements: {lane: {key: value}}, sources: {lane: {suite: {updatedAt, keys}}}, problems: [text] }.
 * A key measured by two suites of one lane keeps the later file's value (by updatedAt) and is
 * listed in problems; so is a file that cannot be read.
 */
export function collectMeasurements(artifacts = ARTIFACTS) {
  const out = { measurements: {}, sources: {}, problems: [] };
  const dir = measurementsDir(artifacts);
  let lanes = [];
  try {
    lanes = fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch {
    return out;
  }
  for (const lane of lanes) {
    const files = [];
    for (const f of fs.readdirSync(path.join(dir, lane)).filter((n) => n.endsWith('.json')).sort()) {
      try {
        files.push(JSON.parse(fs.readFileSync(path.join(dir, lane, f), 'utf8')));
      } catch (e) {
        out.problems.push(`${lane}/${f}: unreadable (${e.message})`);
      }
    }
    files.sort((a, b) => String(a.updatedAt).localeCompare(String(b.updatedAt)));
    const flat = {};
    const owner = {};
    out.sources[lane] = {};
    for (const f of files) {
      const keys = Object.keys(f.values ?? {});
      out.sources[lane][f.suite] = { updatedAt: f.updatedAt, keys };
      for (const k of keys) {
        if (k in owner && owner[k] !== f.suite) out.problems.push(`${lane}: key ${k} measured by both ${owner[k]} and ${f.suite} (kept ${f.suite}'s)`);
        flat[k] = f.values[k];
        owner[k] = f.suite;
      }
    }
    out.measurements[lane] = nest(flat, (p) => out.problems.push(`${lane}: ${p}`));
  }
  return out;
}

/** {'a.b': 1, c: true} -> {a: {b: 1}, c: true}; a key that is both a value and a prefix keeps the value. */
function nest(flat, problem) {
  const out = {};
  for (const key of Object.keys(flat).sort()) {
    const parts = key.split('.');
    let node = out;
    let ok = true;
    for (const p of parts.slice(0, -1)) {
      if (node[p] === undefined) node[p] = {};
      else if (typeof node[p] !== 'object') {
        problem(`key ${key} collides with the value ${parts.slice(0, parts.indexOf(p) + 1).join('.')}; dropped`);
        ok = false;
        break;
      }
      node = node[p];
    }
    if (!ok) continue;
    const last = parts.at(-1);
    if (typeof node[last] === 'object') {
      problem(`key ${key} is also a prefix of other keys; dropped`);
      continue;
    }
    node[last] = flat[key];
  }
  return out;
}
