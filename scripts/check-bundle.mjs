// Checks that the committed dist/ is exactly what a fresh build produces (HACS installs from the
// default branch, so a stale dist/ would ship old code) and that it stays within the size budget.
import { rollup } from 'rollup';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import config from '../rollup.config.mjs';

/** ha-vitals.js with what it imports at once: loaded on every Home Assistant page. */
const BUDGET_MAIN_GZ = 30 * 1024;
/**
 * What a dashboard with one history card downloads before its first paint. The goal is 75 KiB;
 * chart.js alone is 40 KiB of it (line chart, linear scales; its Tooltip replaced by our own
 * readout), and the checks of all seven card configs in the entry (so Home Assistant's error card
 * names a bad key before any card code loads) are 15 KiB. Speaking the user's language added
 * about 8.5 KiB (the English catalogue of the cards, the formatting module, actions and their
 * config check); the editors' and backtest preview's English is a chunk of its own that only the
 * editors load (languages/en-editor.ts). Today's first view is 86.6 KiB, so this budget keeps it
 * from growing while the rest of the way is found (a catalogue per card would save about 2 KiB).
 */
const BUDGET_HISTORY_VIEW_GZ = 90 * 1024;
/**
 * Everything, lazily loaded chunks included (nothing here is downloaded unless used). The four
 * translations are 32 KiB of it; the visual rule editor and its backtest preview (which brings the
 * alert engine, detectors and replay loop into the editor) 18 KiB, loaded only when a card editor
 * opens or an alert's "Last 7 days" is pressed; rules that run in Home Assistant (the automation
 * translation, the sync and its view) 6 KiB, loaded only by alerts cards that have such rules.
 */
const BUDGET_DIST_GZ = 225 * 1024;

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
/**
 * A history card's first view: the entry's closure, the history card's chunk and everything it
 * imports, the chunks it imports dynamically on its way to the first paint (chart.js, the history
 * cache), but not what loads after it (editors, anomaly detectors, alert hub).
 */
const closure = (names) => {
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name) || !chunks.has(name)) return;
    seen.add(name);
    for (const imported of chunks.get(name).imports) visit(imported);
  };
  names.forEach(visit);
  return seen;
};
const named = (prefix) => [...chunks.keys()].filter((n) => n.startsWith(prefix));
const historyView = closure([...firstLoad, ...named('ha-vitals-vitals-history-card-'), ...named('ha-vitals-chart-setup-'), ...named('ha-vitals-history-cache-')]);
const historyViewGz = [...historyView].reduce((sum, name) => sum + gz(fresh.get(name)), 0);
if (historyViewGz > BUDGET_HISTORY_VIEW_GZ) problems.push(`a history card's first view (${[...historyView].join(', ')}) is ${historyViewGz} B gzipped, budget ${BUDGET_HISTORY_VIEW_GZ} B`);
if (mainGz > BUDGET_MAIN_GZ) problems.push(`dist/ha-vitals.js with what it imports at once (${[...firstLoad].join(', ')}) is ${mainGz} B gzipped, budget ${BUDGET_MAIN_GZ} B`);
// HACS serves the entry as ha-vitals.js?hacstag=N: a chunk importing ./ha-vitals.js would run a second copy.
for (const [name, chunk] of chunks) if (name !== 'ha-vitals.js' && (chunk.imports.includes('ha-vitals.js') || chunk.dynamicImports.includes('ha-vitals.js'))) problems.push(`dist/${name} imports the entry module ha-vitals.js (HACS would load it twice)`);
if (totalGz > BUDGET_DIST_GZ) problems.push(`dist/ is ${totalGz} B gzipped, budget ${BUDGET_DIST_GZ} B`);

console.log(
  `bundle: ha-vitals.js + ${firstLoad.size - 1} chunk(s) it loads at once ${(mainGz / 1024).toFixed(1)} KiB gz; a history card's first view ${(historyViewGz / 1024).toFixed(1)} KiB gz in ${historyView.size} file(s); dist/ ${(totalGz / 1024).toFixed(1)} KiB gz in ${fresh.size} file(s)`,
);
if (problems.length) {
  for (const p of problems) console.error(`bundle: ${p}`);
  process.exit(1);
}
console.log('bundle: dist/ matches a fresh build and fits the budget');
