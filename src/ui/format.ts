/**
 * Display formatting for cards: durations ("3 d 4 h"), values with units ("42.5 %"), rates
 * ("+1.2 GB/d") and time-axis ticks. Pure functions; the locale is a parameter so tests are
 * deterministic (default: the browser's).
 */

const DURATION_UNITS: Array<[string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
  ['s', 1000],
];

/** The two most significant adjacent units of a duration: "3 d 4 h", "5 h", "2 min 5 s", "0 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '∞';
  const rest = Math.max(0, Math.round(ms / 1000) * 1000);
  const first = DURATION_UNITS.findIndex(([, size]) => rest >= size);
  if (first < 0) return '0 s';
  const [name, size] = DURATION_UNITS[first];
  const amount = Math.floor(rest / size);
  const next = DURATION_UNITS[first + 1];
  const amountNext = next ? Math.floor((rest - amount * size) / next[1]) : 0;
  return amountNext > 0 ? `${amount} ${name} ${amountNext} ${next[0]}` : `${amount} ${name}`;
}

/** A window in hours as people say it: "30 min", "24 h", "7 d", "36 h". */
export function formatWindow(hours: number): string {
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours >= 48 && hours % 24 === 0) return `${hours / 24} d`;
  return `${Number(hours.toFixed(1))} h`;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * A number with sensible precision: `decimals` if given, otherwise 3 significant digits for small
 * values and whole numbers from 100 up ("0.0123", "4.56", "42.5", "1,234").
 */
export function formatNumber(value: number, decimals?: number, locale?: string): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const digits = decimals ?? (abs >= 100 || abs === 0 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : Math.min(6, 2 - Math.floor(Math.log10(abs))));
  const key = `${locale ?? ''}|${digits}|${decimals === undefined ? 'max' : 'fixed'}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      maximumFractionDigits: digits,
      minimumFractionDigits: decimals === undefined ? 0 : digits,
    });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/** "42.5 %", "1.2 GB", "3" (no unit). Home Assistant puts a space before every unit, % included. */
export function formatValue(value: number, unit?: string, decimals?: number, locale?: string): string {
  const text = formatNumber(value, decimals, locale);
  return unit && Number.isFinite(value) ? `${text} ${unit}` : text;
}

/** A slope as a signed rate per hour or per day, whichever reads better: "+2.5 %/h", "−120 MB/d". */
export function formatRate(perMs: number, unit = '', locale?: string): string {
  if (!Number.isFinite(perMs)) return '—';
  const perHour = perMs * 3_600_000;
  const [amount, per] = Math.abs(perHour) >= 1 || perHour === 0 ? [perHour, 'h'] : [perHour * 24, 'd'];
  const sign = amount > 0 ? '+' : amount < 0 ? '−' : '';
  return `${sign}${formatNumber(Math.abs(amount), undefined, locale)} ${unit ? `${unit}/` : '/'}${per}`.replace(' /', '/');
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Tick steps for a time axis, finest first. */
export const TIME_STEPS = [
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY,
  90 * DAY,
];

/**
 * Tick positions (epoch ms) for a linear time axis over [min, max] with at most `maxTicks`
 * ticks, on round local times (whole hours, midnights, ...).
 */
export function timeTicks(min: number, max: number, maxTicks: number): { ticks: number[]; step: number } {
  const span = Math.max(1, max - min);
  const step = TIME_STEPS.find((s) => span / s <= Math.max(1, maxTicks)) ?? Math.ceil(span / maxTicks / DAY) * DAY;
  // Align to local time: offset in ms of the local zone at `min` (DST shifts by an hour are tolerable).
  const offset = -new Date(min).getTimezoneOffset() * MINUTE;
  let t = Math.ceil((min + offset) / step) * step - offset;
  const ticks: number[] = [];
  for (; t <= max && ticks.length < 1000; t += step) ticks.push(t);
  return { ticks, step };
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A tick label fitting its step: "14:30" below a day, "4 Mar" from a day on. */
export function formatTimeTick(t: number, stepMs: number, locale?: string): string {
  const daily = stepMs >= DAY;
  const key = `${locale ?? ''}|${daily}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(
      locale,
      daily ? { day: 'numeric', month: 'short' } : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
    );
    dateFormats.set(key, format);
  }
  return format.format(t);
}

/** Date and time for tooltips and summaries: "4 Mar, 14:30". */
export function formatDateTime(t: number, locale?: string): string {
  const key = `${locale ?? ''}|full`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    dateFormats.set(key, format);
  }
  return format.format(t);
}
