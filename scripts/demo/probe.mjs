#!/usr/bin/env node
// The demo probed as a new user (issue 14's evidence): starts `node scripts/demo.mjs` with a fresh
// config dir (so the first start imports the fortnight; nothing of an existing demo is touched),
// waits for its URL, opens the dashboard in Debian's Chromium and, within 2 minutes of the URL
// appearing, checks that
//   - the overview shows at least three insights with numbers (no "needs 1 h"),
//   - a history card spans 7 days,
//   - the alerts card lists past alerts (resolved ones);
// prints the figures and exits 1 when a check fails. Stops the demo (as Ctrl-C does) afterwards.
//
//   node scripts/demo/probe.mjs                 # start a fresh demo, probe, stop it
//   node scripts/demo/probe.mjs --url URL       # probe a demo that is already running
//   node scripts/demo/probe.mjs --config DIR    # start the demo with this config dir (kept)
import { judge, openDashboard, startDemo, waitForEvidence } from './session.mjs';

const arg = (k) => {
  const i = process.argv.indexOf(`--${k}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const BUDGET_MS = 120_000;

let demo = null;
let browser = null;
let code = 1;
try {
  let url = arg('url');
  if (!url) {
    console.log('[probe] starting the demo as a new user (fresh config dir) …');
    demo = await startDemo({ configDir: arg('config') });
    url = demo.url;
    console.log(`[probe] URL after ${(demo.elapsedMs / 1000).toFixed(1)} s: ${url}`);
  }
  const t0 = Date.now();
  const opened = await openDashboard(url);
  browser = opened.browser;
  const { cards, verdict, at } = await waitForEvidence(opened.page, t0 + BUDGET_MS);
  console.log(`\n[probe] figures ${((at - t0) / 1000).toFixed(1)} s after the URL appeared:`);
  console.log('  overview insights:');
  for (const s of cards?.overview?.insights ?? []) console.log(`    - ${s}`);
  for (const d of cards?.overview?.domains ?? []) console.log(`  ${d.domain} [${d.level}]: ${d.reason}`);
  console.log('  history cards:');
  for (const h of cards?.history ?? []) {
    console.log(`    - ${h.title}: ${h.hours} h window${h.compare ? ` + ${h.compare} d comparison` : ''}, data over the last ${h.spanDays.toFixed(2)} d; anomaly markers ${h.anomalies.join(', ')}${h.forecast ? `; ${h.forecast}` : ''}`);
  }
  console.log(`  alerts card: ${cards?.alerts?.rows.length ?? 0} listed, ${cards?.alerts?.transitions ?? 0} transitions (${cards?.alerts?.summary || 'no recent changes'})`);
  for (const r of cards?.alerts?.rows ?? []) console.log(`    - ${r.rule} · ${r.entity}: ${r.state}`);
  const ours = opened.errorsMatching();
  if (ours.length) console.log(`  console errors from HA Vitals: ${ours.map((e) => e.text.split('\n')[0]).join(' | ')}`);
  console.log('');
  for (const v of verdict.length ? verdict : judge({ overview: null, history: [], alerts: null })) console.log(`[probe] ${v.ok ? 'PASS' : 'FAIL'} ${v.name}: ${v.detail}`);
  code = verdict.length && verdict.every((v) => v.ok) ? 0 : 1;
} catch (e) {
  console.error(`[probe] ${e.stack ?? e.message}`);
} finally {
  await browser?.close().catch(() => {});
  if (demo) {
    console.log('[probe] stopping the demo …');
    const info = await demo.stop();
    console.log(`[probe] demo stopped (${JSON.stringify(info)})`);
  }
}
process.exit(code);
