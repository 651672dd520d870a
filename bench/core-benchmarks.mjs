// Benchmarks of the pure core: ingest throughput, memory per series, anomaly cost, downsampling, NAB.
import { registerBenchmark } from './registry.mjs';
import { loadCore } from './load-core.mjs';
import { nabBenchmark } from './nab-run.mjs';

function syntheticStream(n, seed = 1) {
  let s = seed;
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s = (s * 16807) % 2147483647;
    values[i] = 50 + 10 * Math.sin(i / 500) + (s % 1000) / 100 + (i % 9973 === 0 ? 40 : 0);
  }
  return values;
}

registerBenchmark('ingestThroughput', async () => {
  const core = await loadCore();
  const n = 1_000_000;
  const values = syntheticStream(n);
  const pass = () => {
    const series = new core.TimeSeries();
    const stats = new core.WindowStats({ windowMs: 300_000, capacity: 256 });
    const ewma = new core.Ewma(60_000);
    const detectors = core.createDefaultDetectors();
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) {
      const t = 1.7e12 + i * 5000;
      const v = values[i];
      series.append(t, v);
      stats.push(t, v);
      ewma.update(t, v);
      for (const d of detectors) d.update(t, v);
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const cpu = process.cpuUsage(cpuStart);
    return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  };
  pass(); // warm-up (JIT)
  // Best of 3: the machine is shared (browsers, test runners); the best pass is the least disturbed.
  const runs = [pass(), pass(), pass()];
  const best = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  return {
    description: 'TimeSeries.append + WindowStats(5 min, quantiles) + Ewma + createDefaultDetectors() (anomaly, staleness), 1 series, one core; best of 3 passes',
    samples: n,
    seconds: +best.seconds.toFixed(3),
    samplesPerSecond: Math.round(n / best.seconds),
    cpuSeconds: +best.cpuSeconds.toFixed(3),
    samplesPerSecondAllPasses: runs.map((r) => Math.round(n / r.seconds)),
    target: 1_000_000,
  };
});

registerBenchmark('memoryPerSeries', async () => {
  const core = await loadCore();
  const seriesCount = 200;
  const samples = 17_280; // 24 h at 5 s
  const gc = globalThis.gc;
  gc?.();
  const before = process.memoryUsage();
  const held = [];
  for (let s = 0; s < seriesCount; s++) {
    const series = new core.TimeSeries();
    for (let i = 0; i < samples; i++) series.append(1.7e12 + i * 5000, i % 100);
    held.push(series);
  }
  gc?.();
  const after = process.memoryUsage();
  const delta = after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers);
  return {
    description: 'TimeSeries holding 24 h at 5 s (17,280 samples); heap + ArrayBuffer delta over many series',
    series: held.length,
    samplesPerSeries: samples,
    bytesPerSeries: Math.round(delta / seriesCount),
    typedArrayBytesPerSeries: held[0].byteLength,
    gcExposed: Boolean(gc),
  };
});

registerBenchmark('anomalyCost', async () => {
  const core = await loadCore();
  const n = 1_000_000;
  const values = syntheticStream(n, 7);
  const measure = () => {
    const detector = core.createAnomalyDetector();
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) detector.update(i * 5000, values[i]);
    return Number(process.hrtime.bigint() - start) / n;
  };
  measure();
  const ns = Math.min(measure(), measure(), measure());
  return { description: 'createAnomalyDetector().update per sample, Node, one core (best of 3)', samples: n, nsPerSample: +ns.toFixed(1), targetNs: 2000 };
});

registerBenchmark('downsample', async () => {
  const core = await loadCore();
  const n = 100_000;
  const times = new Float64Array(n).map((_, i) => i * 1000);
  const values = syntheticStream(n, 3);
  const time = (fn) => {
    for (let i = 0; i < 5; i++) fn();
    const runs = 20;
    const start = process.hrtime.bigint();
    for (let i = 0; i < runs; i++) fn();
    return Number(process.hrtime.bigint() - start) / runs / 1e6;
  };
  return {
    description: '100,000 points → 1,000 px',
    minMaxMs: +time(() => core.minMaxDownsample(times, values, 1000)).toFixed(3),
    lttbMs: +time(() => core.lttb(times, values, 1000)).toFixed(3),
  };
});

registerBenchmark('nab', async () => {
  const result = await nabBenchmark();
  return {
    description: 'Numenta Anomaly Benchmark v1.1, zero-config createAnomalyDetector(), exhaustive threshold sweep per profile (bench/nab-score.mjs)',
    ...result,
    leaderboardStandard: { 'Numenta HTM': 70.5, 'CAD OSE': 69.9, Skyline: 58.2, 'KNN CAD': 58.0, 'Relative Entropy': 54.6, 'Windowed Gaussian': 39.6 },
  };
});
