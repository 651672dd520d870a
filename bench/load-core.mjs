// Bundles src/core (TypeScript) on the fly with esbuild so benchmarks need no build step.
import { build } from 'esbuild';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
let cached;

export async function loadCore() {
  if (cached) return cached;
  const result = await build({
    stdin: {
      contents: [
        "export * from './src/core/series/index.ts';",
        "export * from './src/core/stats/index.ts';",
        "export * from './src/core/detectors/index.ts';",
      ].join('\n'),
      resolveDir: resolve(here, '..'),
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
  });
  const code = result.outputFiles[0].text;
  cached = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return cached;
}
