// Checks that the committed dist/ is exactly what a fresh build produces (HACS installs from the
// default branch, so a stale dist/ would ship old code) and that it stays within the size budget.
import { rollup } from 'rollup';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import config from '../rollup.config.mjs';

const BUDGET_MAIN_GZ = 60 * 1024;
const BUDGET_DIST_GZ = 140 * 1024;

const problems = [];
const bundle = await rollup({ ...config, onwarn: () => {} });
const { output } = await bundle.generate(config.output);
await bundle.close();

const fresh = new Map(output.map((o) => [o.fileName, o.type === 'chunk' ? o.code : o.source]));
const chunks = new Map(output.filter((o) => o.type === 'chunk').map((o) => [o.fileName, o]));
const committed = existsSync('dist') ? readdirSync('dist') : [];
for (const [name, code] of fresh) {
  const file = path.join('dist', name);
  if (!existsSync(file)) problems.push(`${file} is missing: run npm run build and commit dist/`);
  else if (readFileSync(file, 'utf8') !== code) problems.push(`${file} differs from a fresh build: run npm run build and commit dist/`);
}
for (const name of committed) if (!fresh.has(name)) problems.push(`dist/${name} is not produced by the build any more: delete it`);

const gz = (code) => gzipSync(Buffer.from(code), { level: 9 }).length;
/** The entry and every chunk it imports statically: what a dashboard loads before any card asks for more. */
const firstLoad = new Set();
const visit = (name) => {
  if (firstLoad.has(name) || !chunks.has(name)) return;
  firstLoad.add(name);
  for (const imported of chunks.get(name).imports) visit(imported);
};
visit('ha-vitals.js');
const mainGz = [...firstLoad].reduce((sum, name) => sum + gz(fresh.get(name)), 0);
const totalGz = [...fresh.values()].reduce((sum, code) => sum + gz(code), 0);
if (mainGz > BUDGET_MAIN_GZ) problems.push(`dist/ha-vitals.js with what it imports at once (${[...firstLoad].join(', ')}) is ${mainGz} B gzipped, budget ${BUDGET_MAIN_GZ} B`);
// HACS serves the entry as ha-vitals.js?hacstag=N: a chunk importing ./ha-vitals.js would run a second copy.
for (const [name, chunk] of chunks) if (name !== 'ha-vitals.js' && (chunk.imports.includes('ha-vitals.js') || chunk.dynamicImports.includes('ha-vitals.js'))) problems.push(`dist/${name} imports the entry module ha-vitals.js (HACS would load it twice)`);
if (totalGz > BUDGET_DIST_GZ) problems.push(`dist/ is ${totalGz} B gzipped, budget ${BUDGET_DIST_GZ} B`);

console.log(`bundle: ha-vitals.js + ${firstLoad.size - 1} chunk(s) it loads at once ${(mainGz / 1024).toFixed(1)} KiB gz, dist/ ${(totalGz / 1024).toFixed(1)} KiB gz in ${fresh.size} file(s)`);
if (problems.length) {
  for (const p of problems) console.error(`bundle: ${p}`);
  process.exit(1);
}
console.log('bundle: dist/ matches a fresh build and fits the budget');
