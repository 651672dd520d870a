/**
 * Configuration of `vitals-ai-card`. Shared by the card (setConfig) and its editor.
 */
import { coerce, unknown, type Struct } from 'superstruct';
import { entityId, leaf, listOf, maybe, nonEmptyText, numberIn, strictObject, text, withDefault } from '../../core/config/structs';
import { PROBE_SENTENCES, probeSentence, type ProbeSentence } from '../../ha/telemetry/probe-sentences';
import { cardConfig } from '../../core/config/card';
import { entityShorthand, parseCardConfig } from '../shared/config';

export const AI_CARD_TYPE = 'vitals-ai-card';

export interface AiProbeConfig {
  /**
   * Sentence sent to the pipeline's intent stage: one of the read-only `PROBE_SENTENCES`
   * ("what time is it"), as the list spells it. Free text is refused: the agent would carry it out.
   */
  text: ProbeSentence;
  /** Seconds between probes. */
  interval: number;
  /** Pipeline id; default: the card's `pipeline`, else the preferred pipeline. */
  pipeline?: string;
}

export interface AiMetricConfig {
  entity: string;
  name?: string;
}

export interface AiCardConfig {
  type: string;
  title?: string;
  /** Pipeline id; default: runs of every pipeline. */
  pipeline?: string;
  runs_to_show: number;
  /** Seconds between polls of the pipelines' debug runs. */
  poll_interval: number;
  probe?: AiProbeConfig;
  metrics: AiMetricConfig[];
}

export const PROBE_INTERVAL_MIN = 60;
export const PROBE_INTERVAL_DEFAULT = 300;

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

const probe = strictObject<AiProbeConfig>({
  text: probeText,
  interval: withDefault(numberIn(PROBE_INTERVAL_MIN, 86_400), PROBE_INTERVAL_DEFAULT),
  pipeline: maybe(nonEmptyText),
});

const metric = entityShorthand(strictObject<AiMetricConfig>({ entity: entityId, name: maybe(text) }));

const schema = cardConfig<AiCardConfig>({
  title: maybe(text),
  pipeline: maybe(nonEmptyText),
  runs_to_show: withDefault(numberIn(1, 50, true), 10),
  poll_interval: withDefault(numberIn(5, 3600), 15),
  probe: maybe(probe),
  metrics: withDefault(listOf(metric, 'metrics (entity ids or {entity, name})', { single: true }), []),
}) as unknown as Struct<AiCardConfig, unknown>;

/** Throws an Error naming the key, which Home Assistant shows in its error card. */
export function parseAiCardConfig(input: unknown): AiCardConfig {
  const config = parseCardConfig(AI_CARD_TYPE, schema, input);
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
