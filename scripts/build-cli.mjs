// Bundles the CLI (cli/main.ts + the pure core it uses) into build/cli/ha-vitals.mjs.
// build/ is gitignored and outside dist/, so HACS never ships it; npm ships it via "files".
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ['cli/main.ts'],
  outfile: 'build/cli/ha-vitals.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  legalComments: 'none',
  // yaml ships CommonJS for Node; give the ESM bundle a require() for its node: built-ins.
  banner: { js: "import { createRequire as __hvCreateRequire } from 'node:module'; const require = __hvCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
