#!/usr/bin/env node
// README's screenshot from the demo: starts `node scripts/demo.mjs` with a fresh config dir (the
// first start, with the imported fortnight), waits until the cards show it (the probe's checks,
// then the charts' anomaly markers), and writes docs/images/demo-dashboard.png. Stops the demo.
//
//   node scripts/demo/screenshot.mjs [--url URL] [--out FILE] [--width 1920] [--height 1200]
import path from 'node:path';
import { REPO_ROOT } from '../ha/lanes.mjs';
import { openDashboard, readCards, startDemo, waitForEvidence } from './session.mjs';

const arg = (k, d) => {
  const i = process.argv.indexOf(`--${k}`);
  return i > 0 ? process.argv[i + 1] : d;
};
const OUT = path.resolve(arg('out', path.join(REPO_ROOT, 'docs', 'images', 'demo-dashboard.png')));
const viewport = { width: Number(arg('width', 1920)), height: Number(arg('height', 1200)) };

let demo = null;
let browser = null;
let code = 1;
try {
  let url = arg('url');
  if (!url) {
    demo = await startDemo({});
    url = demo.url;
  }
  const opened = await openDashboard(url, { viewport });
  browser = opened.browser;
  const page = opened.page;
  const { verdict } = await waitForEvidence(page, Date.now() + 180_000);
  for (const v of verdict) console.log(`[screenshot] ${v.ok ? 'ok' : 'NOT YET'} ${v.name}: ${v.detail}`);
  // Anomaly markers of a long history are judged a few ms per frame: wait until they settle.
  let last = '';
  for (let i = 0; i < 30; i++) {
    const now = JSON.stringify((await readCards(page)).history.map((h) => h.anomalies));
    if (now === last) break;
    last = now;
    await page.waitForTimeout(2000);
  }
  await page.mouse.move(0, viewport.height - 1); // no hover highlight
  await page.waitForTimeout(1000);
  await page.screenshot({ path: OUT });
  console.log(`[screenshot] wrote ${path.relative(process.cwd(), OUT)} (${viewport.width}×${viewport.height})`);
  code = verdict.every((v) => v.ok) ? 0 : 1;
} catch (e) {
  console.error(`[screenshot] ${e.stack ?? e.message}`);
} finally {
  await browser?.close().catch(() => {});
  if (demo) await demo.stop();
}
process.exit(code);
