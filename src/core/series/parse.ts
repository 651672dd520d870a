/**
 * Home Assistant states are strings. Anything that is not a finite number becomes NaN so that
 * it is stored as a gap, never as a zero (a zero would fake a real reading on charts and in stats).
 */
const NON_NUMERIC_STATES = new Set(['', 'unavailable', 'unknown', 'none', 'null', 'nan']);

/** Parse a Home Assistant state into a number; NaN for unavailable/unknown/empty/non-numeric. */
export function parseNumericState(state: string | null | undefined): number {
  if (state === null || state === undefined) return Number.NaN;
  const trimmed = state.trim();
  if (NON_NUMERIC_STATES.has(trimmed.toLowerCase())) return Number.NaN;
  // Number('') and Number(' ') are 0 and Number('0x10') is 16: reject anything parseFloat would not fully read.
  const parsed = Number(trimmed);
  if (!Number.isFinite(parsed) || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) return Number.NaN;
  return parsed;
}
