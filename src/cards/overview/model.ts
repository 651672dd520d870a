/**
 * Domain health for the overview: green / amber / red with a one-line reason, from hub alerts on
 * the domain's metrics and from their insights.
 */
import type { Insight, SeriesAnalysis } from '../../core/insights/insights';
import { ENGLISH_TEXT, type LocaleText } from '../../ui/locale-text';
import { insightSentence } from './insight-text';
import type { HubAlert } from '../../ha/alert-hub';
export { VIRTUAL_METRICS } from './metrics';

/** `unknown`: nothing to judge yet (no metrics, no data, or the baseline is still being collected). */
export type HealthLevel = 'unknown' | 'green' | 'amber' | 'red';

export interface DomainHealth {
  level: HealthLevel;
  reason: string;
}


const LEVEL_RANK: Record<HealthLevel, number> = { unknown: 0, green: 0, amber: 1, red: 2 };

function alertLevel(a: HubAlert): HealthLevel {
  if (a.state === 'firing' && a.severity === 'critical') return 'red';
  if (a.state === 'firing' || a.state === 'pending') return 'amber';
  return 'green';
}

function insightLevel(i: Insight): HealthLevel {
  return i.severity === 'critical' ? 'red' : i.severity === 'warning' ? 'amber' : 'green';
}

export function domainHealth(
  ids: string[],
  alerts: HubAlert[],
  insights: Insight[],
  analyses: SeriesAnalysis[],
  nameOf: (id: string) => string,
  unitOf: (id: string) => string | undefined,
  text: LocaleText = ENGLISH_TEXT,
  now = Date.now(),
): DomainHealth {
  const { fmt, t } = text;
  if (ids.length === 0) return { level: 'unknown', reason: t('overview.no_metrics') };
  const mine = new Set(ids);
  let best: { level: HealthLevel; reason: string; weight: number } | undefined;
  const consider = (level: HealthLevel, reason: string, weight: number) => {
    if (level === 'green') return;
    if (!best || LEVEL_RANK[level] > LEVEL_RANK[best.level] || (level === best.level && weight > best.weight)) best = { level, reason, weight };
  };
  for (const a of alerts) {
    if (!mine.has(a.seriesId)) continue;
    const value = Number.isFinite(a.value) ? ` (${fmt.metric(a.value, unitOf(a.seriesId))})` : '';
    // Alerts outrank insights of the same colour: someone configured them.
    consider(alertLevel(a), `${t('overview.alert_on', { rule: a.rule, state: t(`alerts.state.${a.state}`), entity: nameOf(a.seriesId) })}${value}`, 2000 + (a.state === 'firing' ? 1 : 0));
  }
  for (const i of insights) if (mine.has(i.entity)) consider(insightLevel(i), insightSentence(i, now, text), i.score);
  if (best) return { level: best.level, reason: best.reason };
  const own = analyses.filter((a) => mine.has(a.entity));
  const judged = own.filter((a) => a.status === 'ok').length;
  if (judged > 0) return { level: 'green', reason: t('overview.within_baseline', { count: judged }) };
  const waiting = own.find((a) => a.status === 'insufficient');
  if (waiting) return { level: 'unknown', reason: t('overview.collecting_baseline', { duration: fmt.duration(waiting.needsMs) }) };
  return { level: 'unknown', reason: t('common.no_data') };
}
