/**
 * The alerts card's "runs in Home Assistant" section: keeps HA's automations in step with the
 * card's `run_in: home_assistant` rules (admin only), and says what runs where — the automation of
 * each rule, rules Home Assistant cannot run as written (with the reason), automations left from
 * rules that are gone (with Remove), and save errors. Loaded only by cards that have such rules.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { HomeAssistant } from 'custom-card-helpers';
import { serverAutomations, serverScopePrefix, type ServerTranslation } from '../../core/server-rules/automation';
import { EVALUATED_SENSOR, watchdogAutomation } from '../../core/server-rules/watchdog';
import { evaluatingDevices } from '../../ha/heartbeat';
import { SHARED_ENTITY } from '../../ha/shared-alert-state';
import { fnv1a64 } from '../../core/alerts/intent-id';
import type { AlertsConfig } from '../../core/config/alerts';
import { removeServerAutomation, syncServerRules, type ServerRulesStatus } from '../../ha/server-rules';
import type { Localize } from '../../ui/localize/index';

export interface ServerRulesInput {
  alerts: AlertsConfig;
  entities: string[];
  /** The card's title: part of the automations' ids and named in their description. */
  title?: string;
  /** The hub's scope id of the card: its tag goes into the notifications' tag / notification_id, as the browser path. */
  scopeId: string;
}

/** Cards that keep automations in HA: rules that run there, or a watchdog asked for. */
export function needsServerSync(alerts: AlertsConfig, watchdog: boolean): boolean {
  return watchdog || alerts.rules.some((r) => r.enabled && r.run_in === 'home_assistant');
}

/**
 * True while a later tier may go out: nobody acknowledged this episode in a card. Acks live in the
 * household's shared state (`sensor.ha_vitals_alert_state`, attribute `acks`, keyed `<tag>|<alert>`,
 * stamped with the episode's start in ms); the automation's `fired_at` is when `for` elapsed, so an
 * ack belongs to this episode when its start is at most `for` + 60 s before that.
 */
function notAcknowledged(tag: string, forMs: (alertKey: string) => number) {
  return (alertKey: string) => {
    const key = `${tag}|${alertKey}`.replace(/'/g, '');
    const slack = Math.round(forMs(alertKey) / 1000) + 60;
    return `{% set a = (state_attr('${SHARED_ENTITY}', 'acks') or {}).get('${key}') %}{{ not (a is mapping and a.get('acked') == true and (a.get('episode', 0) | float(0)) / 1000 >= (fired_at | float(0)) - ${slack}) }}`;
  };
}

function translate(input: ServerRulesInput) {
  const tag = fnv1a64(input.scopeId).slice(0, 10);
  const forOf = (alertKey: string) => input.alerts.rules.find((r) => r.name === alertKey.slice(0, alertKey.indexOf('/')))?.for ?? 0;
  const ctx = { scope: input.title ?? 'alerts', cardTitle: input.title, tag, escalationCondition: notAcknowledged(tag, forOf) };
  const translations: ServerTranslation[] = serverAutomations(input.alerts, input.entities, ctx);
  const watchdog = watchdogAutomation(input.alerts, ctx);
  if (watchdog) translations.push({ ok: true, rule: 'watchdog', entity: EVALUATED_SENSOR, automation: watchdog, notes: [] });
  return { translations, prefix: serverScopePrefix(ctx) };
}

/**
 * Sync as an admin, or (anyone else) only read which automations exist. Never throws: what went
 * wrong is in the status, shown on the card.
 */
export async function serverRulesStatus(
  hass: HomeAssistant,
  input: ServerRulesInput,
  /** write: false in the card editor's preview and in edit mode (only read what exists). */
  { write = true }: { write?: boolean } = {},
): Promise<ServerRulesStatus & { admin: boolean; preview?: boolean }> {
  const { translations, prefix } = translate(input);
  const admin = hass.user?.is_admin === true;
  const states = hass.states as Record<string, { attributes?: Record<string, unknown> }>;
  if (!admin || !write) {
    const status: ServerRulesStatus = { running: [], refused: [], orphans: [], errors: [], written: 0 };
    for (const tr of translations) {
      if (!tr.ok) status.refused.push({ rule: tr.rule, entity: tr.entity, key: tr.key, message: tr.message });
      else status.running.push({ id: tr.automation.id, rule: tr.rule, entity: tr.entity, entityId: Object.keys(states).find((e) => states[e]?.attributes?.id === tr.automation.id) });
    }
    return { ...status, admin, ...(write ? {} : { preview: true }) };
  }
  try {
    return { ...(await syncServerRules(hass, states, translations, prefix)), admin };
  } catch (err) {
    return { running: [], refused: [], orphans: [], errors: [String((err as Error)?.message ?? err)], written: 0, admin };
  }
}

export function removeOrphan(hass: HomeAssistant, id: string): Promise<unknown> {
  return removeServerAutomation(hass, id);
}

export function renderServerRules(status: (ServerRulesStatus & { admin: boolean; preview?: boolean }) | undefined, t: Localize, onRemove: (id: string) => void): TemplateResult {
  if (!status) return html`<section class="server-rules" aria-busy="true"><p>${t('alerts.server.checking')}</p></section>`;
  return html`<section class="server-rules">
    <h3>${t('alerts.server.title')}</h3>
    <ul>
      ${status.running.map(
        (r) => html`<li class="running">
          ${t('alerts.server.running', { rule: r.rule, entity: r.entity, automation: r.entityId ?? r.id })}
        </li>`,
      )}
      ${status.refused.map((r) => html`<li class="refused" role="alert">${t('alerts.server.refused', { rule: r.rule, message: r.message })}</li>`)}
      ${status.errors.map((e) => html`<li class="error" role="alert">${t('alerts.server.error', { error: e })}</li>`)}
      ${status.orphans.map(
        (o) => html`<li class="orphan">
          ${t('alerts.server.orphan', { automation: o.entityId })}
          ${status.admin ? html`<button class="remove-orphan" @click=${() => onRemove(o.id)}>${t('alerts.server.remove')}</button>` : nothing}
        </li>`,
      )}
    </ul>
    ${status.preview ? html`<p class="note">${t('alerts.server.preview')}</p>` : status.admin ? nothing : html`<p class="note">${t('alerts.server.not_admin')}</p>`}
  </section>`;
}

/**
 * Which devices evaluate the browser rules (their heartbeat sensors), and a warning when this
 * device is the only one: closing it leaves them unjudged (the watchdog then says so). With the
 * profile's "Suspend background connections" on (Home Assistant's default), the frontend removes
 * the view and closes the connection 5 min after the tab is hidden: this tab then judges nothing,
 * and says so beforehand.
 */
export function renderCoverage(
  states: Record<string, { state: string; attributes?: Record<string, unknown> } | undefined>,
  thisDevice: string,
  t: Localize,
  time: (at: number) => string,
  suspendsWhenHidden = false,
): TemplateResult {
  const devices = evaluatingDevices(states);
  const only = devices.length <= 1;
  return html`<p class="coverage ${only ? 'only' : ''}" role="status">
    ${devices.length
      ? t('alerts.server.coverage', { devices: devices.map((d) => t('alerts.server.device_at', { device: d.name, time: time(d.at) })).join(', ') })
      : t('alerts.server.coverage_none')}
    ${only ? html`<span class="warn">${t('alerts.server.only_this', { device: thisDevice })}</span>` : nothing}
    ${suspendsWhenHidden ? html`<span class="suspends">${t('alerts.server.suspends_hidden')}</span>` : nothing}
  </p>`;
}
