/**
 * Configuration of `vitals-metric-card`. Shared by the card (setConfig) and its editor.
 */
export const METRIC_CARD_TYPE = 'vitals-metric-card';

export interface MetricCardConfig {
  type: string;
  entity: string;
  name?: string;
  /** Digits after the decimal point; default: as the state has them. */
  decimals?: number;
}

const ENTITY_ID = /^[a-z0-9_]+\.[a-z0-9_]+$/;
/** Keys Home Assistant adds to every card's config; never an error. */
const HA_CARD_KEYS = new Set(['type', 'grid_options', 'layout_options', 'view_layout', 'visibility', 'index', 'view_index']);
const OWN_KEYS = ['entity', 'name', 'decimals'];

/** Throws an Error whose message Home Assistant shows in its error card. */
export function parseMetricCardConfig(input: unknown): MetricCardConfig {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw new Error('vitals-metric-card: the configuration must be a mapping');
  }
  const raw = input as Record<string, unknown>;
  if (raw.entity === undefined || raw.entity === '') {
    throw new Error('vitals-metric-card: entity: required, e.g. "sensor.processor_use"');
  }
  if (typeof raw.entity !== 'string' || !ENTITY_ID.test(raw.entity)) {
    throw new Error(`vitals-metric-card: entity: expected an entity id like "sensor.cpu", got ${JSON.stringify(raw.entity)}`);
  }
  if (raw.name !== undefined && typeof raw.name !== 'string') {
    throw new Error(`vitals-metric-card: name: expected text, got ${JSON.stringify(raw.name)}`);
  }
  if (raw.decimals !== undefined && !(Number.isInteger(raw.decimals) && (raw.decimals as number) >= 0 && (raw.decimals as number) <= 10)) {
    throw new Error(`vitals-metric-card: decimals: expected a whole number from 0 to 10, got ${JSON.stringify(raw.decimals)}`);
  }
  for (const key of Object.keys(raw)) {
    if (!HA_CARD_KEYS.has(key) && !OWN_KEYS.includes(key)) {
      throw new Error(`vitals-metric-card: ${key}: unknown key`);
    }
  }
  return {
    ...raw,
    type: typeof raw.type === 'string' ? raw.type : `custom:${METRIC_CARD_TYPE}`,
    entity: raw.entity,
    name: raw.name as string | undefined,
    decimals: raw.decimals as number | undefined,
  };
}
