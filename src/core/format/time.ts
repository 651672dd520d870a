/**
 * Clock times and dates in the user's zone and hour cycle (Home Assistant's profile settings):
 * "3:45 PM" / "15:45", "4 Mar, 15:45", and time-axis ticks on round times of that zone.
 */
import { ENGLISH, displayTimeZone, usesAmPm, type FormatLocale } from './locale.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

const formats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(locale: FormatLocale, kind: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const amPm = usesAmPm(locale);
  const timeZone = displayTimeZone(locale);
  const key = `${locale.language}|${kind}|${amPm}|${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    const clock: Intl.DateTimeFormatOptions = options.hour ? { hourCycle: amPm ? 'h12' : 'h23', hour: amPm ? 'numeric' : '2-digit' } : {};
    format = new Intl.DateTimeFormat(locale.language, { ...options, ...clock, timeZone });
    formats.set(key, format);
  }
  return format;
}

/** "3:45 PM" / "15:45". */
export function formatTime(t: number, locale: FormatLocale = ENGLISH): string {
  return dateTimeFormat(locale, 'time', { hour: 'numeric', minute: '2-digit' }).format(t);
}

/** "3:45:12 PM" / "15:45:12". */
export function formatTimeWithSeconds(t: number, locale: FormatLocale = ENGLISH): string {
  return dateTimeFormat(locale, 'seconds', { hour: 'numeric', minute: '2-digit', second: '2-digit' }).format(t);
}

/** "Mar 4, 3:45 PM" / "4. März, 15:45". */
export function formatDateTime(t: number, locale: FormatLocale = ENGLISH): string {
  return dateTimeFormat(locale, 'datetime', { day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }).format(t);
}

/** "Mar 4" / "4. März". */
export function formatDate(t: number, locale: FormatLocale = ENGLISH): string {
  return dateTimeFormat(locale, 'date', { day: 'numeric', month: 'short' }).format(t);
}

/** The time alone when `t` is within the last 20 h of `now`, else with the date. */
export function formatClock(t: number, now: number, locale: FormatLocale = ENGLISH): string {
  return now - t < 20 * HOUR ? formatTime(t, locale) : formatDateTime(t, locale);
}

/** A tick label fitting its step: a time below a day, a date from a day on. */
export function formatTimeTick(t: number, stepMs: number, locale: FormatLocale = ENGLISH): string {
  return stepMs >= DAY ? formatDate(t, locale) : formatTime(t, locale);
}

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

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** Offset of `timeZone` from UTC at `t`, in ms (positive east of Greenwich). */
export function zoneOffsetMs(t: number, timeZone: string | undefined): number {
  if (!timeZone) return -new Date(t).getTimezoneOffset() * MINUTE;
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    offsetFormats.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(t)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
  return asUtc - Math.floor(t / 1000) * 1000;
}

/**
 * Tick positions (epoch ms) for a linear time axis over [min, max] with at most `maxTicks` ticks,
 * on round times of the user's zone (whole hours, midnights; a DST shift moves ticks by its hour).
 */
export function timeTicks(min: number, max: number, maxTicks: number, locale: FormatLocale = ENGLISH): { ticks: number[]; step: number } {
  const span = Math.max(1, max - min);
  const step = TIME_STEPS.find((s) => span / s <= Math.max(1, maxTicks)) ?? Math.ceil(span / maxTicks / DAY) * DAY;
  const offset = zoneOffsetMs(min, displayTimeZone(locale));
  let t = Math.ceil((min + offset) / step) * step - offset;
  const ticks: number[] = [];
  for (; t <= max && ticks.length < 1000; t += step) ticks.push(t);
  return { ticks, step };
}
