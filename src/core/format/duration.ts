/**
 * Durations, windows and rates as people read them: "3 d 4 h", "2 min 5 s", "+1.2 GB/d". English
 * keeps the spaced SI-style symbols the cards have always shown; other languages get their own
 * short unit names from the browser's CLDR data ("3 T 4 h" in German, "3j 4h" in French).
 */
import { ENGLISH, baseLanguage, type FormatLocale } from './locale.js';
import { formatNumber } from './number.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

type DurationUnit = 'day' | 'hour' | 'minute' | 'second';
const UNITS: Array<[DurationUnit, number]> = [
  ['day', DAY],
  ['hour', HOUR],
  ['minute', MINUTE],
  ['second', 1000],
];
const ENGLISH_SYMBOLS: Record<DurationUnit, string> = { day: 'd', hour: 'h', minute: 'min', second: 's' };

const unitFormats = new Map<string, Intl.NumberFormat>();

/** "3 d" (en) or the language's narrow unit ("3 T", "3j"). */
export function formatAmount(amount: number, unit: DurationUnit, locale: FormatLocale = ENGLISH): string {
  const language = baseLanguage(locale.language);
  if (language === 'en') return `${formatNumber(amount, locale)} ${ENGLISH_SYMBOLS[unit]}`;
  const key = `${locale.language}|${unit}`;
  let format = unitFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale.language, { style: 'unit', unit, unitDisplay: 'narrow', maximumFractionDigits: 1 });
    unitFormats.set(key, format);
  }
  return format.format(amount);
}

/** The two most significant adjacent units: "3 d 4 h", "5 h", "2 min 5 s", "0 s"; "∞" when endless. */
export function formatDuration(ms: number, locale: FormatLocale = ENGLISH): string {
  if (!Number.isFinite(ms)) return '∞';
  const rest = Math.max(0, Math.round(ms / 1000) * 1000);
  const first = UNITS.findIndex(([, size]) => rest >= size);
  if (first < 0) return formatAmount(0, 'second', locale);
  const [unit, size] = UNITS[first];
  const amount = Math.floor(rest / size);
  const next = UNITS[first + 1];
  const amountNext = next ? Math.floor((rest - amount * size) / next[1]) : 0;
  const head = formatAmount(amount, unit, locale);
  return amountNext > 0 ? `${head} ${formatAmount(amountNext, next[0], locale)}` : head;
}

/** How long, coarsely, in one unit: "45 min", "5 h", "11 d". */
export function formatSpan(ms: number, locale: FormatLocale = ENGLISH): string {
  if (ms < HOUR) return formatAmount(Math.max(1, Math.round(ms / MINUTE)), 'minute', locale);
  if (ms < 2 * DAY) return formatAmount(Math.round(ms / HOUR), 'hour', locale);
  return formatAmount(Math.round(ms / DAY), 'day', locale);
}

/** A window in hours as people say it: "30 min", "24 h", "7 d", "36 h". */
export function formatWindow(hours: number, locale: FormatLocale = ENGLISH): string {
  if (hours < 1) return formatAmount(Math.round(hours * 60), 'minute', locale);
  if (hours >= 48 && hours % 24 === 0) return formatAmount(hours / 24, 'day', locale);
  return formatAmount(Number(hours.toFixed(1)), 'hour', locale);
}

/** A slope as a signed rate per hour or per day, whichever reads better: "+2.5 %/h", "−120 MB/d". */
export function formatRate(perMs: number, unit = '', locale: FormatLocale = ENGLISH): string {
  if (!Number.isFinite(perMs)) return '—';
  const perHour = perMs * HOUR;
  const [amount, per] = Math.abs(perHour) >= 1 || perHour === 0 ? [perHour, 'h'] : [perHour * 24, 'd'];
  const sign = amount > 0 ? '+' : amount < 0 ? '−' : '';
  return `${sign}${formatNumber(Math.abs(amount), locale)} ${unit}/${per}`.replace(' /', '/');
}
