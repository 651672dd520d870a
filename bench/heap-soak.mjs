// A dashboard left open for days: five metric cards (one with alert rules) on the shared store,
// fed three simulated days of state changes at 5 s per entity through the real websocket
// message decoding, in Chromium. The JS heap after a forced GC is sampled every simulated 6 h;
// a flat heap means buffers are trimmed and nothing accumulates.
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:http';
import { registerBenchmark } from './registry.mjs';

const here = dirname(fileURLToPath(import.meta.url));

const PAGE_SCRIPT = `
import './src/ha-vitals.ts';

class SoakConnection {
  constructor() { this.subs = []; this.listeners = {}; }
  async subscribeMessage(cb, msg) {
    const sub = { cb, msg, active: true };
    this.subs.push(sub);
    if (msg.type === 'subscribe_entities') {
      const a = {};
      for (const id of msg.entity_ids) a[id] = { s: '0', a: { unit_of_measurement: '%' }, lc: this.t0 / 1000 };
      queueMicrotask(() => cb({ a }));
    }
    return async () => { sub.active = false; };
  }
  async sendMessagePromise(msg) { return {}; }
  addEventListener(e, cb) { (this.listeners[e] ??= []).push(cb); }
  removeEventListener() {}
  async ping() {}
  push(id, value, t) {
    for (const s of this.subs) if (s.active && s.msg.type === 'subscribe_entities' && s.msg.entity_ids.includes(id)) s.cb({ c: { [id]: { '+': { s: String(value), lc: t / 1000 } } } });
  }
}

window.soak = async (days) => {
  const DAY = 86400000, STEP = 5000;
  const connection = new SoakConnection();
  const t0 = Date.now() - days * DAY;
  connection.t0 = t0;
  const hass = { connection, states: {}, user: { is_admin: true }, callService: async () => {} };
  const ids = ['sensor.cpu', 'sensor.memory', 'sensor.disk', 'sensor.load', 'sensor.latency'];
  for (const [i, id] of ids.entries()) {
    const card = document.createElement('vitals-metric-card');
    card.setConfig(i === 0
      ? { type: 'custom:vitals-metric-card', entity: id, stat: 'p95', window: '5m', alerts: [{ name: 'hot', type: 'threshold', above: 95, for: '30s' }] }
      : { type: 'custom:vitals-metric-card', entity: id });
    document.body.append(card);
    card.hass = hass;
  }
  await new Promise((r) => setTimeout(r, 200));
  const heap = [];
  let t = t0;
  let n = 0;
  for (let hour = 0; hour < days * 24; hour++) {
    for (let k = 0; k < 3600000 / STEP; k++) {
      t += STEP;
      for (const [i, id] of ids.entries()) connection.push(id, (50 + 30 * Math.sin(t / 3.6e6 + i) + 5 * Math.random()).toFixed(2), t);
      n += ids.length;
    }
    await new Promise((r) => requestAnimationFrame(() => r()));
    if ((hour + 1) % 6 === 0) {
      window.gc();
      await new Promise((r) => setTimeout(r, 0));
      heap.push({ simulatedHours: hour + 1, usedMB: performance.memory.usedJSHeapSize / 1048576 });
    }
  }
  // The element Home Assistant creates holds the loaded card (src/cards/lazy-card.ts).
  const element = document.querySelector('vitals-metric-card');
  const card = element.card ?? element;
  const series = card.store.series('sensor.cpu');
  return { updates: n, heap, cpuSamplesKept: series.length, cpuShown: card.shadowRoot.querySelector('.value').textContent, hub: card.hub?.alerts().length ?? 0 };
};
`;

export async function heapSoakBenchmark() {
  const bundle = await build({
    stdin: { contents: PAGE_SCRIPT, resolveDir: resolve(here, '..'), loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    splitting: false,
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  // A real origin on loopback: the cards use localStorage and IndexedDB, which about:blank lacks.
  const server = createServer((req, res) => {
    if (req.url === '/soak.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(bundle.outputFiles[0].text);
    } else {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><script type="module" src="/soak.js"></script><body></body>');
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--js-flags=--expose-gc', '--enable-precise-memory-info'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => typeof window.soak === 'function');
    const started = Date.now();
    const { updates, heap, cpuSamplesKept, cpuShown, hub } = await page.evaluate(() => window.soak(3));
    // Growth over the last two simulated days (the first hours fill the one-hour buffers).
    const from = heap.find((h) => h.simulatedHours === 24) ?? heap[0];
    const to = heap[heap.length - 1];
    const slope = ((to.usedMB - from.usedMB) / (to.simulatedHours - from.simulatedHours)) * 24;
    return {
      description: '5 metric cards (one with alert rules), 3 simulated days at 5 s per entity, heap after forced GC every 6 simulated hours, Chromium',
      updates,
      cpuSamplesKept,
      cpuShown,
      alertInstances: hub,
      wallSeconds: +((Date.now() - started) / 1000).toFixed(1),
      heapMB: heap.map((h) => +h.usedMB.toFixed(2)),
      growthMBPerDayAfterDay1: +slope.toFixed(3),
    };
  } finally {
    await browser.close();
    server.close();
  }
}

registerBenchmark('heapSoak', heapSoakBenchmark);
