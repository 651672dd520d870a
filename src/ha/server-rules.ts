/**
 * Rules that run in Home Assistant: keeps HA's automations in step with a card's rules that say
 * `run_in: home_assistant`. Creates what is missing, replaces what differs, leaves what matches
 * alone (no reload for nothing), and reports automations this card made earlier whose rule is gone
 * (orphans), for the user to remove. Admin only: the config API refuses other users.
 */
import type { ServerTranslation } from '../core/server-rules/automation';
import { SERVER_AUTOMATION_PREFIX } from '../core/server-rules/automation';
import { TREND_HELPER_PREFIX } from '../core/server-rules/trend-helper';
import { automationIds, deleteAutomationConfig, fetchAutomationConfig, saveAutomationConfig, type AutomationConfig, type RestCaller } from './api/automation-config';
import type { ConfigEntry } from './api/config-entries';
import { ensureTrendHelper, pruneTrendHelpers, removeTrendHelpersOf, trendHelperEntries, type HelperApi } from './trend-helpers';

export interface ServerRulesStatus {
  /** Automations that now match the rules: id → entity id of the automation once HA loaded it. */
  running: { id: string; rule: string; entity: string; entityId?: string }[];
  /** Rules HA cannot run as written, with the reason (they are not approximated). */
  refused: { rule: string; entity?: string; key?: string; message: string }[];
  /** Automations made for this card's scope earlier, for rules that no longer exist. */
  orphans: { id: string; entityId: string }[];
  /** What HA answered when a save failed. */
  errors: string[];
  /** Automations written in this pass (created or changed). */
  written: number;
  /** Trend helpers made (`made`) and deleted (`deleted`, settings changed or made twice) in this pass. */
  helpers?: { made: number; deleted: number };
}

/**
 * Newer Home Assistant stores an automation in its current syntax (`triggers`, `conditions`,
 * `actions`, and `action:` for a service call), whatever syntax it was saved in; the same
 * automation must compare equal either way, or every dashboard load would rewrite (and reload) it.
 */
const NEWER_KEYS: Readonly<Record<string, string>> = { triggers: 'trigger', conditions: 'condition', actions: 'action' };

/** Stable JSON for comparing what HA stores with what the rule translates to (key order and syntax generation ignored). */
export function canonicalAutomation(value: unknown, top = true): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalAutomation(v, false)).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries: [string, unknown][] = [];
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      let name = top && Object.hasOwn(NEWER_KEYS, key) ? NEWER_KEYS[key] : key;
      // A service call: `action: notify.x` (2024.8+) is `service: notify.x`.
      if (!top && name === 'action' && typeof v === 'string' && v.includes('.')) name = 'service';
      entries.push([name, v]);
    }
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalAutomation(v, false)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export async function syncServerRules(
  api: HelperApi,
  states: Record<string, { attributes?: Record<string, unknown> } | undefined>,
  translations: readonly ServerTranslation[],
  /** Ids of this card's automations start with this (its scope's part of the id). */
  scopePrefix: string,
): Promise<ServerRulesStatus> {
  const status: ServerRulesStatus = { running: [], refused: [], orphans: [], errors: [], written: 0 };
  const loaded = automationIds(states);
  const wanted = new Set<string>();
  const helpers = translations.flatMap((tr) => (tr.ok && tr.helper ? [tr.helper] : []));
  let entries: ConfigEntry[] | undefined;
  let prune = helpers.length > 0;
  const helperCount = { made: 0, deleted: 0 };
  for (const tr of translations) {
    if (!tr.ok) {
      status.refused.push({ rule: tr.rule, entity: tr.entity, key: tr.key, message: tr.message });
      continue;
    }
    const { id, config } = tr.automation;
    wanted.add(id);
    if (tr.helper) {
      // The helper first: the automation follows its binary sensor.
      try {
        entries ??= await trendHelperEntries(api);
        if (await ensureTrendHelper(api, tr.helper, entries)) helperCount.made++;
      } catch (err) {
        status.errors.push(`${tr.rule} on ${tr.entity}: the Trend helper ${tr.helper.name}: ${describeError(err)}`);
        continue;
      }
    }
    let stored: AutomationConfig | undefined;
    try {
      stored = await fetchAutomationConfig(api, id);
    } catch {
      stored = undefined; // none yet
    }
    // A rule that was a trend rule may have left its helper behind.
    if (stored && JSON.stringify(stored).includes(`binary_sensor.${TREND_HELPER_PREFIX}`)) prune = true;
    if (!stored || canonicalAutomation(stored) !== canonicalAutomation(config)) {
      try {
        await saveAutomationConfig(api, id, config);
        status.written++;
      } catch (err) {
        status.errors.push(`${tr.rule} on ${tr.entity}: ${describeError(err)}`);
        continue;
      }
    }
    status.running.push({ id, rule: tr.rule, entity: tr.entity, entityId: loaded.get(id) });
  }
  for (const [id, entityId] of loaded) {
    if (id.startsWith(SERVER_AUTOMATION_PREFIX) && id.startsWith(scopePrefix) && !wanted.has(id)) status.orphans.push({ id, entityId });
  }
  if (prune) {
    try {
      // Only automations now in step: one whose save failed still follows its old helper.
      helperCount.deleted = (await pruneTrendHelpers(api, helpers, status.running.map((r) => r.id))).length;
    } catch (err) {
      status.errors.push(`Trend helpers: ${describeError(err)}`);
    }
  }
  if (prune || helperCount.made) status.helpers = helperCount;
  return status;
}

/** Remove automation `id` and the Trend helper it followed, if any. */
export async function removeServerAutomation(api: RestCaller, id: string): Promise<unknown> {
  const result = await deleteAutomationConfig(api, id);
  await removeTrendHelpersOf(api, id);
  return result;
}

function describeError(err: unknown): string {
  const e = err as { body?: { message?: string }; message?: string; error?: string } | undefined;
  return String(e?.body?.message ?? e?.message ?? e?.error ?? err).slice(0, 300);
}
