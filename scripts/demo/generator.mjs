#!/usr/bin/env node
// Demo data for `npm start`: pushes the demo sensors' states to Home Assistant over REST every
// few seconds, continuing the lived-in fortnight the first start imported (scripts/demo/week.mjs:
// daily cycle, weekend, the Assist slowdown since Tuesday, the disk filling, the fixed memory
// leak), with an occasional live anomaly (spike or level shift) every 8-20 minutes, and runs a
// real Assist text pipeline (intent stage, Home Assistant's built-in agent: free) every ~30 s over
// the websocket, so the AI card shows real runs.
//
// In-process:  const gen = await startGenerator({ baseUrl, token, events }); ... gen.stop()
// Standalone:  node --experimental-websocket scripts/demo/generator.mjs --url http://127.0.0.1:8123 --token TOKEN [--interval 5]
//
// Env: HA_VITALS_DEMO_SEED (number) makes the noise reproducible;
//      HA_VITALS_DEMO_ASSIST_S (default 30, 0 = off) seconds between Assist runs.
import { connectWs } from '../../e2e/lib/ws.mjs';
import { SENSORS, noiseProcess, rng as seededRng, sensorAttributes, stateText, storyEvents, storyLevel } from './week.mjs';

export { SENSORS };

function rng(seed) {
  if (seed === undefined || seed === '' || Number.isNaN(Number(seed))) return Math.random;
  return seededRng(seed);
}

const ASSIST_TEXTS = ['what time is it', 'what is the date today', 'turn on the kitchen light', 'what time is it', 'set a timer for 5 minutes', 'is the front door locked'];

/**
 * Run Assist's text pipeline (intent stage; the preferred pipeline, i.e. Home Assistant's
 * built-in agent unless the user changed it) every `everyMs` over one websocket, so the AI
 * card lists real runs. Sentences the agent cannot handle give intent errors, as in real life.
 */
export function startAssistRuns({ baseUrl, token, everyMs = 30000, log = console.log, random = Math.random }) {
  let stopped = false;
  let ws = null;
  let timer = null;
  let n = 0;
  let warned = false;
  const runOnce = async () => {
    ws ??= await connectWs(`${baseUrl.replace(/^http/, 'ws')}/api/websocket`, token);
    ws.closed.then(() => (ws = null));
    const text = ASSIST_TEXTS[n++ % ASSIST_TEXTS.length];
    await new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('no run-end within 30 s')), 30000);
      let unsub = null;
      ws.subscribe({ type: 'assist_pipeline/run', start_stage: 'intent', end_stage: 'intent', input: { text } }, (ev) => {
        if (ev.type === 'run-end' || ev.type === 'error') {
          clearTimeout(t);
          unsub?.();
          resolve();
        }
      }).then((u) => (unsub = u), reject);
    });
  };
  const loop = async () => {
    if (stopped) return;
    try {
      await runOnce();
      warned = false;
    } catch (e) {
      if (!warned) log(`[generator] Assist run failed: ${e.message}`);
      warned = true;
    }
    // jitter ±20 % so runs do not line up with the card's poll
    if (!stopped) timer = setTimeout(loop, everyMs * (0.8 + 0.4 * random()));
  };
  timer = setTimeout(loop, 2000);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      ws?.close();
    },
  };
}

export async function startGenerator({
  baseUrl,
  token,
  intervalMs = 5000,
  log = console.log,
  seed = process.env.HA_VITALS_DEMO_SEED,
  assistMs = Number(process.env.HA_VITALS_DEMO_ASSIST_S ?? 30) * 1000,
  // When the story happened (storyEvents of the first start's anchor); default: it ends now.
  events = storyEvents(Date.now()),
} = {}) {
  const random = rng(seed);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const noise = Object.fromEntries(Object.keys(SENSORS).map((id) => [id, noiseProcess(id, random)]));
  const lastSent = {}; // per sensor: when its state was last pushed (sensors with their own cadence)

  let anomaly = null; // {id, type, factor, until}
  const nextAnomalyIn = () => (8 + random() * 12) * 60e3; // every 8-20 minutes
  let nextAnomalyAt = Date.now() + nextAnomalyIn();

  function value(id, now) {
    let v = noise[id].next(now, storyLevel(id, now, events));
    if (anomaly && anomaly.id === id && now < anomaly.until) v *= anomaly.factor;
    if (SENSORS[id].unit === '%') v = Math.min(100, v);
    return v;
  }

  function maybeAnomaly(now) {
    if (anomaly && now >= anomaly.until) {
      log(`[generator] anomaly on ${anomaly.id} ended`);
      anomaly = null;
    }
    if (!anomaly && now >= nextAnomalyAt) {
      const ids = Object.keys(SENSORS).filter((id) => !/disk|database/.test(id));
      const id = ids[Math.floor(random() * ids.length)];
      const spike = random() < 0.5;
      anomaly = spike
        ? { id, type: 'spike', factor: 3 + random() * 3, until: now + intervalMs * (1 + Math.floor(random() * 2)) }
        : { id, type: 'level shift', factor: 1.4 + random() * 0.6, until: now + (60 + random() * 120) * 1000 };
      if (SENSORS[id].unit === '%' && anomaly.factor > 2.5) anomaly.factor = 2.5;
      nextAnomalyAt = now + nextAnomalyIn();
      log(`[generator] anomaly: ${anomaly.type} x${anomaly.factor.toFixed(2)} on ${id} for ${Math.round((anomaly.until - now) / 1000)} s`);
    }
  }

  let stopped = false;
  let failures = 0;
  async function tick() {
    const now = Date.now();
    maybeAnomaly(now);
    // Sensors with a cadence of their own (the wall tablet reports once a minute) skip ticks.
    const due = Object.keys(SENSORS).filter((id) => !(SENSORS[id].everyMs && now - (lastSent[id] ?? -Infinity) < SENSORS[id].everyMs - intervalMs / 2));
    await Promise.all(
      due.map(async (id) => {
        const body = { state: stateText(id, value(id, now)), attributes: sensorAttributes(id) };
        const r = await fetch(`${baseUrl}/api/states/${id}`, { method: 'POST', headers, body: JSON.stringify(body) });
        if (!r.ok) throw new Error(`POST /api/states/${id}: HTTP ${r.status}`);
        lastSent[id] = now;
      }),
    ).then(
      () => (failures = 0),
      (e) => {
        if (failures++ % 12 === 0) log(`[generator] push failed: ${e.message}`);
      },
    );
  }

  await tick();
  let timer = null;
  const loop = async () => {
    if (stopped) return;
    await tick();
    if (!stopped) timer = setTimeout(loop, intervalMs);
  };
  timer = setTimeout(loop, intervalMs);
  const assist = assistMs > 0 ? startAssistRuns({ baseUrl, token, everyMs: assistMs, log, random }) : null;
  return {
    sensors: Object.keys(SENSORS),
    stop() {
      stopped = true;
      clearTimeout(timer);
      assist?.stop();
    },
  };
}

// ---------------------------------------------------------------- standalone
if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (k, d) => {
    const i = process.argv.indexOf(`--${k}`);
    return i > 0 ? process.argv[i + 1] : d;
  };
  const baseUrl = arg('url', 'http://127.0.0.1:8123');
  const token = arg('token', process.env.HA_TOKEN);
  if (!token) {
    console.error('usage: node scripts/demo/generator.mjs --url URL --token LONG_LIVED_TOKEN [--interval SECONDS]');
    process.exit(2);
  }
  const gen = await startGenerator({ baseUrl, token, intervalMs: Number(arg('interval', 5)) * 1000 });
  console.log(`[generator] pushing ${gen.sensors.length} sensors to ${baseUrl}; Ctrl-C to stop`);
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => (gen.stop(), process.exit(0)));
}
