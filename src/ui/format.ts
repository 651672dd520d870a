/**
 * The cards' formatter: the one formatting module (src/core/format) bound to the user's Home
 * Assistant profile (`hass.locale`: language, number format, 12/24 h, server or browser time
 * zone; `hass.config.time_zone`) and to the entities' display precision (`hass.entities`), so a
 * card formats as Home Assistant's own cards do: "12,5 %" for a German user, "3:45 PM" in English.
 */
import {
  ENGLISH,
  formatDate,
  formatDateTime,
  formatDuration,
  formatMetric,
  formatNumber,
  formatRate,
  formatSpan,
  formatTime,
  formatTimeTick,
  formatTimeWithSeconds,
  formatValue,
  formatWindow,
  timeTicks,
  type FormatLocale,
} from '../core/format/index.js';

/** What the formatter reads from `hass` (a subset, so tests and previews can pass plain objects). */
export interface LocaleSource {
  language?: string;
  /** Home Assistant's enums arrive as their string values. */
  locale?: { language?: string; number_format?: string; time_format?: string; time_zone?: string };
  config?: { time_zone?: string };
  entities?: Record<string, { display_precision?: number | null } | undefined>;
}

export interface Formatter {
  readonly locale: FormatLocale;
  /** "12,5"; `decimals` fixes the fraction digits. */
  number(value: number, decimals?: number): string;
  /** "12,5 %", "42 ms". */
  value(value: number, unit?: string, decimals?: number): string;
  /** An entity's value: the card's `decimals`, else the entity's display precision, else 3 significant digits. */
  entityValue(entityId: string | undefined, value: number, unit?: string, decimals?: number): string;
  /** The entity's display precision, when its registry entry sets one. */
  precisionOf(entityId: string | undefined): number | undefined;
  /** Rescaled for reading: "1,8 s" for 1800 ms. */
  metric(value: number, unit?: string): string;
  duration(ms: number): string;
  span(ms: number): string;
  window(hours: number): string;
  rate(perMs: number, unit?: string): string;
  time(t: number): string;
  timeWithSeconds(t: number): string;
  date(t: number): string;
  dateTime(t: number): string;
  timeTick(t: number, stepMs: number): string;
  ticks(min: number, max: number, maxTicks: number): { ticks: number[]; step: number };
}

/** The user's formatting preferences from `hass`; English as Home Assistant formats it when unknown. */
const NUMBER_FORMATS = ['language', 'system', 'comma_decimal', 'decimal_comma', 'space_comma', 'quote_decimal', 'none'] as const;
const TIME_FORMATS = ['language', 'system', 'am_pm', '24'] as const;

export function localeOf(hass?: LocaleSource): FormatLocale {
  const locale = hass?.locale;
  const pick = <T extends string>(value: string | undefined, allowed: readonly T[], fallback: T | undefined): T | undefined =>
    allowed.includes(value as T) ? (value as T) : fallback;
  return {
    language: locale?.language ?? hass?.language ?? ENGLISH.language,
    number_format: pick(locale?.number_format, NUMBER_FORMATS, ENGLISH.number_format),
    time_format: pick(locale?.time_format, TIME_FORMATS, ENGLISH.time_format),
    time_zone: pick(locale?.time_zone, ['local', 'server'] as const, ENGLISH.time_zone),
    server_time_zone: hass?.config?.time_zone,
  };
}

export function formatterFor(hass?: LocaleSource): Formatter {
  const locale = localeOf(hass);
  const entities = hass?.entities;
  const precisionOf = (entityId: string | undefined): number | undefined => {
    const precision = entityId ? entities?.[entityId]?.display_precision : undefined;
    return typeof precision === 'number' ? precision : undefined;
  };
  return {
    locale,
    number: (value, decimals) => formatNumber(value, locale, { decimals }),
    value: (value, unit, decimals) => formatValue(value, unit, locale, { decimals }),
    entityValue: (entityId, value, unit, decimals) => formatValue(value, unit, locale, { decimals: decimals ?? precisionOf(entityId) }),
    precisionOf,
    metric: (value, unit) => formatMetric(value, unit, locale),
    duration: (ms) => formatDuration(ms, locale),
    span: (ms) => formatSpan(ms, locale),
    window: (hours) => formatWindow(hours, locale),
    rate: (perMs, unit) => formatRate(perMs, unit, locale),
    time: (t) => formatTime(t, locale),
    timeWithSeconds: (t) => formatTimeWithSeconds(t, locale),
    date: (t) => formatDate(t, locale),
    dateTime: (t) => formatDateTime(t, locale),
    timeTick: (t, stepMs) => formatTimeTick(t, stepMs, locale),
    ticks: (min, max, maxTicks) => timeTicks(min, max, maxTicks, locale),
  };
}

/** English, for views rendered before `hass` arrives. */
export const ENGLISH_FORMATTER: Formatter = formatterFor();
