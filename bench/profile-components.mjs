// Per-component cost of the ingest pipeline (ns/sample), to see where throughput goes.
//   node bench/profile-components.mjs
import { loadCore } from './load-core.mjs';

const core = await loadCore();
const n = 1_000_000;
const values = new Float64Array(n);
let s = 1;
for (let i = 0; i < n; i++) {
  s = (s * 16807) % 2147483647;
  values[i] = 50 + 10 * Math.sin(i / 500) + (s % 1000) / 100 + (i % 9973 === 0 ? 40 : 0);
}
const parts = {
  timeSeries: () => { const x = new core.TimeSeries(); return (t, v) => x.append(t, v); },
  windowStats: () => { const x = new core.WindowStats({ windowMs: 300_000, capacity: 256 }); return (t, v) => x.push(t, v); },
  ewma: () => { const x = new core.Ewma(60_000); return (t, v) => x.update(t, v); },
  anomaly: () => { const x = core.createAnomalyDetector(); return (t, v) => x.update(t, v); },
  staleness: () => { const x = new core.StalenessDetector(); return (t, v) => x.update(t, v); },
};
for (const [name, make] of Object.entries(parts)) {
  const time = () => {
    const f = make();
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) f(1.7e12 + i * 5000, values[i]);
    return Number(process.hrtime.bigint() - start) / n;
  };
  time();
  console.log(name.padEnd(12), time().toFixed(1), 'ns/sample');
}
