/**
 * The `alerts:` section of a card config (and of `ha-vitals replay --rules FILE`).
 *
 *   alerts:
 *     - name: cpu_high
 *       type: threshold
 *       above: 90
 *       recover_below: 85
 *       for: 2m
 *       notify:
 *         - notify.mobile_app_pixel
 *         - { service: notify.all_phones, after: 10m }
 *
 * The section is either that list, or a mapping
 * `{ rules: [...], inhibit: [...], reconnect_grace: 2m, allow_services: [siren.turn_on] }`.
 * Validated values have every default filled in and every duration in milliseconds.
 *
 * Safe by default: notify tiers may call only `notify.*` and `persistent_notification.*` unless the
 * service (or its whole domain, `siren.*`) is listed under `allow_services`.
 */
import { Struct, coerce, dynamic, unknown } from 'superstruct';
import {
  anyMap,
  bool,
  durationIn,
  entityId,
  boundedNumber,
  listOf,
  labelMap,
  numberIn,
  oneOf,
  serviceName,
  strictObject,
  withDefault,
  describeValue,
  leaf,
  maybe,
  textUpTo,
} from './structs.js';
import { validate, type ValidationResult } from './validate.js';
import { parseDuration } from './duration.js';
import { serverRuleRefusal } from '../server-rules/refusal.js';

export const SEVERITIES = ['critical', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** Higher number = more severe. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 3, warning: 2, info: 1 };
export const severity = oneOf(SEVERITIES);

export const RULE_TYPES = ['threshold', 'trend', 'anomaly', 'nodata'] as const;
export type RuleType = (typeof RULE_TYPES)[number];

export interface NotifyTier {
  /** Delay after the alert starts firing (ms); tier 0 normally has 0. */
  after: number;
  /** Services to call, e.g. ["notify.mobile_app_pixel"] (input: one name or a list). */
  service: string[];
  /** Extra service data merged into every call. */
  data: Record<string, unknown>;
  /** Send the "resolved" message to this tier (default: only notify.* / persistent_notification.*). */
  send_resolved?: boolean;
  /** Label for logs and intents; default "tier<N>". */
  name?: string;
}

/** Where a rule is judged: in the browsers showing the card, or by Home Assistant itself as an automation. */
export const RUN_IN = ['browser', 'home_assistant'] as const;
export type RunIn = (typeof RUN_IN)[number];

interface RuleCommon {
  name: string;
  type: RuleType;
  enabled: boolean;
  /**
   * `browser` (default): judged by every dashboard showing the card, one notification across them.
   * `home_assistant`: an HA automation judges it with no dashboard open (threshold, trend with
   * min_gradient — through HA's Trend helper — and no-data rules); browsers show its state and
   * send nothing for it.
   */
  run_in: RunIn;
  /** Entities the rule watches; empty = every series the card/replay feeds in. */
  entity: string[];
  /** Pending duration before firing (ms). */
  for: number;
  /** Keep firing this long after the condition clears (ms). */
  keep_firing_for: number;
  severity: Severity;
  labels: Record<string, string>;
  /** Message template: {name} {entity} {value} {reason} {severity}. */
  message?: string;
  notify: NotifyTier[];
  group_by: string[];
  group_wait: number;
  group_interval: number;
  repeat_interval: number;
  /** Per-alert: at most one notification per this long; the rest are summarised (ms, at least 10 s). */
  throttle: number;
  /** Flap detection: this many state changes within `flap_window` = flapping. */
  flap_threshold: number;
  flap_window: number;
}

export interface MofN {
  m: number;
  n: number;
}

export interface ThresholdRule extends RuleCommon {
  type: 'threshold';
  above?: number;
  below?: number;
  recover_below?: number;
  recover_above?: number;
  m_of_n?: MofN;
}

export interface TrendRule extends RuleCommon {
  type: 'trend';
  /** Regression window (ms). */
  window: number;
  /** Fire when the slope is at least this steep, in units per second (like HA's trend sensor). */
  min_gradient?: number;
  /** Which way counts: default "down" when min_gradient is negative, else "up". */
  direction?: 'up' | 'down' | 'either';
  /** Fire when the forecast reaches this value within `horizon`. */
  limit?: number;
  horizon: number;
  min_samples: number;
}

/** The way a trend rule watches: `direction`, else down when `min_gradient` is negative, else up. */
export function trendDirection(rule: Pick<TrendRule, 'direction' | 'min_gradient'>): 'up' | 'down' | 'either' {
  return rule.direction ?? (rule.min_gradient !== undefined && rule.min_gradient < 0 ? 'down' : 'up');
}

export interface AnomalyRule extends RuleCommon {
  type: 'anomaly';
  /** 0..1; higher finds more anomalies. "low" = 0.25, "medium" = 0.5, "high" = 0.75. */
  sensitivity: number;
  /**
   * What is judged: the value, or its rate per minute. `auto` (default): the rate for counters
   * (Home Assistant `state_class` `total_increasing` or `total`), the value otherwise.
   */
  input: AnomalyInput;
}

export const ANOMALY_INPUTS = ['auto', 'value', 'rate'] as const;
export type AnomalyInput = (typeof ANOMALY_INPUTS)[number];

export const NODATA_WHEN = ['silent', 'unavailable'] as const;

export interface NodataRule extends RuleCommon {
  type: 'nodata';
  /**
   * `silent` (default): no usable sample for `max_age`. `unavailable`: the entity's state is
   * unavailable/unknown, however long it has been quiet. Home Assistant only sends changes, so a
   * steady sensor is silent without being broken: the zero-config rule uses `unavailable`.
   */
  when: (typeof NODATA_WHEN)[number];
  /** Fire when the newest usable sample is older than this (ms); omitted = 3 × the learned interval, at least 15 min. */
  max_age?: number;
}

export type AlertRule = ThresholdRule | TrendRule | AnomalyRule | NodataRule;

export interface InhibitRule {
  source_severity: Severity;
  target_severity: Severity[];
  /** Labels that must be equal on source and target (e.g. "entity"). */
  equal: string[];
}

export interface AlertsConfig {
  rules: AlertRule[];
  inhibit: InhibitRule[];
  /** After a websocket reconnect, no-data rules stay quiet this long (ms). */
  reconnect_grace: number;
  /**
   * Services outside `notify.*` / `persistent_notification.*` that notify tiers may call: exact
   * names ("lock.unlock") or a whole domain ("siren.*"). Default []. Always present after
   * validation; optional in the type only so that configs built by hand (tests, an empty config)
   * need not spell it — absent means [].
   */
  allow_services?: string[];
}

// ---------------------------------------------------------------------------------------------
// Service allow-list

/** Domains every alert rule may call without listing them under `allow_services`. */
export const ALWAYS_ALLOWED_DOMAINS: readonly string[] = ['notify', 'persistent_notification'];
const SERVICE_PATTERN = /^[a-z0-9_]+\.[a-z0-9_]+$/;
const ALLOW_PATTERN = /^[a-z0-9_]+\.(?:[a-z0-9_]+|\*)$/;

/**
 * May an alert rule call `service`? `notify.*` and `persistent_notification.*` always; anything
 * else only when `allow` lists it exactly or by domain (`siren.*`). A malformed name is never
 * allowed. The runtime checks this again before every call.
 */
export function isServiceAllowed(service: string, allow: readonly string[] = []): boolean {
  if (typeof service !== 'string' || !SERVICE_PATTERN.test(service)) return false;
  const domain = service.slice(0, service.indexOf('.'));
  if (ALWAYS_ALLOWED_DOMAINS.includes(domain)) return true;
  return Array.isArray(allow) && allow.some((entry) => entry === service || entry === `${domain}.*`);
}

/** Every service any rule of `config` calls (enabled or not), sorted, each once. */
export function servicesCalled(config: AlertsConfig): string[] {
  const services = new Set<string>();
  for (const rule of config.rules) for (const tier of rule.notify) for (const service of tier.service) services.add(service);
  return [...services].sort();
}

function notAllowedMessage(services: readonly string[]): string {
  const names = services.map((s) => JSON.stringify(s)).join(', ');
  return `${names} ${services.length === 1 ? 'is' : 'are'} not allowed: alert rules call only notify.* and persistent_notification.* unless the service is listed under alerts.allow_services`;
}

const allowEntry = leaf<string>('allowed service', 'a service like "siren.turn_on" or a whole domain like "siren.*"', (v) => typeof v === 'string' && ALLOW_PATTERN.test(v));

/**
 * The allow-list in force for a tier being validated: the enclosing section's `allow_services`
 * (superstruct's branch holds values as written: one name or a list), [] for the list form or a
 * rule validated on its own, `undefined` when the list is itself invalid (its own error is
 * reported instead).
 */
function allowListFor(branch: readonly unknown[]): readonly string[] | undefined {
  // branch: [..., section, rules, rule, notify, tier]
  const section = branch[branch.length - 5];
  const rules = branch[branch.length - 4];
  if (!section || typeof section !== 'object' || !Array.isArray(rules) || !Object.hasOwn(section, 'rules') || (section as { rules: unknown }).rules !== rules) return [];
  const raw = Object.hasOwn(section, 'allow_services') ? (section as { allow_services: unknown }).allow_services : undefined;
  const allow = raw === undefined ? [] : typeof raw === 'string' ? [raw] : raw;
  return Array.isArray(allow) && allow.every((a) => typeof a === 'string' && ALLOW_PATTERN.test(a)) ? (allow as string[]) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Limits

/**
 * Every duration of the section: [at least, at most], as people write them. Intervals that pace
 * notifications have minimums so that no rule can call services in a tight loop; everything has a
 * maximum so that a typo ("30d" for "30s") is caught and timers stay sane. Docs list these.
 */
export const DURATION_LIMITS = {
  for: ['0s', '7d'],
  keep_firing_for: ['0s', '7d'],
  group_wait: ['0s', '1h'],
  group_interval: ['10s', '7d'],
  repeat_interval: ['1m', '7d'],
  throttle: ['10s', '7d'],
  flap_window: ['1m', '7d'],
  window: ['0s', '7d'],
  horizon: ['0s', '365d'],
  max_age: ['0s', '30d'],
  reconnect_grace: ['0s', '1h'],
  after: ['0s', '7d'],
} as const satisfies Readonly<Record<string, readonly [string, string]>>;

/** The duration struct for `key`, bounded by DURATION_LIMITS. */
function limited(key: keyof typeof DURATION_LIMITS): Struct<number, null> {
  const [min, max] = DURATION_LIMITS[key];
  return durationIn(parseDuration(min) as number, parseDuration(max) as number);
}

// ---------------------------------------------------------------------------------------------
// Pieces

const SENSITIVITY_WORDS: Record<string, number> = { low: 0.25, medium: 0.5, high: 0.75 };
const sensitivity = coerce(numberIn(0, 1), unknown(), (v) => (typeof v === 'string' && Object.hasOwn(SENSITIVITY_WORDS, v) ? SENSITIVITY_WORDS[v] : v));

function validMofN(m: unknown, n: unknown): boolean {
  return Number.isInteger(m) && Number.isInteger(n) && (m as number) >= 1 && (m as number) <= (n as number) && (n as number) <= 1000;
}

const mOfN = new Struct<MofN, null>({
  type: 'm_of_n',
  schema: null,
  coercer: (v) => {
    if (typeof v === 'string') {
      const m = /^\s*(\d+)\s*(?:\/|of)\s*(\d+)\s*$/i.exec(v);
      return m && validMofN(Number(m[1]), Number(m[2])) ? { m: Number(m[1]), n: Number(m[2]) } : v;
    }
    if (Array.isArray(v) && v.length === 2 && validMofN(v[0], v[1])) return { m: v[0], n: v[1] };
    return v;
  },
  validator: (v) => {
    const ok = !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 2 && validMofN((v as MofN).m, (v as MofN).n);
    return ok || `expected "M/N" like "3/5" (M of the last N samples, 1 ≤ M ≤ N), got ${describeValue(v)}`;
  },
});

/**
 * Sizes a section may have. Everything a rule says travels in its notifications and its saved
 * state, so it is bounded: a copied config cannot make evaluation slow or the state unloadable.
 */
export const LIMITS = { rules: 200, tiers: 10, servicesPerTier: 10, name: 100, message: 1000 } as const;

/** Service data of a tier: a mapping, at most 4,096 characters as JSON (it is in every notification and saved state). */
const serviceData = new Struct<Record<string, unknown>, null>({
  ...anyMap,
  validator: (value) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return `expected a mapping, got ${describeValue(value)}`;
    let size = Infinity;
    try {
      size = JSON.stringify(value).length;
    } catch {
      return 'expected plain data (text, numbers, lists, mappings)';
    }
    return size <= 4096 || `expected at most 4,096 characters of service data, got ${size.toLocaleString('en')}`;
  },
});

const tierObject = strictObject<NotifyTier>({
  service: listOf(serviceName, 'services', { single: true, max: LIMITS.servicesPerTier }),
  after: withDefault(limited('after'), '0s'),
  data: withDefault(serviceData, {}),
  send_resolved: bool,
  name: textUpTo(LIMITS.name, { nonEmpty: true }),
});
// A bare string is a tier with one service; `send_resolved` / `name` are optional.
const tier: Struct<NotifyTier, unknown> = new Struct<NotifyTier, unknown>({
  ...tierObject,
  coercer: (v, ctx) => {
    const obj = typeof v === 'string' ? { service: v } : v;
    return tierObject.coercer(obj, ctx);
  },
  refiner: (value, ctx) => {
    const allow = allowListFor(ctx.branch);
    if (allow === undefined) return [];
    const denied = value.service.filter((s) => !isServiceAllowed(s, allow));
    return denied.length ? [{ message: notAllowedMessage(denied), path: [...ctx.path, 'service'] }] : [];
  },
  *entries(v, ctx) {
    for (const entry of tierObject.entries(v, ctx)) {
      const [key, value, struct] = entry;
      if ((key === 'send_resolved' || key === 'name') && value === undefined) continue;
      yield [key, value, struct];
    }
  },
});

export const DEFAULT_NOTIFY: readonly NotifyTier[] = [{ after: 0, service: ['persistent_notification.create'], data: {} }];

const notify = coerce(listOf(tier, 'notification tiers', { single: true, max: LIMITS.tiers }), unknown(), (v) => (v === undefined ? DEFAULT_NOTIFY.map((t) => ({ service: [...t.service], after: '0s' })) : v));

/** Defaults shared by every rule type. Durations as people write them; docs are generated from these. */
export const COMMON_DEFAULTS = {
  enabled: true,
  run_in: 'browser' as RunIn,
  entity: [] as string[],
  keep_firing_for: '0s',
  severity: 'warning' as Severity,
  labels: {} as Record<string, string>,
  group_by: ['alertname', 'entity'],
  group_wait: '30s',
  group_interval: '5m',
  repeat_interval: '4h',
  throttle: '5m',
  flap_threshold: 6,
  flap_window: '10m',
} as const;

/** `for` default per rule type: none; anomaly rules are confirmed by the detector's evidence (a single outlier never confirms). */
export const FOR_DEFAULTS: Readonly<Record<RuleType, string>> = { threshold: '0s', trend: '0s', anomaly: '0s', nodata: '0s' };

export const TYPE_DEFAULTS = {
  trend: { window: '1h', horizon: '24h', min_samples: 5 },
  anomaly: { sensitivity: 'medium' },
} as const;

function common(type: RuleType) {
  return {
    name: textUpTo(LIMITS.name, { nonEmpty: true }),
    type: oneOf(RULE_TYPES),
    enabled: withDefault(bool, COMMON_DEFAULTS.enabled),
    run_in: withDefault(oneOf(RUN_IN), COMMON_DEFAULTS.run_in),
    entity: withDefault(listOf(entityId, 'entity ids', { single: true }), []),
    for: withDefault(limited('for'), FOR_DEFAULTS[type]),
    keep_firing_for: withDefault(limited('keep_firing_for'), COMMON_DEFAULTS.keep_firing_for),
    severity: withDefault(severity, COMMON_DEFAULTS.severity),
    labels: withDefault(labelMap, {}),
    message: maybe(textUpTo(LIMITS.message)),
    notify,
    group_by: withDefault(listOf(textUpTo(LIMITS.name, { nonEmpty: true }), 'label names', { single: true, max: 20 }), [...COMMON_DEFAULTS.group_by]),
    group_wait: withDefault(limited('group_wait'), COMMON_DEFAULTS.group_wait),
    group_interval: withDefault(limited('group_interval'), COMMON_DEFAULTS.group_interval),
    repeat_interval: withDefault(limited('repeat_interval'), COMMON_DEFAULTS.repeat_interval),
    throttle: withDefault(limited('throttle'), COMMON_DEFAULTS.throttle),
    flap_threshold: withDefault(numberIn(2, 1000, true), COMMON_DEFAULTS.flap_threshold),
    flap_window: withDefault(limited('flap_window'), COMMON_DEFAULTS.flap_window),
  };
}

const TYPE_KEYS: Record<RuleType, Record<string, Struct<any, any>>> = { // eslint-disable-line @typescript-eslint/no-explicit-any
  threshold: {
    above: maybe(boundedNumber()),
    below: maybe(boundedNumber()),
    recover_below: maybe(boundedNumber()),
    recover_above: maybe(boundedNumber()),
    m_of_n: maybe(mOfN),
  },
  trend: {
    window: withDefault(limited('window'), TYPE_DEFAULTS.trend.window),
    min_gradient: maybe(boundedNumber()),
    direction: maybe(oneOf(['up', 'down', 'either'] as const)),
    limit: maybe(boundedNumber()),
    horizon: withDefault(limited('horizon'), TYPE_DEFAULTS.trend.horizon),
    min_samples: withDefault(numberIn(2, 100000, true), TYPE_DEFAULTS.trend.min_samples),
  },
  anomaly: {
    sensitivity: withDefault(sensitivity, SENSITIVITY_WORDS[TYPE_DEFAULTS.anomaly.sensitivity]),
    input: withDefault(oneOf(ANOMALY_INPUTS), 'auto'),
  },
  nodata: {
    when: withDefault(oneOf(NODATA_WHEN), 'silent'),
    max_age: maybe(limited('max_age')),
  },
};

function elsewhere(type: RuleType): Record<string, string> {
  const out: Record<string, string> = {};
  for (const other of RULE_TYPES) {
    if (other === type) continue;
    for (const key of Object.keys(TYPE_KEYS[other])) {
      if (!Object.hasOwn(TYPE_KEYS[type], key)) out[key] = `"${key}" is for type "${other}" rules, this rule has type "${type}"`;
    }
  }
  return out;
}

type Problem = { message: string; key?: string };

function ruleRefiner(rule: AlertRule): Problem[] {
  const problems: Problem[] = [];
  if (rule.type === 'threshold') {
    if (rule.above === undefined && rule.below === undefined) problems.push({ message: 'a threshold rule needs "above" or "below" (or both)' });
    if (rule.recover_below !== undefined && (rule.above === undefined || rule.recover_below > rule.above))
      problems.push({ key: 'recover_below', message: `${rule.recover_below} needs "above" and must not be greater than it` });
    if (rule.recover_above !== undefined && (rule.below === undefined || rule.recover_above < rule.below))
      problems.push({ key: 'recover_above', message: `${rule.recover_above} needs "below" and must not be less than it` });
    if (rule.above !== undefined && rule.below !== undefined && rule.above <= rule.below) {
      // "above 90 or below 10" is fine; "above 10 or below 90" is always true.
      problems.push({ key: 'above', message: `${rule.above} must be greater than below (${rule.below}), otherwise the rule is always active` });
    }
  }
  if (rule.type === 'trend' && rule.min_gradient === undefined && rule.limit === undefined)
    problems.push({ message: 'a trend rule needs "min_gradient" (units per second) or "limit" (forecast target), or both' });
  if (rule.run_in === 'home_assistant' && rule.enabled) {
    // Refused, never approximated: the reason is shown at `run_in`, where the choice was made.
    const refused = serverRuleRefusal(rule);
    if (refused) problems.push({ key: 'run_in', message: `cannot be home_assistant: ${refused.message}` });
  }
  return problems;
}

function ruleStructFor(type: RuleType): Struct<AlertRule, unknown> {
  const base = strictObject<AlertRule>({ ...common(type), ...TYPE_KEYS[type] }, { elsewhere: elsewhere(type) });
  return new Struct<AlertRule, unknown>({
    ...base,
    refiner: (value, ctx) => ruleRefiner(value).map((p) => ({ message: p.message, path: p.key ? [...ctx.path, p.key] : ctx.path })),
  });
}

const RULE_STRUCTS: Record<RuleType, Struct<AlertRule, unknown>> = {
  threshold: ruleStructFor('threshold'),
  trend: ruleStructFor('trend'),
  anomaly: ruleStructFor('anomaly'),
  nodata: ruleStructFor('nodata'),
};
const ALL_RULE_KEYS = [...new Set(RULE_TYPES.flatMap((t) => Object.keys(RULE_STRUCTS[t].schema as object)))];
// When the type is missing or wrong, report only that (other keys cannot be judged yet).
const TYPE_ONLY = strictObject<AlertRule>({ type: oneOf(RULE_TYPES) }, { passThrough: ALL_RULE_KEYS, what: 'a rule (a mapping with name and type)' });

export const alertRule: Struct<AlertRule, unknown> = dynamic<AlertRule>((value) => {
  const type = value && typeof value === 'object' ? (value as { type?: unknown }).type : undefined;
  // Own keys only: `type: constructor` must not pick Object.prototype.constructor.
  return typeof type === 'string' && Object.hasOwn(RULE_STRUCTS, type) ? RULE_STRUCTS[type as RuleType] : TYPE_ONLY;
}) as Struct<AlertRule, unknown>;

const inhibitRule = strictObject<InhibitRule>({
  source_severity: severity,
  target_severity: listOf(severity, 'severities', { single: true }),
  equal: withDefault(listOf(textUpTo(LIMITS.name, { nonEmpty: true }), 'label names', { single: true, max: 20 }), ['entity']),
});

export const DEFAULT_INHIBIT: readonly InhibitRule[] = [
  { source_severity: 'critical', target_severity: ['warning', 'info'], equal: ['entity'] },
  { source_severity: 'warning', target_severity: ['info'], equal: ['entity'] },
];
export const DEFAULT_RECONNECT_GRACE = '2m';

const rulesList = new Struct<AlertRule[], null>({
  ...listOf(alertRule, 'rules', { max: LIMITS.rules }),
  refiner: (rules, ctx) => {
    const failures: { message: string; path: (string | number)[] }[] = [];
    const seen = new Map<string, number>();
    rules.forEach((rule, i) => {
      const first = seen.get(rule.name);
      if (first !== undefined) failures.push({ message: `duplicate rule name ${JSON.stringify(rule.name)} (also used by rule ${first + 1})`, path: [...ctx.path, i, 'name'] });
      else seen.set(rule.name, i);
    });
    return failures;
  },
});

const sectionObject = strictObject<AlertsConfig>({
  // Before `rules`: the tiers' allow-list check reads the coerced list.
  allow_services: withDefault(listOf(allowEntry, 'services', { single: true, max: 100 }), []),
  rules: rulesList,
  inhibit: withDefault(listOf(inhibitRule, 'inhibit rules', { max: 50 }), DEFAULT_INHIBIT.map((r) => ({ ...r }))),
  reconnect_grace: withDefault(limited('reconnect_grace'), DEFAULT_RECONNECT_GRACE),
});

/** The whole `alerts:` section; a bare list of rules is shorthand for `{ rules: [...] }`. */
export const alertsSection: Struct<AlertsConfig, unknown> = new Struct<AlertsConfig, unknown>({
  ...sectionObject,
  coercer: (v, ctx) => sectionObject.coercer(Array.isArray(v) ? { rules: v } : v === undefined || v === null ? { rules: [] } : v, ctx),
  validator: (v, ctx) => sectionObject.validator(v, ctx),
});

/**
 * What a user gets with no `alerts:` at all: an anomaly rule, confirmed by the detector's own
 * accumulated evidence (a lone outlier never confirms; a strong two-sample episode or a slow drift
 * does), so it needs no `for` (a fixed 30 s outlasted short episodes), and a no-data rule for sensors that turn unavailable or
 * unknown for 5 min. It does not fire on silence: Home Assistant sends only changes, so a steady
 * sensor is silent without being broken (on the NAB corpus the silence rule fired 879 times).
 */
export const DEFAULT_RULES_INPUT: readonly Record<string, unknown>[] = [
  { name: 'anomaly', type: 'anomaly', sensitivity: 'medium', for: '0s', severity: 'warning' },
  { name: 'no_data', type: 'nodata', when: 'unavailable', for: '5m', severity: 'info' },
];

/**
 * Validate a card's `alerts:` section. Paths read as the user wrote it: `alerts[2].for` for the
 * list form, `alerts.rules[2].for` for the mapping form. `prefix` "" drops the leading "alerts".
 */
export function parseAlertsConfig(input: unknown, prefix = 'alerts'): ValidationResult<AlertsConfig> {
  const result = validate(alertsSection, input);
  if (result.ok) return result;
  const listForm = Array.isArray(input);
  const errors = result.errors.map((e) => {
    let path = listForm && e.path.startsWith('rules') ? e.path.slice('rules'.length) : e.path;
    if (prefix) path = path === '' ? prefix : path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
    else if (path.startsWith('.')) path = path.slice(1);
    return { path, message: e.message };
  });
  return { ok: false, errors };
}

function mustParse(input: unknown): AlertsConfig {
  const result = parseAlertsConfig(input);
  if (!result.ok) throw new Error(`internal: default alert rules are invalid: ${JSON.stringify(result.errors)}`);
  return result.value;
}

/** The zero-config rule set, validated (durations in ms, every default filled in). */
export const DEFAULT_RULES: readonly AlertRule[] = Object.freeze(mustParse(DEFAULT_RULES_INPUT).rules);

/** The zero-config section: DEFAULT_RULES plus default inhibit rules and reconnect grace. */
export function defaultAlertsConfig(): AlertsConfig {
  return mustParse(DEFAULT_RULES_INPUT);
}


// ---------------------------------------------------------------------------------------------
// Slot budget

/** Most alert slots (enabled rule × entity it watches) one card may run. */
export const MAX_ALERT_SLOTS = 1000;

/**
 * Does `config` fit the slot budget of a card showing `entities`? Every enabled rule takes one
 * slot per entity it watches: its `entity` list, or every entity of the card when that is empty.
 * Over MAX_ALERT_SLOTS: an error for path "alerts".
 */
export function checkSlotBudget(config: AlertsConfig, entities: readonly string[]): { path: string; message: string } | undefined {
  const cardEntities = new Set(entities).size;
  let rules = 0;
  let wide = 0;
  let listed = 0;
  for (const rule of config.rules) {
    if (!rule.enabled) continue;
    rules++;
    if (rule.entity.length === 0) wide++;
    else listed += new Set(rule.entity).size;
  }
  const total = wide * cardEntities + listed;
  if (total <= MAX_ALERT_SLOTS) return undefined;
  const num = (n: number) => n.toLocaleString('en-US');
  const count = (n: number, one: string, many: string) => `${num(n)} ${n === 1 ? one : many}`;
  const wideText = `${count(wide, 'rule', 'rules')} × ${count(cardEntities, 'entity', 'entities')}`;
  const need =
    listed === 0
      ? `${wideText} = ${num(total)} alert slots`
      : `${count(rules, 'rule needs', 'rules need')} ${num(total)} alert slots (${wide ? `${count(wide, 'card-wide rule', 'card-wide rules')} × ${count(cardEntities, 'entity', 'entities')} + ` : ''}${count(listed, 'listed entity', 'listed entities')})`;
  return { path: 'alerts', message: `${need}, more than the ${num(MAX_ALERT_SLOTS)} a card may run; give rules an "entity" list or split the card` };
}

// ---------------------------------------------------------------------------------------------
// Where rules run

/**
 * The section as a browser's engine runs it: rules with `run_in: home_assistant` are still judged
 * (the cards show their state) but have no notification tiers, because Home Assistant's automation
 * sends for them — a browser sending too would notify twice.
 */
export function browserDelivery(config: AlertsConfig): AlertsConfig {
  const server = (r: AlertRule) => r.run_in === 'home_assistant' && !serverRuleRefusal(r, config);
  if (!config.rules.some(server)) return config;
  // A rule HA refuses (say, inhibited by another rule: a section-level reason) stays with the
  // browser, notifications included: alerting is never silently off.
  return { ...config, rules: config.rules.map((r) => (server(r) ? ({ ...r, notify: [] } as AlertRule) : r)) };
}
