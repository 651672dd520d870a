// Runs the registered benchmarks and writes bench/results.json (one section per benchmark).
// Usage: node bench/run.mjs [section ...]   (e.g. `node bench/run.mjs nab`)
// Other modules can add sections: import { registerBenchmark } from './registry.mjs' and import the module here.
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { benchmarks } from './registry.mjs';
import './core-benchmarks.mjs';
import './nab-alerts.mjs';
import './chart-paint.mjs';
import './heap-soak.mjs';
import './peer-charts.mjs';
import './rule-preview.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const output = resolve(here, 'results.json');
const only = process.argv.slice(2);
const previous = existsSync(output) ? JSON.parse(readFileSync(output, 'utf8')) : {};
const results = {
  ...previous,
  meta: { date: new Date().toISOString(), node: process.version, cpu: os.cpus()[0]?.model ?? 'unknown' },
};
for (const { name, run } of benchmarks) {
  if (only.length > 0 && !only.includes(name)) continue;
  process.stdout.write(`${name} … `);
  results[name] = await run();
  console.log(JSON.stringify(results[name]));
}
writeFileSync(output, JSON.stringify(results, null, 2) + '\n');
console.log(`wrote ${output}`);
