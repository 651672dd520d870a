/**
 * Configuration of `vitals-overview-card`: the metrics of each health domain (entity ids or
 * `vitals.*` metric ids), the windows the insights compare, and where an insight links to.
 */
import type { Struct } from 'superstruct';
import { cardConfig } from '../../core/config/card';
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

export interface OverviewCardConfig {
  type: string;
  title?: string;
  /** Omitted domains get their defaults when `hass` arrives (see `resolveDomains`). */
  ai?: string[];
  system?: string[];
  experience?: string[];
  hours_to_show: number;
  /** Baseline window (ms). */
  baseline: number;
  max_insights: number;
  navigation_path?: string;
}

const ids = (what: string) => maybe(listOf(entityId, what, { single: true }));

const schema = cardConfig<OverviewCardConfig>({
  title: maybe(text),
  ai: ids('entity or vitals.* metric ids'),
  system: ids('entity ids'),
  experience: ids('entity or vitals.* metric ids'),
  hours_to_show: withDefault(numberIn(1, 24 * 366), 24),
  baseline: withDefault(duration, '7d'),
  max_insights: withDefault(numberIn(1, 20, true), 3),
  navigation_path: maybe(nonEmptyText),
}) as unknown as Struct<OverviewCardConfig, unknown>;

export function parseOverviewCardConfig(input: unknown): OverviewCardConfig {
  const config = parseCardConfig(OVERVIEW_CARD_TYPE, schema, input);
  if (config.baseline < 3_600_000) throw new Error(`${OVERVIEW_CARD_TYPE}: baseline: expected at least 1h, got ${JSON.stringify((input as Record<string, unknown>).baseline)}`);
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
