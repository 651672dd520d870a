/**
 * English sentence pieces of insights (the core's own wording, used in notifications, the replay
 * CLI and tests; the cards compose localized sentences from the insight's numbers instead).
 * Numbers, units and times come from the one formatting module, src/core/format.
 */
import { formatCompact } from '../format/index.js';

export { formatMetric, formatSpan, formatClock } from '../format/index.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Up to 3 significant digits, whole numbers from 100 up, no grouping: "1.27", "42.5", "1234". */
export function roundNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return formatCompact(Math.abs(value) >= 100 ? Math.round(value) : value);
}

/** A signed change in percent as a phrase: "up 42%", "down 30%". */
export function formatChange(changePct: number): string {
  const rounded = Math.round(Math.abs(changePct));
  return `${changePct >= 0 ? 'up' : 'down'} ${rounded}%`;
}

/** "7-day" / "24-hour" / "90-minute" (a baseline window as an adjective). */
export function windowAdjective(ms: number): string {
  if (ms >= DAY && ms % DAY === 0) return `${ms / DAY}-day`;
  if (ms >= HOUR && ms % HOUR === 0) return `${ms / HOUR}-hour`;
  return `${Math.round(ms / 60_000)}-minute`;
}
