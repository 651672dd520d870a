/**
 * Automations through Home Assistant's config API, the one its automation editor uses (as the
 * frontend's `src/data/automation.ts`): REST under `/api/config/automation/config/<id>`, admin
 * only. HA writes them to `automations.yaml` and reloads automations itself. These are REST
 * calls (there is no websocket command), so they take `hass.callApi`, never a raw token.
 */

/** The part of `hass` that makes authenticated REST calls. */
export interface RestCaller {
  callApi<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, parameters?: Record<string, unknown>): Promise<T>;
}

/** What the automation editor stores: `id`, `alias`, `description`, `mode`, `trigger`, `condition`, `action`. */
export type AutomationConfig = Record<string, unknown>;

/** Create or replace automation `id` (HA validates it and answers 400 with the reason when invalid). */
export function saveAutomationConfig(api: RestCaller, id: string, config: AutomationConfig): Promise<{ result: string }> {
  return api.callApi('POST', `config/automation/config/${encodeURIComponent(id)}`, config);
}

/** The stored config of automation `id`; rejects (404) when there is none. */
export function fetchAutomationConfig(api: RestCaller, id: string): Promise<AutomationConfig> {
  return api.callApi('GET', `config/automation/config/${encodeURIComponent(id)}`);
}

export function deleteAutomationConfig(api: RestCaller, id: string): Promise<{ result: string }> {
  return api.callApi('DELETE', `config/automation/config/${encodeURIComponent(id)}`);
}

/**
 * The config ids of the automations HA has loaded (`automation.*` states carry theirs as the `id`
 * attribute when they come from automations.yaml).
 */
export function automationIds(states: Record<string, { attributes?: Record<string, unknown> } | undefined>): Map<string, string> {
  const ids = new Map<string, string>();
  for (const [entityId, state] of Object.entries(states)) {
    const id = state?.attributes?.id;
    if (entityId.startsWith('automation.') && typeof id === 'string') ids.set(id, entityId);
  }
  return ids;
}
