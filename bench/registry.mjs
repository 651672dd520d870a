// Benchmark registry: each section is { name, run: async () => object }. Add yours with
// registerBenchmark(); bench/run.mjs runs them all (or those named in argv) and writes results.json.
export const benchmarks = [];

export function registerBenchmark(name, run) {
  if (benchmarks.some((b) => b.name === name)) throw new Error(`benchmark ${name} already registered`);
  benchmarks.push({ name, run });
}
