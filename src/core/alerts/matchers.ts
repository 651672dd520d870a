import type { LabelMatcher, Silence } from './types.js';

/** Compiled patterns; bounded, since silences (and their patterns) come from saved state too. */
const regexCache = new Map<string, RegExp | null>();
const REGEX_CACHE_SIZE = 500;

function anchored(pattern: string): RegExp | null {
  let re = regexCache.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(`^(?:${pattern})$`);
    } catch {
      re = null;
    }
    if (regexCache.size >= REGEX_CACHE_SIZE) regexCache.delete(regexCache.keys().next().value as string);
    regexCache.set(pattern, re);
  }
  return re;
}

/** Alertmanager semantics: a missing label is the empty string; regexes are fully anchored. */
export function matches(labels: Readonly<Record<string, string>>, matcher: LabelMatcher): boolean {
  const actual = labels[matcher.name] ?? '';
  switch (matcher.op ?? '=') {
    case '=':
      return actual === matcher.value;
    case '!=':
      return actual !== matcher.value;
    case '=~':
      return anchored(matcher.value)?.test(actual) ?? false;
    case '!~':
      return !(anchored(matcher.value)?.test(actual) ?? false);
  }
}

export function matchesAll(labels: Readonly<Record<string, string>>, matchers: readonly LabelMatcher[]): boolean {
  return matchers.every((m) => matches(labels, m));
}

export function silenceActive(silence: Silence, now: number): boolean {
  return silence.startsAt <= now && now < silence.endsAt;
}

/**
 * The silences that mute these labels at `now`. A silence without matchers mutes nothing (as in
 * Alertmanager, which refuses one): an empty list from damaged or forged state must not mute everything.
 */
export function silencing(silences: readonly Silence[], labels: Readonly<Record<string, string>>, now: number): Silence[] {
  return silences.filter((s) => s.matchers.length > 0 && silenceActive(s, now) && matchesAll(labels, s.matchers));
}

/** Parse "entity=sensor.cpu", "severity!=info", "alertname=~cpu.*". */
export function parseMatcher(text: string): LabelMatcher | undefined {
  const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*"?(.*?)"?\s*$/.exec(text);
  return m ? { name: m[1], op: m[2] as LabelMatcher['op'], value: m[3] } : undefined;
}
