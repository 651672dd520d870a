/**
 * Reports derived metrics and alert states back into Home Assistant as MQTT sensors, so they are
 * recorded, usable in automations and visible to external tools. Publishing goes through the
 * `mqtt.publish` service (allowed for every user, unlike the admin-only `mqtt/subscribe`):
 * a retained discovery config per sensor once, then the (retained) state at most every `intervalMs`.
 */
import { slug } from './slug';
import type { VitalsStore } from './store';

import type { ServiceCaller } from './notify/types';
import { publishMqtt } from './api/mqtt';

export type { ServiceCaller } from './notify/types';

export interface ReportedMetric {
  /** Store id (`vitals.ws_rtt_ms`) or an entity id whose derived value is reported. */
  source: string;
  /** Object id part, `[a-z0-9_]`: the sensor becomes `sensor.ha_vitals_<device>_<key>`. */
  key: string;
  name: string;
  unit?: string;
  /** Home Assistant sensor device class, e.g. `duration`. */
  deviceClass?: string;
  /** Derive the reported value from the series; default: the latest numeric value. */
  derive?: (store: VitalsStore) => number | undefined;
}

export interface MqttReporterOptions {
  /** Names this browser/device; part of every topic and sensor id. */
  device: string;
  discoveryPrefix?: string;
  baseTopic?: string;
  intervalMs?: number;
  now?: () => number;
}

export { slug } from './slug';

export function discoveryConfig(metric: ReportedMetric, device: string, baseTopic: string, intervalMs: number) {
  const deviceSlug = slug(device);
  const id = `ha_vitals_${deviceSlug}_${metric.key}`;
  return {
    topic: `${id}`,
    payload: {
      name: metric.name,
      // `object_id` names the entity up to HA 2025.x, `default_entity_id` after; each ignores the other.
      object_id: id,
      default_entity_id: `sensor.${id}`,
      unique_id: id,
      state_topic: `${baseTopic}/${deviceSlug}/${metric.key}/state`,
      unit_of_measurement: metric.unit,
      device_class: metric.deviceClass,
      state_class: 'measurement',
      // A browser that closes stops reporting: the sensor turns unavailable instead of freezing.
      expire_after: Math.ceil((intervalMs * 3) / 1000),
      device: { identifiers: [`ha_vitals_${deviceSlug}`], name: `HA Vitals ${device}`, manufacturer: 'HA Vitals', model: 'Browser monitor' },
    },
  };
}

export class MqttReporter {
  private readonly announced = new Set<string>();
  private readonly lastSent = new Map<string, number>();
  private readonly opts: Required<MqttReporterOptions>;
  /** Publishes made: the tests and the overhead figures count them. */
  publishCount = 0;

  constructor(
    private readonly store: VitalsStore,
    private readonly services: ServiceCaller,
    private readonly metrics: ReportedMetric[],
    options: MqttReporterOptions,
  ) {
    this.opts = {
      device: options.device,
      discoveryPrefix: options.discoveryPrefix ?? 'homeassistant',
      baseTopic: options.baseTopic ?? 'ha-vitals',
      intervalMs: options.intervalMs ?? 60_000,
      now: options.now ?? (() => Date.now()),
    };
  }

  /** Publish whatever is due: discovery for new sensors, states not sent within the interval. */
  async report(): Promise<void> {
    const now = this.opts.now();
    for (const metric of this.metrics) {
      const value = metric.derive ? metric.derive(this.store) : this.store.series(metric.source)?.latestNumeric()?.v;
      if (value === undefined || !Number.isFinite(value)) continue;
      const { topic, payload } = discoveryConfig(metric, this.opts.device, this.opts.baseTopic, this.opts.intervalMs);
      if (!this.announced.has(metric.key)) {
        await this.publish(`${this.opts.discoveryPrefix}/sensor/${topic}/config`, JSON.stringify(payload), true);
        this.announced.add(metric.key);
      }
      const last = this.lastSent.get(metric.key);
      if (last !== undefined && now - last < this.opts.intervalMs) continue;
      // Retained: a sensor that discovery has only just created subscribes after this message has
      // passed, and would stay unavailable until the next report. `expire_after` still turns it
      // unavailable once this browser stops reporting.
      await this.publish(payload.state_topic, String(Math.round(value * 1000) / 1000), true);
      this.lastSent.set(metric.key, now);
    }
  }

  private async publish(topic: string, payload: string, retain: boolean): Promise<void> {
    this.publishCount++;
    await publishMqtt(this.services, { topic, payload, retain, qos: 0 });
  }
}

// Alert states travel in the same lazily loaded chunk: both are reporting to Home Assistant.
export { reportAlertStates } from './alert-reporter';
