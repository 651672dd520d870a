// The `npm start` demo probed as a new user (issue 14): `node scripts/demo.mjs` with a fresh
// config dir in this lane's Home Assistant, so its first start imports the lived-in fortnight
// (scripts/demo/import-week.mjs); then, within 2 minutes of the URL appearing, the dashboard shows
// what the product is for. The same reading and judgement as `node scripts/demo/probe.mjs`.
//
// Measurements (report.json, measurements.<lane>):
//   demo_first_start_s              demo started → its URL printed (the import included)
//   demo_evidence_s                 URL → every check below holds
//   demo_overview_insights          overview insights with numbers (≥ 3, and no "needs 1 h")
//   demo_history_span_days          the widest span of data a history card shows (≥ 6.9)
//   demo_past_alerts                resolved alerts the alerts card lists (≥ 1)
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { LANE, artifact, measure } from '../lib/index.mjs';
import { judge, openDashboard, startDemo, waitForEvidence } from '../../scripts/demo/session.mjs';

const BUDGET_MS = 120_000;
let demo = null;
let browser = null;

after(async () => {
  await browser?.close().catch(() => {});
  await demo?.stop();
});

test(`[${LANE}] demo: a new user's first start shows a lived-in week within 2 minutes of the URL`, async (t) => {
  // Arrange: the demo in this lane, with a config dir of its own (nothing imported yet).
  process.env.HA_VITALS_DEMO_LANE = LANE;
  demo = await startDemo({ echo: () => {} });
  t.diagnostic(`URL after ${(demo.elapsedMs / 1000).toFixed(1)} s: ${demo.url}`);
  measure('demo_first_start_s', Math.round(demo.elapsedMs / 100) / 10);
  // Act
  const t0 = Date.now();
  const opened = await openDashboard(demo.url);
  browser = opened.browser;
  const { cards, verdict, at } = await waitForEvidence(opened.page, t0 + BUDGET_MS);
  // Assert
  const withNumbers = (cards?.overview?.insights ?? []).filter((s) => /\d/.test(s));
  const span = Math.max(0, ...(cards?.history ?? []).map((h) => h.spanDays));
  const past = (cards?.alerts?.rows ?? []).filter((r) => /\bresolved\b/.test(r.css));
  t.diagnostic(`insights: ${JSON.stringify(cards?.overview?.insights ?? [])}`);
  t.diagnostic(`history: ${(cards?.history ?? []).map((h) => `${h.title} ${h.spanDays.toFixed(2)} d`).join('; ')}; alerts: ${past.length} resolved (${cards?.alerts?.summary ?? ''})`);
  measure('demo_evidence_s', Math.round((at - t0) / 100) / 10);
  measure('demo_overview_insights', withNumbers.length);
  measure('demo_history_span_days', Math.round(span * 100) / 100);
  measure('demo_past_alerts', past.length);
  await opened.page.screenshot({ path: artifact(`${LANE}-demo-week.png`) });
  for (const v of verdict.length ? verdict : judge({ overview: null, history: [], alerts: null })) assert.ok(v.ok, `${v.name}: ${v.detail}`);
  assert.ok(at - t0 <= BUDGET_MS, `evidence after ${((at - t0) / 1000).toFixed(1)} s`);
  assert.deepEqual(opened.errorsMatching().map((e) => e.text.split('\n')[0]), [], 'no console errors from HA Vitals');
});
