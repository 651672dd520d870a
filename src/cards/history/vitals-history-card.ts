import { css, html, nothing } from 'lit';
import { VitalsCardBase } from '../shared/card-base';
import { cardStyles } from '../shared/styles';
import type { HomeAssistant } from 'custom-card-helpers';
import type { Chart } from 'chart.js';
import type { StoreStatus, VitalsStore } from '../../ha/store';
import { loadChartJs } from '../../ui/chart/load';
import type { ChartPoint } from '../../ui/chart/points';
import '../../ui/chart/time-chart';
import type { VitalsTimeChart } from '../../ui/chart/time-chart';
import { clampView, panView, zoomView, type TimeView } from '../../ui/chart/zoom';
import { FrameScheduler } from '../../ui/frame';
import { actionHandler } from '../../ui/actions';
import type { AnomalyTracker } from '../shared/anomalies';
import { numericSensorIds } from '../shared/config';
import { readTheme, resolveColour, seriesColor, type ThemeColors } from '../shared/theme';
import { parseHistoryCardConfig, type HistoryCardConfig, historyCardLayout } from './config';
import { buildHistory, historyBounds, historyWindowMs, type ForecastModule, type HistoryChartData, type HistoryInfo } from './model';

export { assignAxes, type HistoryInfo, type HistoryRow } from './model';

/** Live view: move the time axis at least this often even without new samples. */
const TICK_MS = 30_000;
/** Time per frame for judging history for anomaly markers: the first paint never waits for it. */
const MARKER_BUDGET_MS = 4;

/**
 * Time series of one or more entities over minutes to months: the card watches the store, turns
 * config and data into rows and lines (`buildHistory`, a pure function), and hands them to
 * `<vitals-time-chart>`, which owns chart.js. It keeps the live/zoomed view and what a gesture
 * does to it. Data is asked for the moment the card is attached, while the chart code loads.
 */
export class VitalsHistoryCard extends VitalsCardBase<HistoryCardConfig> {
  static override properties = {
    _info: { state: true },
    _chartData: { state: true },
    _status: { state: true },
    _view: { state: true },
  };

  private _info?: HistoryInfo;
  private _chartData?: HistoryChartData;
  private _status: StoreStatus = 'idle';
  /** Zoomed/panned time range; undefined = live (the configured window up to now). */
  private _view?: TimeView;
  private readonly frames = new FrameScheduler(() => this.refresh());
  private ticker?: ReturnType<typeof setInterval>;
  private trackers = new Map<string, AnomalyTracker>();
  /** Theme colours read by the last refresh (one getComputedStyle per frame, shared with render). */
  private theme?: ThemeColors;
  /** The anomaly detectors load after the first paint: the chart never waits for them. */
  private trackerClass?: typeof AnomalyTracker;
  private trackerLoading?: Promise<void>;
  /** The forecast code: loaded when a forecast is configured. */
  private forecaster?: ForecastModule;
  private forecasterLoading?: Promise<void>;

  private get timeChart(): VitalsTimeChart | null {
    return this.renderRoot.querySelector<VitalsTimeChart>('vitals-time-chart');
  }

  /** The chart.js instance while the card is on the page (undefined before it loads and after removal). */
  get chart(): Chart<'line', ChartPoint[]> | undefined {
    return this.timeChart?.chart;
  }

  get info(): HistoryInfo | undefined {
    return this._info;
  }

  setConfig(config: unknown): void {
    const parsed = parseHistoryCardConfig(config);
    const previous = this._config;
    this._config = parsed;
    this._view = undefined;
    const watchKey = (c?: HistoryCardConfig) => (c ? JSON.stringify([c.entities.map((e) => e.entity), historyWindowMs(c)]) : '');
    if (watchKey(previous) !== watchKey(parsed)) this.attach();
    this.trackers.clear();
    // The chart code loads while the card waits for its data (and is cached for the next card).
    void loadChartJs().catch(() => undefined);
    this.scheduleFrame();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.ticker = setInterval(() => {
      if (!this._view) this.scheduleFrame();
    }, TICK_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.ticker !== undefined) clearInterval(this.ticker);
    this.ticker = undefined;
    this.frames.cancel();
  }

  protected override start(config: HistoryCardConfig, store: VitalsStore): void {
    const historyMs = historyWindowMs(config);
    for (const id of new Set(config.entities.map((e) => e.entity))) {
      this.disposers.push(store.watch(id, () => this.scheduleFrame(), { historyMs }));
    }
    this._status = store.status;
    this.disposers.push(
      store.onStatus((status) => {
        this._status = status;
        this.scheduleFrame();
      }),
    );
    this.scheduleFrame();
  }

  private scheduleFrame(): void {
    if (this.isConnected) this.frames.schedule();
  }

  /** Visible range. */
  get view(): TimeView {
    const bounds = historyBounds(this._config!, this.now());
    return this._view ? clampView(this._view, bounds) : bounds;
  }

  /** Plot width in pixels used for decimation. */
  get pixelWidth(): number {
    return this.timeChart?.pixelWidth ?? Math.max(1, Math.round(this.getBoundingClientRect().width || 300));
  }

  /** Recompute everything from the store and hand it to the chart. Runs at most once per frame. */
  refresh(): void {
    const config = this._config;
    const store = this.store;
    if (!config || !store) return;
    const now = this.now();
    const theme = readTheme(this);
    this.theme = theme;
    const entities = config.entities.map((entry, i) => {
      const series = store.series(entry.entity);
      const fallback = seriesColor(theme, i);
      return {
        snapshot: store.snapshots.get(entry.entity),
        series,
        older: store.olderBuckets(entry.entity),
        markers: config.show_anomalies && series ? this.trackerOf(entry.entity)?.update(series, MARKER_BUDGET_MS) : undefined,
        color: entry.color ? resolveColour(this, entry.color, fallback) : fallback,
      };
    });
    const { info, chart } = buildHistory({
      config,
      entities,
      now,
      view: this.view,
      zoomed: this._view !== undefined,
      pixels: this.pixelWidth,
      theme,
      status: this._status,
      forecaster: config.forecast ? this.loadForecaster() : undefined,
      colour: (value, fallback) => (value ? resolveColour(this, value, fallback) : fallback),
      fmt: this.fmt,
      t: this.t,
    });
    this._info = info;
    this._chartData = chart;
    // Anomaly markers of a long history are judged a few milliseconds per frame.
    if ([...this.trackers.values()].some((t) => t.pending)) this.scheduleFrame();
  }

  /** The forecast module if loaded; starts loading it otherwise (the next frame uses it). */
  private loadForecaster(): ForecastModule | undefined {
    this.forecasterLoading ??= import('../shared/forecast').then(
      (m) => {
        this.forecaster = m;
        this.scheduleFrame();
      },
      (err: unknown) => {
        this.forecasterLoading = undefined;
        console.warn('ha-vitals: forecast code could not be loaded', err);
      },
    );
    return this.forecaster;
  }

  /** The entity's marker tracker; undefined (and its code requested) until the detectors have loaded. */
  private trackerOf(entityId: string): AnomalyTracker | undefined {
    const Tracker = this.trackerClass;
    if (!Tracker) {
      this.trackerLoading ??= import('../shared/anomalies').then(
        (m) => {
          this.trackerClass = m.AnomalyTracker;
          this.scheduleFrame();
        },
        (err: unknown) => {
          this.trackerLoading = undefined; // retried with the next frame
          console.warn('ha-vitals: anomaly detectors could not be loaded', err);
        },
      );
      return undefined;
    }
    let tracker = this.trackers.get(entityId);
    if (!tracker) {
      tracker = new Tracker();
      this.trackers.set(entityId, tracker);
    }
    return tracker;
  }

  // ---- zoom and pan ------------------------------------------------------------------------

  private setView(view: TimeView | undefined): void {
    this._view = view;
    this.refresh();
  }

  /** Zoom by `factor` (< 1: in) around `anchor` (default: the middle of the view). */
  zoom(factor: number, anchor?: number): void {
    const bounds = historyBounds(this._config!, this.now());
    const view = this.view;
    this.setView(zoomView(view, factor, anchor ?? (view.min + view.max) / 2, bounds));
  }

  /** Pan by a fraction of the visible span (negative: earlier). */
  pan(fraction: number): void {
    const view = this.view;
    const bounds = historyBounds(this._config!, this.now());
    const next = panView(view, fraction * (view.max - view.min), bounds);
    this.setView(next.min === bounds.min && next.max === bounds.max ? undefined : next);
  }

  resetZoom(): void {
    this.setView(undefined);
  }

  private onChartZoom = (event: CustomEvent<{ factor: number; anchor?: number }>): void => {
    this.zoom(event.detail.factor, event.detail.anchor);
  };

  private onChartPan = (event: CustomEvent<{ from: TimeView; deltaMs: number }>): void => {
    this._view = panView(event.detail.from, event.detail.deltaMs, historyBounds(this._config!, this.now()));
    this.scheduleFrame();
  };

  // ---- sizes and picker --------------------------------------------------------------------

  getCardSize(): number {
    return 5;
  }

  /** Sections view (2024.11+): 12-column grid, rows of 56 px. */
  getGridOptions() {
    return historyCardLayout(this._config).grid;
  }

  /** Sections view, 2024.3 – 2024.10. */
  getLayoutOptions() {
    return historyCardLayout(this._config).layout;
  }

  static getStubConfig(hass?: HomeAssistant): Record<string, unknown> {
    const numeric = numericSensorIds(hass?.states ?? {});
    const picks = [
      numeric.find((id) => /processor_use|cpu/.test(id)),
      numeric.find((id) => /memory_use|memory_usage/.test(id)),
    ].filter((id): id is string => id !== undefined);
    if (picks.length === 0) picks.push(numeric[0] ?? 'sensor.processor_use');
    return { entities: picks, hours_to_show: 24 };
  }

  static async getConfigElement(): Promise<HTMLElement> {
    await import('./editor');
    return document.createElement('vitals-history-card-editor');
  }

  protected override localeUpdated(): void {
    if (this._info) this.scheduleFrame();
  }

  // ---- rendering ---------------------------------------------------------------------------

  protected override render() {
    const config = this._config!;
    const info = this._info;
    const data = this._chartData;
    const zoomed = this._view !== undefined;
    const t = this.t;
    const message = info?.message ?? (info ? undefined : t('common.loading'));
    const theme = this.theme ?? readTheme(this);
    return html`
      <ha-card>
        <div class="header">
          ${config.title ? html`<h2 class="title">${config.title}</h2>` : nothing}
          ${this._status === 'reconnecting' ? html`<span class="status" role="status">${t('common.reconnecting')}</span>` : nothing}
        </div>
        <ul class="legend">
          ${(info?.rows ?? []).map(
            (r) => html`<li ${actionHandler({ entity: r.entity, tap_action: config.tap_action, hold_action: config.hold_action, double_tap_action: config.double_tap_action })}>
              <span class="swatch" style="background:${r.color}"></span><span class="legend-name">${r.name}</span>
              <span class="legend-value">${Number.isNaN(r.latest) ? '—' : this.fmt.entityValue(r.entity, r.latest, r.unit)}</span>
            </li>`,
          )}
        </ul>
        <div class="chart-wrap" role="img" aria-label=${info?.summary ?? t('history.chart_loading')}>
          <vitals-time-chart
            .lines=${data?.lines ?? []}
            .ranges=${data?.ranges ?? []}
            .thresholds=${data?.thresholds ?? []}
            .axes=${data?.axes ?? { left: { title: '', include: [] }, right: undefined }}
            .view=${this.view}
            .nowMarker=${data?.nowMarker}
            .colors=${{ text: theme.secondaryText, divider: theme.divider }}
            .formatter=${this.fmt}
            .localize=${t}
            ?pannable=${zoomed}
            @chart-zoom=${this.onChartZoom}
            @chart-pan=${this.onChartPan}
            @chart-resize=${() => this.scheduleFrame()}
          ></vitals-time-chart>
          ${message ? html`<div class="message">${message}</div>` : nothing}
        </div>
        <div class="footer">
          ${info?.forecast ? html`<span class="forecast ${info.forecast.severity}">${info.forecast.text}</span>` : html`<span></span>`}
          <div class="controls" role="group" aria-label=${t('history.zoom_and_pan')}>
            <button type="button" aria-label=${t('history.earlier_button')} title=${t('history.earlier_button')} ?disabled=${!zoomed} @click=${() => this.pan(-0.25)}>‹</button>
            <button type="button" aria-label=${t('history.zoom_in')} title=${t('history.zoom_in')} @click=${() => this.zoom(0.5)}>+</button>
            <button type="button" aria-label=${t('history.zoom_out')} title=${t('history.zoom_out')} ?disabled=${!zoomed} @click=${() => this.zoom(2)}>−</button>
            <button type="button" aria-label=${t('history.later_button')} title=${t('history.later_button')} ?disabled=${!zoomed} @click=${() => this.pan(0.25)}>›</button>
            <button type="button" aria-label=${t('history.reset_zoom')} title=${t('history.reset_zoom')} ?disabled=${!zoomed} @click=${() => this.resetZoom()}>⟲</button>
          </div>
        </div>
      </ha-card>
    `;
  }

  static override styles = [
    cardStyles,
    css`
      ha-card {
        padding: 8px 12px 6px;
        display: flex;
        flex-direction: column;
        min-width: 0;
      }
      .title {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .legend {
        margin: 2px 0 4px;
        display: flex;
        flex-wrap: wrap;
        gap: 2px 12px;
        font-size: 12px;
        color: var(--secondary-text-color, #727272);
      }
      .legend li {
        display: flex;
        align-items: center;
        gap: 4px;
        min-width: 0;
      }
      .legend-name {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        max-width: 16em;
      }
      .legend-value {
        color: var(--primary-text-color, #212121);
        white-space: nowrap;
      }
      .swatch {
        width: 10px;
        height: 3px;
        border-radius: 1px;
        flex: none;
      }
      .chart-wrap {
        position: relative;
        flex: 1 1 180px;
        min-height: 120px;
      }
      vitals-time-chart {
        position: absolute;
        inset: 0;
      }
      .message {
        position: absolute;
        inset: 0;
        display: flex;
        align-items: center;
        justify-content: center;
        color: var(--secondary-text-color, #727272);
        font-size: 14px;
        pointer-events: none;
      }
      .footer {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 4px 8px;
        font-size: 12px;
        min-height: 28px;
      }
      .controls {
        display: flex;
        gap: 2px;
        margin-inline-start: auto;
      }
      .controls button {
        min-width: 28px;
        height: 28px;
        border: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12));
        border-radius: 4px;
        background: none;
        color: var(--primary-text-color, #212121);
        font: inherit;
        font-size: 14px;
        cursor: pointer;
        padding: 0 6px;
      }
      .controls button:disabled {
        color: var(--disabled-text-color, #9e9e9e);
        cursor: default;
      }
    `,
  ];
}

export { HISTORY_CARD_INFO } from './config';
