/**
 * The dead man's switch of the rules only a browser can judge (Alertmanager's Watchdog idea):
 * every device whose dashboard evaluates alert rules publishes, through MQTT discovery,
 *
 *   sensor.ha_vitals_rules_evaluated            one for the household: the newest evaluation by any device
 *   sensor.ha_vitals_heartbeat_<device>         one per device: when that device last evaluated
 *
 * each with `expire_after`, so when no dashboard evaluates any more the shared sensor turns
 * unavailable and the watchdog automation (src/core/server-rules/watchdog.ts) notifies. The alerts
 * card reads the per-device sensors from `hass.states` to show which devices evaluate.
 */
import { publishMqtt } from './api/mqtt';
import type { ServiceCaller } from './api/services';
import { slug } from './slug';

/** How often a device says it evaluates, and how long the sensors wait before turning unavailable. */
export const HEARTBEAT_INTERVAL_MS = 60_000;
export const HEARTBEAT_EXPIRE_S = 180;
export const EVALUATED_SENSOR = 'sensor.ha_vitals_rules_evaluated';
export const DEVICE_HEARTBEAT_PREFIX = 'sensor.ha_vitals_heartbeat_';
const BASE_TOPIC = 'ha-vitals/heartbeat';

function sensorConfig(objectId: string, name: string, stateTopic: string) {
  return {
    name,
    object_id: objectId,
    default_entity_id: `sensor.${objectId}`,
    unique_id: objectId,
    state_topic: stateTopic,
    device_class: 'timestamp',
    expire_after: HEARTBEAT_EXPIRE_S,
    device: { identifiers: ['ha_vitals_watchdog'], name: 'HA Vitals watchdog', manufacturer: 'HA Vitals', model: 'Rule evaluation heartbeat' },
  };
}

export class EvaluationHeartbeat {
  private announced = false;
  private lastBeat = -Infinity;
  /** Why the last publish failed (no MQTT integration, say): the cards show it. */
  problem?: string;
  beats = 0;

  constructor(
    private readonly publisher: ServiceCaller,
    private readonly device: string,
    private readonly deviceName: string,
  ) {}

  /** Publish if the last beat is an interval old (call it after every evaluation). */
  async beat(now: number): Promise<void> {
    if (now - this.lastBeat < HEARTBEAT_INTERVAL_MS) return;
    this.lastBeat = now;
    const deviceSlug = slug(this.device);
    const shared = sensorConfig('ha_vitals_rules_evaluated', 'HA Vitals rules evaluated', `${BASE_TOPIC}/all`);
    // Named by the device alone: newer HA prefixes the device's name ("HA Vitals watchdog"), older does not.
    const own = sensorConfig(`ha_vitals_heartbeat_${deviceSlug}`, this.deviceName, `${BASE_TOPIC}/${deviceSlug}`);
    try {
      if (!this.announced) {
        await publishMqtt(this.publisher, { topic: 'homeassistant/sensor/ha_vitals_rules_evaluated/config', payload: JSON.stringify(shared), retain: true, qos: 0 });
        await publishMqtt(this.publisher, { topic: `homeassistant/sensor/${own.object_id}/config`, payload: JSON.stringify(own), retain: true, qos: 0 });
        this.announced = true;
      }
      const at = new Date(now).toISOString();
      // Retained, as the reporter's states: a sensor discovery has just created reads it at once;
      // `expire_after` still turns it unavailable when the beats stop.
      await publishMqtt(this.publisher, { topic: shared.state_topic, payload: at, retain: true, qos: 0 });
      await publishMqtt(this.publisher, { topic: own.state_topic, payload: at, retain: true, qos: 0 });
      this.beats++;
      this.problem = undefined;
    } catch (err) {
      this.problem = `the watchdog heartbeat could not be published (${String((err as Error)?.message ?? err).slice(0, 160)})`;
      this.lastBeat = now - HEARTBEAT_INTERVAL_MS + 10_000; // try again in 10 s
    }
  }
}

/** Devices whose heartbeat sensor is live, newest first (for the alerts card's coverage line). */
export function evaluatingDevices(states: Record<string, { state: string; attributes?: Record<string, unknown> } | undefined>): { entityId: string; name: string; at: number }[] {
  const out: { entityId: string; name: string; at: number }[] = [];
  for (const [entityId, st] of Object.entries(states)) {
    if (!entityId.startsWith(DEVICE_HEARTBEAT_PREFIX) || !st) continue;
    const at = Date.parse(st.state);
    if (!Number.isFinite(at)) continue;
    const name = String(st.attributes?.friendly_name ?? entityId).replace(/^HA Vitals watchdog\s+/i, '');
    out.push({ entityId, name, at });
  }
  return out.sort((a, b) => b.at - a.at);
}
