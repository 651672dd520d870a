/**
 * Config entries and their flows through Home Assistant's REST config API, the one its
 * integration and helper dialogs use (as the frontend's `src/data/config_entries.ts`,
 * `config_flow.ts` and `options_flow.ts`): admin only. Used to make the Trend helpers of trend
 * rules that run in Home Assistant.
 */
import type { RestCaller } from './automation-config';

/** What `GET config/config_entries/entry` lists per entry (the fields we read). */
export interface ConfigEntry {
  entry_id: string;
  domain: string;
  title: string;
  state?: string;
}

/** One step of a config or options flow, as HA answers it. */
export interface FlowStep {
  flow_id: string;
  type: 'form' | 'create_entry' | 'abort' | 'menu' | string;
  step_id?: string;
  /** The form's fields (voluptuous-serialized: `name`, `required`, ...). */
  data_schema?: { name: string }[];
  errors?: Record<string, string> | null;
  reason?: string;
  /** create_entry: the new entry (config flow). */
  result?: { entry_id?: string } | boolean;
}

export function fetchConfigEntries(api: RestCaller, domain: string): Promise<ConfigEntry[]> {
  return api.callApi('GET', `config/config_entries/entry?domain=${encodeURIComponent(domain)}`);
}

export function deleteConfigEntry(api: RestCaller, entryId: string): Promise<unknown> {
  return api.callApi('DELETE', `config/config_entries/entry/${encodeURIComponent(entryId)}`);
}

/**
 * Answer each form of a flow from `answers`, giving every step only the fields its schema names
 * (HA versions differ: 2026.11's forms carry a read-only `entity_id` that 2024.3 would reject as an
 * extra key, and a schema flow drops optional fields it is not given).
 */
async function answerFlow(api: RestCaller, base: string, first: FlowStep, answers: Record<string, unknown>): Promise<FlowStep> {
  let step = first;
  for (let guard = 0; step.type === 'form' && guard < 5; guard++) {
    if (step.errors && Object.keys(step.errors).length) break;
    const fields = Object.fromEntries((step.data_schema ?? []).filter((f) => f.name in answers).map((f) => [f.name, answers[f.name]]));
    step = await api.callApi<FlowStep>('POST', `${base}/${encodeURIComponent(step.flow_id)}`, fields);
  }
  if (step.type !== 'create_entry') {
    const why = step.type === 'abort' ? step.reason : step.errors ? JSON.stringify(step.errors) : `stopped at step ${step.step_id ?? step.type}`;
    throw new Error(`Home Assistant's ${base.includes('options') ? 'options' : 'config'} flow did not finish: ${why}`);
  }
  return step;
}

/** Create a config entry of `handler` through its config flow; resolves with the new entry's id. */
export async function createConfigEntry(api: RestCaller, handler: string, answers: Record<string, unknown>): Promise<string> {
  const base = 'config/config_entries/flow';
  const first = await api.callApi<FlowStep>('POST', base, { handler, show_advanced_options: false });
  const done = await answerFlow(api, base, first, answers);
  const entryId = typeof done.result === 'object' ? done.result?.entry_id : undefined;
  if (!entryId) throw new Error(`Home Assistant's config flow of ${handler} created no entry`);
  return entryId;
}

/** Set the options of entry `entryId` through its options flow (HA reloads the entry). */
export async function setConfigEntryOptions(api: RestCaller, entryId: string, answers: Record<string, unknown>): Promise<void> {
  const base = 'config/config_entries/options/flow';
  const first = await api.callApi<FlowStep>('POST', base, { handler: entryId, show_advanced_options: false });
  await answerFlow(api, base, first, answers);
}
