#!/usr/bin/env node
// Launcher for the bundled CLI (built by `npm run build:cli`, also run by `npm install`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../build/cli/ha-vitals.mjs', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('ha-vitals: the CLI is not built yet; run `npm run build:cli` first.\n');
  process.exit(2);
}
await import(bundle.href);
