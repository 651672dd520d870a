/**
 * Which rules Home Assistant can run as written (`run_in: home_assistant`), and why not. Small on
 * purpose: the config schema checks it at load (so the editor shows the reason at the field), and
 * the browser leaves the sending to HA only for rules that pass.
 */
import { trendDirection, type AlertRule, type AlertsConfig } from '../config/alerts.js';

export type ServerRuleRefusal = { key?: string; message: string };

/** Why `rule` cannot run in Home Assistant, or undefined when it can (`config`: section-level reasons too). */
export function serverRuleRefusal(rule: AlertRule, config?: AlertsConfig): ServerRuleRefusal | undefined {
  if (!rule.enabled) return { key: 'enabled', message: 'the rule is disabled: no automation' };
  if (rule.type === 'anomaly') return { key: 'type', message: 'anomaly rules run in the browser: their detectors learn the series, which Home Assistant cannot do' };
  if (rule.type === 'trend') {
    // Run by HA's Trend helper (trend-helper.ts), which compares the gradient with one signed limit.
    if (rule.min_gradient === undefined)
      return { key: 'min_gradient', message: "Home Assistant's trend helper needs min_gradient (units per second); a rule with only a limit forecast runs in the browser" };
    if (rule.limit !== undefined)
      return { key: 'limit', message: "limit (the time-to-limit forecast) cannot run in Home Assistant: its trend helper only compares the gradient with min_gradient; remove limit or run the rule in the browser" };
    if (trendDirection(rule) === 'either')
      return { key: 'direction', message: "direction: either cannot run in Home Assistant: its trend helper watches one direction; use two rules (up and down)" };
  }
  if (rule.type === 'nodata' && rule.when !== 'unavailable')
    return {
      key: 'when',
      message: 'no-data rules with when: silent run in the browser: Home Assistant re-checks a template on time only once a minute, so the server rule would not fire at the same time; use when: unavailable',
    };
  if (rule.type === 'threshold' && rule.m_of_n) return { key: 'm_of_n', message: 'm_of_n cannot run in Home Assistant: its triggers see one state at a time, not the last N samples' };
  if (!rule.group_by.includes('alertname') || !rule.group_by.includes('entity'))
    return { key: 'group_by', message: `${JSON.stringify(rule.group_by)} groups several alerts into one notification; Home Assistant runs one automation per alert, so group_by must include alertname and entity` };
  if (config) {
    for (const inh of config.inhibit) {
      if (!inh.target_severity.includes(rule.severity)) continue;
      const source = config.rules.find((r) => r !== rule && r.enabled && r.severity === inh.source_severity);
      if (source)
        return {
          key: 'inhibit',
          message: `a firing ${inh.source_severity} alert (rule ${JSON.stringify(source.name)}) inhibits this ${rule.severity} rule in the browser; Home Assistant cannot see other alerts, so remove the inhibit rule or run both rules in the same place`,
        };
    }
  }
  return undefined;
}
