/**
 * System resources: finds System Monitor sensors (and look-alikes) in the user's instance, so
 * cards configured with nothing still show CPU, memory, disk, load and network, and reads
 * Home Assistant's own health figures (version, recorder database size).
 */
import { subscribeSystemHealth, type SystemHealthDomain, type SystemHealthMessage } from '../api/system-health';
import type { SubscriptionConnection } from '../api/websocket';

export type SystemRole = 'cpu' | 'memory' | 'disk' | 'load' | 'network_in' | 'network_out' | 'temperature' | 'database';

interface EntityLike {
  state: string;
  attributes?: Record<string, unknown>;
}

interface RegistryEntryLike {
  platform?: string;
}

/** Patterns in the order they are preferred; System Monitor's own ids come first. */
const ROLE_PATTERNS: Record<SystemRole, RegExp[]> = {
  cpu: [/^sensor\.(system_monitor_)?processor_use(_percent)?$/, /processor_use/, /cpu(_usage|_use|_percent|_load)?$/],
  memory: [/^sensor\.(system_monitor_)?memory_use_percent$/, /memory_use_percent/, /memory(_usage|_use)?(_percent)?$/],
  disk: [/^sensor\.(system_monitor_)?disk_use_percent(_|$)/, /disk_use_percent/, /disk(_usage|_use)?(_percent)?/],
  load: [/^sensor\.(system_monitor_)?load_1m$/, /load_1m/, /load_(5|15)m/],
  network_in: [/network_throughput_in/, /network_in/],
  network_out: [/network_throughput_out/, /network_out/],
  temperature: [/processor_temperature/, /cpu_temp/],
  database: [/database_size/, /recorder_db/],
};

const ROLE_UNITS: Partial<Record<SystemRole, string[]>> = {
  cpu: ['%'],
  memory: ['%'],
  disk: ['%'],
  temperature: ['°C', '°F'],
};

/**
 * Picks one numeric sensor per role. Entities of the `systemmonitor` platform (from the entity
 * registry the frontend already holds, `hass.entities`) win over name matches elsewhere.
 */
export function discoverSystemSensors(
  states: Record<string, EntityLike>,
  registry: Record<string, RegistryEntryLike> = {},
): Partial<Record<SystemRole, string>> {
  const numeric = Object.keys(states)
    .filter((id) => id.startsWith('sensor.') && Number.isFinite(Number(states[id].state)))
    .sort((a, b) => Number(registry[b]?.platform === 'systemmonitor') - Number(registry[a]?.platform === 'systemmonitor') || a.localeCompare(b));
  const found: Partial<Record<SystemRole, string>> = {};
  const used = new Set<string>();
  for (const role of Object.keys(ROLE_PATTERNS) as SystemRole[]) {
    const units = ROLE_UNITS[role];
    for (const pattern of ROLE_PATTERNS[role]) {
      const match = numeric.find((id) => {
        if (used.has(id) || !pattern.test(id)) return false;
        const unit = states[id].attributes?.unit_of_measurement;
        return !units || units.includes(String(unit ?? ''));
      });
      if (match) {
        found[role] = match;
        used.add(match);
        break;
      }
    }
  }
  return found;
}

export interface SystemHealth {
  version?: string;
  /** Recorder database size in MiB, where the recorder reports it. */
  databaseMiB?: number;
  databaseEngine?: string;
}

type HealthInfoDomain = SystemHealthDomain;

/**
 * Reads `system_health/info`. Newer Home Assistant streams it through a subscription (an
 * `initial` event with every domain, then `update` events for slow checks); the first event is
 * enough for version and database size.
 */
export async function readSystemHealth(connection: SubscriptionConnection<SystemHealthMessage>, timeoutMs = 10_000): Promise<SystemHealth> {
  let unsubscribe: (() => Promise<void>) | undefined;
  try {
    const data = await new Promise<Record<string, HealthInfoDomain>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('system_health/info did not answer')), timeoutMs);
      subscribeSystemHealth(connection, (message) => {
        if (message.type === 'initial' && message.data) {
          clearTimeout(timer);
          resolve(message.data);
        }
      }).then((u) => (unsubscribe = u), reject);
    });
    return parseSystemHealth(data);
  } finally {
    void unsubscribe?.().catch(() => undefined);
  }
}

export function parseSystemHealth(data: Record<string, HealthInfoDomain>): SystemHealth {
  const core = data.homeassistant?.info ?? {};
  const recorder = data.recorder?.info ?? {};
  const size = recorder.estimated_db_size;
  // The recorder reports e.g. "12.34 MiB".
  const mib = typeof size === 'string' ? Number.parseFloat(size) : typeof size === 'number' ? size : undefined;
  return {
    version: typeof core.version === 'string' ? core.version : undefined,
    databaseMiB: mib !== undefined && Number.isFinite(mib) ? mib : undefined,
    databaseEngine: typeof recorder.database_engine === 'string' ? recorder.database_engine : undefined,
  };
}
