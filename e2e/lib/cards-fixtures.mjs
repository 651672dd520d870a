// Shared fixtures of the e2e/tests/cards-*.test.mjs suites: realistic sensors
// (System Monitor-like ids, units, friendly names), a background feeder that
// keeps them moving (disk slowly rising), the all-cards dashboard, and page
// helpers (wait for a card's text, theme switching, screenshots).
import assert from 'node:assert/strict';
import { sleep, waitFor } from '../../scripts/ha/proc.mjs';
import { artifact } from './artifacts.mjs';

export const CARD_TAGS = [
  'vitals-metric-card',
  'vitals-history-card',
  'vitals-system-card',
  'vitals-ai-card',
  'vitals-ux-card',
  'vitals-alerts-card',
  'vitals-overview-card',
];

/** id -> {name, unit, base, noise, decimals, slope (per push), deviceClass} */
export const SENSORS = {
  'sensor.processor_use': { name: 'Processor use', unit: '%', base: 18, noise: 4, decimals: 1 },
  'sensor.memory_use_percent': { name: 'Memory use', unit: '%', base: 46, noise: 0.5, decimals: 1 },
  'sensor.disk_use_percent_home': { name: 'Disk use /home', unit: '%', base: 71, noise: 0, decimals: 2, slope: 0.05 },
  'sensor.load_1m': { name: 'Load (1 min)', unit: undefined, base: 0.8, noise: 0.2, decimals: 2 },
  'sensor.network_throughput_in_eth0': { name: 'Network throughput in (eth0)', unit: 'MB/s', base: 1.2, noise: 0.4, decimals: 2, deviceClass: 'data_rate' },
  'sensor.network_throughput_out_eth0': { name: 'Network throughput out (eth0)', unit: 'MB/s', base: 0.3, noise: 0.1, decimals: 2, deviceClass: 'data_rate' },
  'sensor.database_size': { name: 'Recorder database size', unit: 'MB', base: 412, noise: 0, decimals: 1, slope: 0.2, deviceClass: 'data_size' },
  'sensor.assist_stt_ms': { name: 'Assist speech-to-text', unit: 'ms', base: 380, noise: 40, decimals: 0, deviceClass: 'duration' },
  'sensor.assist_intent_ms': { name: 'Assist intent', unit: 'ms', base: 45, noise: 8, decimals: 0, deviceClass: 'duration' },
  'sensor.llm_response_ms': { name: 'LLM response time', unit: 'ms', base: 1800, noise: 250, decimals: 0, deviceClass: 'duration' },
  'sensor.llm_tokens_per_second': { name: 'LLM tokens per second', unit: 'tok/s', base: 42, noise: 5, decimals: 1 },
};

export function attrsOf(id) {
  const s = SENSORS[id];
  return {
    friendly_name: s.name,
    ...(s.unit ? { unit_of_measurement: s.unit } : {}),
    ...(s.deviceClass ? { device_class: s.deviceClass } : {}),
    state_class: 'measurement',
  };
}

/** Push one state of a fixture sensor (value as given, attributes from SENSORS). */
export function pushSensor(lane, id, value) {
  return lane.setState(id, Number(value).toFixed(SENSORS[id].decimals), attrsOf(id));
}

/**
 * Background feeder: every `intervalMs` pushes every sensor (noise around its
 * base; `slope` ones rise). `hold(id, value)` pins a sensor (e.g. CPU at 95 for
 * the alert) until `release(id)`. stop() waits for the running tick.
 */
export function startFeeder(lane, { intervalMs = 3000 } = {}) {
  const level = Object.fromEntries(Object.entries(SENSORS).map(([id, s]) => [id, s.base]));
  const held = new Map();
  let seed = 1;
  const rnd = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647 - 0.5;
  };
  let stopped = false;
  let running = Promise.resolve();
  let timer = null;
  const tick = async () => {
    await Promise.all(
      Object.entries(SENSORS).map(([id, s]) => {
        if (held.has(id)) return pushSensor(lane, id, held.get(id));
        if (s.slope) level[id] += s.slope;
        return pushSensor(lane, id, Math.max(0, level[id] + s.noise * 2 * rnd()));
      }),
    ).catch(() => {});
  };
  const loop = () => {
    if (stopped) return;
    running = tick().finally(() => {
      if (!stopped) timer = setTimeout(loop, intervalMs);
    });
  };
  return {
    async first() {
      await tick();
    },
    start() {
      timer = setTimeout(loop, intervalMs);
    },
    hold(id, value) {
      held.set(id, value);
      return pushSensor(lane, id, value);
    },
    release(id) {
      held.delete(id);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

export const ALERT_RULE = { name: 'cpu_high', type: 'threshold', above: 90, recover_below: 80, for: '0s', severity: 'critical' };

/** One config per card type (plus an input_number metric card), as on the all-cards dashboard. */
export function cardConfigs() {
  return [
    { type: 'custom:vitals-metric-card', entity: 'sensor.processor_use', name: 'CPU' },
    { type: 'custom:vitals-metric-card', entity: 'input_number.e2e_number' },
    {
      type: 'custom:vitals-history-card',
      title: 'Host',
      entities: ['sensor.disk_use_percent_home', 'sensor.processor_use', { entity: 'sensor.database_size', name: 'Database' }],
      hours_to_show: 0.1,
      thresholds: [{ value: 80, label: 'high' }],
      forecast: { limit: 90, entity: 'sensor.disk_use_percent_home', hours: 0.1 },
    },
    {
      type: 'custom:vitals-system-card',
      title: 'System',
      hours_to_show: 1,
      entities: {
        cpu: 'sensor.processor_use',
        memory: 'sensor.memory_use_percent',
        disk: 'sensor.disk_use_percent_home',
        load: 'sensor.load_1m',
        network_in: 'sensor.network_throughput_in_eth0',
        network_out: 'sensor.network_throughput_out_eth0',
        database: { entity: 'sensor.database_size', name: 'Recorder DB', limit: 10000 },
      },
    },
    {
      type: 'custom:vitals-ai-card',
      title: 'Assist',
      poll_interval: 5,
      runs_to_show: 5,
      metrics: ['sensor.llm_response_ms', { entity: 'sensor.llm_tokens_per_second', name: 'Tokens/s' }],
    },
    { type: 'custom:vitals-ux-card', title: 'This browser', ping_interval: 5, window: '5m' },
    { type: 'custom:vitals-alerts-card', title: 'Alerts', entities: ['sensor.processor_use', 'sensor.memory_use_percent'], alerts: [ALERT_RULE] },
    {
      type: 'custom:vitals-overview-card',
      title: 'Health',
      system: ['sensor.processor_use', 'sensor.memory_use_percent', 'sensor.disk_use_percent_home'],
      hours_to_show: 1,
    },
  ];
}

export const allCardsDashboard = (cards = cardConfigs()) => ({ title: 'Vitals E2E', views: [{ title: 'Main', path: 'main', cards }] });

/** Run Assist's text pipeline (intent stage only) once over the websocket; resolves with the event types. */
export async function runAssist(lane, text = 'what time is it') {
  const ws = await lane.ws();
  const types = [];
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`assist_pipeline/run: no run-end in 15 s (events: ${types.join(', ')})`)), 15000);
      ws.subscribe({ type: 'assist_pipeline/run', start_stage: 'intent', end_stage: 'intent', input: { text } }, (ev) => {
        types.push(ev.type);
        if (ev.type === 'run-end' || ev.type === 'error') {
          clearTimeout(timer);
          resolve();
        }
      }).catch(reject);
    });
  } finally {
    await ws.close();
  }
  return types;
}

/** Trimmed textContent of the first `selector` inside the n-th `tag` (or '' if absent). */
export async function textOf(page, tag, selector = 'ha-card', n = 0) {
  const loc = page.locator(tag).nth(n).locator(selector).first();
  if ((await loc.count()) === 0) return '';
  return ((await loc.textContent({ timeout: 2000 })) ?? '').replace(/\s+/g, ' ').trim();
}

/** Wait until `pred(text)` holds for the text of `selector` in the n-th `tag`; returns that text. */
export async function waitText(page, tag, selector, pred, { n = 0, timeoutMs = 15000, what } = {}) {
  let last = '';
  try {
    await waitFor(
      async () => {
        last = await textOf(page, tag, selector, n).catch(() => '');
        return pred(last);
      },
      { timeoutMs, intervalMs: 200, what: what ?? `${tag}[${n}] ${selector}` },
    );
  } catch (e) {
    e.message += ` (last text: ${JSON.stringify(last.slice(0, 400))})`;
    throw e;
  }
  return last;
}

/** Switch the page's colour scheme (HA's default theme follows prefers-color-scheme) and wait until applied. */
export async function setScheme(page, scheme) {
  await page.emulateMedia({ colorScheme: scheme });
  await waitFor(
    async () =>
      page.evaluate((dark) => {
        const ha = document.querySelector('home-assistant');
        const isDark = ha?.hass?.themes?.darkMode;
        return isDark === undefined ? true : isDark === dark;
      }, scheme === 'dark'),
    { timeoutMs: 5000, intervalMs: 100, what: `theme ${scheme}` },
  );
  await sleep(600); // let transitions settle before screenshots
}

/** Element screenshot of every card's ha-card: <lane>-<tag>[-<n>]-<scheme>.png; returns the file names. */
export async function screenshotCards(page, lane, scheme, tags = CARD_TAGS) {
  const files = [];
  for (const tag of tags) {
    const count = await page.locator(tag).count();
    for (let i = 0; i < count; i++) {
      const card = page.locator(tag).nth(i).locator('ha-card').first();
      const name = `${lane}-${tag.replace(/^vitals-/, '')}${i ? `-${i + 1}` : ''}-${scheme}.png`;
      await card.scrollIntoViewIfNeeded({ timeout: 5000 }).catch(() => {});
      await card.screenshot({ path: artifact(name), timeout: 10000, animations: 'disabled' });
      files.push(name);
    }
  }
  return files;
}

/**
 * Whole dashboard at `width`: the viewport is made as tall as the view (HA
 * scrolls inside its own layout, so fullPage screenshots cut or offset it),
 * then restored to `width` x 900.
 */
export async function dashboardShot(page, file, width) {
  await page.setViewportSize({ width, height: 900 });
  await page.waitForTimeout(800);
  const height = await page.evaluate(() => {
    let max = 0;
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (/^hui-(masonry|sections|panel)-view$|^hui-view$/.test(el.localName)) {
          const r = el.getBoundingClientRect();
          max = Math.max(max, r.top + window.scrollY + el.scrollHeight);
        }
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return Math.ceil(max);
  });
  await page.setViewportSize({ width, height: Math.min(8000, Math.max(900, height + 40)) });
  await page.waitForTimeout(1200);
  await page.screenshot({ path: artifact(file) });
  await page.setViewportSize({ width, height: 900 });
  await page.waitForTimeout(300);
}

/**
 * Click "Edit" on the card at position `n` (0-based) of a view in edit mode with `count` cards, and
 * return Home Assistant's card editor dialog once the card's editor is attached. Masonry columns
 * reorder the DOM, so the card is found by its position badge; the view can re-lay out (and
 * re-attach) the card between finding and scrolling, so scrolling is retried.
 */
export async function openCardEditor(page, n, count) {
  await waitFor(async () => (await page.locator('hui-card-options').count()) >= count, { timeoutMs: 20000, what: `${count} cards in edit mode` });
  const options = page.locator('hui-card-options').filter({ has: page.locator('.position-badge', { hasText: new RegExp(`^\\s*${n + 1}\\s*$`) }) });
  assert.equal(await options.count(), 1, `one card with position ${n + 1}`);
  await waitFor(() => options.scrollIntoViewIfNeeded({ timeout: 2000 }).then(() => true, () => false), { timeoutMs: 15000, what: `card ${n + 1} scrolled into view` });
  await options.locator('.card-actions').getByRole('button', { name: 'Edit', exact: true }).first().click({ timeout: 10000 });
  const dialog = page.locator('hui-dialog-edit-card');
  await dialog.locator('hui-card-element-editor').first().waitFor({ state: 'attached', timeout: 15000 });
  return dialog;
}

/**
 * Mark every `ha-selector` inside the first element `tag` (searched through shadow roots) with
 * data-e2e-field=<schema name>, so a test can fill `[data-e2e-field="above"] input`; returns the
 * names. `within` (a tag) narrows the search to the fields under that element of the editor
 * (a nested form). Works on both frontends.
 */
export async function markFormFields(page, tag, within) {
  return page.evaluate(([tag, within]) => {
    const find = (root, name) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.localName === name) return el;
        if (el.shadowRoot) {
          const found = find(el.shadowRoot, name);
          if (found) return found;
        }
      }
      return null;
    };
    let scope = find(document, tag);
    if (scope && within) scope = find(scope.shadowRoot ?? scope, within);
    const names = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.localName === 'ha-selector' && el.name) {
          el.setAttribute('data-e2e-field', el.name);
          names.push(el.name);
        }
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    if (scope) walk(scope.shadowRoot ?? scope);
    return names;
  }, [tag, within ?? null]);
}
