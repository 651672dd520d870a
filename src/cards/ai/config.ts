/**
 * Configuration of `vitals-ai-card`. Shared by the card (setConfig) and its editor.
 */
import { actionKeys } from '../../core/config/actions';
import { coerce, unknown } from 'superstruct';
import { entityId, leaf, listOf, maybe, nonEmptyText, numberIn, text, withDefault } from '../../core/config/structs';
import { PROBE_SENTENCES, probeSentence, type ProbeSentence } from '../../ha/telemetry/probe-sentences';
import { cardConfig, shape, type CardConfigOf, type Infer } from '../../core/config/card';
import { retentionKey } from '../shared/retention';
import { entityShorthand, parseCardConfig } from '../shared/config';

export const AI_CARD_TYPE = 'vitals-ai-card';

/** Every default of the card's keys, as a user would write it: the schema and the editor both use these. */
export const AI_DEFAULTS = {
  runs_to_show: 10,
  poll_interval: 15,
  metrics: [],
} as const;

/** Defaults inside `probe:` (when it is written). */
export const AI_PROBE_DEFAULTS = { interval: 300 } as const;

/** Bounds of every bounded key (seconds for the intervals), shared by the schema and the editor's number selectors. */
export const AI_LIMITS = {
  runs_to_show: { min: 1, max: 50 },
  poll_interval: { min: 5, max: 3600 },
} as const;

/** Bounds inside `probe:`: at most one probe a minute, at least one a day. */
export const AI_PROBE_LIMITS = { interval: { min: 60, max: 86_400 } } as const;

export { PROBE_SENTENCES };

/** `probe.text`: a read-only sentence, however it is written ("What's the time?"), stored as the list spells it. */
const probeText = coerce(
  leaf<ProbeSentence>(
    'probe sentence',
    `one of the read-only sentences ${PROBE_SENTENCES.map((s) => JSON.stringify(s)).join(', ')} (free text could change the house)`,
    (v) => typeof v === 'string' && (PROBE_SENTENCES as readonly string[]).includes(v),
  ),
  unknown(),
  (v) => (typeof v === 'string' ? (probeSentence(v) ?? v) : v),
);

const probe = shape({
  /**
   * Sentence sent to the pipeline's intent stage: one of the read-only `PROBE_SENTENCES`
   * ("what time is it"), as the list spells it. Free text is refused: the agent would carry it out.
   */
  text: probeText,
  /** Seconds between probes. */
  interval: withDefault(numberIn(AI_PROBE_LIMITS.interval.min, AI_PROBE_LIMITS.interval.max), AI_PROBE_DEFAULTS.interval),
  /** Pipeline id; default: the card's `pipeline`, else the preferred pipeline. */
  pipeline: maybe(nonEmptyText),
});
export type AiProbeConfig = Infer<typeof probe>;

const metric = entityShorthand(shape({ entity: entityId, name: maybe(text) }));
export type AiMetricConfig = Infer<typeof metric>;

export const aiCardStruct = cardConfig({
  // Tap, hold and double tap on a value, row or legend entry: Home Assistant's action config (more-info by default).
  ...actionKeys,
  title: maybe(text),
  /** Pipeline id; default: runs of every pipeline. */
  pipeline: maybe(nonEmptyText),
  runs_to_show: withDefault(numberIn(AI_LIMITS.runs_to_show.min, AI_LIMITS.runs_to_show.max, true), AI_DEFAULTS.runs_to_show),
  /** Seconds between polls of the pipelines' debug runs. */
  poll_interval: withDefault(numberIn(AI_LIMITS.poll_interval.min, AI_LIMITS.poll_interval.max), AI_DEFAULTS.poll_interval),
  probe: maybe(probe),
  metrics: withDefault(listOf(metric, 'metrics (entity ids or {entity, name})', { single: true }), AI_DEFAULTS.metrics),
  /** What this browser keeps (shared by the dashboard's cards): docs/retention.md. */
  ...retentionKey,
});

export type AiCardConfig = CardConfigOf<typeof aiCardStruct>;

/** Throws an Error naming the key, which Home Assistant shows in its error card. */
export function parseAiCardConfig(input: unknown): AiCardConfig {
  const config = parseCardConfig(AI_CARD_TYPE, aiCardStruct, input);
  return { ...config, type: typeof config.type === 'string' ? config.type : `custom:${AI_CARD_TYPE}` };
}

/** Conversation engines that answer locally, for free. Anything else is (usually) an LLM. */
export const BUILT_IN_AGENTS = new Set(['conversation.home_assistant', 'homeassistant']);

/** What the card picker lists (window.customCards): known without loading the card's code. */export const AI_CARD_INFO = {
  type: AI_CARD_TYPE,
  name: 'Vitals Assist / AI',
  description: 'Assist pipeline runs: stage latency per run, p50/p95 per stage, error rate, slowest runs, and AI metrics.',
  preview: true,
  documentationURL: 'https://github.com/ha-vitals/ha-vitals/blob/main/docs/cards-ai-ux.md#vitals-ai-card',
};

/** Sizes in Home Assistant's sections view (2024.11+ grid options; 2024.3 – 2024.10 layout options): the same before and after the card's code loads. */
export function aiCardLayout(_config?: unknown) {
  return { grid: { columns: 12, rows: 'auto' as const, min_columns: 6, min_rows: 4 }, layout: { grid_columns: 4, grid_rows: 'auto', grid_min_columns: 2 } };
}
