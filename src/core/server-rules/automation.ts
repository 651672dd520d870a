/**
 * Rules that run in Home Assistant: one alert rule × one entity → one HA automation config, as HA's
 * automation config API (the automation editor's) stores it. Pure: no DOM, no HA.
 *
 * Syntax: what HA 2024.3 and 2026.11 both accept — `trigger:` / `action:` lists, every trigger with
 * `platform:`, `service:` calls. Never `triggers:` / `actions:` / `trigger: state` (2024.3 rejects them).
 *
 * Shape (threshold; no-data `when: unavailable` is the same with other templates; a trend rule's
 * trigger is its Trend helper's binary sensor turning on, its recovery that sensor off):
 *
 *   mode: single, max_exceeded: silent        one run = one firing episode; a breach during it is no news
 *   trigger: the breach, held for `for`       numeric_state above/below (a two-sided rule: a template,
 *                                             because numeric_state with both means "between")
 *   action:
 *     variables: fired_at                     the run starts exactly when the browser rule fires
 *     parallel:
 *       - recovery: wait_for_trigger (template "recovered", for: keep_firing_for), then the event
 *         `ha_vitals_resolved` {automation: id} that ends every other branch, then the resolved
 *         notice (if the firing notice went out) after group_interval, to the tiers that were
 *         reached and that send resolved notices (the planner's `sendsResolved`)
 *       - the firing notice: wait for that event with timeout group_wait; sent only on timeout
 *       - one branch per later tier: the same, timeout = when the planner would escalate
 *         (max(group_wait, every `after` up to this tier): tiers go out in order)
 *
 * Each branch listens from the start of the run, so no step's own service call can hide the end of
 * the episode from it (a chain of waits would re-attach between tiers). A failing `condition` ends
 * only its own branch. The run ends when every branch has: at the resolution, or after the last
 * tier while firing (then the recovery branch alone keeps the run).
 *
 * Recovery is a template (value ≤ recover_below and ≥ recover_above): numeric_state's `below` is
 * strict, the browser's recovery is "≤". `is_number` makes an unavailable/unknown state count as
 * not recovered, so the wait holds through a gap, as the browser's rule does. The breach uses
 * numeric_state: "active when value > above" is its strict `above` exactly.
 *
 * Titles, messages, `tag` (notify.*) and `notification_id` (persistent_notification.*) are the
 * planner's (planner.ts) with the alert hub's scope tag (`ctx.tag`), so a phone collapses the HA
 * notice and a browser's into one. Values are rendered by HA templates at send time; literal text
 * (rule names, messages) is escaped so it is never a template.
 *
 * Known differences, by HA's nature (docs/alerts.md):
 *  - An HA restart or a reload of the automation (every edit) mid-episode loses the run's memory:
 *    no escalation and no resolved notice for that episode; and numeric_state does not fire for a
 *    breach already in progress when it is attached (it fires on the next crossing).
 *  - A gap (unavailable/unknown) while the breach is pending restarts `for` in HA (numeric_state
 *    needs a number); the browser keeps counting through gaps. A gap during keep_firing_for restarts
 *    that wait likewise. Without gaps the times are the browser's (test/core/server-rules).
 *
 * What is carried: for, keep_firing_for, severity, message, notify (after, service, data,
 * send_resolved), group_wait and group_interval for the one alert (the group is one alert when
 * group_by holds alertname and entity; then these only delay its notices), repeat_interval in the
 * timing of the resolved notice. Refused (`ok: false`, the key named; never approximated):
 * m_of_n, anomaly rules, trend rules HA's Trend helper cannot judge (a limit forecast, direction
 * either, no min_gradient), no-data `when: silent`, group_by without alertname and entity
 * (one notice for several alerts), a rule another rule of the section can inhibit.
 * Not carried, and said so in `notes` and the description: what paces notices *across* episodes
 * (each run knows only its own episode): repeat reminders ("Still firing"), throttle, flap pacing,
 * and group_interval between one episode's last notice and the next one's firing notice; labels
 * (they only feed grouping, silences, inhibition). These decide how often a person is told, never
 * whether an alert is told at all, so the rule is run and the card lists them.
 * Acknowledgements stop the browser's escalation; for HA, `ServerRuleContext.escalationCondition`
 * (a template) is checked before each later tier.
 */
import type { AlertRule, AlertsConfig, NotifyTier, ThresholdRule } from '../config/alerts.js';
import { trendHelperFor, trendHelperYaml, type TrendHelper } from './trend-helper.js';
import { fnv1a64 } from '../alerts/intent-id.js';
import { notifyTagOf, withNotifyTag } from '../alerts/notify-tag.js';
import { serverRuleRefusal as refusal } from './refusal.js';
import { formatDuration } from '../config/duration.js';
import { formatCompact } from '../format/number.js';

export const SERVER_AUTOMATION_PREFIX = 'ha_vitals_';
/** Fired by an automation's recovery branch; ends its waiting notice branches. */
export const RESOLVED_EVENT = 'ha_vitals_resolved';

export interface ServerRuleContext {
  /** The card's scope (its title, else "alerts"): part of every id. */
  scope: string;
  cardTitle?: string;
  /** The alert hub's scope tag (fnv1a64(scope id), 10 hex): in `tag` / `notification_id` as the browser path. */
  tag?: string;
  /** A template that is true while later tiers may still go out (e.g. not acknowledged in the shared alert state). */
  escalationCondition?: (alertKey: string) => string;
}

/** `config` = exactly what HA's automation config API stores (id, alias, description, mode, trigger, condition, action). */
export interface ServerAutomation {
  id: string;
  alias: string;
  description: string;
  config: Record<string, unknown>;
}

export type ServerTranslation =
  /** `helper`: the Trend helper a trend rule's automation follows (made before the automation is saved). */
  | { ok: true; rule: string; entity: string; automation: ServerAutomation; notes: string[]; helper?: TrendHelper }
  | { ok: false; rule: string; entity?: string; key?: string; message: string };

// ---------------------------------------------------------------------------------------------
// Ids

function slug(text: string, max: number): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, max)
    .replace(/_+$/, '');
  return s || 'x';
}

/** Every automation id of this card's scope starts with this. */
export function serverScopePrefix(ctx: ServerRuleContext): string {
  return `${SERVER_AUTOMATION_PREFIX}${slug(ctx.scope, 20)}_${fnv1a64(ctx.scope).slice(0, 6)}_`;
}

/** Stable across edits of the rule's thresholds, distinct per (scope, rule, entity); at most 100 characters. */
export function serverAutomationId(ctx: ServerRuleContext, rule: string, entity: string): string {
  return `${serverScopePrefix(ctx)}${slug(rule, 20)}_${slug(entity, 30)}_${fnv1a64(`${ctx.scope}\u0000${rule}\u0000${entity}`).slice(0, 8)}`;
}

// ---------------------------------------------------------------------------------------------
// Templates

/** Literal text inside a template: never read as Jinja. */
function lit(text: string): string {
  if (!/[{}%#]/.test(text)) return text;
  return `{{ '${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}' }}`;
}

function num(n: number): string {
  return String(n);
}

const st = (entity: string) => `states('${entity}')`;
/** The state as the planner's formatValue shows it (2 decimals, no trailing ".0"); the text itself when not a number. */
const valueText = (entity: string) =>
  `{{ ((${st(entity)}|float(0))|round(2)|string)|regex_replace('\\\\.0$', '') if is_number(${st(entity)}) else ${st(entity)} }}`;

/** HA time period dict for `for` / `timeout`. */
export function period(ms: number): Record<string, number> {
  let rest = Math.max(0, Math.round(ms));
  const out: Record<string, number> = {};
  for (const [unit, size] of [['hours', 3_600_000], ['minutes', 60_000], ['seconds', 1000], ['milliseconds', 1]] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n) out[unit] = n;
  }
  return Object.keys(out).length ? out : { seconds: 0 };
}

const seconds = (ms: number) => num(ms / 1000);

/** The planner's formatDuration, in Jinja, of `expr` seconds. */
function jinjaDuration(expr: string): string {
  return `{% set s = (${expr})|round|int %}{% set d, h, m, x = s // 86400, s % 86400 // 3600, s % 3600 // 60, s % 60 %}{{ ((d ~ 'd') if d else '') ~ ((h ~ 'h') if h else '') ~ ((m ~ 'm') if m else '') ~ ((x ~ 's') if x else '') or '0s' }}`;
}

// ---------------------------------------------------------------------------------------------
// Rule → conditions

interface Conditions {
  trigger: Record<string, unknown>;
  /** Template: recovered (the alert clears). */
  recovered: string;
  /** The reason text while firing / once recovered, and the value, as Jinja. */
  firingReason: string;
  recoveredReason: string;
  firingValue: (afterMs: number) => string;
  resolvedValue: string;
}

function thresholdConditions(rule: ThresholdRule, entity: string): Conditions {
  const { above, below } = rule;
  const rA = rule.recover_below ?? above;
  const rB = rule.recover_above ?? below;
  const s = st(entity);
  const f = `${s}|float(0)`;
  let trigger: Record<string, unknown>;
  if (above !== undefined && below !== undefined) {
    trigger = { platform: 'template', value_template: `{{ is_number(${s}) and (${f} > ${num(above)} or ${f} < ${num(below)}) }}` };
  } else if (above !== undefined) trigger = { platform: 'numeric_state', entity_id: entity, above };
  else trigger = { platform: 'numeric_state', entity_id: entity, below: below as number };
  const parts = [`is_number(${s})`];
  if (rA !== undefined) parts.push(`${f} <= ${num(rA)}`);
  if (rB !== undefined) parts.push(`${f} >= ${num(rB)}`);
  const v = valueText(entity);
  const high = above !== undefined ? `${v} > ${formatCompact(above)} (recovers at ≤ ${formatCompact(rA as number)})` : '';
  const low = below !== undefined ? `${v} < ${formatCompact(below)} (recovers at ≥ ${formatCompact(rB as number)})` : '';
  const firingReason = high && low ? `{% if is_number(${s}) and ${f} < ${num(rB as number)} %}${low}{% else %}${high}{% endif %}` : high || low;
  const within = [below !== undefined ? `≥ ${formatCompact(below)}` : '', above !== undefined ? `≤ ${formatCompact(above)}` : ''].filter(Boolean).join(' and ');
  return {
    trigger,
    recovered: `{{ ${parts.join(' and ')} }}`,
    firingReason,
    recoveredReason: `${v} within limits (${within})`,
    firingValue: () => v,
    resolvedValue: v,
  };
}

function unavailableConditions(entity: string, rule: AlertRule): Conditions {
  const s = st(entity);
  return {
    trigger: { platform: 'template', value_template: `{{ ${s} in ['unavailable', 'unknown'] }}` },
    recovered: `{{ is_number(${s}) }}`,
    // The browser's value for a no-data rule is the outage's age (ms), its reason "unavailable for N s".
    firingReason: '',
    recoveredReason: '',
    firingValue: (afterMs) => `${formatValueLike(rule.for + afterMs)} (unavailable for ${Math.round((rule.for + afterMs) / 1000)} s)`,
    resolvedValue: '0',
  };
}

/**
 * A trend rule: HA's Trend helper judges the gradient (trend-helper.ts); the automation follows its
 * binary sensor. The value and reason are the browser's: the slope per hour ("slope +3.6/h").
 */
function trendConditions(helper: TrendHelper): Conditions {
  const h = helper.entityId;
  const perHour = `((state_attr('${h}', 'gradient')|float(0)) * 3600)`;
  const shown = `(${perHour}|round(2)|string)|regex_replace('\\.0$', '')`;
  // formatCompact: 5 significant digits from 100 up, else 3.
  const compact = `('%.5g' if ${perHour}|abs >= 100 else '%.3g')|format(${perHour})`;
  const reason = `slope {{ '+' if ${perHour} >= 0 else '' }}{{ ${compact} }}/h`;
  return {
    trigger: { platform: 'state', entity_id: h, to: 'on' },
    recovered: `{{ is_state('${h}', 'off') }}`,
    firingReason: reason,
    recoveredReason: reason,
    firingValue: () => `{{ ${shown} }}`,
    resolvedValue: `{{ ${shown} }}`,
  };
}

/** planner.ts formatValue. */
function formatValueLike(value: number): string {
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) return value.toExponential(2);
  return String(Math.round(value * 100) / 100);
}

// ---------------------------------------------------------------------------------------------
// Refusals

function notesFor(rule: AlertRule): string[] {
  return [
    `no "Still firing" reminders every ${formatDuration(rule.repeat_interval)} (repeat_interval)`,
    `no throttle (${formatDuration(rule.throttle)}) or flap pacing (${rule.flap_threshold} changes in ${formatDuration(rule.flap_window)}) across episodes`,
    `a new episode within group_interval (${formatDuration(rule.group_interval)}) of the previous one's last notice is notified at once`,
  ];
}

// ---------------------------------------------------------------------------------------------
// Translation

function sendsResolved(tier: NotifyTier, service: string): boolean {
  if (tier.send_resolved !== undefined) return tier.send_resolved;
  return service.startsWith('notify.') || service.startsWith('persistent_notification.');
}

/** The planner's service data with the hub's scope tag (alert-hub.ts `identified`). */
function serviceData(tier: NotifyTier, service: string, alertKey: string, ctx: ServerRuleContext): Record<string, unknown> {
  let data: Record<string, unknown> = { ...tier.data };
  if (service.startsWith('notify.')) {
    data = withNotifyTag(data, alertKey);
    if (ctx.tag && notifyTagOf(data) === alertKey) data = withNotifyTag(data, `${ctx.tag}-${alertKey}`, true);
  }
  if (service.startsWith('persistent_notification.')) {
    const id = `ha_vitals_${alertKey}`.replace(/[^a-zA-Z0-9_]/g, '_');
    data.notification_id ??= id;
    if (ctx.tag && data.notification_id === id) data.notification_id = `ha_vitals_${ctx.tag}_${id.slice(10)}`.slice(0, 200);
  }
  return data;
}

function calls(tier: NotifyTier, alertKey: string, ctx: ServerRuleContext, title: string, message: string, resolvedOnly: boolean): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const service of tier.service) {
    if (resolvedOnly && !sendsResolved(tier, service)) continue;
    const data = serviceData(tier, service, alertKey, ctx);
    // As the browser path calls it (src/ha/notify/stages.ts): title, message, then the data.
    const call: Record<string, unknown> = { title, message, ...data };
    out.push({ service, data: call });
  }
  return out;
}

/** The planner's describe(): the rule's message template, or "<entity> = <value> (<reason>)". */
function describe(rule: AlertRule, entity: string, value: string, reason: string): string {
  if (rule.message) {
    const parts = rule.message.split(/(\{(?:name|entity|value|reason|severity|for)\})/);
    return parts
      .map((part) => {
        switch (part) {
          case '{name}':
            return lit(rule.name);
          case '{entity}':
            return entity;
          case '{value}':
            return value;
          case '{reason}':
            return reason;
          case '{severity}':
            return rule.severity;
          case '{for}':
            return formatDuration(rule.for);
          default:
            return lit(part);
        }
      })
      .join('');
  }
  return `${entity} = ${value}${reason ? ` (${reason})` : ''}`;
}

export function automationFor(rule: AlertRule, entityId: string, ctx: ServerRuleContext): ServerTranslation {
  return translate(rule, entityId, ctx);
}

function translate(rule: AlertRule, entity: string, ctx: ServerRuleContext, section?: AlertsConfig): ServerTranslation {
  const refused = refusal(rule, section);
  if (refused) return { ok: false, rule: rule.name, entity, ...refused };
  const id = serverAutomationId(ctx, rule.name, entity);
  const helper = rule.type === 'trend' ? trendHelperFor(rule, entity, id) : undefined;
  const cond = rule.type === 'threshold' ? thresholdConditions(rule, entity) : helper ? trendConditions(helper) : unavailableConditions(entity, rule);
  const alertKey = `${rule.name}/${entity}`;
  const name = lit(rule.name);
  const sev = rule.severity.toUpperCase();
  const notes = notesFor(rule);
  const card = ctx.cardTitle ? `the alerts card “${ctx.cardTitle}”` : 'an alerts card';
  const description =
    `Created by HA Vitals from ${card} (scope ${JSON.stringify(ctx.scope)}): rule ${JSON.stringify(rule.name)} on ${entity}. ` +
    (helper ? `The trend is judged by the Trend helper ${helper.entityId}, made by HA Vitals for this automation. ` : '') +
    `Edit the rule in the card; changes here are overwritten. Not carried over from the browser: ${notes.join('; ')}.`;

  const trigger = { ...cond.trigger, ...(rule.for > 0 ? { for: period(rule.for) } : {}) };
  const recoveryTrigger = { platform: 'template', value_template: cond.recovered, ...(rule.keep_firing_for > 0 ? { for: period(rule.keep_firing_for) } : {}) };
  const endEvent = { platform: 'event', event_type: RESOLVED_EVENT, event_data: { automation: id } };

  // When each tier goes out, after the start (ms): the planner's flush at group_wait, later tiers in order.
  const immediate = (() => {
    let n = 0;
    while (n < rule.notify.length && rule.notify[n].after === 0) n++;
    return n;
  })();
  const due: number[] = [];
  let latest = rule.group_wait;
  rule.notify.forEach((tier, i) => {
    if (i >= immediate) latest = Math.max(latest, tier.after);
    due.push(latest);
  });

  const elapsed = `(as_timestamp(now()) - fired_at)`;
  const firingMessage = (afterMs: number) =>
    rule.type === 'nodata' ? describeNodata(rule, entity, afterMs) : describe(rule, entity, cond.firingValue(afterMs), cond.firingReason);
  const waitThen = (timeoutMs: number, steps: Record<string, unknown>[], extra: Record<string, unknown>[] = []) =>
    timeoutMs > 0
      ? [{ wait_for_trigger: [endEvent], timeout: period(timeoutMs), continue_on_timeout: true }, { condition: 'template', value_template: '{{ wait.trigger is none }}' }, ...extra, ...steps]
      : [...extra, ...steps];

  const branches: Record<string, unknown>[] = [];
  // Recovery and the resolved notice.
  const resolvedTitle = `Resolved: ${name} on ${entity}`;
  const resolvedMessage = `${rule.type === 'nodata' ? describe(rule, entity, cond.resolvedValue, '') : describe(rule, entity, cond.resolvedValue, cond.recoveredReason)}; fired ${jinjaDuration('resolved_after')} ago`;
  const resolvedSteps: Record<string, unknown>[] = [];
  const gw = rule.group_wait / 1000;
  const gi = rule.group_interval / 1000;
  const ri = rule.repeat_interval / 1000;
  rule.notify.forEach((tier, i) => {
    const tierCalls = calls(tier, alertKey, ctx, resolvedTitle, resolvedMessage, true);
    if (!tierCalls.length) return;
    if (i < immediate) resolvedSteps.push(...tierCalls);
    else resolvedSteps.push({ if: [{ condition: 'template', value_template: `{{ resolved_after >= ${seconds(due[i])} }}` }], then: tierCalls });
  });
  branches.push({
    sequence: [
      { wait_for_trigger: [recoveryTrigger] },
      { event: RESOLVED_EVENT, event_data: { automation: id } },
      { variables: { resolved_after: `{{ ${elapsed} }}` } },
      ...(resolvedSteps.length
        ? [
            // The firing notice went out (else the browser never notified, and sends no resolved notice).
            { condition: 'template', value_template: `{{ resolved_after >= ${num(gw)} }}` },
            // The planner sends it group_interval after the group's last notice (the firing one, or its last repeat).
            { delay: `{{ [0, ${num(gw)} + ${num(ri)} * (((resolved_after - ${num(gw)}) / ${num(ri)})|int) + ${num(gi)} - ${elapsed}]|max }}` },
            ...resolvedSteps,
          ]
        : []),
    ],
  });
  // The firing notice: every tier without delay, at group_wait.
  const firingTitle = `${sev}: ${name} on ${entity}`;
  const firingCalls = rule.notify.slice(0, immediate).flatMap((tier) => calls(tier, alertKey, ctx, firingTitle, firingMessage(rule.group_wait), false));
  if (firingCalls.length) branches.push({ sequence: waitThen(rule.group_wait, firingCalls) });
  // Escalation: the later tiers.
  const gate = ctx.escalationCondition ? [{ condition: 'template', value_template: ctx.escalationCondition(alertKey) }] : [];
  for (let i = immediate; i < rule.notify.length; i++) {
    const title = `Escalation: ${sev} ${name} on ${entity}`;
    const message = `Unacknowledged for ${formatDuration(due[i])}: ${firingMessage(due[i])}`;
    branches.push({ sequence: waitThen(due[i], calls(rule.notify[i], alertKey, ctx, title, message, false), gate) });
  }

  const alias = `HA Vitals: ${rule.name} on ${entity}`.slice(0, 200);
  const config: Record<string, unknown> = {
    id,
    alias,
    description,
    mode: 'single',
    max_exceeded: 'silent',
    trigger: [trigger],
    condition: [],
    action: [{ variables: { fired_at: '{{ as_timestamp(now()) }}' } }, { parallel: branches }],
  };
  return { ok: true, rule: rule.name, entity, automation: { id, alias, description, config }, notes, ...(helper ? { helper } : {}) };
}

function describeNodata(rule: AlertRule, entity: string, afterMs: number): string {
  const age = rule.for + afterMs;
  return describe(rule, entity, formatValueLike(age), `unavailable for ${Math.round(age / 1000)} s`);
}

/** Every (rule with run_in: home_assistant) × (its entities, else the card's entities). */
export function serverAutomations(config: AlertsConfig, cardEntities: readonly string[], ctx: ServerRuleContext): ServerTranslation[] {
  const out: ServerTranslation[] = [];
  for (const rule of config.rules) {
    if (rule.run_in !== 'home_assistant') continue;
    const entities = rule.entity.length ? rule.entity : cardEntities;
    if (!entities.length) {
      out.push({ ok: false, rule: rule.name, key: 'entity', message: 'the rule watches no entity: give it an "entity" list or add entities to the card' });
      continue;
    }
    for (const entity of new Set(entities)) out.push(translate(rule, entity, ctx, config));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// YAML

function yamlScalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(String(value));
}

function yamlKey(key: string): string {
  return /^[a-z_][a-z0-9_]*$/i.test(key) ? key : JSON.stringify(key);
}

function yamlNode(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (!value.length) return ' []';
    return value.map((item) => `\n${indent}-${yamlNode(item, `${indent}  `).replace(/^\n\s*/, ' ')}`).join('');
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (!entries.length) return ' {}';
    return entries.map(([k, v]) => `\n${indent}${yamlKey(k)}:${yamlNode(v, `${indent}  `)}`).join('');
  }
  return ` ${yamlScalar(value)}`;
}

/** The automations as a YAML list for automations.yaml; refused rules as comments. */
export function automationsYaml(translations: ServerTranslation[]): string {
  const lines: string[] = [];
  for (const tr of translations) {
    if (!tr.ok) {
      lines.push(`# not run in Home Assistant: ${tr.rule}${tr.entity ? ` on ${tr.entity}` : ''}${tr.key ? ` (${tr.key})` : ''}: ${tr.message}`.replace(/\n/g, ' '));
      continue;
    }
    if (tr.helper) {
      lines.push(`# ${tr.rule} on ${tr.entity} follows ${tr.helper.entityId}: a Trend helper with these settings, in configuration.yaml (or Settings → Helpers → Trend, named ${tr.helper.name}):`);
      lines.push(...trendHelperYaml(tr.helper).split('\n').map((line) => `#   ${line}`));
    }
    lines.push(`-${yamlNode(tr.automation.config, '  ').replace(/^\n\s*/, ' ')}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '[]\n';
}
