import { css, html, nothing, type TemplateResult } from 'lit';
import type { HomeAssistant } from 'custom-card-helpers';
import { cardStyles, listCardStyles } from '../shared/styles';
import { DEFAULT_RULES_INPUT, servicesCalled, type AlertRule } from '../../core/config/alerts';
import type { AlertHub, HubAlert } from '../../ha/alert-hub';
import { HubCardBase } from './hub';
import type { StoreStatus, VitalsStore } from '../../ha/store';
import { discoverSystemSensors } from '../../ha/telemetry/system';
import { currentUserName, entityRegistryDisplay } from '../../ha/api/index';
import { parseAlertsCardConfig, scopeEntities, scopeIdOf, type AlertsCardConfig, alertsCardLayout } from './config';
import { clockText, escalationOf, notifyLine, ruleFor, stateText, visibleAlerts } from './model';

const SILENCE_MS = 3_600_000;
const REFRESH_MS = 30_000;
const HISTORY_ITEMS = 10;

const SEVERITY_ICON = { critical: '!', warning: '▲', info: 'i' } as const;

/**
 * Every alert on the dashboard (all cards' scopes), with acknowledge / snooze / silence, the
 * escalation step, recent transitions and failed notifications. The card's own `entities` and
 * `alerts:` are registered with the shared hub while it is on the page.
 */
export class VitalsAlertsCard extends HubCardBase<AlertsCardConfig> {
  static override properties = {
    _revision: { state: true },
    _openSnooze: { state: true },
    _openPreview: { state: true },
    _previewLoaded: { state: true },
    _serverStatus: { state: true },
    _status: { state: true },
  };

  private _revision = 0;
  private _openSnooze?: string;
  /** The alert whose rule's backtest is open (`scope|key`); its code loads on first use. */
  private _openPreview?: string;
  private _previewLoaded = false;
  /** Rules that run in Home Assistant: their view (a chunk of its own) and what the last sync found. */
  private serverView?: typeof import('./server-rules-view');
  private _serverStatus?: Awaited<ReturnType<(typeof import('./server-rules-view'))['serverRulesStatus']>>;
  private _status: StoreStatus = 'idle';
  private scopeId?: string;
  /** What the server rules were last synced for, to sync again when editing ends. */
  private serverSync?: { config: AlertsCardConfig; scopeId: string };
  private editModeValue = false;
  private previewValue = false;

  /**
   * Home Assistant sets these on the card editor's preview and on every card of a dashboard in
   * edit mode (2024.3: editMode; newer: preview and editMode). Such a card writes no automation:
   * the preview follows every keystroke and Cancel must leave Home Assistant as it was. Once
   * editing ends (Done), the card syncs the saved rules.
   */
  set editMode(value: boolean) {
    this.setEditing(value, this.previewValue);
  }

  get editMode(): boolean {
    return this.editModeValue;
  }

  set preview(value: boolean) {
    this.setEditing(this.editModeValue, value);
  }

  get preview(): boolean {
    return this.previewValue;
  }

  private get editing(): boolean {
    return this.editModeValue || this.previewValue;
  }

  private setEditing(editMode: boolean, preview: boolean): void {
    const was = this.editing;
    this.editModeValue = editMode;
    this.previewValue = preview;
    if (was && !this.editing && this.serverSync) this.startServerRules(this.serverSync.config, this.serverSync.scopeId);
  }

  setConfig(config: unknown): void {
    const parsed = parseAlertsCardConfig(config);
    const scopeChanged = !this._config || scopeIdOf(parsed) !== this.scopeId;
    this._config = parsed;
    if (scopeChanged) this.attach();
  }

  protected override detach(): void {
    super.detach();
    this.scopeId = undefined;
    this.serverSync = undefined;
  }

  protected override start(config: AlertsCardConfig, store: VitalsStore): void {
    this._status = store.status;
    this.disposers.push(store.onStatus((status) => (this._status = status)));
    const timer = setInterval(() => this.refresh(), REFRESH_MS);
    this.disposers.push(() => clearInterval(timer));
    this.withHub(store, (hub) => this.connectHub(hub, config, store));
  }

  /** Alert states as MQTT sensors; the reporter is a chunk of its own, loaded only when asked for. */
  private startReport(hub: AlertHub, scopeId: string, store: VitalsStore): void {
    let stop: (() => void) | undefined;
    let detached = false;
    this.disposers.push(() => {
      detached = true;
      stop?.();
    });
    void import('../../ha/mqtt-reporter').then(({ reportAlertStates }) => {
      if (!detached) stop = reportAlertStates(hub, scopeId, store);
    });
  }

  /** Register the card's own rules and follow every alert. */
  private connectHub(hub: AlertHub, config: AlertsCardConfig, store: VitalsStore): void {
    this.disposers.push(hub.onChange(() => this.refresh()));
    const entities = scopeEntities(config);
    if (entities.length && config.alerts.rules.length) {
      const id = scopeIdOf(config);
      this.scopeId = id;
      const serverSync = config.watchdog || config.alerts.rules.some((r) => r.enabled && r.run_in === 'home_assistant');
      this.disposers.push(hub.register({ id, entities, config: config.alerts, heartbeat: serverSync }));
      if (config.report) this.startReport(hub, id, store);
      if (serverSync) this.startServerRules(config, id);
    }
    this.refresh();
  }

  /** Make or update the HA automations of the `run_in: home_assistant` rules (an admin's dashboard), and show them. */
  private startServerRules(config: AlertsCardConfig, scopeId: string): void {
    this.serverSync = { config, scopeId };
    let detached = false;
    this.disposers.push(() => (detached = true));
    void import('./server-rules-view').then(async (view) => {
      this.serverView = view;
      this.requestUpdate('_serverStatus');
      const hass = this.hass;
      if (!hass || detached) return;
      const status = await view.serverRulesStatus(hass, { alerts: config.alerts, entities: scopeEntities(config), title: config.title, scopeId }, { write: !this.editing });
      if (!detached) this._serverStatus = status;
    });
  }

  private async removeOrphan(id: string): Promise<void> {
    const view = this.serverView;
    const config = this._config;
    if (!view || !this.hass || !config || !this.scopeId) return;
    await view.removeOrphan(this.hass, id).catch(() => undefined);
    this._serverStatus = await view.serverRulesStatus(this.hass, { alerts: config.alerts, entities: scopeEntities(config), title: config.title, scopeId: this.scopeId });
  }

  /** Re-render the relative times ("firing for 12 min"); also runs every 30 s while on the page. */
  refresh(): void {
    this._revision++;
  }

  getCardSize(): number {
    return 4;
  }

  getGridOptions() {
    return alertsCardLayout(this._config).grid;
  }

  getLayoutOptions() {
    return alertsCardLayout(this._config).layout;
  }

  static getStubConfig(hass?: HomeAssistant): Record<string, unknown> {
    const found = discoverSystemSensors(
      (hass?.states ?? {}) as Record<string, { state: string; attributes?: Record<string, unknown> }>,
      entityRegistryDisplay(hass),
    );
    const entities = [found.cpu, found.memory].filter((e): e is string => !!e);
    return {
      entities: entities.length ? entities : ['sensor.processor_use', 'sensor.memory_use_percent'],
      alerts: DEFAULT_RULES_INPUT.map((r) => ({ ...r })),
    };
  }

  static async getConfigElement(): Promise<HTMLElement> {
    await import('./editor');
    return document.createElement('vitals-alerts-card-editor');
  }

  private nameOf(entityId: string): string {
    const fromHass = this._hass?.states?.[entityId]?.attributes?.friendly_name;
    const fromStore = this.store?.snapshots.get(entityId)?.attributes.friendly_name;
    return String(fromHass ?? fromStore ?? entityId);
  }

  private unitOf(entityId: string): string | undefined {
    const unit = this._hass?.states?.[entityId]?.attributes?.unit_of_measurement ?? this.store?.snapshots.get(entityId)?.attributes.unit_of_measurement;
    return unit === undefined ? undefined : String(unit);
  }

  private label(a: HubAlert): string {
    return this.t('alerts.rule_on', { rule: a.rule, entity: this.nameOf(a.seriesId) });
  }

  private ack(a: HubAlert): void {
    const user = currentUserName(this._hass);
    this.hub?.ack(a.scope, a.key, user);
  }

  private snooze(a: HubAlert, ms: number): void {
    this._openSnooze = undefined;
    const user = currentUserName(this._hass);
    this.hub?.snooze(a.scope, a.key, ms, user);
  }

  private silence(a: HubAlert): void {
    const now = this.now();
    const user = currentUserName(this._hass);
    this.hub?.silence(a.scope, {
      id: `card-${a.key}-${now}`,
      matchers: [
        { name: 'alertname', op: '=', value: a.rule },
        { name: 'entity', op: '=', value: a.seriesId },
      ],
      startsAt: now,
      endsAt: now + SILENCE_MS,
      comment: 'Silenced from the alerts card',
      createdBy: user,
    });
  }

  private toggleSnooze(key: string): void {
    this._openSnooze = this._openSnooze === key ? undefined : key;
  }

  private onMenuKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      this._openSnooze = undefined;
      event.stopPropagation();
    }
  }

  /** The profile's "Suspend background connections" (frontend `hass.suspendWhenHidden`; on unless set to false). */
  private get suspendsWhenHidden(): boolean {
    const hass = this.hass;
    return !!hass && !('suspendWhenHidden' in hass && hass.suspendWhenHidden === false);
  }

  protected override render(): TemplateResult {
    const config = this._config!;
    const hub = this.hub;
    const now = this.now();
    const all = hub?.alerts() ?? [];
    const rows = visibleAlerts(all, config.show, now, config.max_items);
    const failures = (hub?.deliveries ?? []).filter((d) => d.reason === 'failed');
    const notes = hub?.notes() ?? [];
    const ruleCount = config.alerts.rules.filter((r) => r.enabled).length;
    const entityCount = scopeEntities(config).length;
    const t = this.t;
    return html`
      <ha-card>
        <h2 class="title">${config.title ?? t('alerts.title')}</h2>
        ${this._status === 'reconnecting' ? html`<p class="banner reconnecting" role="status">${t('alerts.reconnecting')}</p>` : nothing}
        ${failures.length
          ? html`<p class="banner failure" role="alert">
              ⚠ ${t('alerts.failures', { count: failures.length, service: failures[failures.length - 1].intent.service })} —
              ${failures[failures.length - 1].detail}
            </p>`
          : nothing}
        ${notes.map((note) => html`<p class="banner note" role="status">${note}</p>`)}
        ${this.renderServices()} ${this.serverView ? this.serverView.renderServerRules(this._serverStatus, t, (id) => void this.removeOrphan(id)) : nothing}
        ${this.serverView && this._config!.alerts.rules.some((r) => r.enabled && r.run_in !== 'home_assistant')
          ? this.serverView.renderCoverage(this.hass?.states ?? {}, this.hub?.deviceName ?? '', t, (at) => this.fmt.time(at), this.suspendsWhenHidden)
          : nothing}
        ${rows.length === 0
          ? html`<p class="empty" role="status">
              ${entityCount ? t('alerts.all_clear_watching', { rules: ruleCount, entities: entityCount }) : t('alerts.all_clear_none')}
            </p>`
          : html`<ul class="alerts" aria-label=${t('alerts.title')}>
              ${rows.map((a) => this.renderAlert(a, now))}
            </ul>`}
        ${this.renderLastDelivery(now)}
        ${this.renderHistory(now)}
      </ha-card>
    `;
  }

  private renderAlert(a: HubAlert, now: number): TemplateResult {
    const config = this._config!;
    const rule = ruleFor(this.hub?.scopeConfig(a.scope), a.rule);
    const text = { fmt: this.fmt, t: this.t };
    const t = this.t;
    // A rule that runs in Home Assistant: its automation sends, this browser only shows the state.
    const byServer = rule?.run_in === 'home_assistant';
    const escalation = byServer ? undefined : escalationOf(a, rule, now, text);
    const tone = a.state === 'resolved' ? 'resolved' : a.severity;
    const active = a.state === 'firing' || a.state === 'pending';
    const menuOpen = this._openSnooze === `${a.scope}|${a.key}`;
    const label = this.label(a);
    return html`
      <li class="alert ${tone} ${a.state}" data-key=${a.key} data-scope=${a.scope}>
        <span class="icon" aria-hidden="true">${a.state === 'resolved' ? '✓' : SEVERITY_ICON[a.severity]}</span>
        <div class="body">
          <div class="head">
            <span class="rule">${a.rule}</span>
            <span class="entity">${this.nameOf(a.seriesId)}</span>
          </div>
          <div class="state"><span class="sr">${t(`severity.${a.severity}`)}: </span>${stateText(a, now, text)}</div>
          <div class="detail">
            ${Number.isFinite(a.value) ? html`<span class="value">${this.fmt.entityValue(a.seriesId, a.value, this.unitOf(a.seriesId))}</span>` : nothing}
            ${a.reason ? html`<span class="reason">${a.reason}</span>` : nothing}
          </div>
          <div class="badges">
            ${a.acknowledged ? html`<span class="badge ack">${a.ack?.by ? t('alerts.badge.acknowledged_by', { user: a.ack.by }) : t('alerts.badge.acknowledged')}</span>` : nothing}
            ${a.snoozed && a.snoozedUntil !== undefined ? html`<span class="badge snoozed">${t('alerts.badge.snoozed_until', { time: clockText(a.snoozedUntil, now, text) })}</span>` : nothing}
            ${a.silenced ? html`<span class="badge silenced">${t('alerts.badge.silenced')}</span>` : nothing}
            ${a.inhibitedBy.length
              ? html`<span class="badge inhibited">${t('alerts.badge.inhibited_by', { alerts: a.inhibitedBy.map((k) => this.describeKey(k)).join(', ') })}</span>`
              : nothing}
            ${a.flapping ? html`<span class="badge flapping">${t('alerts.badge.flapping')}</span>` : nothing}
          </div>
          ${byServer ? html`<div class="why">${t('alerts.notify.by_home_assistant')}</div>` : this.renderWhy(a, now)} ${this.renderPreview(a, rule)}
          ${escalation
            ? html`<div class="escalation">${escalation.total > 1 ? `${t('alerts.tier_of', { reached: escalation.reached, total: escalation.total })} · ` : ''}${escalation.text}</div>`
            : nothing}
          ${active
            ? html`<div class="actions">
                ${a.acknowledged ? nothing : html`<button class="ack" aria-label=${t('alerts.ack_label', { alert: label })} @click=${() => this.ack(a)}>${t('alerts.ack')}</button>`}
                <button
                  class="snooze"
                  aria-label=${t('alerts.snooze_label', { alert: label })}
                  aria-haspopup="true"
                  aria-expanded=${menuOpen ? 'true' : 'false'}
                  @click=${() => this.toggleSnooze(`${a.scope}|${a.key}`)}
                >
                  ${t('alerts.snooze')}
                </button>
                ${a.silenced ? nothing : html`<button class="silence" aria-label=${t('alerts.silence_label', { alert: label })} @click=${() => this.silence(a)}>${t('alerts.silence')}</button>`}
                ${menuOpen
                  ? html`<div class="menu" role="group" aria-label=${t('alerts.snooze_for_label', { alert: label })} @keydown=${this.onMenuKey}>
                      ${config.snooze_options.map(
                        (ms) =>
                          html`<button class="preset" data-ms=${ms} aria-label=${t('alerts.snooze_preset_label', { alert: label, duration: this.fmt.duration(ms) })} @click=${() => this.snooze(a, ms)}>
                            ${this.fmt.duration(ms)}
                          </button>`,
                      )}
                    </div>`
                  : nothing}
              </div>`
            : nothing}
        </div>
      </li>
    `;
  }

  /**
   * "Last 7 days": the rule replayed over the alert's entity, where a noisy rule is seen. The
   * preview's code is loaded when first asked for, so the card itself stays small.
   */
  private renderPreview(a: HubAlert, rule: AlertRule | undefined): TemplateResult | typeof nothing {
    if (!rule) return nothing;
    const key = `${a.scope}|${a.key}`;
    const open = this._openPreview === key;
    return html`
      <button class="backtest" aria-expanded=${open ? 'true' : 'false'} aria-label=${this.t('alerts.backtest_label', { alert: this.label(a) })} @click=${() => this.togglePreview(key)}>
        ${this.t('preview.last_7d_button')}
      </button>
      ${open && this._previewLoaded
        ? html`<vitals-rule-preview
            .hass=${this.hass}
            .validRule=${rule}
            .entities=${[a.seriesId]}
            .allowServices=${this.hub?.scopeConfig(a.scope)?.allow_services ?? []}
            range="7d"
            readonly
          ></vitals-rule-preview>`
        : nothing}
    `;
  }

  private togglePreview(key: string): void {
    this._openPreview = this._openPreview === key ? undefined : key;
    if (this._openPreview && !this._previewLoaded) {
      void import('../shared/rule-preview/vitals-rule-preview').then(() => (this._previewLoaded = true));
    }
  }

  /** Why this alert did or did not notify, and who sent it. */
  private renderWhy(a: HubAlert, now: number): TemplateResult | typeof nothing {
    const hub = this.hub;
    if (!hub) return nothing;
    const line = notifyLine(a, { deliveries: hub.deliveries, shared: hub.sharedFor(a.scope, a.key), sentBy: (id) => hub.sentBy(id) }, now, { fmt: this.fmt, t: this.t });
    return line ? html`<div class="why">${line}</div>` : nothing;
  }

  /** The services this card's rules will call: nothing a copied config does is hidden. */
  private renderServices(): TemplateResult | typeof nothing {
    const services = servicesCalled(this._config!.alerts);
    if (!services.length || !scopeEntities(this._config!).length) return nothing;
    return html`<p class="services">${this.t('alerts.notifies_through', { services: services.join(', ') })}</p>`;
  }

  /** "cpu_high on Processor use" for an alert key "cpu_high/sensor.cpu". */
  private describeKey(key: string): string {
    const slash = key.indexOf('/');
    return slash < 0 ? key : this.t('alerts.rule_on', { rule: key.slice(0, slash), entity: this.nameOf(key.slice(slash + 1)) });
  }

  /** Which device sent the last notification: with the dashboard open on several, only one does. */
  private renderLastDelivery(now: number): TemplateResult | typeof nothing {
    const last = this.hub?.deliveries.filter((d) => d.reason === 'sent' || d.reason === 'other-device').at(-1);
    if (!last) return nothing;
    const other = last.reason === 'other-device' ? this.hub?.sentBy(last.intent.id) : undefined;
    const text = { fmt: this.fmt, t: this.t };
    return html`<p class="delivery">
      ${this.t('alerts.last_notification')} <time datetime=${new Date(last.at).toISOString()}>${clockText(last.at, now, text)}</time> · ${last.intent.service} ·
      ${last.reason === 'sent' ? this.t('alerts.sent_here') : this.t('alerts.sent_by_device', { device: other?.deviceName ?? this.t('alerts.another_device_open') })}
    </p>`;
  }

  private renderHistory(now: number): TemplateResult | typeof nothing {
    const transitions = (this.hub?.transitions ?? []).slice(-HISTORY_ITEMS).reverse();
    if (transitions.length === 0) return nothing;
    return html`
      <details class="history">
        <summary>${this.t('alerts.recent_changes', { count: transitions.length })}</summary>
        <ol>
          ${transitions.map(
            (t) => html`<li>
              <time datetime=${new Date(t.at).toISOString()}>${clockText(t.at, now, { fmt: this.fmt, t: this.t })}</time>
              <span class="what">${t.rule} · ${this.nameOf(t.seriesId)}</span>
              <span class="change">${this.t(`alerts.state.${t.from}`)} → ${this.t(`alerts.state.${t.to}`)}</span>
              ${Number.isFinite(t.value) ? html`<span class="value">${this.fmt.entityValue(t.seriesId, t.value, this.unitOf(t.seriesId))}</span>` : nothing}
            </li>`,
          )}
        </ol>
      </details>
    `;
  }

  static override styles = [
    cardStyles,
    listCardStyles,
    css`
      .failure {
        border-left: 4px solid var(--vitals-warning);
      }
      .note {
        border-left: 4px solid var(--vitals-info, var(--info-color, #039be5));
      }
      .services,
      .why {
        color: var(--secondary-text-color);
        font-size: 0.85em;
      }
      .services {
        margin: 4px 0;
      }
      .empty {
        margin: 8px 0;
        color: var(--vitals-ok);
      }
      .alert {
        display: flex;
        gap: 10px;
        padding: 8px 0;
        border-top: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12));
      }
      .alert:first-child {
        border-top: none;
      }
      .icon {
        flex: 0 0 28px;
        height: 28px;
        border-radius: 50%;
        display: flex;
        align-items: center;
        justify-content: center;
        font-weight: 700;
        color: #fff;
        background: var(--vitals-info);
      }
      .critical .icon {
        background: var(--vitals-error);
      }
      .warning .icon {
        background: var(--vitals-warning);
      }
      .resolved .icon {
        background: var(--vitals-ok);
      }
      .pending .icon {
        opacity: 0.7;
      }
      .body {
        flex: 1 1 auto;
        min-width: 0;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        gap: 0 8px;
        font-weight: 500;
      }
      .entity {
        color: var(--secondary-text-color, #727272);
        overflow-wrap: anywhere;
      }
      .state,
      .detail,
      .escalation {
        font-size: 13px;
        color: var(--secondary-text-color, #727272);
      }
      .detail .value {
        font-weight: 500;
        color: var(--primary-text-color, #212121);
        margin-right: 6px;
      }
      .badges {
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
        margin-top: 2px;
      }
      .badge {
        font-size: 12px;
        padding: 1px 6px;
        border-radius: 10px;
        border: 1px solid var(--divider-color, rgba(0, 0, 0, 0.2));
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        margin-top: 6px;
      }
      .menu {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        flex-basis: 100%;
      }
      button {
        min-height: 40px;
        min-width: 40px;
        padding: 0 12px;
        border-radius: 20px;
        border: 1px solid var(--divider-color, rgba(0, 0, 0, 0.2));
        background: var(--card-background-color, #fff);
        color: var(--primary-color, #03a9f4);
        font: inherit;
        font-size: 14px;
        cursor: pointer;
      }
      button:focus-visible {
        outline-offset: 2px;
      }
      .server-rules {
        margin: 8px 0;
        font-size: 0.9em;
      }
      .server-rules h3 {
        font-size: 1em;
        font-weight: 500;
        margin: 0 0 4px;
      }
      .server-rules ul {
        margin: 0;
        padding-inline-start: 20px;
      }
      .server-rules .refused,
      .server-rules .error {
        color: var(--error-color, #db4437);
      }
      .coverage {
        font-size: 0.85em;
        color: var(--secondary-text-color, #727272);
        margin: 4px 0;
      }
      .coverage .warn {
        display: block;
        color: var(--warning-color, #ffa600);
      }
      .coverage .suspends {
        display: block;
        color: var(--secondary-text-color);
      }
      .server-rules .note {
        color: var(--secondary-text-color, #727272);
        margin: 4px 0 0;
      }
      button.backtest {
        margin-top: 6px;
      }
      .delivery {
        margin: 8px 0 0;
        font-size: 0.85em;
        color: var(--secondary-text-color, #727272);
      }
      .history {
        margin-top: 8px;
        font-size: 13px;
      }
      .history summary {
        cursor: pointer;
        min-height: 40px;
        display: flex;
        align-items: center;
      }
      .history li {
        display: flex;
        flex-wrap: wrap;
        gap: 0 8px;
        padding: 2px 0;
      }
      .history time {
        font-variant-numeric: tabular-nums;
        color: var(--secondary-text-color, #727272);
      }
      @media (prefers-reduced-motion: no-preference) {
        button {
          transition: background-color 0.15s;
        }
      }
    `,
  ];
}

export { ALERTS_CARD_INFO } from './config';
