// The demo's lived-in fortnight, as pure functions (no I/O, no Home Assistant): what every demo
// sensor read at any moment, deterministic for a seed and relative to an anchor ("now" of the
// first start). scripts/demo/import-week.mjs writes it into Home Assistant; the live generator
// (generator.mjs) continues it with storyLevel(), so the live values carry on where the import
// ends.
//
// The story (times in the local time zone of the machine running the demo):
//   every day   a household's day: quiet nights, a morning bump, evening peak; weekends are
//               busier during the day.
//   last week   (8-14 days ago, long-term statistics only) an ordinary week: "vs last week".
//   Tuesday     10:40, the most recent Tuesday at least 1 h before the anchor: an update made
//               speech-to-text (+60 %), intent (+50 %) and the LLM (+40 %, tokens/s -30 %)
//               slower. Text-to-speech is unchanged. It stays slower.
//   disk        fills steadily (~2.4 %/day, never shrinks): ~86 % at the anchor.
//   memory leak from 03:15 six days before the anchor (+6.5 points/day) until a fix at 20:15,
//               24-48 h before the anchor (a restart): memory drops back to ~44 %.
//   incident 1  CPU saturation two days before the anchor, 14:05-14:50: CPU ~95 %, load ~7,
//               Assist stages x2-3, the wall tablet's round trip x4 (a runaway automation).
//   incident 2  the wall tablet's websocket lag spike, 48 to 36 min before the anchor: round
//               trip ~1 s, state delivery lag ~2.5 s (Wi-Fi trouble).

export const WEEK_VERSION = 1;
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/**
 * The demo sensors (entity ids kept from the first demo): friendly name, unit, icon, decimals,
 * device class, and how often a real sensor of its kind reports (`everyMs`, live and imported;
 * default: the generator's interval). Every one has `state_class: measurement`.
 */
export const SENSORS = {
  // AI pipeline latencies (Assist)
  'sensor.demo_assist_stt_ms': { name: 'Assist speech-to-text', unit: 'ms', icon: 'mdi:microphone-message', decimals: 0 },
  'sensor.demo_assist_intent_ms': { name: 'Assist intent', unit: 'ms', icon: 'mdi:head-cog', decimals: 0 },
  'sensor.demo_assist_tts_ms': { name: 'Assist text-to-speech', unit: 'ms', icon: 'mdi:account-voice', decimals: 0 },
  'sensor.demo_llm_response_s': { name: 'LLM response time', unit: 's', icon: 'mdi:robot-outline', decimals: 2 },
  'sensor.demo_llm_tokens_per_second': { name: 'LLM tokens per second', unit: 'tok/s', icon: 'mdi:speedometer', decimals: 1 },
  // System
  'sensor.demo_cpu_percent': { name: 'CPU usage', unit: '%', icon: 'mdi:cpu-64-bit', decimals: 1 },
  'sensor.demo_memory_percent': { name: 'Memory usage', unit: '%', icon: 'mdi:memory', decimals: 1 },
  'sensor.demo_disk_percent': { name: 'Disk usage', unit: '%', icon: 'mdi:harddisk', decimals: 2 },
  'sensor.demo_load_1m': { name: 'Load (1 min)', unit: undefined, icon: 'mdi:gauge', decimals: 2 },
  'sensor.demo_network_in': { name: 'Network in', unit: 'MB/s', icon: 'mdi:download-network', decimals: 2, deviceClass: 'data_rate' },
  'sensor.demo_network_out': { name: 'Network out', unit: 'MB/s', icon: 'mdi:upload-network', decimals: 2, deviceClass: 'data_rate' },
  'sensor.demo_database_size': { name: 'Recorder database size', unit: 'MB', icon: 'mdi:database', decimals: 1, deviceClass: 'data_size' },
  // A wall tablet's experience, as the UX card's `report:` publishes it (p95 per minute)
  'sensor.ha_vitals_wall_tablet_ws_rtt_ms': { name: 'Wall tablet websocket round trip', unit: 'ms', icon: 'mdi:tablet-dashboard', decimals: 0, everyMs: MINUTE },
  'sensor.ha_vitals_wall_tablet_state_lag_ms': { name: 'Wall tablet state delivery lag', unit: 'ms', icon: 'mdi:tablet-dashboard', decimals: 0, everyMs: MINUTE },
};

/** State attributes of a demo sensor, in the order the generator posts them (the recorder keeps that order). */
export function sensorAttributes(id) {
  const s = SENSORS[id];
  return {
    friendly_name: s.name,
    ...(s.unit ? { unit_of_measurement: s.unit } : {}),
    ...(s.deviceClass ? { device_class: s.deviceClass } : {}),
    icon: s.icon,
    state_class: 'measurement',
  };
}

// ------------------------------------------------------------------ randomness
/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function rng(seed) {
  let a = Number(seed) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal numbers from a uniform source (Box-Muller). */
export function gaussian(random) {
  return () => {
    const u = 1 - random();
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

/** A stable 32-bit number per (seed, text): each sensor draws from its own stream. */
function streamSeed(seed, text) {
  let h = (0x811c9dc5 ^ (Number(seed) >>> 0)) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

// ------------------------------------------------------------------ calendar (local time)
/** Local midnight of the day containing t. */
export function localMidnight(t) {
  const d = new Date(t);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** t moved by whole local days, keeping the wall-clock time (DST-safe). */
function addLocalDays(t, days) {
  const d = new Date(t);
  d.setDate(d.getDate() + days);
  return d.getTime();
}

/** The local day containing t, at hh:mm. */
function atLocal(t, hh, mm) {
  const d = new Date(t);
  d.setHours(hh, mm, 0, 0);
  return d.getTime();
}

/** Most recent local `weekday` (0 = Sunday) at hh:mm that is at or before `notAfter`. */
export function lastWeekdayAt(notAfter, weekday, hh, mm) {
  let t = atLocal(notAfter, hh, mm);
  while (new Date(t).getDay() !== weekday || t > notAfter) t = addLocalDays(t, -1);
  return t;
}

/** Most recent local hh:mm at or before `notAfter`. */
function lastTimeOfDay(notAfter, hh, mm) {
  const t = atLocal(notAfter, hh, mm);
  return t <= notAfter ? t : addLocalDays(t, -1);
}

/** Fractional local hour of day (0-24) and whether t falls on a Saturday or Sunday. */
function clock(t) {
  const d = new Date(t);
  const day = d.getDay();
  return { hour: d.getHours() + d.getMinutes() / 60 + d.getSeconds() / 3600, weekend: day === 0 || day === 6 };
}

// ------------------------------------------------------------------ the story
/** When everything happens, from the anchor (the first start's "now"). */
export function storyEvents(anchor) {
  const leakFix = lastTimeOfDay(anchor - 24 * HOUR, 20, 15);
  return {
    anchor,
    /** Speech-to-text, intent and the LLM got slower (and stayed so). */
    assistSlowdown: lastWeekdayAt(anchor - HOUR, 2, 10, 40),
    leakStart: atLocal(addLocalDays(anchor, -6), 3, 15),
    leakFix,
    cpuIncident: { start: atLocal(addLocalDays(anchor, -2), 14, 5), end: atLocal(addLocalDays(anchor, -2), 14, 50) },
    lagSpike: { start: anchor - 48 * MINUTE, end: anchor - 36 * MINUTE },
  };
}

// Household activity 0..1 by local hour: [hour, level] knots, interpolated linearly.
const WEEKDAY_ACTIVITY = [[0, 0.08], [5, 0.05], [6, 0.25], [7, 0.65], [8, 0.55], [9, 0.3], [12, 0.35], [16, 0.35], [17, 0.55], [19, 0.95], [21, 1], [22, 0.75], [23, 0.35], [24, 0.08]];
const WEEKEND_ACTIVITY = [[0, 0.15], [7, 0.1], [8, 0.3], [9, 0.6], [11, 0.75], [14, 0.7], [17, 0.8], [19, 0.95], [21, 1], [23, 0.5], [24, 0.15]];

export function activity(t) {
  const { hour, weekend } = clock(t);
  const knots = weekend ? WEEKEND_ACTIVITY : WEEKDAY_ACTIVITY;
  for (let i = 1; i < knots.length; i++) {
    const [h1, v1] = knots[i];
    if (hour <= h1) {
      const [h0, v0] = knots[i - 1];
      return v0 + ((v1 - v0) * (hour - h0)) / (h1 - h0);
    }
  }
  return knots.at(-1)[1];
}

/** 0 outside [start, end], 1 inside, with linear ramps of `rampMs` at both ends. */
function within(t, { start, end }, rampMs = 3 * MINUTE) {
  if (t <= start - rampMs || t >= end + rampMs) return 0;
  if (t < start) return 1 - (start - t) / rampMs;
  if (t > end) return 1 - (t - end) / rampMs;
  return 1;
}

const DISK_AT_ANCHOR = 86.4; // %
const DISK_PER_DAY = 2.4; // %
const DB_AT_ANCHOR = 764; // MB
const DB_PER_DAY = 15; // MB

/**
 * The value a sensor's story gives at t, before noise: the daily cycle, the weekend and the
 * events. After the anchor the story's end state holds (the slowdown stays, the leak is fixed),
 * and the disk and database keep growing (with a clean-up once nearly full).
 */
export function storyLevel(id, t, ev) {
  const a = activity(t);
  const slow = t >= ev.assistSlowdown ? 1 : 0;
  const incident = within(t, ev.cpuIncident);
  const spike = within(t, ev.lagSpike, MINUTE);
  const days = (t - ev.anchor) / DAY;
  switch (id) {
    case 'sensor.demo_assist_stt_ms':
      return 380 * (1 + 0.6 * slow) * (1 + 0.06 * a) * (1 + 1.4 * incident);
    case 'sensor.demo_assist_intent_ms':
      return 45 * (1 + 0.5 * slow) * (1 + 0.1 * a) * (1 + 2 * incident);
    case 'sensor.demo_assist_tts_ms':
      return 260 * (1 + 0.05 * a) * (1 + incident);
    case 'sensor.demo_llm_response_s':
      return 1.8 * (1 + 0.4 * slow) * (1 + 0.1 * a) * (1 + 0.8 * incident);
    case 'sensor.demo_llm_tokens_per_second':
      return (42 / (1 + 0.43 * slow)) * (1 - 0.05 * a) * (1 - 0.4 * incident);
    case 'sensor.demo_cpu_percent': {
      const normal = 10 + 16 * a + (clock(t).weekend ? 4 * a : 0);
      return normal + (95 - normal) * incident;
    }
    case 'sensor.demo_load_1m':
      return 0.3 + storyLevel('sensor.demo_cpu_percent', t, ev) / 14;
    case 'sensor.demo_memory_percent': {
      const leaking = t >= ev.leakStart && t < ev.leakFix ? (6.5 * (t - ev.leakStart)) / DAY : 0;
      return 43.5 + 3 * a + leaking + 4 * incident;
    }
    case 'sensor.demo_disk_percent': {
      const v = DISK_AT_ANCHOR + DISK_PER_DAY * days;
      return v <= 96 ? v : 60 + ((v - 96) % 36); // nearly full after the story: someone cleans up
    }
    case 'sensor.demo_database_size': {
      const v = DB_AT_ANCHOR + DB_PER_DAY * days;
      return v <= 1900 ? v : 600 + ((v - 1900) % 1300); // purged and repacked
    }
    case 'sensor.demo_network_in':
      return (0.5 + 2.6 * a) * (clock(t).weekend ? 1.25 : 1);
    case 'sensor.demo_network_out':
      return 0.12 + 0.45 * a;
    case 'sensor.ha_vitals_wall_tablet_ws_rtt_ms':
      return (36 + 12 * a) * (1 + 3 * incident) + 950 * spike;
    case 'sensor.ha_vitals_wall_tablet_state_lag_ms':
      return (70 + 25 * a) * (1 + 5 * incident) + 2400 * spike;
    default:
      throw new Error(`no story for ${id}`);
  }
}

/**
 * How each sensor's noise looks: `mul` log-normal (latencies, rates) or `add` (levels), white
 * noise `sigma` plus a slow wander `wander` with time constant `tauMin` minutes, clamped to
 * [min, max]. Disk and database size have none: they only grow.
 */
const NOISE = {
  'sensor.demo_assist_stt_ms': { mul: true, sigma: 0.12, wander: 0.05, tauMin: 60, min: 60 },
  'sensor.demo_assist_intent_ms': { mul: true, sigma: 0.2, wander: 0.06, tauMin: 60, min: 5 },
  'sensor.demo_assist_tts_ms': { mul: true, sigma: 0.15, wander: 0.05, tauMin: 60, min: 40 },
  'sensor.demo_llm_response_s': { mul: true, sigma: 0.22, wander: 0.06, tauMin: 90, min: 0.2 },
  'sensor.demo_llm_tokens_per_second': { mul: true, sigma: 0.1, wander: 0.05, tauMin: 90, min: 1 },
  'sensor.demo_cpu_percent': { mul: false, sigma: 2.2, wander: 1.8, tauMin: 20, min: 0.5, max: 100 },
  'sensor.demo_load_1m': { mul: false, sigma: 0.15, wander: 0.12, tauMin: 20, min: 0 },
  'sensor.demo_memory_percent': { mul: false, sigma: 0.35, wander: 0.6, tauMin: 120, min: 5, max: 100 },
  'sensor.demo_disk_percent': null,
  'sensor.demo_database_size': null,
  'sensor.demo_network_in': { mul: true, sigma: 0.18, wander: 0.1, tauMin: 30, min: 0.01 },
  'sensor.demo_network_out': { mul: true, sigma: 0.18, wander: 0.1, tauMin: 30, min: 0.01 },
  'sensor.ha_vitals_wall_tablet_ws_rtt_ms': { mul: true, sigma: 0.18, wander: 0.06, tauMin: 30, min: 3 },
  'sensor.ha_vitals_wall_tablet_state_lag_ms': { mul: true, sigma: 0.18, wander: 0.06, tauMin: 30, min: 5 },
};

/**
 * A noisy reading process for one sensor: `next(t, level)` gives the value read at t (times
 * ascending), rounded to the sensor's decimals. Its slow wander keeps its state between calls.
 */
export function noiseProcess(id, random) {
  const n = NOISE[id];
  const normal = gaussian(random);
  const decimals = SENSORS[id].decimals;
  const round = (v) => Number(v.toFixed(decimals));
  let wander = 0;
  let last = Number.NaN;
  return {
    next(t, level) {
      if (!n) return round(level);
      const phi = Number.isFinite(last) ? Math.exp(-(t - last) / (n.tauMin * MINUTE)) : 0;
      last = t;
      wander = phi * wander + Math.sqrt(1 - phi * phi) * normal();
      const e = n.sigma * normal() + n.wander * wander;
      let v = n.mul ? level * Math.exp(e) : level + e;
      if (n.max !== undefined) v = Math.min(n.max, v);
      return round(Math.max(n.min ?? 0, v));
    },
  };
}

// ------------------------------------------------------------------ the fortnight
/**
 * Every sensor's readings from `anchor - days` to `anchor` (inclusive): one every `stepMs` (or the
 * sensor's own `everyMs`), and over the last `denseMs` one every `denseStepMs` (what the live
 * generator sends, so the recent hours look like the live ones that follow).
 *
 *   const week = generateWeek({ now: Date.now(), seed: 42 });
 *   week.series['sensor.demo_cpu_percent'] // { times: [...ms], values: [...] }
 */
export function generateWeek({ now, seed = 1, days = 14, stepMs = MINUTE, denseMs = 2 * HOUR, denseStepMs = 5000 } = {}) {
  if (!Number.isFinite(now)) throw new Error('generateWeek: now (ms) is required');
  const anchor = Math.floor(now / 1000) * 1000;
  const events = storyEvents(anchor);
  const start = anchor - days * DAY;
  const series = {};
  for (const id of Object.keys(SENSORS)) {
    const own = SENSORS[id].everyMs;
    const coarse = own ?? stepMs;
    const fine = own ?? denseStepMs;
    const denseFrom = anchor - denseMs;
    const noise = noiseProcess(id, rng(streamSeed(seed, id)));
    const times = [];
    const values = [];
    // Whole steps back from the anchor, so the last reading is at the anchor.
    const firstDense = anchor - Math.floor(denseMs / fine) * fine;
    for (let t = anchor - Math.floor((anchor - start) / coarse) * coarse; t < Math.min(firstDense, denseFrom); t += coarse) times.push(t);
    for (let t = firstDense; t <= anchor; t += fine) times.push(t);
    for (const t of times) values.push(noise.next(t, storyLevel(id, t, events)));
    series[id] = { times, values };
  }
  return { version: WEEK_VERSION, seed, anchor, start, events, series };
}

/** A reading as Home Assistant keeps a state: the number with the sensor's decimals. */
export function stateText(id, value) {
  return value.toFixed(SENSORS[id].decimals);
}

/**
 * The rows the recorder would have written for readings from `from` on: [t, state], one per
 * change (a repeated state only moves `last_reported`, no new row).
 */
export function recordedStates(id, { times, values }, from = -Infinity, to = Infinity) {
  const rows = [];
  let previous;
  for (let i = 0; i < times.length; i++) {
    if (times[i] < from || times[i] > to) continue;
    const s = stateText(id, values[i]);
    if (s === previous) continue;
    rows.push([times[i], s]);
    previous = s;
  }
  return rows;
}

/**
 * Statistics of complete periods [s, s + periodMs) inside [from, to), as Home Assistant compiles
 * them for a measurement: time-weighted mean of the value in force (including the one carried in
 * from before the period), min and max. Returns [{ start, mean, min, max }], start in ms.
 */
export function periodStatistics({ times, values }, periodMs, from, to) {
  const rows = [];
  let i = 0;
  let s = Math.ceil(from / periodMs) * periodMs;
  for (; s + periodMs <= to; s += periodMs) {
    const e = s + periodMs;
    while (i < times.length && times[i] <= s) i++;
    // value in force at s: the last reading at or before s
    let current = i > 0 ? values[i - 1] : Number.NaN;
    let at = s;
    let weighted = 0;
    let covered = 0;
    let min = Infinity;
    let max = -Infinity;
    const take = (v, until) => {
      if (!Number.isFinite(v)) return;
      weighted += v * (until - at);
      covered += until - at;
      min = Math.min(min, v);
      max = Math.max(max, v);
    };
    let j = i;
    for (; j < times.length && times[j] < e; j++) {
      take(current, times[j]);
      current = values[j];
      at = times[j];
    }
    take(current, e);
    if (covered > 0) rows.push({ start: s, mean: weighted / covered, min, max });
  }
  return rows;
}
