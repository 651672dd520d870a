/**
 * Durations as people write them in YAML: "30s", "5m", "1h30m", "2d", "250ms", a bare number
 * (seconds, like Home Assistant) or HA's mapping form `{ minutes: 5 }` / "00:05:00".
 * Everything is normalised to milliseconds.
 */

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const OBJECT_UNIT_MS: Record<string, number> = {
  milliseconds: 1,
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 604_800_000,
};

const COMPOUND = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/;
const CLOCK = /^(\d+):([0-5]?\d)(?::([0-5]?\d(?:\.\d+)?))?$/;

/** Milliseconds, or `undefined` when `input` is not a duration. Never negative, never infinite. */
export function parseDuration(input: unknown): number | undefined {
  const ms = parseAny(input);
  return ms !== undefined && Number.isFinite(ms) ? ms : undefined;
}

function parseAny(input: unknown): number | undefined {
  if (typeof input === 'number') {
    return Number.isFinite(input) && input >= 0 ? Math.round(input * 1000) : undefined;
  }
  if (typeof input === 'string') return parseDurationString(input);
  if (input && typeof input === 'object' && !Array.isArray(input)) {
    const entries = Object.entries(input as Record<string, unknown>);
    if (entries.length === 0) return undefined;
    let total = 0;
    for (const [key, value] of entries) {
      // Own keys only: `{ constructor: 5 }` is not a duration.
      const unit = Object.hasOwn(OBJECT_UNIT_MS, key) ? OBJECT_UNIT_MS[key] : undefined;
      if (unit === undefined || typeof value !== 'number' || !Number.isFinite(value) || value < 0) return undefined;
      total += value * unit;
    }
    return Math.round(total);
  }
  return undefined;
}

function parseDurationString(raw: string): number | undefined {
  const text = raw.trim().toLowerCase().replace(/\s+/g, '');
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const clock = CLOCK.exec(text);
  if (clock) {
    // HA's "HH:MM" and "HH:MM:SS".
    return Math.round((Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3] ?? 0)) * 1000);
  }
  let rest = text;
  let total = 0;
  let lastUnit = Infinity;
  while (rest.length > 0) {
    const match = COMPOUND.exec(rest);
    if (!match) return undefined;
    const unit = UNIT_MS[match[2]];
    // Units must be written from largest to smallest, once each: "1h30m", not "30m1h".
    if (unit >= lastUnit) return undefined;
    lastUnit = unit;
    total += Number(match[1]) * unit;
    rest = rest.slice(match[0].length);
  }
  return Math.round(total);
}

/** Compact human form: 90_000 → "1m30s", 0 → "0s", 250 → "250ms". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(Math.round(ms));
  let out = '';
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]] as const) {
    if (rest >= size) {
      const n = Math.floor(rest / size);
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return sign + out;
}
