#!/usr/bin/env node
// Demo data for `npm start`: pushes realistic, noisy sensor states to Home
// Assistant over REST every few seconds, with an occasional anomaly (spike or
// level shift) every few minutes, and runs a real Assist text pipeline (intent
// stage, Home Assistant's built-in agent: free) every ~30 s over the websocket,
// so the AI card shows real runs.
//
// In-process:  const gen = await startGenerator({ baseUrl, token }); ... gen.stop()
// Standalone:  node --experimental-websocket scripts/demo/generator.mjs --url http://127.0.0.1:8123 --token TOKEN [--interval 5]
//
// Env: HA_VITALS_DEMO_SEED (number) makes the noise reproducible;
//      HA_VITALS_DEMO_ASSIST_S (default 30, 0 = off) seconds between Assist runs.
import { connectWs } from '../../e2e/lib/ws.mjs';

/** Sensors: base level, noise, unit, and how the value is shaped. */
export const SENSORS = {
  // AI pipeline latencies (Assist)
  'sensor.demo_assist_stt_ms': { name: 'Assist speech-to-text', unit: 'ms', icon: 'mdi:microphone-message', base: 380, noise: 0.12, min: 60, decimals: 0, kind: 'latency' },
  'sensor.demo_assist_intent_ms': { name: 'Assist intent', unit: 'ms', icon: 'mdi:head-cog', base: 45, noise: 0.2, min: 5, decimals: 0, kind: 'latency' },
  'sensor.demo_assist_tts_ms': { name: 'Assist text-to-speech', unit: 'ms', icon: 'mdi:account-voice', base: 260, noise: 0.15, min: 40, decimals: 0, kind: 'latency' },
  'sensor.demo_llm_response_s': { name: 'LLM response time', unit: 's', icon: 'mdi:robot-outline', base: 1.8, noise: 0.25, min: 0.2, decimals: 2, kind: 'latency' },
  'sensor.demo_llm_tokens_per_second': { name: 'LLM tokens per second', unit: 'tok/s', icon: 'mdi:speedometer', base: 42, noise: 0.1, min: 1, decimals: 1, kind: 'latency' },
  // System
  'sensor.demo_cpu_percent': { name: 'CPU usage', unit: '%', icon: 'mdi:cpu-64-bit', base: 17, noise: 4, min: 0.5, max: 100, decimals: 1, kind: 'load' },
  'sensor.demo_memory_percent': { name: 'Memory usage', unit: '%', icon: 'mdi:memory', base: 46, noise: 0.6, min: 5, max: 100, decimals: 1, kind: 'level' },
  'sensor.demo_disk_percent': { name: 'Disk usage', unit: '%', icon: 'mdi:harddisk', base: 61, noise: 0.005, min: 0, max: 100, decimals: 2, kind: 'growing' },
  'sensor.demo_load_1m': { name: 'Load (1 min)', unit: undefined, icon: 'mdi:gauge', base: 0.9, noise: 0.25, min: 0, decimals: 2, kind: 'load' },
  'sensor.demo_network_in': { name: 'Network in', unit: 'MB/s', icon: 'mdi:download-network', base: 1.6, noise: 0.35, min: 0.01, decimals: 2, kind: 'latency', deviceClass: 'data_rate' },
  'sensor.demo_network_out': { name: 'Network out', unit: 'MB/s', icon: 'mdi:upload-network', base: 0.35, noise: 0.3, min: 0.01, decimals: 2, kind: 'latency', deviceClass: 'data_rate' },
  'sensor.demo_database_size': { name: 'Recorder database size', unit: 'MB', icon: 'mdi:database', base: 612, noise: 0, min: 0, decimals: 1, kind: 'growing', growth: 0.05, deviceClass: 'data_size' },
};

function rng(seed) {
  if (seed === undefined || seed === '' || Number.isNaN(Number(seed))) return Math.random;
  let a = Number(seed) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
} = {}) {
  const random = rng(seed);
  const gauss = () => {
    const u = 1 - random();
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

  // Disk usage and database size keep growing across runs: continue from the last recorded value
  // (a disk close to full starts over, as if cleaned up).
  for (const [id, ceiling] of [['sensor.demo_disk_percent', 97], ['sensor.demo_database_size', 1900]]) {
    try {
      const since = new Date(Date.now() - 30 * 86400e3).toISOString();
      const r = await fetch(`${baseUrl}/api/history/period/${since}?filter_entity_id=${id}&minimal_response&no_attributes`, { headers });
      const hist = (await r.json())[0] ?? [];
      const last = Number(hist.at(-1)?.state);
      if (Number.isFinite(last) && last > 0 && last < ceiling) SENSORS[id].base = last;
    } catch {
      /* fresh install */
    }
  }

  const state = {}; // per-sensor smoothed level (AR(1) drift)
  for (const id of Object.keys(SENSORS)) state[id] = 0;
  let anomaly = null; // {id, type, factor, until}
  const nextAnomalyIn = () => (2 + random() * 4) * 60e3; // every 2-6 minutes
  let nextAnomalyAt = Date.now() + nextAnomalyIn();
  const t0 = Date.now();

  function value(id, now) {
    const s = SENSORS[id];
    const minutes = (now - t0) / 60e3;
    let v;
    switch (s.kind) {
      case 'latency': {
        // log-normal noise around a slowly wandering base
        state[id] = 0.9 * state[id] + 0.1 * gauss();
        v = s.base * Math.exp(s.noise * gauss() + 0.05 * state[id]);
        break;
      }
      case 'load': {
        // daily-ish wave (15 min period here) + correlated noise; amplitude relative to the base
        state[id] = 0.8 * state[id] + 0.2 * gauss();
        const k = s.base / 17;
        v = s.base + 5 * k * Math.sin((2 * Math.PI * minutes) / 15) + s.noise * state[id] + 1.5 * k * gauss();
        break;
      }
      case 'level': {
        state[id] = 0.98 * state[id] + 0.02 * gauss() * 20;
        v = s.base + state[id] + s.noise * gauss();
        break;
      }
      case 'growing': {
        s.base += (s.growth ?? 0.0004) * (intervalMs / 1000) * (0.5 + random()); // disk ~ +1.5 %/h, database ~ +3 MB/min
        v = s.base + s.noise * gauss();
        break;
      }
      default:
        v = s.base;
    }
    if (anomaly && anomaly.id === id && now < anomaly.until) v *= anomaly.factor;
    if (s.max !== undefined) v = Math.min(s.max, v);
    return Math.max(s.min ?? 0, v);
  }

  function maybeAnomaly(now) {
    if (anomaly && now >= anomaly.until) {
      log(`[generator] anomaly on ${anomaly.id} ended`);
      anomaly = null;
    }
    if (!anomaly && now >= nextAnomalyAt) {
      const ids = Object.keys(SENSORS).filter((id) => SENSORS[id].kind !== 'growing');
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
    await Promise.all(
      Object.entries(SENSORS).map(async ([id, s]) => {
        const v = value(id, now);
        const body = {
          state: v.toFixed(s.decimals),
          attributes: {
            friendly_name: s.name,
            ...(s.unit ? { unit_of_measurement: s.unit } : {}),
            ...(s.deviceClass ? { device_class: s.deviceClass } : {}),
            icon: s.icon,
            state_class: 'measurement',
          },
        };
        const r = await fetch(`${baseUrl}/api/states/${id}`, { method: 'POST', headers, body: JSON.stringify(body) });
        if (!r.ok) throw new Error(`POST /api/states/${id}: HTTP ${r.status}`);
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
