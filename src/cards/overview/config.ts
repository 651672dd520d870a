/**
 * Configuration of `vitals-overview-card`: the metrics of each health domain (entity ids or
 * `vitals.*` metric ids), the windows the insights compare, and where an insight links to.
 */
import { refine } from 'superstruct';
import { cardConfig, limitMs, type CardConfigOf } from '../../core/config/card';
import { retentionKey } from '../shared/retention';
import { duration, entityId, listOf, maybe, nonEmptyText, numberIn, text, withDefault } from '../../core/config/structs';
import { discoverSystemSensors, type SystemRole } from '../../ha/telemetry/system';
import { parseCardConfig } from '../shared/config';

export const OVERVIEW_CARD_TYPE = 'vitals-overview-card';

export const DOMAINS = ['ai', 'system', 'experience'] as const;
export type DomainKey = (typeof DOMAINS)[number];
export const DOMAIN_LABELS: Record<DomainKey, string> = { ai: 'AI', system: 'System', experience: 'Experience' };

export const DEFAULT_AI = ['vitals.assist_total_ms', 'vitals.assist_intent_ms'];
export const DEFAULT_EXPERIENCE = ['vitals.ws_rtt_ms', 'vitals.state_lag_ms'];
/** System Monitor roles the overview watches when `system:` is omitted, in this order. */
export const SYSTEM_ROLES: SystemRole[] = ['cpu', 'memory', 'disk', 'load'];

/** Every default of the card's keys, as a user would write it: the schema and the editor both use these. Omitted domains get theirs when `hass` arrives (see `resolveDomains`). */
export const OVERVIEW_DEFAULTS = {
  hours_to_show: 24,
  baseline: '7d',
  max_insights: 3,
} as const;

/** A year of hours. */
export const HOURS_MAX = 24 * 365;

/**
 * Bounds of every bounded key, shared by the schema and the editor's number selectors. The
 * baseline: from 1 h to 90 d (the store keeps the baseline's history in memory).
 */
export const OVERVIEW_LIMITS = {
  hours_to_show: { min: 1, max: HOURS_MAX },
  baseline: { min: '1h', max: '90d' },
  max_insights: { min: 1, max: 20 },
} as const;

/**
 * Where an insight links to: a path inside Home Assistant (`/lovelace/system`), never another
 * origin (`//host`, `https:`) or a `javascript:` URL, and no characters that need quoting.
 */
const NAVIGATION_PATH = /^\/(?!\/)[A-Za-z0-9._~\-/?=&%#+]{0,200}$/;
const navigationPath = refine(nonEmptyText, 'navigation path', (v) => NAVIGATION_PATH.test(v) || `expected a dashboard path like "/lovelace/system", got ${JSON.stringify(v)}`);

const ids = (what: string) => maybe(listOf(entityId, what, { single: true }));

export const overviewCardStruct = cardConfig({
  title: maybe(text),
  ai: ids('entity or vitals.* metric ids'),
  system: ids('entity ids'),
  experience: ids('entity or vitals.* metric ids'),
  hours_to_show: withDefault(numberIn(OVERVIEW_LIMITS.hours_to_show.min, OVERVIEW_LIMITS.hours_to_show.max), OVERVIEW_DEFAULTS.hours_to_show),
  /** Baseline window (ms). */
  baseline: withDefault(duration, OVERVIEW_DEFAULTS.baseline),
  max_insights: withDefault(numberIn(OVERVIEW_LIMITS.max_insights.min, OVERVIEW_LIMITS.max_insights.max, true), OVERVIEW_DEFAULTS.max_insights),
  navigation_path: maybe(navigationPath),
  /** What this browser keeps (shared by the dashboard's cards): docs/retention.md. */
  ...retentionKey,
});

export type OverviewCardConfig = CardConfigOf<typeof overviewCardStruct>;

export function parseOverviewCardConfig(input: unknown): OverviewCardConfig {
  const config = parseCardConfig(OVERVIEW_CARD_TYPE, overviewCardStruct, input);
  const written = JSON.stringify((input as Record<string, unknown>).baseline);
  const { min, max } = OVERVIEW_LIMITS.baseline;
  if (config.baseline < limitMs(min)) throw new Error(`${OVERVIEW_CARD_TYPE}: baseline: expected at least ${min}, got ${written}`);
  if (config.baseline > limitMs(max)) throw new Error(`${OVERVIEW_CARD_TYPE}: baseline: expected at most ${max}, got ${written}`);
  return { ...config, type: typeof config.type === 'string' ? config.type : `custom:${OVERVIEW_CARD_TYPE}` };
}

interface HassLike {
  states?: Record<string, { state: string; attributes?: Record<string, unknown> }>;
  entities?: Record<string, { platform?: string }>;
}

/** Each domain's ids: as configured, else the defaults (System Monitor sensors discovered in `hass`). */
export function resolveDomains(config: OverviewCardConfig, hass: HassLike | undefined): Record<DomainKey, string[]> {
  const found = discoverSystemSensors(hass?.states ?? {}, hass?.entities ?? {});
  return {
    ai: config.ai ?? DEFAULT_AI,
    system: config.system ?? SYSTEM_ROLES.map((role) => found[role]).filter((id): id is string => !!id),
    experience: config.experience ?? DEFAULT_EXPERIENCE,
  };
}

/** What the card picker lists (window.customCards): known without loading the card's code. */export const OVERVIEW_CARD_INFO = {
  type: OVERVIEW_CARD_TYPE,
  name: 'Vitals overview',
  description: 'Health at a glance: AI, System and Experience, with the top insights as sentences with numbers.',
  preview: true,
  documentationURL: 'https://github.com/ha-vitals/ha-vitals/blob/main/docs/cards-alerts-overview.md#vitals-overview-card',
};

/** Sizes in Home Assistant's sections view (2024.11+ grid options; 2024.3 – 2024.10 layout options): the same before and after the card's code loads. */
export function overviewCardLayout(_config?: unknown) {
  return { grid: { columns: 12, rows: 'auto' as const, min_columns: 6, min_rows: 3 }, layout: { grid_columns: 4, grid_rows: 4, grid_min_columns: 2, grid_min_rows: 3 } };
}
