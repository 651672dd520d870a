// Checks the NAB scorer against the reference values and test vectors in /work/shared/nab/SCORING.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PROFILES, scaledSigmoid, probationLength, scoreFile, sweep, normalize, rowWeights } from './nab-score.mjs';

const close = (actual, expected, digits = 10) =>
  assert.ok(Math.abs(actual - expected) < 10 ** -digits, `${actual} ≉ ${expected}`);

test('scaled sigmoid matches the reference table (§3)', () => {
  close(scaledSigmoid(-1), 0.9866142981514305, 14);
  close(scaledSigmoid(-0.5), 0.8482836399575131, 14);
  close(scaledSigmoid(0), 0, 14);
  close(scaledSigmoid(0.75), -0.9540452601799487, 14);
  close(scaledSigmoid(1), -0.9866142981514303, 14);
  close(scaledSigmoid(3), -0.9999993881955461, 14);
  assert.equal(scaledSigmoid(3.0001), -1);
});

test('probation is min(floor(0.15 N), 750) (§2)', () => {
  assert.equal(probationLength(4032), 604);
  assert.equal(probationLength(100), 15);
  assert.equal(probationLength(22695), 750);
});

test('scorer_test.testScoringAllMetrics: two windows, detections at 30, 31, 37 → −0.9540 (§8)', () => {
  const ones = { tp: 1, fp: 1, fn: 1 };
  const scores = new Float64Array(100);
  scores[30] = scores[31] = scores[37] = 1;
  const result = scoreFile(scores, [[30, 34], [65, 69]], ones, 0.5, 0);
  close(result.score, 1.0 + scaledSigmoid(3 / 4) - 1.0, 12);
  assert.equal(result.score.toFixed(4), '-0.9540');
  assert.equal(result.windowsHit, 1);
  assert.equal(result.fpRows, 1);
});

test('a detection on the first row of a window earns exactly A_TP, decaying towards the right edge (§4)', () => {
  const { weights } = rowWeights(20, [[5, 9]], PROFILES.standard);
  close(weights[5], 1, 14);
  assert.ok(weights[9] > 0 && weights[9] < weights[5]);
  close(weights[0], -0.11, 14); // before any window: flat −A_FP
  close(weights[10], 0.11 * scaledSigmoid(1 / 4), 14); // after: x = (i − r')/(W' − 1)
});

test('false_positive_test.testOneFalsePositiveNoWindow: one detection, no windows → −A_FP (§8)', () => {
  const scores = new Float64Array(10);
  scores[5] = 1;
  for (const profile of Object.values(PROFILES)) close(scoreFile(scores, [], profile, 0.5, 0).score, -profile.fp, 14);
});

test('null detector (constant 0.5) normalises to 0 for all profiles (§7)', () => {
  const files = [
    { scores: new Float64Array(200).fill(0.5), windows: [[50, 60], [120, 140]] },
    { scores: new Float64Array(100).fill(0.5), windows: [] },
  ];
  for (const profile of Object.values(PROFILES)) {
    const { threshold, score } = sweep(files, profile);
    assert.equal(threshold, 1.1);
    close(score, -profile.fn * 2, 14);
    close(normalize(score, 2, profile), 0, 14);
  }
});

test('perfect detector normalises to 100; sweep uses ≥ θ and prefers the higher θ on ties (§6, §7)', () => {
  const scores = new Float64Array(200);
  scores[50] = 0.9;
  scores[120] = 0.7;
  const files = [{ scores, windows: [[50, 60], [120, 140]] }];
  const { threshold, score } = sweep(files, PROFILES.standard);
  assert.equal(threshold, 0.7);
  close(normalize(score, 2, PROFILES.standard), 100, 12);
  close(normalize(-2 * 2 + 0, 2, PROFILES.reward_low_FN_rate), 0, 12);
});

test('probation rows are neither detections nor false positives (§2)', () => {
  const scores = new Float64Array(100).fill(0);
  scores[3] = 1; // inside probation (15 rows)
  assert.equal(scoreFile(scores, [], PROFILES.standard, 0.5).score, 0);
});
