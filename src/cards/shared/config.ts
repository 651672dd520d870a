/**
 * Config helpers shared by the cards: superstruct schemas from `src/core/config` turned into the
 * single Error Home Assistant's error card shows ("vitals-history-card: entities[0].entity: ...").
 */
import { coerce, unknown, type Struct } from 'superstruct';
import { formatErrors, validate } from '../../core/config/validate';

/** Validate and coerce `input`, or throw an Error naming every offending key. */
export function parseCardConfig<T>(cardType: string, struct: Struct<T, unknown>, input: unknown): T {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw new Error(`${cardType}: the configuration must be a mapping`);
  }
  const result = validate(struct, input);
  if (!result.ok) throw new Error(`${cardType}: ${formatErrors(result.errors)}`);
  return result.value;
}

/** Sensors with a numeric state, by id: what a card's stub config (the card picker's preview) can chart. */
export function numericSensorIds(states: Record<string, { state: string }>): string[] {
  return Object.keys(states)
    .filter((id) => id.startsWith('sensor.') && Number.isFinite(Number(states[id].state)))
    .sort();
}

/** Accept `sensor.x` as shorthand for `{ entity: sensor.x }`. */
export function entityShorthand<T>(struct: Struct<T, unknown>): Struct<T, unknown> {
  return coerce(struct, unknown(), (value) => (typeof value === 'string' ? { entity: value } : value)) as Struct<T, unknown>;
}
