import { expect } from '@open-wc/testing';
import { niceLevel, sensitivitySweep, thresholdSuggestion, timeToLimit } from '../../../src/core/replay/suggest.js';
import { previewRule, type PreviewSeries } from '../../../src/core/replay/preview.js';
import { parseAlertsConfig, type AnomalyRule, type ThresholdRule, type TrendRule } from '../../../src/core/config/alerts.js';

const T0 = Date.UTC(2024, 4, 1);
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

function rule<R>(input: Record<string, unknown>): R {
  const r = parseAlertsConfig([input]);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value.rules[0] as R;
}

/** Deterministic pseudo-random numbers in [0, 1). */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return (s - 1) / 2147483646;
  };
}

interface Block {
  at: number;
  durationMs: number;
  value: number;
}

/** A day of 10 s samples (8,640) of noise in [40, 60], with blocks of constant values. */
function day(blocks: Block[], seed = 3): PreviewSeries {
  const next = random(seed);
  const n = 8640;
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const offset = i * 10 * SECOND;
    t[i] = T0 + offset;
    const block = blocks.find((b) => offset >= b.at && offset < b.at + b.durationMs);
    v[i] = block ? block.value : 40 + 20 * next();
  }
  return { id: 'sensor.x', t, v };
}

describe('niceLevel', () => {
  it('rounds just beyond the value onto a 1-2-5 grid a tenth of its size', () => {
    expect(niceLevel(87.3, true)).to.equal(90);
    expect(niceLevel(0.873, true)).to.equal(0.9);
    expect(niceLevel(1234, true)).to.equal(1300);
    expect(niceLevel(15.2, true)).to.equal(16);
    expect(niceLevel(12.7, false)).to.equal(12);
    expect(niceLevel(-8.73, true)).to.equal(-8.5);
    expect(niceLevel(-8.73, false)).to.equal(-9);
  });

  it('keeps a value already on the grid, and uses the scale for 0', () => {
    expect(niceLevel(90, true)).to.equal(90);
    expect(niceLevel(0.9, true)).to.equal(0.9);
    expect(niceLevel(0, true, 40)).to.equal(0);
  });
});

describe('thresholdSuggestion', () => {
  // 8,640 samples: the p99 (type 7) lies between sorted indices 8552 and 8553, i.e. among the top 88.
  // Three 10 min blocks at 87.3 (180 samples) and one 8 min block at 120 (48 samples) put both
  // indices in the 87.3 blocks: p99 = 87.3 exactly. Only the 120 block lies above the suggested 90.
  const high = day([
    ...[2, 8, 14].map((h) => ({ at: h * HOUR, durationMs: 10 * MINUTE, value: 87.3 })),
    { at: 20 * HOUR, durationMs: 8 * MINUTE, value: 120 },
  ]);

  it('suggests a nice level just above the p99, 5 min `for` when the rule has none, and counts its firings', () => {
    // Arrange
    const r = rule<ThresholdRule>({ name: 'hot', type: 'threshold', above: 70 });
    // Act
    const s = thresholdSuggestion(high, r);
    // Assert: the 8 min block outlasts 5 min once; the 87.3 blocks stay under 90.
    expect(s).to.deep.equal({ p99: 87.3, above: 90, below: undefined, forMs: 5 * MINUTE, firings: 1 });
  });

  it('keeps the rule’s own `for`, and its firings follow it', () => {
    // Arrange: `for: 10m` is longer than the 8 min block.
    const r = rule<ThresholdRule>({ name: 'hot', type: 'threshold', above: 70, for: '10m' });
    // Act
    const s = thresholdSuggestion(high, r);
    // Assert
    expect(s).to.include({ above: 90, forMs: 10 * MINUTE, firings: 0 });
  });

  it('keeps the hysteresis width of recover_below around the new level', () => {
    // Arrange
    const r = rule<ThresholdRule>({ name: 'hot', type: 'threshold', above: 70, recover_below: 65 });
    // Act
    const s = thresholdSuggestion(high, r)!;
    const expected = previewRule({ ...r, above: 90, recover_below: 85, for: 5 * MINUTE }, high).firings;
    // Assert
    expect(s.firings).to.equal(expected);
  });

  it('suggests a level below the p1 for a `below` rule', () => {
    // Arrange: the mirror image: blocks at 12.7 put the p1 there; one 8 min dip to -5 lies below 12.
    const low = day([
      ...[2, 8, 14].map((h) => ({ at: h * HOUR, durationMs: 10 * MINUTE, value: 12.7 })),
      { at: 20 * HOUR, durationMs: 8 * MINUTE, value: -5 },
    ]);
    const r = rule<ThresholdRule>({ name: 'cold', type: 'threshold', below: 30, for: '2m' });
    // Act
    const s = thresholdSuggestion(low, r);
    // Assert
    expect(s).to.deep.equal({ p99: 12.7, above: undefined, below: 12, forMs: 2 * MINUTE, firings: 1 });
  });

  it('needs 20 usable samples (gaps do not count)', () => {
    // Arrange
    const r = rule<ThresholdRule>({ name: 'hot', type: 'threshold', above: 70 });
    const t = Array.from({ length: 30 }, (_, i) => T0 + i * MINUTE);
    const v = t.map((_, i) => (i < 19 ? 50 + i : Number.NaN));
    // Act / Assert
    expect(thresholdSuggestion({ id: 'sensor.x', t, v }, r)).to.equal(undefined);
    v[19] = 80;
    expect(thresholdSuggestion({ id: 'sensor.x', t, v }, r)).to.not.equal(undefined);
  });

  it('looks only at the samples between from and to', () => {
    // Arrange: before 19 h, only the 87.3 blocks and noise; the 120 block comes later.
    const r = rule<ThresholdRule>({ name: 'hot', type: 'threshold', above: 70 });
    // Act
    const s = thresholdSuggestion(high, r, { to: T0 + 19 * HOUR });
    // Assert
    expect(s).to.include({ firings: 0 });
    expect(s!.p99).to.equal(87.3);
  });
});

describe('sensitivitySweep', () => {
  it('counts the anomaly rule’s firings at each sensitivity, in order', () => {
    // Arrange: noise with level shifts and spikes.
    const blocks = [3, 9, 15, 21].flatMap((h, k) => [
      { at: h * HOUR, durationMs: 20 * MINUTE, value: 90 + 10 * k },
      { at: h * HOUR + 2 * HOUR, durationMs: 20 * SECOND, value: 5 },
    ]);
    const data = day(blocks);
    const r = rule<AnomalyRule>({ name: 'odd', type: 'anomaly' });
    // Act
    const sweep = sensitivitySweep(r, data);
    const custom = sensitivitySweep(r, data, [1, 0]);
    // Assert
    expect(sweep.map((s) => s.sensitivity)).to.deep.equal([0.25, 0.5, 0.75]);
    for (const s of [...sweep, ...custom]) expect(s.firings, `sensitivity ${s.sensitivity}`).to.equal(previewRule({ ...r, sensitivity: s.sensitivity }, data).firings);
    // Higher sensitivity finds more anomalies, never fewer; the level shifts are found at all.
    expect(sweep[2].firings).to.be.at.least(sweep[0].firings);
    expect(sweep[2].firings).to.be.greaterThan(0);
    expect(custom[0].firings).to.be.at.least(custom[1].firings);
  });
});

describe('timeToLimit', () => {
  // 2 h of 10 s samples rising 0.01 per second from 10: 82 at the end.
  const n = 721;
  const ramp = (slope: number): PreviewSeries => {
    const t = Array.from({ length: n }, (_, i) => T0 + i * 10 * SECOND);
    return { id: 'sensor.disk', t, v: t.map((x) => 10 + (slope * (x - T0)) / SECOND) };
  };
  const end = T0 + 2 * HOUR;
  const disk = (extra: Record<string, unknown> = {}) => rule<TrendRule>({ name: 'full', type: 'trend', limit: 100, window: '1h', ...extra });

  it('gives the slope per second and when the fitted line reaches the limit', () => {
    // Act
    const eta = timeToLimit(ramp(0.01), disk(), end)!;
    // Assert: (100 − 82) / 0.01 per second = 1,800 s.
    expect(eta.limit).to.equal(100);
    expect(eta.slopePerSecond).to.be.closeTo(0.01, 1e-9);
    expect(eta.etaMs).to.be.closeTo(1800 * SECOND, 1);
  });

  it('fits the window ending at `now`, ignoring later samples', () => {
    // Arrange: at 1 h the line is at 46; later samples jump far above the limit.
    const data = ramp(0.01);
    for (let i = 400; i < n; i++) (data.v as number[])[i] = 1000;
    // Act
    const eta = timeToLimit(data, disk(), T0 + HOUR)!;
    // Assert: (100 − 46) / 0.01 = 5,400 s.
    expect(eta.slopePerSecond).to.be.closeTo(0.01, 1e-9);
    expect(eta.etaMs).to.be.closeTo(5400 * SECOND, 1);
  });

  it('has no eta when the trend heads away from the limit', () => {
    const eta = timeToLimit(ramp(-0.001), disk(), end)!;
    expect(eta.slopePerSecond).to.be.closeTo(-0.001, 1e-9);
    expect(eta.etaMs).to.equal(undefined);
  });

  it('is undefined without a limit or with fewer than min_samples in the window', () => {
    expect(timeToLimit(ramp(0.01), rule<TrendRule>({ name: 'steep', type: 'trend', min_gradient: 0.01 }), end)).to.equal(undefined);
    // Arrange: min_samples 10; a window of 80 s holds 9 samples (every 10 s, both ends included).
    expect(timeToLimit(ramp(0.01), disk({ window: '80s', min_samples: 10 }), end)).to.equal(undefined);
    expect(timeToLimit(ramp(0.01), disk({ window: '90s', min_samples: 10 }), end)).to.not.equal(undefined);
  });
});
