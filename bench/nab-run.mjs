// Runs an anomaly detector over the NAB corpus and scores it. Usable standalone for tuning:
//   node bench/nab-run.mjs '{"evidence":{"threshold":4}}'   (overrides of ANOMALY_DEFAULTS)
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus, scoreCorpus, PROFILES, probationLength } from './nab-score.mjs';
import { loadCore } from './load-core.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const nabDir = () => process.env.NAB_DIR ?? resolve(here, '..', '..', 'shared', 'nab');

/** Score every row of every file with a fresh detector per file; returns files with .scores and .active. */
export function runDetector(corpus, makeDetector) {
  return corpus.map((file) => {
    const detector = makeDetector();
    const scores = new Float64Array(file.values.length);
    const active = new Uint8Array(file.values.length);
    for (let i = 0; i < file.values.length; i++) {
      const signal = detector.update(file.times[i], file.values[i]);
      scores[i] = signal.score;
      active[i] = signal.active ? 1 : 0;
    }
    return { ...file, scores, active };
  });
}

/** Alert events (rising edges of `active`) outside windows per file-day, and median delay in rows. */
export function alertStatistics(files) {
  let falseEvents = 0;
  let fileDays = 0;
  const delays = [];
  for (const file of files) {
    const probation = probationLength(file.scores.length);
    fileDays += (file.times[file.times.length - 1] - file.times[probation]) / 86_400_000;
    for (let i = probation; i < file.active.length; i++) {
      if (file.active[i] && !file.active[i - 1] && !file.windows.some(([a, b]) => i >= a && i <= b)) falseEvents++;
    }
    for (const [a, b] of file.windows) {
      for (let i = a; i <= b; i++) {
        if (file.active[i]) {
          delays.push(i - a);
          break;
        }
      }
    }
  }
  delays.sort((x, y) => x - y);
  return {
    falsePositiveEventsPerFileDay: falseEvents / fileDays,
    falsePositiveEvents: falseEvents,
    windowsWithActive: delays.length,
    medianDelayRows: delays.length ? delays[delays.length >> 1] : null,
  };
}

export async function nabBenchmark(options = {}) {
  const core = await loadCore();
  const corpus = loadCorpus(nabDir());
  const settings = core.anomalySettings(options);
  const files = runDetector(corpus, () => core.createAnomalyDetector({ settings }));
  const profiles = {};
  for (const [name, profile] of Object.entries(PROFILES)) {
    const r = scoreCorpus(files, profile);
    profiles[name] = { score: +r.nab.toFixed(2), raw: +r.raw.toFixed(4), threshold: r.threshold, windowsDetected: r.windowsHit, fpRows: r.fpRows };
  }
  return { files: files.length, windows: files.reduce((s, f) => s + f.windows.length, 0), profiles, activeFlag: alertStatistics(files) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const options = process.argv[2] ? JSON.parse(process.argv[2]) : {};
  console.log(JSON.stringify(await nabBenchmark(options), null, 1));
}
