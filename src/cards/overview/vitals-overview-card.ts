import { css, html, nothing, type TemplateResult } from 'lit';
import type { HomeAssistant } from 'custom-card-helpers';
import type { Insight, InsightsResult, SeriesInput } from '../../core/insights/insights';
import { HubCardBase } from '../alerts/hub';
import { cardStyles, listCardStyles } from '../shared/styles';
import { isVirtualMetric, type StoreStatus, type VitalsStore } from '../../ha/store';
import { telemetryFor } from '../../ha/telemetry/index';
import { canPing, entityRegistryDisplay } from '../../ha/api/index';
import { insightSentence } from './insight-text';
import { DOMAINS, parseOverviewCardConfig, resolveDomains, type DomainKey, type OverviewCardConfig, overviewCardLayout } from './config';
import type { DomainHealth, HealthLevel } from './model';
import { VIRTUAL_METRICS } from './metrics';

type Compute = typeof import('./compute');
let computeModule: Promise<Compute> | undefined;
const loadCompute = () => (computeModule ??= import('./compute'));

const HOUR = 3_600_000;
const RECOMPUTE_DELAY_MS = 1_000;
const REFRESH_MS = 60_000;
const MIN_BASELINE_MS = HOUR;

const LEVEL_ICONS: Record<HealthLevel, string> = { unknown: '…', green: '✓', amber: '!', red: '‼' };

/**
 * Health at a glance: AI / System / Experience, each green, amber or red with a one-line reason
 * (from hub alerts on the domain's metrics and from insights), and the top insights as sentences
 * with numbers, each linking to its entity or to a configured dashboard path.
 */
export class VitalsOverviewCard extends HubCardBase<OverviewCardConfig> {
  static override properties = {
    _revision: { state: true },
    _status: { state: true },
  };

  private _revision = 0;
  private _status: StoreStatus = 'idle';
  private domains: Record<DomainKey, string[]> = { ai: [], system: [], experience: [] };
  private result?: InsightsResult;
  private health?: Record<DomainKey, DomainHealth>;
  private compute?: Compute;
  private pending?: ReturnType<typeof setTimeout>;

  setConfig(config: unknown): void {
    this._config = parseOverviewCardConfig(config);
    this.attach();
  }

  protected override detach(): void {
    super.detach();
    if (this.pending !== undefined) clearTimeout(this.pending);
    this.pending = undefined;
  }

  protected override start(config: OverviewCardConfig, store: VitalsStore): void {
    const hass = this._hass!;
    this.domains = resolveDomains(config, { states: hass.states, entities: entityRegistryDisplay(hass) });
    const historyMs = Math.max(config.hours_to_show * HOUR, config.baseline + HOUR);
    for (const id of this.allIds()) this.disposers.push(store.watch(id, () => this.schedule(), { historyMs }));
    this._status = store.status;
    this.disposers.push(store.onStatus((status) => (this._status = status)));
    this.withHub(store, (hub) => {
      this.disposers.push(hub.onChange(() => this.judgeDomains()));
      this.judgeDomains();
    });
    this.useTelemetry(store, hass);
    const timer = setInterval(() => void this.recompute(), REFRESH_MS);
    this.disposers.push(() => clearInterval(timer));
    void this.recompute();
  }

  /** Start the measurements behind the `vitals.*` metrics shown (shared per connection, released on removal). */
  private useTelemetry(store: VitalsStore, hass: HomeAssistant): void {
    const connection = hass.connection;
    if (!canPing(connection)) return;
    const ids = this.allIds();
    const telemetry = telemetryFor(store, connection);
    if (ids.some((id) => /^vitals\.(ws_rtt|state_lag|service_call)_ms$/.test(id))) this.disposers.push(telemetry.useUx({ level: 'basic' }));
    if (ids.some((id) => id.startsWith('vitals.assist_'))) this.disposers.push(telemetry.useAssist());
    if (ids.includes('vitals.llm_turn_ms')) this.disposers.push(telemetry.useLlm());
  }

  private allIds(): string[] {
    return [...new Set(DOMAINS.flatMap((d) => this.domains[d]))];
  }

  private schedule(): void {
    if (this.pending !== undefined) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      void this.recompute();
    }, RECOMPUTE_DELAY_MS);
  }

  /** Recompute the insights from the store now (also runs a second after new data and every minute). */
  async recompute(): Promise<void> {
    this.compute ??= await loadCompute();
    const config = this._config;
    const store = this.store;
    if (!config || !store) return;
    const inputs: SeriesInput[] = [];
    for (const domain of DOMAINS) {
      for (const id of this.domains[domain]) {
        const series = store.series(id);
        const { times, values } = series ? series.copyRange() : { times: [], values: [] };
        const unit = this.unitOf(id);
        inputs.push({
          entity: id,
          name: this.nameOf(id),
          unit,
          times,
          values,
          limit: domain === 'system' && unit === '%' && /disk|storage/.test(id) ? 100 : undefined,
          higherIsBetter: VIRTUAL_METRICS[id]?.higherIsBetter,
        });
      }
    }
    this.result = this.compute.generateInsights(inputs, {
      now: this.now(),
      baselineMs: config.baseline,
      minBaselineMs: MIN_BASELINE_MS,
      trendWindowMs: config.hours_to_show * HOUR,
    });
    this.judgeDomains();
  }

  /** Domain colours and reasons from the hub's alerts and the current insights. */
  private judgeDomains(): void {
    const compute = this.compute;
    if (compute) {
      const alerts = this.hub?.alerts() ?? [];
      const insights = this.result?.insights ?? [];
      const analyses = this.result?.analyses ?? [];
      const judge = (d: DomainKey) => compute.domainHealth(this.domains[d], alerts, insights, analyses, (id) => this.nameOf(id), (id) => this.unitOf(id), { fmt: this.fmt, t: this.t }, this.now());
      this.health = { ai: judge('ai'), system: judge('system'), experience: judge('experience') };
    }
    this._revision++;
  }

  private nameOf(id: string): string {
    const attrs = this._hass?.states?.[id]?.attributes ?? this.store?.snapshots.get(id)?.attributes;
    return String(attrs?.friendly_name ?? VIRTUAL_METRICS[id]?.name ?? id);
  }

  private unitOf(id: string): string | undefined {
    const attrs = this._hass?.states?.[id]?.attributes ?? this.store?.snapshots.get(id)?.attributes;
    const unit = attrs?.unit_of_measurement ?? VIRTUAL_METRICS[id]?.unit;
    return unit === undefined || unit === '' ? undefined : String(unit);
  }

  getCardSize(): number {
    return 4;
  }

  getGridOptions() {
    return overviewCardLayout(this._config).grid;
  }

  getLayoutOptions() {
    return overviewCardLayout(this._config).layout;
  }

  static async getConfigElement(): Promise<HTMLElement> {
    const { OVERVIEW_EDITOR_TYPE } = await import('./editor');
    return document.createElement(OVERVIEW_EDITOR_TYPE);
  }

  static getStubConfig(): Record<string, unknown> {
    return { hours_to_show: 24, baseline: '7d', max_insights: 3 };
  }

  private open(insight: Insight): void {
    const path = this._config?.navigation_path;
    if (path) {
      history.pushState(null, '', path);
      window.dispatchEvent(new CustomEvent('location-changed', { detail: { replace: false } }));
      return;
    }
    this.dispatchEvent(new CustomEvent('hass-more-info', { detail: { entityId: insight.entity }, bubbles: true, composed: true }));
  }

  private linkable(insight: Insight): boolean {
    return !!this._config?.navigation_path || !isVirtualMetric(insight.entity);
  }

  protected override render(): TemplateResult {
    const config = this._config!;
    const result = this.result;
    const top = (result?.insights ?? []).slice(0, config.max_insights);
    const t = this.t;
    const loading: DomainHealth = { level: 'unknown', reason: t('common.loading') };
    return html`
      <ha-card>
        <h2 class="title">${config.title ?? t('overview.title')}</h2>
        ${this._status === 'reconnecting' ? html`<p class="banner" role="status">${t('overview.reconnecting')}</p>` : nothing}
        <ul class="domains" aria-label=${t('overview.by_domain')}>
          ${DOMAINS.map((d) => {
            const h = this.health?.[d] ?? loading;
            return html`<li class="domain ${d} ${h.level}" data-level=${h.level}>
              <span class="dot" aria-hidden="true">${LEVEL_ICONS[h.level]}</span>
              <span class="label">${t(`overview.domain.${d}`)}<span class="sr">: ${t(`overview.level.${h.level}`)}.</span></span>
              <span class="reason">${h.reason}</span>
            </li>`;
          })}
        </ul>
        <h3 class="section">${t('overview.insights')}</h3>
        ${top.length
          ? html`<ul class="insights">
              ${top.map((i) => this.renderInsight(i))}
            </ul>`
          : html`<p class="empty" role="status">${this.emptyText()}</p>`}
      </ha-card>
    `;
  }

  private emptyText(): string {
    const result = this.result;
    if (result && result.insufficient.length > 0 && !result.analyses.some((a) => a.status === 'ok'))
      return this.t('overview.not_enough_history', { duration: this.fmt.duration(MIN_BASELINE_MS) });
    if (!result || result.analyses.every((a) => a.status === 'nodata')) return this.t('overview.waiting');
    return this.t('overview.no_changes');
  }

  private renderInsight(i: Insight): TemplateResult {
    const sentence = insightSentence(i, this.now(), { fmt: this.fmt, t: this.t });
    const body = html`<span class="sev" aria-hidden="true"></span><span class="sentence">${sentence}</span>`;
    return html`<li class="insight ${i.severity}" data-entity=${i.entity}>
      ${this.linkable(i)
        ? html`<button class="link" aria-label=${this.t('overview.open_insight', { sentence, name: this.nameOf(i.entity) })} @click=${() => this.open(i)}>${body}</button>`
        : html`<div class="link static">${body}</div>`}
    </li>`;
  }

  static override styles = [
    cardStyles,
    listCardStyles,
    css`
      .domain {
        display: grid;
        grid-template-columns: 28px auto 1fr;
        align-items: center;
        gap: 4px 10px;
        padding: 6px 0;
      }
      .dot {
        width: 24px;
        height: 24px;
        border-radius: 50%;
        display: flex;
        align-items: center;
        justify-content: center;
        color: #fff;
        font-weight: 700;
        font-size: 13px;
        background: var(--disabled-text-color, #9e9e9e);
      }
      .green .dot {
        background: var(--vitals-ok);
      }
      .amber .dot {
        background: var(--vitals-warning);
      }
      .red .dot {
        background: var(--vitals-error);
      }
      .label {
        font-weight: 500;
      }
      .reason {
        font-size: 13px;
        color: var(--secondary-text-color, #727272);
        min-width: 0;
        overflow-wrap: anywhere;
      }
      @media (max-width: 420px) {
        .domain {
          grid-template-columns: 28px 1fr;
        }
        .reason {
          grid-column: 2;
        }
      }
      .link {
        display: flex;
        gap: 8px;
        align-items: flex-start;
        width: 100%;
        min-height: 40px;
        padding: 8px 4px;
        box-sizing: border-box;
        text-align: left;
        font: inherit;
        font-size: 14px;
        color: inherit;
        background: none;
        border: none;
        border-radius: 6px;
      }
      button.link {
        cursor: pointer;
      }
      button.link:hover {
        background: var(--secondary-background-color, rgba(0, 0, 0, 0.04));
      }
      .sev {
        flex: 0 0 4px;
        align-self: stretch;
        border-radius: 2px;
        background: var(--vitals-info);
      }
      .warning .sev {
        background: var(--vitals-warning);
      }
      .critical .sev {
        background: var(--vitals-error);
      }
      .sentence {
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .empty {
        margin: 4px 0;
        font-size: 14px;
        color: var(--secondary-text-color, #727272);
      }
      @media (prefers-reduced-motion: no-preference) {
        button.link {
          transition: background-color 0.15s;
        }
      }
    `,
  ];
}

export { OVERVIEW_CARD_INFO } from './config';
