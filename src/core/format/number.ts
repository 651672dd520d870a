/**
 * Numbers and values with units, as Home Assistant shows entity states: the user's number format,
 * the entity's display precision when known, and Home Assistant's unit spacing ("42%" in English,
 * "42 %" in German, "21.5 °C", "20°").
 */
import { ENGLISH, baseLanguage, numberLocale, type FormatLocale } from './locale.js';

export interface NumberOptions {
  /** Exactly this many fraction digits (a card's `decimals`, an entity's display precision). */
  decimals?: number;
}

const formats = new Map<string, Intl.NumberFormat>();

/** Fraction digits a number needs when no precision is given: 3 significant digits below 100, whole numbers from 100 up. */
export function autoFractionDigits(value: number): number {
  const abs = Math.abs(value);
  if (abs >= 100 || abs === 0 || !Number.isFinite(abs)) return 0;
  if (abs >= 10) return 1;
  if (abs >= 1) return 2;
  return Math.min(6, 2 - Math.floor(Math.log10(abs)));
}

/** "12.5", "12,5", "1 234,5", "1234.5" (number format `none`); "—" for NaN and infinities. */
export function formatNumber(value: number, locale: FormatLocale = ENGLISH, options: NumberOptions = {}): string {
  if (!Number.isFinite(value)) return '—';
  const fixed = options.decimals !== undefined;
  const digits = fixed ? Math.max(0, Math.min(20, Math.round(options.decimals!))) : autoFractionDigits(value);
  const localeKey = JSON.stringify(numberLocale(locale) ?? null);
  const key = `${localeKey}|${locale.number_format === 'none'}|${digits}|${fixed}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(numberLocale(locale), {
      maximumFractionDigits: digits,
      minimumFractionDigits: fixed ? digits : 0,
      useGrouping: locale.number_format !== 'none',
    });
    formats.set(key, format);
  }
  // -0 would print as "-0".
  return format.format(value === 0 ? 0 : value);
}

/** Languages that write a space before "%" (Home Assistant's list). */
const SPACE_BEFORE_PERCENT = new Set(['cs', 'de', 'fi', 'fr', 'sk', 'sv']);

/** What goes between a number and its unit, as Home Assistant does it. */
export function unitSeparator(unit: string, locale: FormatLocale = ENGLISH): string {
  if (unit === '°') return '';
  if (unit === '%') return SPACE_BEFORE_PERCENT.has(baseLanguage(locale.language)) ? ' ' : '';
  return ' ';
}

/** A number with its unit: "42%", "42 %" (de), "1.2 GB", "3" (no unit). */
export function formatValue(value: number, unit: string | undefined, locale: FormatLocale = ENGLISH, options: NumberOptions = {}): string {
  const text = formatNumber(value, locale, options);
  return unit && Number.isFinite(value) ? `${text}${unitSeparator(unit, locale)}${unit}` : text;
}

/** A value with its unit, rescaled where people expect it: ms → s from 1000 ms, s → min from 120 s, MB → GB. */
export function formatMetric(value: number, unit = '', locale: FormatLocale = ENGLISH): string {
  if (!Number.isFinite(value)) return '—';
  const u = unit.trim();
  if (u === 'ms' && Math.abs(value) >= 1000) return formatMetric(value / 1000, 's', locale);
  if (u === 's' && Math.abs(value) >= 120) return formatValue(value / 60, 'min', locale);
  if (u === 'MB' && Math.abs(value) >= 1024) return formatValue(value / 1024, 'GB', locale);
  if (u === 'MiB' && Math.abs(value) >= 1024) return formatValue(value / 1024, 'GiB', locale);
  return formatValue(value, u || undefined, locale);
}

/**
 * Compact, locale-free numbers for technical reasons (detector explanations, logs): 3 significant
 * digits (5 from 100 up), exponent notation outside 0.001 … 1e6: "92.1", "1.23e-4".
 */
export function formatCompact(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) return value.toExponential(2);
  return String(Number(value.toPrecision(abs >= 100 ? 5 : 3)));
}
