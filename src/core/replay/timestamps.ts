/**
 * Timestamps in replay inputs: ISO 8601 ("2024-05-01T12:00:00Z", "+02:00" offsets; no offset =
 * UTC), NAB/HA-style "YYYY-MM-DD HH:MM:SS[.fff]" (UTC), or epoch seconds / milliseconds
 * (values below 1e11 are seconds: 1e11 s is the year 5138).
 */
const EPOCH = /^-?\d+(\.\d+)?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Milliseconds since the epoch, or NaN. */
export function parseTimestamp(text: string): number {
  // Fast path: "YYYY-MM-DD HH:MM:SS" (the NAB corpus and HA's CSV exports).
  if (text.length === 19 && text.charCodeAt(4) === 45 && text.charCodeAt(10) === 32 && text.charCodeAt(13) === 58) {
    const y = digits(text, 0, 4);
    const mo = digits(text, 5, 7);
    const d = digits(text, 8, 10);
    const h = digits(text, 11, 13);
    const mi = digits(text, 14, 16);
    const s = digits(text, 17, 19);
    if (y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 59 && text.charCodeAt(7) === 45 && text.charCodeAt(16) === 58) {
      return Date.UTC(y, mo - 1, d, h, mi, s);
    }
    return Number.NaN;
  }
  const trimmed = text.trim();
  if (EPOCH.test(trimmed)) {
    const n = Number(trimmed);
    return Math.abs(n) < 1e11 ? Math.round(n * 1000) : Math.round(n);
  }
  const m = ISO.exec(trimmed);
  if (!m) return Number.NaN;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return Number.NaN;
  let t = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s)) + (frac ? Math.round(Number(frac) * 1000) : 0);
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const hh = Number(zone.slice(1, 3));
    const mm = Number(zone.slice(-2));
    t -= sign * (hh * 60 + mm) * 60_000;
  }
  return t;
}
