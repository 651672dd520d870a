// Helpers of the data-layer suites (e2e/tests/store-*.test.mjs): reading the cards' shared store
// from the page, recording and intercepting the page's Home Assistant websocket, pushing bursts
// of states over REST, and reading the recorder's ground truth.
import fs from 'node:fs';
import { sleep, waitFor } from '../../scripts/ha/proc.mjs';
import { artifact } from './artifacts.mjs';
import { LANE } from './measure.mjs';

export { LANE };
export const dashboard = (cards, path = 'main') => ({ title: 'Vitals E2E', views: [{ title: 'Main', path, cards }] });
export const metricCard = (entity, extra = {}) => ({ type: 'custom:vitals-metric-card', entity, ...extra });

/** Copy the lane's home-assistant.log into e2e/artifacts/ (after() of a suite). */
export function saveLog(lane, suite) {
  try {
    fs.copyFileSync(lane.logFile, artifact(`${LANE}-${suite}-home-assistant.log`));
  } catch {
    /* no log */
  }
}

// ------------------------------------------------------------------ page side

/**
 * Runs in the page: every element named `tag`, searching through open shadow roots
 * (Home Assistant nests the cards several shadow roots deep).
 */
function deepAllSource() {
  return `(tag) => {
    const out = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.localName === tag) out.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return out;
  }`;
}

/** Number of `tag` elements in the page (shadow roots pierced). */
export function countCards(page, tag = 'vitals-metric-card') {
  return page.evaluate(([src, t]) => (0, eval)(src)(t).length, [deepAllSource(), tag]);
}

/**
 * What the shared store of the page holds for an entity: samples (plain arrays, epoch ms), plus
 * the store's own counters. Read through the first `tag` card watching anything (all cards of a
 * connection share one store). Private TS fields are plain JS properties at runtime.
 */
export function storeSeries(page, entityId, { tag = 'vitals-metric-card' } = {}) {
  return page.evaluate(
    ([src, t, id]) => {
      // `card`: the loaded card inside the element Home Assistant created (src/cards/lazy-card.ts).
      const card = (0, eval)(src)(t).map((c) => c.card ?? c).find((c) => c.store);
      if (!card) return null;
      const store = card.store;
      const series = store.series(id);
      const arrays = series ? series.copyRange() : { times: [], values: [] };
      return {
        times: Array.from(arrays.times),
        values: Array.from(arrays.values),
        status: store.status,
        subscriptionCount: store.subscriptionCount,
        requestCounts: { ...store.history.requestCounts },
        subscribedIds: [...store.subscribedIds],
        watchedIds: store.watchedIds,
      };
    },
    [deepAllSource(), tag, entityId],
  );
}

/** Text content of `selector` inside the n-th `tag` card's shadow root ('' if absent). */
export function cardText(page, selector, { tag = 'vitals-metric-card', index = 0 } = {}) {
  return page.evaluate(
    ([src, t, sel, i]) => {
      const card = (0, eval)(src)(t)[i];
      const el = card?.shadowRoot?.querySelector(sel);
      return el ? el.textContent.replace(/\s+/g, ' ').trim() : '';
    },
    [deepAllSource(), tag, selector, index],
  );
}

/** An attribute of `selector` inside the n-th `tag` card's shadow root (null if absent). */
export function cardAttr(page, selector, attr, { tag = 'vitals-metric-card', index = 0 } = {}) {
  return page.evaluate(
    ([src, t, sel, a, i]) => (0, eval)(src)(t)[i]?.shadowRoot?.querySelector(sel)?.getAttribute(a) ?? null,
    [deepAllSource(), tag, selector, attr, index],
  );
}

// ------------------------------------------------------------------ websocket frames

/** Parsed messages of one websocket text frame (Home Assistant's server batches them in arrays). */
export function parseFrame(payload) {
  if (typeof payload !== 'string') return [];
  try {
    const parsed = JSON.parse(payload);
    return Array.isArray(parsed) ? parsed : [parsed];
  } catch {
    return [];
  }
}

/**
 * Record every message the page sends and receives over Home Assistant's websocket (attach
 * before navigating). `sent`/`received`: [{at, msg}] in arrival order, over all sockets.
 */
export function recordWebsocket(page) {
  const rec = { sent: [], received: [], sockets: 0, sentFrames: 0, receivedFrames: 0 };
  page.on('websocket', (ws) => {
    if (!ws.url().includes('/api/websocket')) return;
    rec.sockets++;
    ws.on('framesent', (f) => {
      rec.sentFrames++;
      for (const msg of parseFrame(f.payload)) rec.sent.push({ at: Date.now(), msg });
    });
    ws.on('framereceived', (f) => {
      rec.receivedFrames++;
      for (const msg of parseFrame(f.payload)) rec.received.push({ at: Date.now(), msg });
    });
  });
  return rec;
}

/**
 * Put the page's Home Assistant websocket behind a Playwright route (call before navigating):
 *   ctl.drop()          close the current connection on both sides, like a network drop
 *   ctl.offline = true  refuse new connections (they are closed at once) until set back to false
 *   ctl.holdResult(fn)  hold the server's `result` for every client message `fn(msg)` accepts
 *                       (the rest of the traffic flows); ctl.release() sends what is held
 *   ctl.connections     connections made so far; ctl.log: [{at, kind, ...}] (connects, drops, refusals,
 *                       subscribe_entities / history requests and a summary of each history result;
 *                       with ctl.traceEntity = 'sensor.x', every subscription event naming it)
 */
export async function routeHaWebsocket(page) {
  const ctl = {
    offline: false,
    connections: 0,
    refused: 0,
    current: null,
    log: [],
    traceEntity: null,
    holdFilter: null,
    heldIds: new Set(),
    held: [],
    holdResult(fn) {
      ctl.holdFilter = fn;
    },
    release() {
      ctl.holdFilter = null;
      const held = ctl.held.splice(0);
      for (const { route, msg } of held) {
        ctl.log.push({ at: Date.now(), kind: 'released', id: msg.id });
        try {
          route.send(JSON.stringify(msg));
        } catch {
          /* page side closed */
        }
      }
      ctl.heldIds.clear();
      return held.length;
    },
    drop() {
      const c = ctl.current;
      ctl.current = null;
      if (!c) return false;
      ctl.log.push({ at: Date.now(), kind: 'drop' });
      c.server.close().catch?.(() => {});
      c.route.close({ code: 4000, reason: 'e2e network drop' }).catch?.(() => {});
      return true;
    },
  };
  await page.routeWebSocket(/\/api\/websocket$/, (route) => {
    if (ctl.offline) {
      ctl.refused++;
      ctl.log.push({ at: Date.now(), kind: 'refused' });
      route.close({ code: 4001, reason: 'e2e offline' }).catch?.(() => {});
      return;
    }
    ctl.connections++;
    ctl.log.push({ at: Date.now(), kind: 'connect' });
    const server = route.connectToServer();
    const requests = new Map(); // ids are per connection
    const conn = { route, server };
    ctl.current = conn;
    route.onMessage((payload) => {
      for (const msg of parseFrame(payload)) {
        if (msg.type === 'history/history_during_period' || msg.type === 'subscribe_entities') {
          requests.set(msg.id, msg);
          ctl.log.push({ at: Date.now(), kind: 'request', id: msg.id, type: msg.type, entity_ids: msg.entity_ids, start: msg.start_time, end: msg.end_time });
        }
      }
      if (ctl.holdFilter && typeof payload === 'string') {
        for (const msg of parseFrame(payload)) {
          if (msg.id !== undefined && ctl.holdFilter(msg)) {
            ctl.heldIds.add(msg.id);
            ctl.log.push({ at: Date.now(), kind: 'hold-request', id: msg.id, type: msg.type });
          }
        }
      }
      server.send(payload);
    });
    const traceResults = (msgs) => {
      try {
        traceResultsUnsafe(msgs);
      } catch (e) {
        ctl.log.push({ at: Date.now(), kind: 'trace-error', error: String(e) });
      }
    };
    const traceResultsUnsafe = (msgs) => {
      for (const msg of msgs) {
        const req = msg.type === 'result' ? requests.get(msg.id) : undefined;
        if (req?.type !== 'history/history_during_period') continue;
        const summary = {};
        for (const [id, rows] of Object.entries(msg.result ?? {})) {
          if (!Array.isArray(rows)) continue;
          const ts = rows.map((r) => (r.lu ?? r.lc) * 1000);
          summary[id] = { rows: rows.length, first: rows[0]?.s, last: rows.at(-1)?.s, lastT: ts.at(-1) };
        }
        ctl.log.push({ at: Date.now(), kind: 'history-result', id: msg.id, summary });
      }
    };
    server.onMessage((payload) => {
      if (ctl.traceEntity && typeof payload === 'string' && payload.includes(ctl.traceEntity)) {
        for (const msg of parseFrame(payload)) {
          const req = msg.type === 'event' ? requests.get(msg.id) : undefined;
          if (!req?.entity_ids) continue; // our subscription only, not the frontend's own
          const e = msg.event ?? {};
          const st = e.a?.[ctl.traceEntity] ?? e.c?.[ctl.traceEntity]?.['+'];
          if (st) ctl.log.push({ at: Date.now(), kind: e.a?.[ctl.traceEntity] ? 'entity-initial' : 'entity-change', id: msg.id, s: st.s, t: (st.lu ?? st.lc) * 1000 });
        }
      }
      if (ctl.heldIds.size === 0 && typeof payload === 'string') traceResults(parseFrame(payload));
      if (ctl.heldIds.size === 0 || typeof payload !== 'string') {
        route.send(payload);
        return;
      }
      const msgs = parseFrame(payload);
      traceResults(msgs);
      const pass = [];
      for (const msg of msgs) {
        if (msg.type === 'result' && ctl.heldIds.has(msg.id)) {
          ctl.held.push({ route, msg });
          ctl.log.push({ at: Date.now(), kind: 'held-result', id: msg.id });
        } else pass.push(msg);
      }
      if (pass.length === msgs.length) route.send(payload);
      else if (pass.length === 1) route.send(JSON.stringify(pass[0]));
      else if (pass.length > 1) route.send(JSON.stringify(pass));
    });
    route.onClose(() => {
      if (ctl.current === conn) ctl.current = null;
      server.close().catch?.(() => {});
    });
    server.onClose(() => {
      if (ctl.current === conn) ctl.current = null;
      route.close().catch?.(() => {});
    });
  });
  return ctl;
}

// ------------------------------------------------------------------ Home Assistant side

/**
 * Push `values` (in order) into `entityId` over REST at about `rate` per second. Requests are
 * paced (request i is sent no earlier than t0 + i/rate) with at most `concurrency` in flight;
 * with one in flight the server sees them strictly in order. Returns what happened.
 */
export async function pushStates(lane, entityId, values, { rate = 200, concurrency = 1, attributes = {} } = {}) {
  const interval = 1000 / rate;
  const t0 = Date.now();
  let next = 0;
  let failures = 0;
  const worker = async () => {
    while (next < values.length) {
      const i = next++;
      const due = t0 + i * interval;
      const wait = due - Date.now();
      if (wait > 1) await sleep(wait);
      for (let attempt = 0; ; attempt++) {
        try {
          await lane.setState(entityId, values[i], attributes);
          break;
        } catch (e) {
          if (attempt >= 3) throw e;
          failures++;
          await sleep(20);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  const ms = Date.now() - t0;
  return { count: values.length, ms, rate: values.length / (ms / 1000), retries: failures };
}

/**
 * The recorder's rows of an entity as [{t, v, s}] (t epoch ms from last_updated, v = Number(s)),
 * every row (significant_changes_only false, minimal_response false): the ground truth.
 */
export async function recorderRows(lane, entityId, { start, end = new Date(Date.now() + 60_000) } = {}) {
  const ws = await lane.ws();
  try {
    const res = await ws.send({
      type: 'history/history_during_period',
      start_time: start.toISOString(),
      end_time: end.toISOString(),
      entity_ids: [entityId],
      minimal_response: false,
      no_attributes: true,
      significant_changes_only: false,
    });
    return (res[entityId] ?? []).map((r) => {
      const seconds = r.lu ?? r.lc;
      return { t: seconds * 1000, v: Number(r.s), s: r.s };
    });
  } finally {
    await ws.close();
  }
}

/** Wait until the recorder's newest row of `entityId` has state `state` (commit_interval is 1 s). */
export async function waitRecorded(lane, entityId, state, { start, timeoutMs = 30_000 } = {}) {
  let rows = [];
  await waitFor(
    async () => {
      rows = await recorderRows(lane, entityId, { start });
      return rows.length > 0 && rows.at(-1).s === String(state);
    },
    { timeoutMs, intervalMs: 500, what: `recorder has ${entityId} = ${state}` },
  );
  return rows;
}

/**
 * Compare the store's samples with the recorder's rows within [from, to] (epoch ms).
 * Times match within `toleranceMs` (both sides carry the server's last_updated; the tolerance only
 * absorbs float formatting). Returns counts and the first differences.
 */
export function compareWithRecorder(store, rows, { from = -Infinity, to = Infinity, toleranceMs = 0.01 } = {}) {
  const s = [];
  for (let i = 0; i < store.times.length; i++) if (store.times[i] >= from && store.times[i] <= to) s.push({ t: store.times[i], v: store.values[i] });
  const r = rows.filter((x) => x.t >= from && x.t <= to);
  let increasing = true;
  for (let i = 1; i < s.length; i++) if (!(s[i].t > s[i - 1].t)) increasing = false;
  const missing = [];
  const wrongValue = [];
  let matched = 0;
  let exact = 0;
  let maxDt = 0;
  let j = 0;
  const used = new Set();
  for (const row of r) {
    while (j < s.length && s[j].t < row.t - toleranceMs) j++;
    if (j < s.length && Math.abs(s[j].t - row.t) <= toleranceMs) {
      used.add(j);
      const dt = Math.abs(s[j].t - row.t);
      maxDt = Math.max(maxDt, dt);
      if (dt === 0) exact++;
      const same = Object.is(s[j].v, row.v) || (Number.isNaN(s[j].v) && Number.isNaN(row.v));
      if (same) matched++;
      else wrongValue.push({ t: row.t, recorder: row.s, store: s[j].v });
      j++;
    } else missing.push({ t: row.t, s: row.s });
  }
  const extra = s.filter((_, i) => !used.has(i));
  return {
    recorder: r.length,
    store: s.length,
    matched,
    exactTime: exact,
    maxDtMs: maxDt,
    percent: r.length ? (100 * matched) / r.length : 100,
    increasing,
    missing,
    wrongValue,
    extra,
    identical: matched === r.length && extra.length === 0 && wrongValue.length === 0 && missing.length === 0,
  };
}

/** One line for t.diagnostic: what the comparison found (first few differences). */
export function describeComparison(c) {
  const few = (a) => JSON.stringify(a.slice(0, 5));
  return (
    `recorder ${c.recorder} rows, store ${c.store} samples, matched ${c.matched} (${c.percent.toFixed(3)} %), ` +
    `exact timestamps ${c.exactTime}, max |dt| ${c.maxDtMs} ms, increasing ${c.increasing}, ` +
    `missing ${c.missing.length} ${c.missing.length ? few(c.missing) : ''} extra ${c.extra.length} ${c.extra.length ? few(c.extra) : ''} ` +
    `wrong ${c.wrongValue.length} ${c.wrongValue.length ? few(c.wrongValue) : ''}`
  );
}
