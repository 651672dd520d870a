/**
 * Number, unit and time wording for insight sentences. Pure and locale-independent (sentences are
 * tested and may be sent in notifications): "1.8 s", "420 ms", "87 %", "3.4 GB".
 */

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Up to 3 significant digits, whole numbers from 100 up, no trailing zeros. */
export function roundNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs >= 100 || abs === 0) return String(Math.round(value));
  const digits = abs >= 10 ? 1 : abs >= 1 ? 2 : Math.min(6, 2 - Math.floor(Math.log10(abs)));
  return String(Number(value.toFixed(digits)));
}

/** A value with its unit, rescaled where people expect it: ms → s from 1000 ms, s → min from 120 s. */
export function formatMetric(value: number, unit = ''): string {
  if (!Number.isFinite(value)) return '—';
  const u = unit.trim();
  if (u === 'ms' && Math.abs(value) >= 1000) return formatMetric(value / 1000, 's');
  if (u === 's' && Math.abs(value) >= 120) return `${roundNumber(value / 60)} min`;
  if (u === 'MB' && Math.abs(value) >= 1024) return `${roundNumber(value / 1024)} GB`;
  if (u === 'MiB' && Math.abs(value) >= 1024) return `${roundNumber(value / 1024)} GiB`;
  const text = roundNumber(value);
  return u ? `${text} ${u}` : text;
}

/** A signed change in percent as a phrase: "up 42 %", "down 30 %". */
export function formatChange(changePct: number): string {
  const rounded = Math.round(Math.abs(changePct));
  return `${changePct >= 0 ? 'up' : 'down'} ${rounded} %`;
}

/** How long, coarsely: "45 min", "5 h", "11 d". */
export function formatSpan(ms: number): string {
  if (ms < HOUR) return `${Math.max(1, Math.round(ms / 60_000))} min`;
  if (ms < 2 * DAY) return `${Math.round(ms / HOUR)} h`;
  return `${Math.round(ms / DAY)} d`;
}

/** "7-day" / "24-hour" / "90-minute" (a baseline window as an adjective). */
export function windowAdjective(ms: number): string {
  if (ms >= DAY && ms % DAY === 0) return `${ms / DAY}-day`;
  if (ms >= HOUR && ms % HOUR === 0) return `${ms / HOUR}-hour`;
  return `${Math.round(ms / 60_000)}-minute`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** Local clock time "14:05"; with the date ("3 Mar 14:05") when it is not within the last 20 h. */
export function formatClock(t: number, now: number): string {
  const d = new Date(t);
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return now - t < 20 * HOUR ? time : `${d.getDate()} ${MONTHS[d.getMonth()]} ${time}`;
}
