/**
 * Alert states back into Home Assistant: one MQTT-discovered sensor per alert of a scope, whose
 * state is the alert's (`inactive`, `pending`, `firing`, `resolved`) with severity, value, reason
 * and since-when as attributes. Automations can then trigger on `sensor.ha_vitals_alert_…` going
 * to `firing`, and the recorder keeps the alert's history. States are retained, so a restarted
 * Home Assistant gets them back; every dashboard showing the scope publishes the same states.
 */
import type { AlertHub, HubAlert } from './alert-hub';
import { slug } from './slug';

export interface AlertReportOptions {
  discoveryPrefix?: string;
  baseTopic?: string;
}

interface Publisher {
  callService(domain: string, service: string, data: Record<string, unknown>): Promise<unknown>;
}

/** Object id of an alert's sensor: `ha_vitals_alert_<rule>_<entity>`. */
export function alertSensorId(alert: Pick<HubAlert, 'rule' | 'seriesId'>): string {
  return `ha_vitals_alert_${slug(`${alert.rule} ${alert.seriesId}`)}`.slice(0, 96);
}

function attributesOf(alert: HubAlert) {
  const since = alert.state === 'firing' ? alert.firedAt : alert.state === 'pending' ? alert.activeAt : alert.resolvedAt;
  return {
    rule: alert.rule,
    entity: alert.seriesId,
    severity: alert.severity,
    value: Number.isFinite(alert.value) ? alert.value : null,
    reason: alert.reason ?? null,
    since: since !== undefined ? new Date(since).toISOString() : null,
    acknowledged: alert.acknowledged,
    snoozed: alert.snoozed,
    silenced: alert.silenced,
  };
}

/** Publish the scope's alert states while the returned function is not called. */
export function reportAlertStates(hub: AlertHub, scopeId: string, publisher: Publisher, options: AlertReportOptions = {}): () => void {
  const discoveryPrefix = options.discoveryPrefix ?? 'homeassistant';
  const baseTopic = options.baseTopic ?? 'ha-vitals';
  const announced = new Set<string>();
  const published = new Map<string, string>();
  let stopped = false;
  const publish = (topic: string, payload: string) => publisher.callService('mqtt', 'publish', { topic, payload, retain: true, qos: 0 });

  const sync = async () => {
    for (const alert of hub.alerts().filter((a) => a.scope === scopeId)) {
      if (stopped) return;
      const id = alertSensorId(alert);
      const attributes = attributesOf(alert);
      const fingerprint = `${alert.state}|${JSON.stringify(attributes)}`;
      if (published.get(id) === fingerprint) continue;
      published.set(id, fingerprint);
      try {
        if (!announced.has(id)) {
          const config = {
            name: `${alert.rule} ${alert.seriesId}`,
            object_id: id,
            default_entity_id: `sensor.${id}`,
            unique_id: id,
            state_topic: `${baseTopic}/alerts/${id}/state`,
            json_attributes_topic: `${baseTopic}/alerts/${id}/attributes`,
            icon: 'mdi:alert-circle-outline',
            device: { identifiers: ['ha_vitals_alerts'], name: 'HA Vitals alerts', manufacturer: 'HA Vitals', model: 'Alert engine' },
          };
          await publish(`${discoveryPrefix}/sensor/${id}/config`, JSON.stringify(config));
          announced.add(id);
        }
        // Attributes first: an automation triggered by the state reads the matching attributes.
        await publish(`${baseTopic}/alerts/${id}/attributes`, JSON.stringify(attributes));
        await publish(`${baseTopic}/alerts/${id}/state`, alert.state);
      } catch {
        published.delete(id); // no MQTT now: the next change tries again
      }
    }
  };
  let running: Promise<void> = Promise.resolve();
  // One sync at a time, in order: a burst of changes must not publish states out of order.
  const schedule = () => void (running = running.then(sync));
  const stop = hub.onChange(schedule);
  schedule();
  return () => {
    stopped = true;
    stop();
  };
}
