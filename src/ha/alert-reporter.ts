/**
 * Alert states back into Home Assistant: one MQTT-discovered sensor per alert of a scope, whose
 * state is the alert's (`inactive`, `pending`, `firing`, `resolved`) with severity, value, reason
 * and since-when as attributes. Automations can then trigger on `sensor.ha_vitals_alert_…` going
 * to `firing`, and the recorder keeps the alert's history.
 *
 * Ids: the rule name and the entity, slugged and cut, plus a hash of both, so long names and
 * names in other scripts ("высокая нагрузка", "CPU高") stay distinct, and the id stays the same
 * when a threshold is edited (automations keep working).
 *
 * Never stale: states are re-published every `heartbeatMs` while a dashboard shows the scope,
 * and the sensor has `expire_after`, so it turns unavailable once no dashboard judges it — never
 * `firing` forever. A sensor this browser published that no scope has reported for `orphanAfterMs`
 * (the rule was renamed or removed) is removed from Home Assistant (empty retained config).
 */
import type { AlertHub, HubAlert } from './alert-hub';
import { fnv1a64 } from '../core/alerts/intent-id';
import type { ServiceCaller } from './notify/types';
import { publishMqtt } from './api/mqtt';

export interface AlertReportOptions {
  discoveryPrefix?: string;
  baseTopic?: string;
  heartbeatMs?: number;
  orphanAfterMs?: number;
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  now?: () => number;
}

const TRACK_KEY = 'ha-vitals:alert-sensors';

/** A slug that never comes out empty: other scripts keep a readable fallback. */
function part(text: string, max: number, fallback: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, max)
    .replace(/_+$/, '');
  return s || fallback;
}

/** Object id of an alert's sensor: `ha_vitals_alert_<rule>_<entity>_<hash>`. */
export function alertSensorId(alert: Pick<HubAlert, 'rule' | 'seriesId'>): string {
  const objectId = alert.seriesId.slice(alert.seriesId.indexOf('.') + 1);
  return `ha_vitals_alert_${part(alert.rule, 24, 'rule')}_${part(objectId, 32, 'entity')}_${fnv1a64(`${alert.rule}|${alert.seriesId}`).slice(0, 6)}`;
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

function readTracked(storage: Pick<Storage, 'getItem'> | undefined): Record<string, number> {
  const out: Record<string, number> = Object.create(null);
  try {
    const parsed = JSON.parse(storage?.getItem(TRACK_KEY) ?? '{}') as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      for (const [id, at] of Object.entries(parsed)) if (typeof at === 'number' && Number.isFinite(at) && /^[a-z0-9_]{1,120}$/.test(id)) out[id] = at;
    }
  } catch {
    // unreadable: nothing tracked
  }
  return out;
}

/** Publish the scope's alert states while the returned function is not called. */
export function reportAlertStates(hub: AlertHub, scopeId: string, publisher: ServiceCaller, options: AlertReportOptions = {}): () => void {
  const discoveryPrefix = options.discoveryPrefix ?? 'homeassistant';
  const baseTopic = options.baseTopic ?? 'ha-vitals';
  const heartbeatMs = options.heartbeatMs ?? 60_000;
  const orphanAfterMs = options.orphanAfterMs ?? 86_400_000;
  const storage = options.storage ?? (typeof localStorage !== 'undefined' ? localStorage : undefined);
  const now = options.now ?? (() => Date.now());
  const announced = new Set<string>();
  const published = new Map<string, { fingerprint: string; at: number }>();
  let stopped = false;
  const publish = (topic: string, payload: string) => publishMqtt(publisher, { topic, payload, retain: true, qos: 0 });

  const track = (ids: string[]) => {
    const tracked = readTracked(storage);
    for (const id of ids) tracked[id] = now();
    try {
      storage?.setItem(TRACK_KEY, JSON.stringify(tracked));
    } catch {
      // storage full: orphans are then only made unavailable by expire_after
    }
  };

  /** Remove the sensors of rules that no longer exist (nothing this browser shows published them for a day). */
  const removeOrphans = async () => {
    const live = new Set(hub.alerts().map((a) => alertSensorId(a)));
    const tracked = readTracked(storage);
    const orphans = Object.entries(tracked).filter(([id, at]) => !live.has(id) && at < now() - orphanAfterMs);
    for (const [id] of orphans) {
      try {
        await publish(`${discoveryPrefix}/sensor/${id}/config`, '');
        await publish(`${baseTopic}/alerts/${id}/state`, '');
        await publish(`${baseTopic}/alerts/${id}/attributes`, '');
        delete tracked[id];
      } catch {
        return; // no MQTT now: next time
      }
    }
    if (orphans.length) {
      try {
        storage?.setItem(TRACK_KEY, JSON.stringify(tracked));
      } catch {
        // ignore
      }
    }
  };

  const sync = async () => {
    const reported: string[] = [];
    for (const alert of hub.alerts().filter((a) => a.scope === scopeId)) {
      if (stopped) return;
      const id = alertSensorId(alert);
      const attributes = attributesOf(alert);
      const fingerprint = `${alert.state}|${JSON.stringify(attributes)}`;
      const last = published.get(id);
      // Unchanged and recently published: nothing to do. The heartbeat keeps expire_after from running out.
      if (last?.fingerprint === fingerprint && now() - last.at < heartbeatMs) continue;
      published.set(id, { fingerprint, at: now() });
      try {
        if (!announced.has(id)) {
          const config = {
            name: `${alert.rule} ${alert.seriesId}`,
            object_id: id,
            default_entity_id: `sensor.${id}`,
            unique_id: id,
            state_topic: `${baseTopic}/alerts/${id}/state`,
            json_attributes_topic: `${baseTopic}/alerts/${id}/attributes`,
            // No dashboard judging the alert any more: unavailable, not a frozen `firing`.
            expire_after: Math.ceil((heartbeatMs * 3) / 1000),
            icon: 'mdi:alert-circle-outline',
            device: { identifiers: ['ha_vitals_alerts'], name: 'HA Vitals alerts', manufacturer: 'HA Vitals', model: 'Alert engine' },
          };
          await publish(`${discoveryPrefix}/sensor/${id}/config`, JSON.stringify(config));
          announced.add(id);
        }
        // Attributes first: an automation triggered by the state reads the matching attributes.
        await publish(`${baseTopic}/alerts/${id}/attributes`, JSON.stringify(attributes));
        await publish(`${baseTopic}/alerts/${id}/state`, alert.state);
        reported.push(id);
      } catch {
        published.delete(id); // no MQTT now: the next change tries again
      }
    }
    if (reported.length) track(reported);
  };
  let running: Promise<void> = Promise.resolve();
  // One sync at a time, in order: a burst of changes must not publish states out of order.
  const schedule = () => void (running = running.then(sync));
  const stop = hub.onChange(schedule);
  const heartbeat = globalThis.setInterval(() => {
    schedule();
    running = running.then(removeOrphans);
  }, heartbeatMs);
  schedule();
  running = running.then(removeOrphans);
  return () => {
    stopped = true;
    stop();
    globalThis.clearInterval(heartbeat);
  };
}
