// What users get: the zero-config alert rules (DEFAULT_RULES, the same engine the cards and the
// replay CLI run) over the NAB corpus. A firing event counts as a detection at its row; scored
// with the NAB scorer (binary scores, so the threshold sweep is trivial) plus the plain figures:
// windows alerted, false alert events per file-day, share of firings that are false, delay.
import { build } from 'esbuild';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerBenchmark } from './registry.mjs';
import { loadCorpus, scoreCorpus, PROFILES, probationLength } from './nab-score.mjs';
import { nabDir } from './nab-run.mjs';

const here = dirname(fileURLToPath(import.meta.url));

async function loadReplay() {
  const result = await build({
    stdin: {
      contents: "export * from './src/core/replay/index.ts'; export * from './src/core/config/index.ts';",
      resolveDir: resolve(here, '..'),
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
  });
  return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
}

export async function nabAlertsBenchmark() {
  const core = await loadReplay();
  const corpus = loadCorpus(nabDir());
  let firings = 0;
  let falseFirings = 0;
  let fileDays = 0;
  const delays = [];
  const files = corpus.map((file) => {
    const series = { id: 'nab', file: file.name, t: file.times, v: file.values, rawT: [] };
    const { events } = core.replaySeries(series, core.defaultAlertsConfig());
    const scores = new Float64Array(file.values.length);
    const probation = probationLength(file.values.length);
    fileDays += (file.times[file.times.length - 1] - file.times[probation]) / 86_400_000;
    const hit = new Set();
    for (const event of events) {
      if (event.event !== 'firing') continue;
      // The row the alert fired at: the last row at or before its time.
      const t = Date.parse(event.at);
      let lo = 0;
      let hi = file.times.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (file.times[mid] <= t) lo = mid;
        else hi = mid - 1;
      }
      if (lo < probation) continue;
      scores[lo] = 1;
      firings++;
      const w = file.windows.findIndex(([a, b]) => lo >= a && lo <= b);
      if (w < 0) falseFirings++;
      else if (!hit.has(w)) {
        hit.add(w);
        delays.push(lo - file.windows[w][0]);
      }
    }
    return { ...file, scores, probation };
  });
  const profiles = {};
  for (const [name, profile] of Object.entries(PROFILES)) {
    const r = scoreCorpus(files, profile);
    profiles[name] = { score: +r.nab.toFixed(2), windowsDetected: r.windowsHit, fpRows: r.fpRows };
  }
  delays.sort((a, b) => a - b);
  return {
    description: 'zero-config alert rules (DEFAULT_RULES) replayed over NAB; a firing = a detection at its row',
    rules: core.DEFAULT_RULES.map((r) => `${r.name}: ${r.type}, for ${r.for / 1000} s`),
    firings,
    windowsAlerted: delays.length,
    windows: files.reduce((s, f) => s + f.windows.length, 0),
    falseFirings,
    falseShareOfFirings: firings ? +(falseFirings / firings).toFixed(3) : null,
    falseFiringsPerFileDay: +(falseFirings / fileDays).toFixed(4),
    medianDelayRows: delays.length ? delays[delays.length >> 1] : null,
    profiles,
  };
}

registerBenchmark('nabAlerts', nabAlertsBenchmark);
