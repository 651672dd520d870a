// Telemetry: a real Assist pipeline text run (built-in agent) shows up in the AI card with its
// stage latencies, read by the shared Assist collector from assist_pipeline/pipeline_debug.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cardAttr, cardText, countCards, dashboard, useDashboard, waitFor } from '../lib/index.mjs';

const AI = { tag: 'vitals-ai-card' };
const ha = useDashboard({
  mqtt: false,
  dashboard: dashboard([{ type: 'custom:vitals-ai-card', poll_interval: 5, title: 'Assist' }]),
  async ready({ page }) {
    await waitFor(async () => (await countCards(page, AI.tag)) === 1, { timeoutMs: 20000, what: 'AI card' });
  },
});
const LANE = ha.laneName;

/** Run `text` through the preferred pipeline's intent stage over our own websocket; returns its events. */
async function runPipeline(text) {
  const ws = await ha.lane.ws();
  const events = [];
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`assist_pipeline/run: no run-end within 30 s (${JSON.stringify(events)})`)), 30000);
      ws.subscribe({ type: 'assist_pipeline/run', start_stage: 'intent', end_stage: 'intent', input: { text } }, (e) => {
        events.push(e);
        if (e.type === 'run-end' || e.type === 'error') {
          clearTimeout(timer);
          resolve();
        }
      }).catch(reject);
    });
  } finally {
    await ws.close();
  }
  const at = (type) => Date.parse(events.find((e) => e.type === type)?.timestamp);
  return { events, intentMs: at('intent-end') - at('intent-start'), totalMs: at('run-end') - at('run-start'), engine: events.find((e) => e.type === 'intent-start')?.data?.engine };
}

test(`[${LANE}] the AI card shows a real Assist text run with its intent latency`, async (t) => {
  const ws = await ha.lane.ws();
  const { pipelines, preferred_pipeline: preferred } = await ws.send({ type: 'assist_pipeline/pipeline/list' });
  await ws.close();
  t.diagnostic(`pipelines: ${JSON.stringify(pipelines.map((p) => ({ id: p.id, name: p.name, agent: p.conversation_engine })))}, preferred ${preferred}`);
  assert.ok(preferred, 'Home Assistant created a preferred pipeline');

  // the collector polled: the card says there are no runs yet
  await waitFor(async () => /No Assist runs yet/.test(await cardText(ha.page, '.notice', AI)), { timeoutMs: 20000, what: 'AI card "No Assist runs yet"' });

  const runs = [];
  for (const text of ['what time is it', 'turn on the kitchen light', 'what time is it']) runs.push(await runPipeline(text));
  for (const r of runs) t.diagnostic(`run (own events): intent ${r.intentMs} ms, total ${r.totalMs} ms, engine ${r.engine}, events ${r.events.map((e) => e.type).join(',')}`);
  for (const r of runs) assert.ok(r.events.some((e) => e.type === 'intent-end'), 'the intent stage ended');

  // the card shows the three runs (poll every 5 s)
  const t0 = Date.now();
  await waitFor(async () => (await ha.page.locator('vitals-ai-card li.run').count()) === runs.length, {
    timeoutMs: 20000,
    intervalMs: 200,
    what: `${runs.length} runs in the AI card`,
  });
  t.diagnostic(`card showed the runs ${Date.now() - t0} ms after the last run ended (poll_interval 5 s)`);

  const labels = [];
  for (let i = 0; i < runs.length; i++) labels.push(await ha.page.locator('vitals-ai-card li.run .bar').nth(i).getAttribute('aria-label'));
  const intentP50 = await cardText(ha.page, 'tr.stage-intent td.p50', AI);
  const intentP95 = await cardText(ha.page, 'tr.stage-intent td.p95', AI);
  const totalP50 = await cardText(ha.page, 'tr.stage-total td.p50', AI);
  const errors = await cardText(ha.page, '.errors', AI);
  t.diagnostic(`card runs: ${JSON.stringify(labels)}`);
  t.diagnostic(`card table: intent p50 ${intentP50}, p95 ${intentP95}; whole run p50 ${totalP50}; ${errors}`);

  // newest first; each run's intent latency as the pipeline's own events give it
  const newestFirst = [...runs].reverse();
  for (let i = 0; i < runs.length; i++) {
    const m = /Intent (\d+(?:\.\d+)?) (ms|s)/.exec(labels[i] ?? '');
    assert.ok(m, `run ${i} label names the intent latency: ${labels[i]}`);
    const ms = m[2] === 's' ? Number(m[1]) * 1000 : Number(m[1]);
    // a warm built-in agent answers in a few ms; event timestamps are whole ms, so only the cold first run must be > 0
    assert.ok(i === runs.length - 1 ? ms > 0 : ms >= 0, `intent latency: ${labels[i]}`);
    assert.ok(Math.abs(ms - newestFirst[i].intentMs) <= (m[2] === 's' ? 10 : 1), `card ${ms} ms vs events ${newestFirst[i].intentMs} ms`);
    assert.match(labels[i], /agent (homeassistant|conversation\.home_assistant)/, 'the built-in agent');
  }
  assert.match(intentP50, /^\d+(\.\d+)? m?s$/, 'intent p50 shown');
  assert.notEqual(intentP95, '0 ms', 'intent p95 > 0 ms');
  assert.match(intentP95, /^\d+(\.\d+)? m?s$/, 'intent p95 shown');
  assert.match(errors, /Errors: 0% \(0 of 3 runs\)/);
  assert.equal(await cardAttr(ha.page, 'li.run .segment.intent', 'class', AI), 'segment intent', 'an intent segment in the bar');
  assert.deepEqual(ha.tab.errorsMatching().map((m) => m.text), [], 'console errors mentioning ha-vitals / vitals-');
});
