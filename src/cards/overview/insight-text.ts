/**
 * An insight's sentence in the user's language and formats, from the numbers the core found
 * (`Insight.parts`); the core's own English sentence stays what notifications and the CLI say.
 */
import type { Insight } from '../../core/insights/insights';
import type { LocaleText } from '../../ui/locale-text';

const HOUR = 3_600_000;
const DAY = 86_400_000;

export function insightSentence(insight: Insight, now: number, { fmt, t }: LocaleText): string {
  const parts = insight.parts;
  if (!parts) return insight.sentence;
  const current = fmt.metric(insight.currentValue, parts.unit);
  if (parts.kind === 'forecast') {
    const perDay = parts.slopePerMs * DAY;
    const rate = perDay >= 1 || !parts.unit ? `${fmt.metric(perDay, parts.unit)}/d` : `${fmt.metric(parts.slopePerMs * HOUR, parts.unit)}/h`;
    return t('insight.forecast', {
      name: insight.name,
      current,
      rate,
      duration: fmt.span(insight.timeToLimitMs ?? 0),
      limit: fmt.metric(parts.limit, parts.unit),
    });
  }
  const b = parts.baseline;
  const baseline =
    b.kind === 'seasonal'
      ? t('insight.baseline_seasonal', { days: b.days })
      : b.kind === 'window'
        ? t('insight.baseline_window', { window: fmt.span(b.ms) })
        : t('insight.baseline_previous', { window: fmt.span(b.ms) });
  const params = {
    name: insight.name,
    quantile: `p${Math.round(parts.quantile * 100)}`,
    current,
    change: fmt.value(Math.round(Math.abs(insight.changePct)), '%'),
    baseline,
    baselineValue: fmt.metric(insight.baselineValue, parts.unit),
  };
  const sentence = t(insight.changePct >= 0 ? 'insight.shift_up' : 'insight.shift_down', params);
  return insight.since !== undefined ? `${sentence}${t('insight.since', { time: now - insight.since < 20 * HOUR ? fmt.time(insight.since) : fmt.dateTime(insight.since) })}` : sentence;
}
