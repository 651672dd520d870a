/**
 * The watchdog automation: Home Assistant tells people when no dashboard judges the rules only a
 * browser can judge (anomaly rules need the detectors). Every evaluating device keeps
 * `sensor.ha_vitals_rules_evaluated` fresh (src/ha/heartbeat.ts, MQTT `expire_after`); when it
 * turns unavailable, nobody evaluates: this automation says since when, and says so again when a
 * dashboard evaluates again. One per card with browser rules, sent to those rules' first tier.
 */
import type { AlertsConfig } from '../config/alerts.js';
import { isServiceAllowed } from '../config/alerts.js';
import { serverScopePrefix, type ServerAutomation, type ServerRuleContext } from './automation.js';

export const EVALUATED_SENSOR = 'sensor.ha_vitals_rules_evaluated';

/** Services the card's browser rules notify first (allowed ones only); persistent_notification.create when none. */
function firstTierServices(config: AlertsConfig): string[] {
  const services = new Set<string>();
  for (const rule of config.rules) {
    if (!rule.enabled || rule.run_in === 'home_assistant') continue;
    for (const service of rule.notify[0]?.service ?? []) if (isServiceAllowed(service, config.allow_services ?? [])) services.add(service);
  }
  return services.size ? [...services].sort() : ['persistent_notification.create'];
}

/** The browser rules of the card, by name (what the message says is not being judged). */
function browserRules(config: AlertsConfig): string[] {
  return config.rules.filter((r) => r.enabled && r.run_in !== 'home_assistant').map((r) => r.name);
}

export function watchdogAutomation(config: AlertsConfig, ctx: ServerRuleContext): ServerAutomation | undefined {
  const rules = browserRules(config);
  if (!rules.length) return undefined;
  const id = `${serverScopePrefix(ctx)}watchdog`;
  const card = ctx.cardTitle ?? ctx.scope;
  const tag = `${ctx.tag ?? 'ha_vitals'}-watchdog`;
  const notificationId = `ha_vitals_${ctx.tag ?? 'x'}_watchdog`;
  const call = (title: string, message: string) =>
    firstTierServices(config).map((service) => ({
      service,
      data: { title, message, ...(service.startsWith('notify.') ? { data: { tag } } : {}), ...(service.startsWith('persistent_notification.') ? { notification_id: notificationId } : {}) },
    }));
  const since = "{{ as_timestamp(trigger.from_state.state, 0) | timestamp_custom('%H:%M') }}";
  const ruleList = rules.join(', ').replace(/[{}%#]/g, '');
  return {
    id,
    alias: `HA Vitals watchdog: ${card}`.replace(/[{}%#]/g, ''),
    description: `Created by HA Vitals from the alerts card “${card}”: says when no dashboard evaluates its browser rules (${ruleList}). Edit the card; changes here are overwritten.`,
    config: {
      id,
      alias: `HA Vitals watchdog: ${card}`.replace(/[{}%#]/g, ''),
      description: `Created by HA Vitals from the alerts card “${card}”: says when no dashboard evaluates its browser rules (${ruleList}). Edit the card; changes here are overwritten.`,
      mode: 'queued',
      trigger: [
        { platform: 'state', entity_id: EVALUATED_SENSOR, to: 'unavailable', id: 'stopped' },
        { platform: 'state', entity_id: EVALUATED_SENSOR, from: 'unavailable', id: 'resumed' },
      ],
      condition: [],
      action: [
        {
          choose: [
            {
              conditions: [{ condition: 'trigger', id: 'stopped' }],
              sequence: call('HA Vitals: no dashboard evaluates the rules', `HA Vitals: no dashboard has evaluated the rules ${ruleList} since ${since}. Open a dashboard with the card, or run the rules in Home Assistant.`),
            },
            {
              conditions: [{ condition: 'trigger', id: 'resumed' }, { condition: 'template', value_template: "{{ trigger.to_state.state not in ['unknown', 'unavailable'] }}" }],
              sequence: call('HA Vitals: evaluating again', `HA Vitals: a dashboard evaluates the rules ${ruleList} again.`),
            },
          ],
        },
      ],
    },
  };
}
