/**
 * A trend rule that runs in Home Assistant is judged by HA's own Trend helper (a `trend` config
 * entry: a binary sensor that is on while the least-squares gradient of the source's samples in
 * `sample_duration` is beyond `min_gradient`), and the rule's automation follows that binary
 * sensor. The helper is created and configured through HA's config-flow API, the one its
 * "Settings → Helpers → Trend" dialog uses (2024.3 and 2026.11 alike). Pure: no DOM, no HA.
 *
 * Naming: the helper's title is a slug, so HA derives its entity id from it
 * (`binary_sensor.<title>`) and the automation can name the entity before the helper exists:
 * `ha_vitals_trend_<automation hash>_<options hash>`. The options hash changes the name when the
 * rule's settings change: the new helper is made, the automation points at it, the old one is
 * deleted (HA's options flow would reload the entry but leave no trace of which settings a helper
 * was made for). The automation hash ties helpers to their automation (orphans, removal).
 *
 * Mapping (facts from homeassistant/components/trend/binary_sensor.py, same in both versions):
 *  - window → sample_duration (s): samples older than it are dropped before each fit;
 *  - min_gradient (units/s) → min_gradient, its sign saying the direction (HA: on when
 *    |gradient| > |min_gradient| with the same sign; `direction: down` → negative);
 *  - min_samples → min_samples; max_samples = the browser detector's capacity (2048, or min_samples).
 * Refused (refusal.ts): `direction: either`, `limit` (HA's helper has no forecast), no min_gradient.
 * Known differences: HA needs no coverage of half the window before judging (the browser does),
 * and it re-judges only when a new sample arrives (the browser also as time passes).
 */
import { trendDirection, type TrendRule } from '../config/alerts.js';
import { fnv1a64 } from '../alerts/intent-id.js';

export const TREND_HELPER_PREFIX = 'ha_vitals_trend_';
/** The browser's TrendDetector keeps at most this many samples (or min_samples if more); the helper the same. */
export const TREND_MAX_SAMPLES = 2048;

/** What the helper's config flow and options flow are given (their field names). */
export interface TrendHelperOptions {
  entity_id: string;
  invert: false;
  sample_duration: number;
  min_gradient: number;
  min_samples: number;
  max_samples: number;
}

export interface TrendHelper {
  /** The config entry's title, a slug: HA names the entity `binary_sensor.<name>`. */
  name: string;
  entityId: string;
  options: TrendHelperOptions;
}

/** Every helper made for automation `automationId` has a name starting with this. */
export function trendHelperStem(automationId: string): string {
  return `${TREND_HELPER_PREFIX}${fnv1a64(automationId).slice(0, 8)}_`;
}

/** The helper that judges `rule` on `entity` for automation `automationId` (a rule refusal.ts accepts). */
export function trendHelperFor(rule: TrendRule, entity: string, automationId: string): TrendHelper {
  const magnitude = Math.abs(rule.min_gradient ?? 0);
  const options: TrendHelperOptions = {
    entity_id: entity,
    invert: false,
    sample_duration: Math.round(rule.window / 1000),
    min_gradient: trendDirection(rule) === 'down' ? -magnitude : magnitude,
    min_samples: rule.min_samples,
    max_samples: Math.max(rule.min_samples, TREND_MAX_SAMPLES),
  };
  const name = `${trendHelperStem(automationId)}${fnv1a64(JSON.stringify(options)).slice(0, 6)}`;
  return { name, entityId: `binary_sensor.${name}`, options };
}

/** The same helper for people who keep YAML: HA's legacy `binary_sensor` trend platform (both versions). */
export function trendHelperYaml(helper: TrendHelper): string {
  const o = helper.options;
  return [
    'binary_sensor:',
    '  - platform: trend',
    '    sensors:',
    `      ${helper.name}:`,
    `        entity_id: ${o.entity_id}`,
    `        sample_duration: ${o.sample_duration}`,
    `        min_gradient: ${o.min_gradient}`,
    `        min_samples: ${o.min_samples}`,
    `        max_samples: ${o.max_samples}`,
  ].join('\n');
}
