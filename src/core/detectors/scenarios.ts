/**
 * Deterministic labelled scenarios (seeded PRNG) for testing detectors on the situations the
 * product cares about. Each scenario lists the sample index where the anomaly starts (if any).
 */

export interface Scenario {
  name: string;
  times: Float64Array;
  values: Float64Array;
  /** Index of the first anomalous sample, or -1 when nothing should alert. */
  anomalyStart: number;
  /** Whether a sustained alert is expected (false for lone outliers and pure noise). */
  expectSustained: boolean;
}

/** mulberry32: tiny, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal via Box–Muller. */
export function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

interface Base {
  samples: number;
  intervalMs: number;
  random: () => number;
}

function base(samples: number, intervalMs: number, seed: number): Base & { times: Float64Array; values: Float64Array } {
  const times = new Float64Array(samples);
  for (let i = 0; i < samples; i++) times[i] = 1_700_000_000_000 + i * intervalMs;
  return { samples, intervalMs, random: seededRandom(seed), times, values: new Float64Array(samples) };
}

const START = 0.75;

/** CPU around 20 % ± 3 that jumps to ~85 % and stays there. */
export function cpuSpike(seed = 1, samples = 2000): Scenario {
  const s = base(samples, 10_000, seed);
  const at = Math.floor(samples * START);
  for (let i = 0; i < samples; i++) s.values[i] = (i >= at ? 85 : 20) + 3 * gaussian(s.random);
  return { name: 'cpu spike', times: s.times, values: s.values, anomalyStart: at, expectSustained: true };
}

/** Memory flat at 2 GB with noise, then a slow leak (+0.5 % of the level per sample). */
export function memoryLeak(seed = 2, samples = 2000): Scenario {
  const s = base(samples, 30_000, seed);
  const at = Math.floor(samples * START);
  for (let i = 0; i < samples; i++) s.values[i] = 2000 + (i >= at ? 10 * (i - at) : 0) + 5 * gaussian(s.random);
  return { name: 'memory leak', times: s.times, values: s.values, anomalyStart: at, expectSustained: true };
}

/** Latency with log-normal noise around 120 ms whose level shifts to ~300 ms. */
export function latencyShift(seed = 3, samples = 2000): Scenario {
  const s = base(samples, 5_000, seed);
  const at = Math.floor(samples * START);
  for (let i = 0; i < samples; i++) s.values[i] = (i >= at ? 300 : 120) * Math.exp(0.1 * gaussian(s.random));
  return { name: 'latency shift', times: s.times, values: s.values, anomalyStart: at, expectSustained: true };
}

/** A value oscillating around a threshold of 80 (flapping). */
export function flapping(seed = 4, samples = 600, threshold = 80): Scenario {
  const s = base(samples, 5_000, seed);
  for (let i = 0; i < samples; i++) s.values[i] = threshold + (i % 2 === 0 ? 1 : -1) * (0.5 + s.random());
  return { name: 'flapping', times: s.times, values: s.values, anomalyStart: -1, expectSustained: false };
}

/** Noise with a few lone outliers far apart: each may score, none may alert for long. */
export function singleOutliers(seed = 5, samples = 3000): Scenario {
  const s = base(samples, 10_000, seed);
  for (let i = 0; i < samples; i++) s.values[i] = 50 + 2 * gaussian(s.random) + (i > 500 && i % 400 === 0 ? 40 : 0);
  return { name: 'single outliers', times: s.times, values: s.values, anomalyStart: -1, expectSustained: false };
}

/** A sensor that goes unavailable (NaN) for stretches and comes back at the same level. */
export function sensorGaps(seed = 6, samples = 2000): Scenario {
  const s = base(samples, 10_000, seed);
  for (let i = 0; i < samples; i++) s.values[i] = i % 500 >= 450 ? Number.NaN : 21 + 0.2 * gaussian(s.random);
  return { name: 'sensor gaps', times: s.times, values: s.values, anomalyStart: -1, expectSustained: false };
}

/** A monotonic counter (bytes) that resets to 0 at the anomaly start and keeps counting. */
export function counterReset(seed = 7, samples = 1000): Scenario {
  const s = base(samples, 10_000, seed);
  const at = Math.floor(samples * START);
  let total = 1e6;
  for (let i = 0; i < samples; i++) {
    if (i === at) total = 0;
    total += 1000 + 100 * s.random();
    s.values[i] = total;
  }
  return { name: 'counter reset', times: s.times, values: s.values, anomalyStart: at, expectSustained: false };
}

/** A day of Gaussian noise at 5 s sampling: nothing should alert. */
export function pureNoiseDay(seed = 8): Scenario {
  const s = base(17_280, 5_000, seed);
  for (let i = 0; i < s.samples; i++) s.values[i] = 100 + 10 * gaussian(s.random);
  return { name: 'pure noise (1 day)', times: s.times, values: s.values, anomalyStart: -1, expectSustained: false };
}

/**
 * A room temperature (21 °C, noise 0.15, quantised to 0.1) that falls 3 °C over two minutes at
 * 5 s sampling (a window opened in winter) and stays low: a drift the fast baseline would learn.
 */
export function slowDrift(seed = 9, samples = 3000): Scenario {
  const s = base(samples, 5_000, seed);
  const at = Math.floor(samples * START);
  for (let i = 0; i < samples; i++) {
    const fall = i < at ? 0 : Math.min(3, (3 * (i - at)) / 24);
    s.values[i] = Math.round((21 - fall + 0.15 * gaussian(s.random)) * 10) / 10;
  }
  return { name: 'slow drift', times: s.times, values: s.values, anomalyStart: at, expectSustained: true };
}

/**
 * A load (W) wandering slowly between 40 and 60 that starts oscillating ±6 around its level
 * (a controller hunting): every value stays inside the normal range.
 */
export function oscillationOnset(seed = 10, samples = 3000): Scenario {
  const s = base(samples, 10_000, seed);
  const at = Math.floor(samples * START);
  for (let i = 0; i < samples; i++) {
    const level = 50 + 10 * Math.sin((2 * Math.PI * i) / 700);
    s.values[i] = level + 0.8 * gaussian(s.random) + (i >= at ? (i % 2 === 0 ? 6 : -6) : 0);
  }
  return { name: 'oscillation onset', times: s.times, values: s.values, anomalyStart: at, expectSustained: true };
}

/**
 * A fridge compressor cycling (≈ 5 W off, ≈ 80 W on, 12 samples each way at 30 s sampling) that
 * stops cycling and stays off: every value it then sends is an ordinary "off" reading.
 */
export function cycleStops(seed = 11, samples = 3000): Scenario {
  const s = base(samples, 30_000, seed);
  const at = Math.floor(samples * START);
  for (let i = 0; i < samples; i++) {
    const on = i < at && Math.floor(i / 12) % 2 === 1;
    s.values[i] = (on ? 80 : 5) + gaussian(s.random);
  }
  return { name: 'cycle stops', times: s.times, values: s.values, anomalyStart: at, expectSustained: true };
}

/** A latency (ms, around 80 ± 8) that jumps to ~400 for 4 samples (20 s at 5 s sampling) and recovers. */
export function shortEpisode(seed = 12, samples = 2000): Scenario {
  const s = base(samples, 5_000, seed);
  const at = Math.floor(samples * START);
  for (let i = 0; i < samples; i++) s.values[i] = (i >= at && i < at + 4 ? 400 : 80) + 8 * gaussian(s.random);
  return { name: 'short episode', times: s.times, values: s.values, anomalyStart: at, expectSustained: false };
}

/** A series around 50 with lone absurd readings (5e6, the 3.4e38 float sentinel, Infinity): gaps, not alerts. */
export function absurdValues(seed = 13, samples = 2000): Scenario {
  const s = base(samples, 10_000, seed);
  const junk = [5e6, 3.4e38, Number.POSITIVE_INFINITY, -3.4e38];
  for (let i = 0; i < samples; i++) s.values[i] = i > 300 && i % 250 === 0 ? junk[(i / 250) % junk.length] : 50 + 2 * gaussian(s.random);
  return { name: 'absurd values', times: s.times, values: s.values, anomalyStart: -1, expectSustained: false };
}

/**
 * A hot-water tank (40 °C ± 0.4) heated to 60 °C every morning from 06:00 to 08:00, sampled every
 * 5 min; on the sixth morning the heating does not come on: every reading is an ordinary one,
 * wrong only for the time of day.
 */
export function missedDailyPeak(seed = 14): Scenario {
  const perDay = 288;
  const s = base(perDay * 7, 300_000, seed);
  const day0 = Math.floor(s.times[0] / 86_400_000) * 86_400_000;
  const at = 5 * perDay + 72; // 06:00 on the sixth day
  for (let i = 0; i < s.samples; i++) {
    s.times[i] = day0 + i * 300_000;
    const slot = i % perDay;
    const heating = slot >= 72 && slot < 96 && Math.floor(i / perDay) !== 5;
    s.values[i] = (heating ? 40 + 20 * Math.min(1, (slot - 71) / 6) : 40) + 0.4 * gaussian(s.random);
  }
  return { name: 'missed daily peak', times: s.times, values: s.values, anomalyStart: at, expectSustained: true };
}
