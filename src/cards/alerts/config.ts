/**
 * Configuration of `vitals-alerts-card`: the entities its own rules watch, the `alerts:` section
 * (validated by the core schema, errors with paths like `alerts[0].for`), and display options.
 */
import { unknown } from 'superstruct';
import { DEFAULT_RULES, checkSlotBudget, parseAlertsConfig, type AlertsConfig } from '../../core/config/alerts';
import { cardConfig, type CardConfigOf } from '../../core/config/card';
import { retentionKey } from '../shared/retention';
import { bool, duration, entityId, listOf, maybe, numberIn, oneOf, text, withDefault } from '../../core/config/structs';
import { formatErrors } from '../../core/config/validate';
import { parseCardConfig } from '../shared/config';

export const ALERTS_CARD_TYPE = 'vitals-alerts-card';
export const DEFAULT_SNOOZE_OPTIONS = ['15m', '1h', '4h', '1d'] as const;

/**
 * Every default of the card's keys, as a user would write it: the schema and the editor both use
 * these. (`alerts:` omitted: `DEFAULT_RULES` when entities are given.)
 */
export const ALERTS_DEFAULTS = {
  entities: [],
  show: 'all',
  max_items: 20,
  snooze_options: DEFAULT_SNOOZE_OPTIONS,
  report: false,
  watchdog: false,
} as const;

/** Bounds of every bounded key, shared by the schema and the editor's number selectors. */
export const ALERTS_LIMITS = { max_items: { min: 1, max: 500 } } as const;

export const alertsCardStruct = cardConfig({
  title: maybe(text),
  /** Entities the card's own rules apply to (may be empty: the card then only shows other cards' alerts). */
  entities: withDefault(listOf(entityId, 'entity ids', { single: true }), ALERTS_DEFAULTS.entities),
  // Checked by parseAlertsConfig below, so its errors read as the user wrote them (`alerts[0].for`).
  alerts: unknown(),
  show: withDefault(oneOf(['active', 'all'] as const), ALERTS_DEFAULTS.show),
  max_items: withDefault(numberIn(ALERTS_LIMITS.max_items.min, ALERTS_LIMITS.max_items.max, true), ALERTS_DEFAULTS.max_items),
  /** Snooze presets in ms. */
  snooze_options: withDefault(listOf(duration, 'durations', { single: true }), ALERTS_DEFAULTS.snooze_options),
  /** Publish the card's alert states as MQTT sensors `sensor.ha_vitals_alert_<rule>_<entity>`. */
  report: withDefault(bool, ALERTS_DEFAULTS.report),
  /**
   * Have Home Assistant say when no dashboard evaluates this card's browser rules (an automation on
   * the devices' heartbeat; needs MQTT). Always on when the card has rules that run in HA.
   */
  watchdog: withDefault(bool, ALERTS_DEFAULTS.watchdog),
  /** What this browser keeps (shared by the dashboard's cards): docs/retention.md. */
  ...retentionKey,
});

/** The parsed config: the schema's type, with `alerts` validated (`DEFAULT_RULES` when entities are given and `alerts:` is omitted). */
export type AlertsCardConfig = Omit<CardConfigOf<typeof alertsCardStruct>, 'alerts'> & { alerts: AlertsConfig };

/** Throws an Error naming every offending key (Home Assistant shows it in its error card). */
export function parseAlertsCardConfig(input: unknown): AlertsCardConfig {
  const raw = parseCardConfig(ALERTS_CARD_TYPE, alertsCardStruct, input);
  let alerts: AlertsConfig;
  if (raw.alerts === undefined) {
    const defaults = parseAlertsConfig([]);
    alerts = defaults.ok ? { ...defaults.value, rules: raw.entities.length ? DEFAULT_RULES.map((r) => ({ ...r })) : [] } : { rules: [], inhibit: [], reconnect_grace: 120_000 };
  } else {
    const result = parseAlertsConfig(raw.alerts);
    if (!result.ok) throw new Error(`${ALERTS_CARD_TYPE}: ${formatErrors(result.errors)}`);
    alerts = result.value;
  }
  if (raw.snooze_options.length === 0) throw new Error(`${ALERTS_CARD_TYPE}: snooze_options: expected at least one duration`);
  const overBudget = checkSlotBudget(alerts, raw.entities);
  if (overBudget) throw new Error(`${ALERTS_CARD_TYPE}: ${overBudget.path}: ${overBudget.message}`);
  return {
    type: typeof raw.type === 'string' ? raw.type : `custom:${ALERTS_CARD_TYPE}`,
    title: raw.title,
    entities: raw.entities,
    alerts,
    show: raw.show,
    max_items: raw.max_items,
    snooze_options: raw.snooze_options,
    report: raw.report,
    watchdog: raw.watchdog,
    ...(raw.retention && { retention: raw.retention }),
  };
}

/** 32-bit FNV-1a as 8 hex digits: a short, stable fingerprint of the rules. */
export function shortHash(textValue: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < textValue.length; i++) {
    h ^= textValue.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Every entity the card's rules watch: the card's entities and each rule's own `entity:` list. */
export function scopeEntities(config: AlertsCardConfig): string[] {
  const all = new Set(config.entities);
  for (const rule of config.alerts.rules) for (const e of rule.entity) all.add(e);
  return [...all].sort();
}

/**
 * The name the card's alert state is persisted under: its entities and a hash of its validated
 * rules, so the same rules on the same entities share acks and snoozes across dashboards and a
 * changed rule set starts fresh. Not a data cache key.
 */
export function scopeIdOf(config: AlertsCardConfig): string {
  return `alerts:${scopeEntities(config).join(',')}:${shortHash(canonicalJson(config.alerts))}`;
}

/** JSON with object keys sorted, so the same rules written in another key order hash the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What the card picker lists (window.customCards): known without loading the card's code. */export const ALERTS_CARD_INFO = {
  type: ALERTS_CARD_TYPE,
  name: 'Vitals alerts',
  description: 'Every alert on the dashboard: acknowledge, snooze, silence, escalation and recent changes.',
  preview: true,
  documentationURL: 'https://github.com/ha-vitals/ha-vitals/blob/main/docs/cards-alerts-overview.md#vitals-alerts-card',
};

/** Sizes in Home Assistant's sections view (2024.11+ grid options; 2024.3 – 2024.10 layout options): the same before and after the card's code loads. */
export function alertsCardLayout(_config?: unknown) {
  return { grid: { columns: 12, rows: 'auto' as const, min_columns: 6, min_rows: 2 }, layout: { grid_columns: 4, grid_rows: 4, grid_min_columns: 2, grid_min_rows: 2 } };
}
