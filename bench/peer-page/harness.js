// Page side of the history-card peer benchmark (bench/peer-charts.mjs drives it).
//
// One fake `hass`, the same for every card: `states`, a `connection` that speaks the websocket
// messages our store uses (subscribe_entities with compressed `{a}` / `{c}` messages,
// history/history_during_period, recorder/statistics_during_period), `callApi` (REST, what the
// peers use), `callWS`, locale, language, themes, user, config. Every request goes through the
// bench's local HTTP server, which answers like Home Assistant does (bench/peer-charts.mjs), and
// its JSON is parsed on this page's main thread, as a real websocket message or `callApi`
// response would be. Every request is logged with its time since the card was attached.
//
// Measured per run (one card, one fresh page):
//   firstPaintMs   attach → end of the first frame in which the chart WITH the history is painted
//                  (criteria per card in `CARDS` below);
//   requestAtMs    attach → the card's first history request;
//   drawnFromMs / windowCoverage
//                  the earliest time the drawn data reaches back to, and the share of the window
//                  (now − span … now) it covers;
//   heapAddedMiB   JS heap after forced GC with the card on the page (and its data loaded, the
//                  requests settled) minus the same before the card was created; the cards' code
//                  is loaded before the baseline;
//   longTasks      long tasks (PerformanceObserver 'longtask') starting between attach and first paint;
//   liveUpdateMs   one new state pushed (a subscribe_entities change message AND a new `hass`
//                  object with the new state, as Home Assistant does both) → end of the first
//                  frame in which the chart shows it.

const slot = document.getElementById('slot');
const MiB = 1_048_576;
let attachedAt = 0;
let requests = [];
let inflight = 0;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function log(kind, detail) {
  requests.push({ kind, detail, atMs: +(performance.now() - attachedAt).toFixed(1) });
}

/** A websocket command through the bench server: its JSON parsed here, like a websocket message. */
async function ws(message) {
  inflight++;
  try {
    const response = await fetch('/ws', { method: 'POST', body: JSON.stringify(message) });
    const text = await response.text();
    const reply = JSON.parse(text);
    if (!reply.success) throw Object.assign(new Error(reply.error?.message ?? 'failed'), reply.error ?? {});
    return reply.result;
  } finally {
    inflight--;
  }
}

/** `hass.callApi` as the frontend has it: fetch `/api/<path>`, then `response.json()`. */
async function callApi(method, path, parameters) {
  log('rest', path.split('?')[0].replace(/\/[^/]*$/, (m) => (m.length > 20 ? '/…' : m)));
  inflight++;
  try {
    const response = await fetch(`/api/${path}`, { method, body: parameters ? JSON.stringify(parameters) : undefined });
    if (!response.ok) throw new Error(`${response.status}`);
    return await response.json();
  } finally {
    inflight--;
  }
}

class FakeConnection {
  constructor() {
    this.subscriptions = new Set();
    this.listeners = {};
    this.connected = true;
    this.haVersion = '2025.1.0';
    this.options = {};
  }
  async subscribeMessage(callback, message) {
    log('ws', message.type);
    const sub = { callback, message };
    // The server answers the subscription, then sends the current states (compressed `{a}`).
    const first = await ws(message);
    this.subscriptions.add(sub);
    if (first) setTimeout(() => this.subscriptions.has(sub) && callback(first), 0);
    return async () => {
      this.subscriptions.delete(sub);
    };
  }
  async subscribeEvents(callback, eventType) {
    return this.subscribeMessage(callback, { type: 'subscribe_events', event_type: eventType });
  }
  sendMessagePromise(message) {
    log('ws', message.type);
    return ws(message);
  }
  sendMessage(message) {
    log('ws', message.type);
  }
  async ping() {
    return ws({ type: 'ping' });
  }
  addEventListener(event, callback) {
    (this.listeners[event] ??= []).push(callback);
  }
  removeEventListener(event, callback) {
    this.listeners[event] = (this.listeners[event] ?? []).filter((c) => c !== callback);
  }
  /** A state change as Home Assistant sends it to `subscribe_entities` subscribers. */
  emitEntities(message) {
    for (const sub of this.subscriptions) {
      if (sub.message.type !== 'subscribe_entities') continue;
      const ids = sub.message.entity_ids;
      if (ids && !Object.keys(message.c ?? message.a ?? {}).some((id) => ids.includes(id))) continue;
      sub.callback(message);
    }
  }
}

const connection = new FakeConnection();

function makeHass(states) {
  return {
    states,
    connection,
    callApi,
    callWS: (message) => {
      log('ws', message.type);
      return ws(message);
    },
    callService: async () => ({}),
    language: 'en',
    selectedLanguage: null,
    locale: { language: 'en', number_format: 'language', time_format: 'language', date_format: 'language', first_weekday: 'language', time_zone: 'local' },
    themes: { default_theme: 'default', default_dark_theme: null, themes: {}, darkMode: false, theme: 'default' },
    selectedTheme: null,
    user: { id: 'bench', name: 'Bench', is_owner: true, is_admin: true, credentials: [], mfa_modules: [] },
    config: {
      time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      unit_system: { length: 'km', mass: 'kg', temperature: '°C', volume: 'L', pressure: 'Pa', wind_speed: 'm/s', accumulated_precipitation: 'mm' },
      version: '2025.1.0',
      components: ['history', 'recorder', 'sensor'],
      location_name: 'Bench',
      language: 'en',
      country: 'NL',
      currency: 'EUR',
      state: 'RUNNING',
      latitude: 52.37,
      longitude: 4.89,
      elevation: 0,
    },
    entities: {},
    devices: {},
    areas: {},
    services: {},
    panels: {},
    panelUrl: 'lovelace',
    dockedSidebar: 'docked',
    kioskMode: false,
    vibrate: false,
    suspendWhenHidden: false,
    enableShortcuts: true,
    debugConnection: false,
    moreInfoEntityId: null,
    hassUrl: (path = '') => location.origin + path,
    localize: (key) => key,
    formatEntityState: (s) => `${s.state}${s.attributes.unit_of_measurement ? ` ${s.attributes.unit_of_measurement}` : ''}`,
    formatEntityAttributeValue: (s, a) => String(s.attributes[a] ?? ''),
    formatEntityAttributeName: (_s, a) => a,
  };
}

function stateObject(entityId, t, value, attributes) {
  const iso = new Date(t).toISOString();
  return { entity_id: entityId, state: String(value), attributes, last_changed: iso, last_updated: iso, context: { id: `bench${t}`, parent_id: null, user_id: null } };
}

function safely(fn) {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

/** First numeric point of a list (x ascending) and whether it has any. */
function firstFinite(points, x, y) {
  for (const p of points) if (Number.isFinite(y(p)) && Number.isFinite(x(p))) return x(p);
  return undefined;
}

/**
 * What "painted with data" means for each card, and where its drawn data begins. `painted(el)` is
 * checked after each rendered frame (see `untilFrame`), so the time taken is the end of the first
 * frame that contains the chart with the history.
 */
/** Our card element holds the loaded card as `card` (src/cards/lazy-card.ts); older builds were the card. */
const loaded = (el) => el.card ?? el;

const CARDS = {
  vitals: {
    tag: 'vitals-history-card',
    // The element Home Assistant creates holds the loaded card (src/cards/lazy-card.ts): `loaded`.
    // Our card draws on a canvas with chart.js, synchronously inside its once-per-frame refresh
    // (`chart.update('none')`, no animation). Painted = the chart.js instance exists and its
    // series dataset holds at least 10 numeric points (the first state from subscribe_entities
    // alone is 1 point; history brings hundreds). The canvas is checked for non-blank pixels
    // once afterwards (`inkPixels`) as a sanity check.
    painted(el) {
      const data = loaded(el).chart?.data?.datasets?.[0]?.data;
      if (!data) return false;
      let n = 0;
      for (const p of data) if (Number.isFinite(p.y) && ++n >= 10) return true;
      return false;
    },
    drawnFrom(el) {
      return firstFinite(loaded(el).chart.data.datasets[0].data, (p) => p.x, (p) => p.y);
    },
    window(el) {
      return loaded(el).view;
    },
    showsValue(el, value) {
      const data = loaded(el).chart?.data?.datasets?.[0]?.data ?? [];
      for (let i = data.length - 1; i >= 0 && i >= data.length - 8; i--) if (data[i].y === value) return true;
      return false;
    },
    signature() {
      return '';
    },
    ink(el) {
      const canvas = loaded(el).chart.canvas;
      const ctx = canvas.getContext('2d');
      const img = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let ink = 0;
      for (let i = 3; i < img.length; i += 4) if (img[i] !== 0) ink++;
      return ink;
    },
  },
  miniGraph: {
    tag: 'mini-graph-card',
    // mini-graph-card renders an SVG with lit-element after its `updateData` has fetched the REST
    // history and bucketed it (`Graph.coords`). Painted = `svg path.line` exists with a `d` of
    // more than 100 characters (at least a handful of segments) while the card's Graph holds the
    // fetched history. Its line then runs a CSS stroke-dashoffset animation; the first frame of
    // that animation counts.
    painted(el) {
      const path = el.shadowRoot?.querySelector('path.line');
      const d = path?.getAttribute('d');
      return !!d && d.length > 100 && (el.Graph?.[0]?._history?.length ?? 0) >= 10;
    },
    // The card fills buckets before its first sample with that sample's value (a flat line back
    // to the window start), so the drawn DATA begins at the oldest history entry it holds.
    drawnFrom(el) {
      const history = el.Graph[0]._history;
      let min = Infinity;
      for (const h of history) {
        const t = Date.parse(h.last_changed);
        if (t < min) min = t;
      }
      return Number.isFinite(min) ? min : undefined;
    },
    window(el) {
      const max = Date.now();
      return { min: max - el.config.hours_to_show * 3_600_000, max };
    },
    showsValue(el, value, before) {
      const history = el.Graph?.[0]?._history;
      const last = history?.[history.length - 1];
      return !!last && Number(last.state) === value && this.signature(el) !== before;
    },
    signature(el) {
      return el.shadowRoot?.querySelector('path.line')?.getAttribute('d') ?? '';
    },
  },
  apexcharts: {
    tag: 'apexcharts-card',
    // apexcharts-card hands the fetched history to ApexCharts, which draws SVG. Painted = the
    // series line `path.apexcharts-line` exists with a `d` of more than 100 characters while the
    // card's graph holds ≥ 10 points of history. ApexCharts may animate the line afterwards; the
    // first frame with the path counts.
    painted(el) {
      const path = el.shadowRoot?.querySelector('path.apexcharts-line');
      const d = path?.getAttribute('d');
      return !!d && d.length > 100 && (el._graphs?.[0]?.history?.length ?? 0) >= 10;
    },
    drawnFrom(el) {
      return firstFinite(el._graphs[0].history, (p) => p[0], (p) => p[1] ?? Number.NaN);
    },
    window(el) {
      const g = el._graphs?.[0];
      const max = Date.now();
      return { min: g?.start?.getTime?.() ?? max - 7 * 86_400_000, max };
    },
    showsValue(el, value, before) {
      const history = el._graphs?.[0]?.history;
      const last = history?.[history.length - 1];
      return !!last && last[1] === value && this.signature(el) !== before;
    },
    signature(el) {
      return el.shadowRoot?.querySelector('path.apexcharts-line')?.getAttribute('d') ?? '';
    },
  },
};

/**
 * Resolves with the time at the end of the first frame after which `check()` holds: each frame,
 * a rAF callback posts a message, which runs after that frame's rendering work (style, layout,
 * paint) on the main thread; the check runs there. Rejects after `timeoutMs`.
 */
function untilFrame(check, timeoutMs) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      let ok = false;
      try {
        ok = check();
      } catch {
        ok = false;
      }
      if (ok) return resolve(performance.now());
      if (performance.now() - started > timeoutMs) return reject(new Error(`timed out after ${timeoutMs} ms`));
      requestAnimationFrame(tick);
    };
    const tick = () => channel.port2.postMessage(0);
    requestAnimationFrame(tick);
  });
}

async function collectedHeap() {
  for (let i = 0; i < 3; i++) {
    window.gc();
    await sleep(30);
  }
  return performance.memory.usedJSHeapSize;
}

/** Load the card's code (not measured): our entry plus the chunks the history card imports lazily, or a peer bundle. */
window.benchLoad = async (scripts, tag) => {
  for (const src of scripts) await import(src);
  await customElements.whenDefined(tag);
  return true;
};

/**
 * One measured run. `dataset`: { entityId, attributes, latest: {t, v} } (the server holds the
 * samples); `live`: { v }, pushed (stamped now) after the load.
 */
window.benchRun = async ({ card, config, dataset, live, paintTimeoutMs = 90_000, liveTimeoutMs = 20_000 }) => {
  const spec = CARDS[card];
  const { entityId, attributes, latest } = dataset;
  let states = { [entityId]: stateObject(entityId, latest.t, latest.v, attributes) };
  const hass = makeHass(states);

  const longTasks = [];
  new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({ type: 'longtask', buffered: true });
  await sleep(50);
  const heapBefore = await collectedHeap();
  requests = [];

  attachedAt = performance.now();
  const el = document.createElement(spec.tag);
  el.setConfig(config);
  el.hass = hass;
  slot.append(el);

  let paintedAt;
  let error;
  try {
    paintedAt = await untilFrame(() => spec.painted(el), paintTimeoutMs);
  } catch (err) {
    error = `first paint: ${err.message}`;
  }
  const result = { card };
  if (paintedAt !== undefined) {
    const windowNow = spec.window(el);
    const span = windowNow.max - windowNow.min;
    const from = spec.drawnFrom(el);
    const firstHistory = requests.find((r) => /history|statistics/.test(r.detail ?? '') || r.kind === 'rest');
    const during = longTasks.filter((t) => t.startTime >= attachedAt && t.startTime <= paintedAt);
    Object.assign(result, {
      firstPaintMs: paintedAt - attachedAt,
      requestAtMs: firstHistory?.atMs,
      drawnFromMs: from === undefined ? undefined : windowNow.max - Math.max(from, windowNow.min),
      windowMs: span,
      windowCoverage: from === undefined ? 0 : Math.min(1, (windowNow.max - Math.max(from, windowNow.min)) / span),
      longTasks: during.length,
      longTaskMs: during.reduce((s, t) => s + t.duration, 0),
      ink: spec.ink ? safely(() => spec.ink(el)) : undefined,
    });
    // Let the load finish (caches written, requests answered), then weigh the heap.
    for (let quiet = 0, waited = 0; quiet < 500 && waited < 15_000; waited += 50) {
      await sleep(50);
      quiet = inflight === 0 ? quiet + 50 : 0;
    }
    result.heapAddedMiB = ((await collectedHeap()) - heapBefore) / MiB;

    // Live update: the server records the state first (the peers re-fetch history), then the
    // change goes out on subscribe_entities and as a new hass object.
    live = { t: Date.now(), v: live.v };
    await fetch('/push', { method: 'POST', body: JSON.stringify(live) });
    const before = spec.signature(el);
    const pushedAt = performance.now();
    connection.emitEntities({ c: { [entityId]: { '+': { s: String(live.v), lc: live.t / 1000 } } } });
    states = { ...states, [entityId]: stateObject(entityId, live.t, live.v, attributes) };
    el.hass = { ...hass, states };
    try {
      const shownAt = await untilFrame(() => spec.showsValue(el, live.v, before), liveTimeoutMs);
      result.liveUpdateMs = shownAt - pushedAt;
    } catch (err) {
      error = `live update: ${err.message}`;
    }
  }
  result.requests = requests;
  result.error = error;
  // Diagnostics of our store, when there is one.
  const store = el.store;
  if (store?.history?.requestCounts) result.requestCounts = { ...store.history.requestCounts };
  return result;
};

window.benchReady = true;
