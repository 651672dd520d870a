/**
 * The Trend helpers of trend rules that run in Home Assistant (core/server-rules/trend-helper.ts):
 * made through HA's config flow before their automation is saved, deleted when their settings
 * changed (a new name) or their automation is removed, and de-duplicated when two admin
 * dashboards made the same one at the same moment (HA then names the second entity `..._2`; the
 * entry that owns the plain entity id is kept, by every dashboard alike).
 */
import { TREND_HELPER_PREFIX, trendHelperStem, type TrendHelper } from '../core/server-rules/trend-helper';
import type { RestCaller } from './api/automation-config';
import { createConfigEntry, deleteConfigEntry, fetchConfigEntries, setConfigEntryOptions, type ConfigEntry } from './api/config-entries';
import { fetchEntityRegistryEntry } from './api/entity-registry';
import type { CommandConnection } from './api/websocket';

const DOMAIN = 'trend';

/** `hass`: REST for the flows, and its websocket for the entity registry (de-duplication). */
export type HelperApi = RestCaller & { connection?: CommandConnection };

/** Our Trend helpers in HA (entries whose title has our prefix). */
export async function trendHelperEntries(api: RestCaller): Promise<ConfigEntry[]> {
  return (await fetchConfigEntries(api, DOMAIN)).filter((e) => e.title.startsWith(TREND_HELPER_PREFIX));
}

/**
 * Make `helper` unless an entry of that name exists. A helper whose options could not be set is
 * deleted again: left with HA's defaults (2 samples, any rise) it would fire on noise.
 */
export async function ensureTrendHelper(api: RestCaller, helper: TrendHelper, existing: readonly ConfigEntry[]): Promise<boolean> {
  if (existing.some((e) => e.title === helper.name)) return false;
  const { entity_id, invert } = helper.options;
  const entryId = await createConfigEntry(api, DOMAIN, { name: helper.name, entity_id, invert });
  try {
    await setConfigEntryOptions(api, entryId, { ...helper.options });
  } catch (err) {
    await deleteConfigEntry(api, entryId).catch(() => undefined);
    throw err;
  }
  return true;
}

/**
 * After the automations were saved: delete helpers of these automations that no automation uses
 * any more (the rule's settings changed), and the extra copies of a helper made twice.
 * Returns the titles deleted.
 */
export async function pruneTrendHelpers(api: HelperApi, wanted: readonly TrendHelper[], automationIds: readonly string[]): Promise<string[]> {
  const names = new Set(wanted.map((h) => h.name));
  const stems = automationIds.map(trendHelperStem);
  const entries = await trendHelperEntries(api);
  const deleted: string[] = [];
  for (const entry of entries) {
    if (names.has(entry.title) || !stems.some((stem) => entry.title.startsWith(stem))) continue;
    await deleteConfigEntry(api, entry.entry_id);
    deleted.push(entry.title);
  }
  for (const helper of wanted) {
    const copies = entries.filter((e) => e.title === helper.name);
    if (copies.length < 2 || !api.connection) continue;
    const owner = await fetchEntityRegistryEntry(api.connection, helper.entityId).catch(() => undefined);
    if (!owner?.config_entry_id || !copies.some((c) => c.entry_id === owner.config_entry_id)) continue; // not set up yet: next time
    for (const copy of copies) {
      if (copy.entry_id === owner.config_entry_id) continue;
      await deleteConfigEntry(api, copy.entry_id);
      deleted.push(copy.title);
    }
  }
  return deleted;
}

/** Delete the helpers made for automation `automationId` (it is being removed). */
export async function removeTrendHelpersOf(api: RestCaller, automationId: string): Promise<void> {
  const stem = trendHelperStem(automationId);
  for (const entry of await trendHelperEntries(api)) {
    if (entry.title.startsWith(stem)) await deleteConfigEntry(api, entry.entry_id);
  }
}
