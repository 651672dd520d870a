/**
 * The visual alert-rule editor's model, without the DOM: per rule type the `ha-form` schema (Home
 * Assistant selectors), and the mapping between a rule as written in YAML and the flat form data.
 *
 * The YAML is the truth. `fromFormData(data, previous)` starts from `previous` and writes only the
 * fields whose form value differs from what `toFormData(previous)` showed, so a rule round-trips
 * unchanged (unknown keys, keys the form does not show, "2m" written as "2m", `entity: sensor.cpu`
 * as one string), changing a field changes that key only, and clearing an optional field removes
 * its key. Notification tiers and the section-level keys (inhibit, reconnect_grace,
 * allow_services) are mapped the same way.
 */
import {
  ANOMALY_INPUTS,
  COMMON_DEFAULTS,
  RUN_IN,
  DEFAULT_RECONNECT_GRACE,
  DEFAULT_RULES_INPUT,
  DURATION_LIMITS,
  FOR_DEFAULTS,
  NODATA_WHEN,
  RULE_TYPES,
  SEVERITIES,
  TYPE_DEFAULTS,
  parseAlertsConfig,
  type RuleType,
} from '../../../core/config/alerts';
import { formatDuration, parseDuration } from '../../../core/config/duration';
import { ENGLISH, type Localize, type StringKey } from '../../../ui/localize/index';
import '../../../ui/localize/languages/en-editor';
import type { FormData, FormSchema } from '../editor';

export type RawRule = Record<string, unknown>;
export type RawTier = string | Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Fields

/** `yaml`: any YAML (an empty list is a value, not a cleared field). */
type Kind = 'text' | 'number' | 'bool' | 'select' | 'list' | 'duration' | 'object' | 'yaml' | 'sensitivity' | 'm_of_n' | 'services';

/** Fields every rule type shows at the top. */
export const COMMON_FIELDS = ['name', 'type', 'enabled', 'run_in', 'entity', 'severity', 'for', 'keep_firing_for', 'message'] as const;
/** Fields of the "advanced" expandable. */
export const ADVANCED_FIELDS = ['group_by', 'group_wait', 'group_interval', 'repeat_interval', 'throttle', 'flap_threshold', 'flap_window', 'labels'] as const;
/** Keys only one rule type takes (the schema rejects them on the others). */
export const TYPE_FIELDS: Readonly<Record<RuleType, readonly string[]>> = {
  threshold: ['above', 'below', 'recover_below', 'recover_above', 'm_of_n'],
  trend: ['window', 'min_gradient', 'direction', 'limit', 'horizon', 'min_samples'],
  anomaly: ['sensitivity', 'input'],
  nodata: ['when', 'max_age'],
};
export const TIER_FIELDS = ['service', 'after', 'data', 'send_resolved', 'name'] as const;
export const SECTION_FIELDS = ['reconnect_grace', 'allow_services', 'inhibit'] as const;

const KINDS: Readonly<Record<string, Kind>> = {
  name: 'text',
  type: 'select',
  enabled: 'bool',
  run_in: 'select',
  entity: 'list',
  severity: 'select',
  for: 'duration',
  keep_firing_for: 'duration',
  message: 'text',
  above: 'number',
  below: 'number',
  recover_below: 'number',
  recover_above: 'number',
  m_of_n: 'm_of_n',
  window: 'duration',
  min_gradient: 'number',
  direction: 'select',
  limit: 'number',
  horizon: 'duration',
  min_samples: 'number',
  sensitivity: 'sensitivity',
  input: 'select',
  when: 'select',
  max_age: 'duration',
  group_by: 'list',
  group_wait: 'duration',
  group_interval: 'duration',
  repeat_interval: 'duration',
  throttle: 'duration',
  flap_threshold: 'number',
  flap_window: 'duration',
  labels: 'object',
};
const TIER_KINDS: Readonly<Record<string, Kind>> = { service: 'services', after: 'duration', data: 'object', send_resolved: 'bool', name: 'text' };
const SECTION_KINDS: Readonly<Record<string, Kind>> = { reconnect_grace: 'duration', allow_services: 'list', inhibit: 'yaml' };

/** What the form shows for a key the rule leaves out (the schema's defaults, as people write them). */
function ruleDefaults(type: RuleType | undefined): Record<string, unknown> {
  return {
    enabled: COMMON_DEFAULTS.enabled,
    run_in: COMMON_DEFAULTS.run_in,
    severity: COMMON_DEFAULTS.severity,
    for: type ? FOR_DEFAULTS[type] : '0s',
    keep_firing_for: COMMON_DEFAULTS.keep_firing_for,
    group_by: COMMON_DEFAULTS.group_by,
    group_wait: COMMON_DEFAULTS.group_wait,
    group_interval: COMMON_DEFAULTS.group_interval,
    repeat_interval: COMMON_DEFAULTS.repeat_interval,
    throttle: COMMON_DEFAULTS.throttle,
    flap_threshold: COMMON_DEFAULTS.flap_threshold,
    flap_window: COMMON_DEFAULTS.flap_window,
    window: TYPE_DEFAULTS.trend.window,
    horizon: TYPE_DEFAULTS.trend.horizon,
    min_samples: TYPE_DEFAULTS.trend.min_samples,
    sensitivity: TYPE_DEFAULTS.anomaly.sensitivity,
    input: ANOMALY_INPUTS[0],
    when: NODATA_WHEN[0],
  };
}
const SECTION_DEFAULTS: Record<string, unknown> = { reconnect_grace: DEFAULT_RECONNECT_GRACE };

export function isRuleType(value: unknown): value is RuleType {
  return typeof value === 'string' && (RULE_TYPES as readonly string[]).includes(value);
}

/** The form fields of a rule of `type` (an unknown type: the common and advanced ones). */
export function ruleFields(type: unknown): string[] {
  return [...COMMON_FIELDS, ...(isRuleType(type) ? TYPE_FIELDS[type] : []), ...ADVANCED_FIELDS];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------
// Durations

/** HA's duration selector value: `{ days?, hours, minutes, seconds, milliseconds? }`. */
export interface DurationData {
  days?: number;
  hours: number;
  minutes: number;
  seconds: number;
  milliseconds?: number;
}

/** A duration as written ("1h30m", 90, "00:05:00", {minutes: 5}) → the selector's value; `undefined` when it is none. */
export function durationToForm(raw: unknown): DurationData | undefined {
  const ms = parseDuration(raw);
  if (ms === undefined) return undefined;
  let rest = ms;
  const days = Math.floor(rest / 86_400_000);
  rest -= days * 86_400_000;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const milliseconds = rest - seconds * 1000;
  const out: DurationData = { hours, minutes, seconds };
  if (days) out.days = days;
  if (milliseconds) out.milliseconds = milliseconds;
  return out;
}

/** The selector's value → a duration as people write it ("1h30m"); `undefined` when cleared or not a duration. */
export function durationFromForm(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const ms = parseDuration(value);
  return ms === undefined ? undefined : formatDuration(ms);
}

// ---------------------------------------------------------------------------------------------
// One field: YAML value ↔ form value

function mOfNText(raw: unknown): unknown {
  if (Array.isArray(raw) && raw.length === 2) return `${raw[0]}/${raw[1]}`;
  if (isRecord(raw) && 'm' in raw && 'n' in raw) return `${raw.m}/${raw.n}`;
  return raw;
}

/** The form value of a YAML value of `kind` (undefined: the field is empty). */
function toField(kind: Kind, raw: unknown): unknown {
  if (raw === undefined || raw === null) return undefined;
  switch (kind) {
    case 'duration':
      return durationToForm(raw);
    case 'list':
    case 'services':
      return Array.isArray(raw) ? raw : [raw];
    case 'sensitivity':
      return typeof raw === 'number' ? String(raw) : raw;
    case 'm_of_n':
      return mOfNText(raw);
    default:
      return raw;
  }
}

function isCleared(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0) ||
    (isRecord(value) && Object.keys(value).length === 0)
  );
}

/** The YAML value for a form value of `kind`; `undefined` = remove the key. */
function fromField(kind: Kind, value: unknown): unknown {
  if (kind === 'yaml') return value === null || value === '' ? undefined : value;
  if (isCleared(value)) return undefined;
  switch (kind) {
    case 'duration':
      return durationFromForm(value);
    case 'number':
      return typeof value === 'string' && Number.isFinite(Number(value)) ? Number(value) : value;
    case 'sensitivity':
      return typeof value === 'string' && /^\s*-?[\d.]+\s*$/.test(value) && Number.isFinite(Number(value)) ? Number(value) : value;
    case 'm_of_n':
    case 'text':
      return typeof value === 'string' && kind === 'm_of_n' ? value.trim() : value;
    case 'services':
      return Array.isArray(value) && value.length === 1 ? value[0] : value;
    default:
      return value;
  }
}

/** Does the form value equal what the form showed (compared as the YAML means it)? */
function sameField(kind: Kind, shown: unknown, value: unknown): boolean {
  if (kind === 'duration') {
    const a = shown === undefined ? undefined : parseDuration(shown);
    const b = isCleared(value) ? undefined : parseDuration(value);
    return a === b && (a !== undefined || isCleared(shown) === isCleared(value));
  }
  if (kind === 'number' && typeof shown === 'number' && typeof value === 'string' && value.trim() !== '') return Number(value) === shown;
  return JSON.stringify(shown) === JSON.stringify(value);
}

/** `previous` with the fields whose form value changed written (or removed when cleared). */
function applyFields(previous: Record<string, unknown>, data: FormData, kinds: Readonly<Record<string, Kind>>, fields: readonly string[], defaults: Record<string, unknown>): Record<string, unknown> {
  const next: Record<string, unknown> = { ...previous };
  for (const key of fields) {
    const kind = kinds[key];
    const shown = toField(kind, Object.hasOwn(previous, key) ? previous[key] : defaults[key]);
    if (sameField(kind, shown, data[key])) continue;
    const value = fromField(kind, data[key]);
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return next;
}

function formDataOf(raw: Record<string, unknown>, kinds: Readonly<Record<string, Kind>>, fields: readonly string[], defaults: Record<string, unknown>): FormData {
  const data: FormData = {};
  for (const key of fields) {
    const value = toField(kinds[key], Object.hasOwn(raw, key) ? raw[key] : defaults[key]);
    if (value !== undefined) data[key] = value;
  }
  return data;
}

// ---------------------------------------------------------------------------------------------
// Rules

/** A rule as written → the flat form data (defaults filled in for the keys it leaves out). */
export function toFormData(rule: RawRule): FormData {
  const type = isRuleType(rule.type) ? rule.type : undefined;
  return formDataOf(rule, KINDS, ruleFields(rule.type), ruleDefaults(type));
}

/**
 * The form data → the rule, starting from `previous`: fields the user did not change keep their
 * YAML as written, cleared ones lose their key. A new `type` drops the keys of the old type only.
 */
export function fromFormData(data: FormData, previous: RawRule): RawRule {
  const oldType = previous.type;
  const newType = data.type;
  let base: RawRule = previous;
  if (newType !== oldType && isRuleType(newType)) {
    base = { ...previous, type: newType };
    if (isRuleType(oldType)) for (const key of TYPE_FIELDS[oldType]) if (!TYPE_FIELDS[newType].includes(key)) delete base[key];
    const fields = ruleFields(newType).filter((k) => k !== 'type' && !TYPE_FIELDS[newType].includes(k));
    // The form's data still holds the old type's fields; the new type's start empty.
    return applyFields(base, data, KINDS, fields, ruleDefaults(isRuleType(oldType) ? oldType : undefined));
  }
  const type = isRuleType(oldType) ? oldType : undefined;
  return applyFields(base, data, KINDS, ruleFields(oldType), ruleDefaults(type));
}

// ---------------------------------------------------------------------------------------------
// Notification tiers

/** The tiers of a rule's `notify` as written: `undefined` when it has none (the default tier applies). */
export function tiersOf(notify: unknown): RawTier[] | undefined {
  if (notify === undefined || notify === null) return undefined;
  if (Array.isArray(notify)) return notify as RawTier[];
  return [notify as RawTier];
}

/** `notify` with `tiers`, in the form it was written: one bare tier stays bare. */
export function withTiers(previous: unknown, tiers: RawTier[]): unknown {
  if (!Array.isArray(previous) && previous !== undefined && previous !== null && tiers.length === 1) return tiers[0];
  return tiers;
}

export function tierToFormData(tier: RawTier): FormData {
  return formDataOf(typeof tier === 'string' ? { service: tier } : isRecord(tier) ? tier : {}, TIER_KINDS, TIER_FIELDS, {});
}

/** Form data → the tier; a bare service string stays a string while only its service is set. */
export function tierFromFormData(data: FormData, previous: RawTier): RawTier {
  const wasString = typeof previous === 'string';
  const base = wasString ? { service: previous } : isRecord(previous) ? previous : {};
  const next = applyFields(base, data, TIER_KINDS, TIER_FIELDS, {});
  if (wasString && Object.keys(next).length === 1 && typeof next.service === 'string') return next.service;
  return next;
}

/** A new tier: the first one notifies at once, later ones escalate after 10 minutes. */
export function newTier(service: string, index: number): RawTier {
  return index === 0 ? service : { service, after: '10m' };
}

/**
 * The services a tier may pick: `notify.*` from `hass.services`, persistent notifications, and
 * what `allow_services` lets in (a whole domain: its services in `hass.services`).
 */
export function serviceOptions(services: Record<string, Record<string, unknown>> | undefined, allow: readonly string[] = []): string[] {
  const out = new Set<string>();
  for (const name of Object.keys(services?.notify ?? {}).sort()) out.add(`notify.${name}`);
  out.add('persistent_notification.create');
  for (const entry of allow) {
    if (entry.endsWith('.*')) {
      const domain = entry.slice(0, -2);
      for (const name of Object.keys(services?.[domain] ?? {}).sort()) out.add(`${domain}.${name}`);
    } else out.add(entry);
  }
  return [...out];
}

// ---------------------------------------------------------------------------------------------
// The section: list form or mapping form, as written

/** The rules of an `alerts:` value; `undefined` when it is neither a list nor a mapping with a list of rules. */
export function rulesOf(value: unknown): unknown[] | undefined {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  if (isRecord(value)) return value.rules === undefined ? [] : Array.isArray(value.rules) ? value.rules : undefined;
  return undefined;
}

/** `value` with its rules replaced, keeping the form the user wrote (list or mapping). */
export function withRules(value: unknown, rules: unknown[]): unknown {
  return isRecord(value) ? { ...value, rules } : rules;
}

/** The section-level keys as form data. */
export function sectionToFormData(value: unknown): FormData {
  return formDataOf(isRecord(value) ? value : {}, SECTION_KINDS, SECTION_FIELDS, SECTION_DEFAULTS);
}

/** Section form data → the `alerts:` value; a list turns into the mapping form only when a section key is set. */
export function sectionFromFormData(data: FormData, value: unknown): unknown {
  const base = isRecord(value) ? value : {};
  const next = applyFields(base, data, SECTION_KINDS, SECTION_FIELDS, SECTION_DEFAULTS);
  if (isRecord(value)) return next;
  if (Object.keys(next).length === 0) return value;
  return { rules: rulesOf(value) ?? [], ...next };
}

/** The section's `allow_services` as a list (for the preview and the service picker). */
export function allowServicesOf(value: unknown): string[] {
  const raw = isRecord(value) ? value.allow_services : undefined;
  const list = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : [];
  return list.filter((s): s is string => typeof s === 'string');
}

// ---------------------------------------------------------------------------------------------
// New rules

/** Starting values per type: each validates as it is. */
const STARTERS: Readonly<Record<RuleType, RawRule>> = {
  threshold: { type: 'threshold', above: 90, for: '5m', severity: 'warning' },
  trend: { type: 'trend', limit: 90, horizon: '24h', severity: 'warning' },
  anomaly: { type: 'anomaly', sensitivity: 'medium', severity: 'warning' },
  nodata: { type: 'nodata', when: 'unavailable', for: '5m', severity: 'info' },
};

function namesOf(rules: readonly unknown[]): Set<string> {
  return new Set(rules.map((r) => (isRecord(r) && typeof r.name === 'string' ? r.name : '')).filter((n) => n !== ''));
}

/** `base`, or `base_2`, `base_3`… whichever no rule uses yet. */
export function uniqueName(base: string, rules: readonly unknown[]): string {
  const taken = namesOf(rules);
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`;
}

export function newRule(type: RuleType, rules: readonly unknown[]): RawRule {
  const { type: _type, ...rest } = STARTERS[type];
  return { name: uniqueName(type === 'nodata' ? 'no_data' : type, rules), type, ...rest };
}

/** A copy of `rule` under a new unique name. */
export function duplicateRule(rule: RawRule, rules: readonly unknown[]): RawRule {
  const base = typeof rule.name === 'string' && rule.name !== '' ? `${rule.name}_copy` : 'rule_copy';
  return { ...structuredClone(rule), name: uniqueName(base, rules) };
}

/** The zero-config rules as YAML, to start editing from. */
export function defaultRules(): RawRule[] {
  return DEFAULT_RULES_INPUT.map((r) => ({ ...r }));
}

// ---------------------------------------------------------------------------------------------
// Errors at their fields

export interface RuleErrors {
  /** Form field → message (several joined by a line break). */
  fields: Record<string, string>;
  /** Messages that belong to no field of the form (the rule as a whole, keys the form does not show). */
  rule: string[];
  /** Tier index → field → message; `base` for the tier as a whole. */
  tiers: Record<number, Record<string, string>>;
}

function add(record: Record<string, string>, key: string, message: string): void {
  record[key] = record[key] ? `${record[key]}\n${message}` : message;
}

const RULE_PATH = /^alerts(?:\.rules)?\[(\d+)\](.*)$/;
const KEY = /^\.([^.[]+)(.*)$/;
const TIER = /^\[(\d+)\](?:\.([^.[]+))?(.*)$/;

const withRest = (rest: string, message: string) => (rest ? `${rest.replace(/^\./, '')}: ${message}` : message);

/** The errors `parseAlertsConfig` reports for rule `index` of `alerts` (as written), at the form's fields. */
export function ruleErrors(alerts: unknown, index: number): RuleErrors {
  const out: RuleErrors = { fields: {}, rule: [], tiers: {} };
  const result = parseAlertsConfig(alerts);
  if (result.ok) return out;
  const rule = (rulesOf(alerts) ?? [])[index];
  const shown = new Set(ruleFields(isRecord(rule) ? rule.type : undefined));
  for (const error of result.errors) {
    const match = RULE_PATH.exec(error.path);
    if (!match || Number(match[1]) !== index) continue;
    const keyMatch = KEY.exec(match[2]);
    if (!keyMatch) {
      out.rule.push(withRest(match[2], error.message));
      continue;
    }
    const [, key, rest] = keyMatch;
    const tier = key === 'notify' ? TIER.exec(rest) : null;
    if (tier) {
      const tiers = (out.tiers[Number(tier[1])] ??= {});
      if (tier[2] && (TIER_FIELDS as readonly string[]).includes(tier[2])) add(tiers, tier[2], withRest(tier[3], error.message));
      else add(tiers, 'base', withRest(`${tier[2] ?? ''}${tier[3]}`, error.message));
    } else if (shown.has(key) || key === 'notify') add(out.fields, key, withRest(rest, error.message));
    else out.rule.push(`${key}${rest}: ${error.message}`);
  }
  return out;
}

/**
 * Field → message for rule `index` of `alerts`, in the schema's words: what `ha-form`'s `error`
 * takes. Messages that belong to no field of the form are under `base` (ha-form shows it on top).
 */
export function ruleFieldErrors(alerts: unknown, index: number): Record<string, string> {
  const { fields, rule } = ruleErrors(alerts, index);
  const out = { ...fields };
  if (rule.length) out.base = rule.join('\n');
  return out;
}

/** Field → message for the section-level keys (`base`: the section as a whole and keys the form does not show). */
export function sectionFieldErrors(alerts: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const result = parseAlertsConfig(alerts);
  if (result.ok) return out;
  for (const error of result.errors) {
    if (RULE_PATH.test(error.path)) continue;
    const match = /^alerts(?:\.([^.[]+))?(.*)$/.exec(error.path);
    if (!match) continue;
    const [, key, rest] = match;
    if (key && (SECTION_FIELDS as readonly string[]).includes(key)) add(out, key, withRest(rest, error.message));
    else add(out, 'base', key ? `${key}${rest}: ${error.message}` : withRest(rest, error.message));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Schemas

export interface RuleSchemaOptions {
  /** Unit of the watched entity, shown next to the numbers. */
  unit?: string;
  /** Offer `run_in` (only an alerts card creates Home Assistant automations). */
  runIn?: boolean;
}

const DAY_MS = 86_400_000;
function durationSelector(key: keyof typeof DURATION_LIMITS): Record<string, unknown> {
  const max = parseDuration(DURATION_LIMITS[key][1]) ?? 0;
  return { duration: { enable_day: max >= DAY_MS, enable_second: true } };
}

function numberSelector(unit?: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { number: { mode: 'box', step: 'any', ...(unit ? { unit_of_measurement: unit } : {}), ...extra } };
}

function options(values: readonly string[], t: Localize, prefix: string): { value: string; label: string }[] {
  return values.map((value) => ({ value, label: t(`${prefix}.${value}` as StringKey) }));
}

function typeSchema(type: RuleType, t: Localize, unit?: string): FormSchema[] {
  switch (type) {
    case 'threshold':
      return [
        {
          name: '',
          type: 'grid',
          schema: [
            { name: 'above', selector: numberSelector(unit) },
            { name: 'below', selector: numberSelector(unit) },
            { name: 'recover_below', selector: numberSelector(unit) },
            { name: 'recover_above', selector: numberSelector(unit) },
          ],
        },
        { name: 'm_of_n', selector: { text: {} } },
      ];
    case 'trend':
      return [
        {
          name: '',
          type: 'grid',
          schema: [
            { name: 'min_gradient', selector: numberSelector(unit ? `${unit}/s` : undefined) },
            { name: 'direction', selector: { select: { mode: 'dropdown', options: options(['up', 'down', 'either'], t, 'editor.rules.direction') } } },
            { name: 'limit', selector: numberSelector(unit) },
            { name: 'min_samples', selector: { number: { mode: 'box', min: 2, max: 100000, step: 1 } } },
          ],
        },
        { name: 'horizon', selector: durationSelector('horizon') },
        { name: 'window', selector: durationSelector('window') },
      ];
    case 'anomaly':
      return [
        { name: 'sensitivity', selector: { select: { mode: 'dropdown', custom_value: true, options: options(['low', 'medium', 'high'], t, 'editor.rules.sensitivity') } } },
        { name: 'input', selector: { select: { mode: 'dropdown', options: options(ANOMALY_INPUTS, t, 'editor.rules.input') } } },
      ];
    case 'nodata':
      return [
        { name: 'when', selector: { select: { mode: 'dropdown', options: options(NODATA_WHEN, t, 'editor.rules.when') } } },
        { name: 'max_age', selector: durationSelector('max_age') },
      ];
  }
}

/** The advanced fields (grouping, repeats, flapping, labels). */
export function advancedSchema(): FormSchema[] {
  return [
    { name: 'group_by', selector: { select: { multiple: true, custom_value: true, options: ['alertname', 'entity', 'severity'] } } },
    { name: 'group_wait', selector: durationSelector('group_wait') },
    { name: 'group_interval', selector: durationSelector('group_interval') },
    { name: 'repeat_interval', selector: durationSelector('repeat_interval') },
    { name: 'throttle', selector: durationSelector('throttle') },
    { name: 'flap_threshold', selector: { number: { mode: 'box', min: 2, max: 1000, step: 1 } } },
    { name: 'flap_window', selector: durationSelector('flap_window') },
    { name: 'labels', selector: { object: {} } },
  ];
}

/** The main fields of a rule of `type` (an unknown type: the common ones). */
export function mainSchema(type: unknown, t: Localize = ENGLISH, opts: RuleSchemaOptions = {}): FormSchema[] {
  return [
    {
      name: '',
      type: 'grid',
      schema: [
        { name: 'name', required: true, selector: { text: {} } },
        { name: 'type', required: true, selector: { select: { mode: 'dropdown', options: options(RULE_TYPES, t, 'editor.rules.type') } } },
      ],
    },
    { name: 'entity', selector: { entity: { multiple: true } } },
    ...(isRuleType(type) ? typeSchema(type, t, opts.unit) : []),
    {
      name: '',
      type: 'grid',
      schema: [
        { name: 'severity', selector: { select: { mode: 'dropdown', options: SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) })) } } },
        { name: 'enabled', selector: { boolean: {} } },
      ],
    },
    ...(opts.runIn ? [{ name: 'run_in', selector: { select: { mode: 'dropdown', options: options(RUN_IN, t, 'editor.rules.run_in') } } }] : []),
    // Durations each on a row of their own: with days, two side by side overflow the dialog's editor column.
    { name: 'for', selector: durationSelector('for') },
    { name: 'keep_firing_for', selector: durationSelector('keep_firing_for') },
    { name: 'message', selector: { text: { multiline: true } } },
  ];
}

/** The whole rule form as one `ha-form` schema: the main fields and the advanced ones in an expandable. */
export function ruleSchema(type: unknown, t: Localize = ENGLISH, opts: RuleSchemaOptions = {}): FormSchema[] {
  return [...mainSchema(type, t, opts), { name: '', type: 'expandable', title: t('editor.rules.advanced'), icon: 'mdi:tune', schema: advancedSchema() }];
}

export function tierSchema(services: readonly string[]): FormSchema[] {
  return [
    { name: 'service', required: true, selector: { select: { multiple: true, custom_value: true, options: [...services] } } },
    { name: 'after', selector: durationSelector('after') },
    { name: 'name', selector: { text: {} } },
    { name: 'send_resolved', selector: { boolean: {} } },
    { name: 'data', selector: { object: {} } },
  ];
}

export function sectionSchema(): FormSchema[] {
  return [
    { name: 'reconnect_grace', selector: durationSelector('reconnect_grace') },
    { name: 'allow_services', selector: { select: { multiple: true, custom_value: true, options: [] } } },
    { name: 'inhibit', selector: { object: {} } },
  ];
}

/** Field → label key of the rule form. */
export const RULE_LABELS: Readonly<Record<string, StringKey>> = Object.fromEntries(
  Object.keys(KINDS).map((k) => [k, `editor.rules.field.${k}` as StringKey]),
);
export const RULE_HELPERS: Readonly<Record<string, StringKey>> = {
  entity: 'editor.rules.helper.entity',
  run_in: 'editor.rules.helper.run_in',
  message: 'editor.rules.helper.message',
  m_of_n: 'editor.rules.helper.m_of_n',
  min_gradient: 'editor.rules.helper.min_gradient',
  sensitivity: 'editor.rules.helper.sensitivity',
  max_age: 'editor.rules.helper.max_age',
};
export const TIER_LABELS: Readonly<Record<string, StringKey>> = Object.fromEntries(TIER_FIELDS.map((k) => [k, `editor.rules.tier.${k}` as StringKey]));
export const SECTION_LABELS: Readonly<Record<string, StringKey>> = Object.fromEntries(SECTION_FIELDS.map((k) => [k, `editor.rules.section.${k}` as StringKey]));

// ---------------------------------------------------------------------------------------------
// One-line summary

function shownDuration(raw: unknown): string {
  const ms = parseDuration(raw);
  if (typeof raw === 'string' && ms !== undefined && /^[\d.]+(ms|s|m|h|d|w)/.test(raw.trim())) return raw.trim();
  return ms === undefined ? String(raw) : formatDuration(ms);
}

function shown(raw: unknown): string {
  return typeof raw === 'string' || typeof raw === 'number' ? String(raw) : JSON.stringify(raw);
}

/** "above 90 for 2m → notify.mobile_app_x": what the rule watches and whom it tells. */
export function ruleSummary(rule: unknown, t: Localize = ENGLISH): string {
  if (!isRecord(rule)) return t('editor.rules.summary.incomplete');
  const has = (key: string) => rule[key] !== undefined && rule[key] !== null && rule[key] !== '';
  let condition = '';
  switch (rule.type) {
    case 'threshold': {
      const parts = [
        ...(has('above') ? [t('editor.rules.summary.above', { value: shown(rule.above) })] : []),
        ...(has('below') ? [t('editor.rules.summary.below', { value: shown(rule.below) })] : []),
      ];
      condition = parts.length === 2 ? t('editor.rules.summary.or', { first: parts[0], second: parts[1] }) : (parts[0] ?? '');
      if (condition && has('m_of_n')) condition = t('editor.rules.summary.m_of_n', { condition, m_of_n: shown(mOfNText(rule.m_of_n)) });
      break;
    }
    case 'trend': {
      const parts = [
        ...(has('min_gradient') ? [t('editor.rules.summary.gradient', { value: shown(rule.min_gradient) })] : []),
        ...(has('limit') ? [t('editor.rules.summary.limit', { value: shown(rule.limit), duration: shownDuration(rule.horizon ?? TYPE_DEFAULTS.trend.horizon) })] : []),
      ];
      condition = parts.length === 2 ? t('editor.rules.summary.or', { first: parts[0], second: parts[1] }) : (parts[0] ?? '');
      break;
    }
    case 'anomaly': {
      const level = rule.sensitivity ?? TYPE_DEFAULTS.anomaly.sensitivity;
      const word = typeof level === 'string' && ['low', 'medium', 'high'].includes(level) ? t(`editor.rules.sensitivity.${level}` as StringKey).toLowerCase() : shown(level);
      condition = t('editor.rules.summary.anomaly', { level: word });
      break;
    }
    case 'nodata':
      condition =
        rule.when === 'unavailable'
          ? t('editor.rules.summary.unavailable')
          : has('max_age')
            ? t('editor.rules.summary.silent', { duration: shownDuration(rule.max_age) })
            : t('editor.rules.summary.silent_auto');
      break;
  }
  if (!condition) return t('editor.rules.summary.incomplete');
  if (has('for') && parseDuration(rule.for) !== 0) condition = t('editor.rules.summary.for', { condition, duration: shownDuration(rule.for) });
  const tiers = tiersOf(rule.notify);
  const services = tiers === undefined ? ['persistent_notification.create'] : tiers.flatMap((tier) => tiersServices(tier));
  return services.length ? t('editor.rules.summary.notify', { condition, services: [...new Set(services)].join(', ') }) : t('editor.rules.summary.no_notify', { condition });
}

function tiersServices(tier: RawTier): string[] {
  const service = typeof tier === 'string' ? tier : isRecord(tier) ? tier.service : undefined;
  return (Array.isArray(service) ? service : [service]).filter((s): s is string => typeof s === 'string');
}

// ---------------------------------------------------------------------------------------------
// Writing the section into a card config

/**
 * `config` with `alerts` set to `value`, every other key kept. A card that had no `alerts:` when
 * the editor opened and whose rules were all removed again gets no empty key (no `alerts:` means
 * something else than an empty list: the default rules on the alerts card).
 */
export function withAlerts<C extends Record<string, unknown>>(config: C, value: unknown, hadAlerts: boolean): C {
  const next: Record<string, unknown> = { ...config };
  if (value === undefined || (!hadAlerts && Array.isArray(value) && value.length === 0)) delete next.alerts;
  else next.alerts = value;
  return next as C;
}
