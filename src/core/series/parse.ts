/**
 * Home Assistant states are strings. Anything that is not a finite number becomes NaN so that
 * it is stored as a gap, never as a zero (a zero would fake a real reading on charts and in stats).
 */
const NON_NUMERIC_STATES = new Set(['', 'unavailable', 'unknown', 'none', 'null', 'nan']);

/**
 * Magnitudes at or beyond this are not readings but sentinels: 3.4028e38 (float max, which some
 * integrations report for "no reading"), 1e308, overflowed conversions. No physical quantity a
 * dashboard shows comes near it, and one such sample would wreck every mean, scale and chart.
 */
export const MAX_PLAUSIBLE_MAGNITUDE = 1e30;

/** True for a number that is not a gap but cannot be a reading: ±Infinity or |x| ≥ 1e30. */
export function isAbsurdValue(value: number): boolean {
  return !Number.isNaN(value) && !(Math.abs(value) < MAX_PLAUSIBLE_MAGNITUDE);
}

/** The value as a sample: absurd values (see isAbsurdValue) become NaN, a gap. */
export function plausibleValue(value: number): number {
  return Math.abs(value) < MAX_PLAUSIBLE_MAGNITUDE ? value : Number.NaN;
}

/** Parse a Home Assistant state into a number, absurd magnitudes included; NaN for unavailable/unknown/empty/non-numeric. */
export function parseStateNumber(state: string | null | undefined): number {
  if (state === null || state === undefined) return Number.NaN;
  // Plain decimals (nearly every state, and every row of a history answer) need no trimming.
  if (DECIMAL.test(state)) return Number(state);
  const trimmed = state.trim();
  if (NON_NUMERIC_STATES.has(trimmed.toLowerCase())) return Number.NaN;
  if (!DECIMAL.test(trimmed)) return Number.NaN;
  return Number(trimmed);
}

/** Number('') and Number(' ') are 0 and Number('0x10') is 16: only what parseFloat would fully read. */
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Parse a Home Assistant state into a sample value: NaN for unavailable/unknown/empty/non-numeric and absurd magnitudes. */
export function parseNumericState(state: string | null | undefined): number {
  return plausibleValue(parseStateNumber(state));
}
