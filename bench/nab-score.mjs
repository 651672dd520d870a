// Numenta Anomaly Benchmark scorer, implemented from /work/shared/nab/SCORING.md (NAB v1.1).
// Pure functions: no I/O except the optional corpus loader at the bottom.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const PROFILES = {
  standard: { tp: 1.0, fp: 0.11, fn: 1.0 },
  reward_low_FP_rate: { tp: 1.0, fp: 0.22, fn: 1.0 },
  reward_low_FN_rate: { tp: 1.0, fp: 0.11, fn: 2.0 },
};

/** σ(y) = 2/(1+e^(5y)) − 1 for y ≤ 3, −1 beyond (sweeper.scaledSigmoid). */
export function scaledSigmoid(y) {
  if (y > 3) return -1;
  return 2 / (1 + Math.exp(5 * y)) - 1;
}

export const SIGMA_MAX = scaledSigmoid(-1);

/** P = min(floor(0.15 N), 750). */
export function probationLength(rows) {
  return Math.min(Math.floor(0.15 * rows), 0.15 * 5000);
}

/**
 * Per-row weights w_i and window ids (−1 outside windows) for one file (Sweeper.calcSweepScore).
 * windows: array of [startRow, endRow] inclusive, sorted, non-overlapping.
 */
export function rowWeights(rows, windows, profile) {
  const weights = new Float64Array(rows);
  const windowOf = new Int32Array(rows).fill(-1);
  let k = 0; // next window index
  let previous = null; // last window that ended before the row
  for (let i = 0; i < rows; i++) {
    while (k < windows.length && windows[k][1] < i) previous = windows[k++];
    const current = k < windows.length && windows[k][0] <= i && i <= windows[k][1] ? windows[k] : null;
    if (current) {
      const width = current[1] - current[0] + 1;
      const y = -(current[1] - i + 1) / width;
      weights[i] = (profile.tp * scaledSigmoid(y)) / SIGMA_MAX;
      windowOf[i] = k;
    } else if (previous === null) {
      weights[i] = -profile.fp;
    } else {
      const x = (i - previous[1]) / (previous[1] - previous[0]);
      weights[i] = profile.fp * scaledSigmoid(x);
    }
  }
  return { weights, windowOf };
}

/** Score of one file at threshold θ (detections: score ≥ θ, rows ≥ probation). */
export function scoreFile(scores, windows, profile, threshold, probation = probationLength(scores.length)) {
  const { weights, windowOf } = rowWeights(scores.length, windows, profile);
  const best = new Float64Array(windows.length).fill(-profile.fn);
  const hit = new Uint8Array(windows.length);
  let fpSum = 0;
  let fpRows = 0;
  let tpRows = 0;
  for (let i = probation; i < scores.length; i++) {
    if (!(scores[i] >= threshold)) continue;
    const w = windowOf[i];
    if (w >= 0) {
      tpRows++;
      if (!hit[w] || weights[i] > best[w]) best[w] = weights[i];
      hit[w] = 1;
    } else {
      fpRows++;
      fpSum += weights[i];
    }
  }
  let score = fpSum;
  for (const b of best) score += b;
  return { score, windowsHit: hit.reduce((a, b) => a + b, 0), fpRows, tpRows };
}

/**
 * Exhaustive threshold sweep over the corpus (optimizer.optimizeThreshold): files is an array of
 * { scores: ArrayLike<number>, windows: [[start,end],...] }. Returns best θ and the corpus score.
 */
export function sweep(files, profile) {
  const triples = [];
  let windowBase = 0;
  let totalWindows = 0;
  for (const file of files) {
    const { weights, windowOf } = rowWeights(file.scores.length, file.windows, profile);
    const probation = file.probation ?? probationLength(file.scores.length);
    for (let i = probation; i < file.scores.length; i++) {
      triples.push({ score: file.scores[i], weight: weights[i], window: windowOf[i] >= 0 ? windowBase + windowOf[i] : -1 });
    }
    windowBase += file.windows.length;
    totalWindows += file.windows.length;
  }
  triples.sort((a, b) => b.score - a.score);
  const windowBest = new Float64Array(totalWindows).fill(-profile.fn);
  let current = -profile.fn * totalWindows;
  let bestScore = current;
  let bestThreshold = 1.1;
  for (let i = 0; i < triples.length; ) {
    const value = triples[i].score;
    for (; i < triples.length && triples[i].score === value; i++) {
      const { weight, window } = triples[i];
      if (window < 0) current += weight;
      else if (weight > windowBest[window]) {
        current += weight - windowBest[window];
        windowBest[window] = weight;
      }
    }
    if (current > bestScore) {
      bestScore = current;
      bestThreshold = value;
    }
  }
  return { threshold: bestThreshold, score: bestScore };
}

/** NAB normalisation (Runner.normalize) with the null detector's score −A_FN × #windows. */
export function normalize(rawScore, totalWindows, profile) {
  const perfect = profile.tp * totalWindows;
  const nullScore = -profile.fn * totalWindows;
  return (100 * (rawScore - nullScore)) / (perfect - nullScore);
}

/** Score a whole corpus for one profile: sweep, then per-file details at the chosen θ. */
export function scoreCorpus(files, profile) {
  const { threshold, score } = sweep(files, profile);
  let windowsHit = 0;
  let fpRows = 0;
  let totalWindows = 0;
  for (const file of files) {
    const r = scoreFile(file.scores, file.windows, profile, threshold, file.probation);
    windowsHit += r.windowsHit;
    fpRows += r.fpRows;
    totalWindows += file.windows.length;
  }
  return { threshold, raw: score, nab: normalize(score, totalWindows, profile), windowsHit, totalWindows, fpRows };
}

// ---- corpus loading (I/O) ----

function parseTimestamp(text) {
  // "2014-04-10 07:15:00" or with ".000000": compare as UTC milliseconds.
  return Date.parse(text.trim().replace(' ', 'T').replace(/\.\d+$/, '') + 'Z');
}

/** Load the NAB corpus: [{ name, times: Float64Array, values: Float64Array, windows: [[startRow,endRow]] }]. */
export function loadCorpus(nabDir) {
  const labels = JSON.parse(readFileSync(join(nabDir, 'labels', 'combined_windows.json'), 'utf8'));
  const files = [];
  for (const category of readdirSync(join(nabDir, 'data')).sort()) {
    for (const fileName of readdirSync(join(nabDir, 'data', category)).sort()) {
      if (!fileName.endsWith('.csv')) continue;
      const name = `${category}/${fileName}`;
      const lines = readFileSync(join(nabDir, 'data', category, fileName), 'utf8').trim().split('\n').slice(1);
      const times = new Float64Array(lines.length);
      const values = new Float64Array(lines.length);
      lines.forEach((line, i) => {
        const comma = line.indexOf(',');
        times[i] = parseTimestamp(line.slice(0, comma));
        values[i] = Number(line.slice(comma + 1));
      });
      const rowOf = new Map();
      times.forEach((t, i) => rowOf.set(t, i));
      const windows = (labels[name] ?? []).map(([a, b]) => {
        const start = rowOf.get(parseTimestamp(a));
        const end = rowOf.get(parseTimestamp(b));
        if (start === undefined || end === undefined) throw new Error(`window edge not found in ${name}: ${a} – ${b}`);
        return [start, end];
      });
      files.push({ name, times, values, windows });
    }
  }
  return files;
}
