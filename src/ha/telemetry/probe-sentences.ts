/** The Assist probe's allow-list, apart from the collector: card configs check it without loading the telemetry code. */

/**
 * Sentences the probe may send. The built-in agent answers the first four with read-only intents
 * (HassGetCurrentTime, HassGetCurrentDate); the last one no agent understands, which is harmless and
 * still measures the intent stage. None of them names a device, so no agent has anything to change.
 */
export const PROBE_SENTENCES = ['what time is it', 'what is the time', 'what is the date', 'what day is it', 'ha vitals probe'] as const;
export type ProbeSentence = (typeof PROBE_SENTENCES)[number];

/** The allow-listed sentence `text` is, whatever its case, spacing, `what's` or final punctuation; else undefined. */
export function probeSentence(text: string): ProbeSentence | undefined {
  if (typeof text !== 'string') return undefined;
  const normal = text
    .toLowerCase()
    .replace(/[\u2019']s\b/g, ' is')
    .replace(/[?.!]+\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return PROBE_SENTENCES.find((s) => s === normal);
}
