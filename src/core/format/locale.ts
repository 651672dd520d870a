/**
 * The user's formatting preferences, as Home Assistant keeps them in `hass.locale` (profile →
 * language, number format, time format, time zone) plus the server's time zone from
 * `hass.config.time_zone`. Core code formats with these so the replay CLI, the notifications and
 * the cards say the same thing; without them it formats as Home Assistant does for English.
 */

/** `hass.locale.number_format`: `language` follows the language, `system` the browser, `none` has no grouping. */
export type NumberFormatOption = 'language' | 'system' | 'comma_decimal' | 'decimal_comma' | 'space_comma' | 'quote_decimal' | 'none';
/** `hass.locale.time_format`: `language`/`system` decide 12 or 24 h from the language or the browser. */
export type TimeFormatOption = 'language' | 'system' | 'am_pm' | '24';
/** `hass.locale.time_zone`: the server's zone or the browser's. */
export type TimeZoneOption = 'local' | 'server';

export interface FormatLocale {
  /** BCP 47 language, e.g. `de`, `en-GB`. */
  language: string;
  number_format?: NumberFormatOption;
  time_format?: TimeFormatOption;
  time_zone?: TimeZoneOption;
  /** The server's IANA zone (`hass.config.time_zone`), used when `time_zone` is `server`. */
  server_time_zone?: string;
}

export const ENGLISH: FormatLocale = { language: 'en', number_format: 'language', time_format: 'language', time_zone: 'local' };

/** The locale(s) `Intl.NumberFormat` gets for a number format option (Home Assistant's mapping). */
export function numberLocale(locale: FormatLocale): string | string[] | undefined {
  switch (locale.number_format) {
    case 'comma_decimal':
      return ['en-US', 'en'];
    case 'decimal_comma':
      return ['de', 'es', 'it'];
    case 'space_comma':
      return ['fr', 'sv', 'cs'];
    case 'quote_decimal':
      return ['de-CH'];
    case 'system':
      return undefined;
    case 'none':
      return 'en-US';
    default:
      return locale.language;
  }
}

const amPmCache = new Map<string, boolean>();

/** Whether times read "3:45 PM": from the option, or from how the language (or browser) writes 22:00. */
export function usesAmPm(locale: FormatLocale): boolean {
  const option = locale.time_format ?? 'language';
  if (option === 'am_pm') return true;
  if (option === '24') return false;
  const language = option === 'language' ? locale.language : undefined;
  const key = language ?? '';
  let amPm = amPmCache.get(key);
  if (amPm === undefined) {
    amPm = new Date(2023, 0, 1, 22, 0, 0).toLocaleString(language).includes('10');
    amPmCache.set(key, amPm);
  }
  return amPm;
}

const BROWSER_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The IANA zone times are shown in: the server's when the profile says so (and it is known), else the browser's. */
export function displayTimeZone(locale: FormatLocale): string | undefined {
  return locale.time_zone === 'server' && locale.server_time_zone ? locale.server_time_zone : BROWSER_TIME_ZONE;
}

/** The primary language subtag: `de-CH` → `de`. */
export function baseLanguage(language: string): string {
  return language.toLowerCase().split(/[-_]/)[0];
}
