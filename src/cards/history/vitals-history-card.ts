import { css, html, nothing } from 'lit';
import { VitalsCardBase } from '../shared/card-base';
import { cardStyles } from '../shared/styles';
import type { HomeAssistant } from 'custom-card-helpers';
import type { Chart, ChartConfiguration, ChartDataset, Scale, TooltipItem } from 'chart.js';
import type { EntitySnapshot } from '../../ha/entity-updates';
import type { StoreStatus, VitalsStore } from '../../ha/store';
import { loadChartJs } from '../../ui/chart/load';
import { extentOf, seriesPoints, type ChartPoint } from '../../ui/chart/points';
import type { ThresholdBand } from '../../ui/chart/plugins';
import { clampView, panView, zoomView, type TimeView } from '../../ui/chart/zoom';
import { FrameScheduler } from '../../ui/frame';
import { formatDateTime, formatDuration, formatRate, formatTimeTick, formatValue, formatWindow, timeTicks } from '../../ui/format';
import { AnomalyTracker } from '../shared/anomalies';
import { numericSensorIds } from '../shared/config';
import { forecastSeries, severityOf, type Severity } from '../shared/forecast';
import { THEME_FALLBACKS, readTheme, resolveColour, seriesColor, withAlpha, type ThemeColors } from '../shared/theme';
import { HISTORY_CARD_TYPE, parseHistoryCardConfig, type HistoryCardConfig } from './config';

type ChartModule = Awaited<ReturnType<typeof loadChartJs>>;

const HOUR = 3_600_000;
/** Share of the window added after "now" when a forecast is drawn. */
const FORECAST_ROOM = 0.25;
/** Live view: move the time axis at least this often even without new samples. */
const TICK_MS = 30_000;

type Axis = 'left' | 'right';
type DatasetKind = 'series' | 'compare' | 'markers' | 'forecast';

export interface HistoryRow {
  entity: string;
  name: string;
  color: string;
  unit: string;
  axis: Axis;
  latest: number;
  min: number;
  max: number;
  anomalies: number;
}

export interface HistoryInfo {
  rows: HistoryRow[];
  forecast?: { text: string; severity: Severity };
  /** Shown over the chart when there is nothing to draw. */
  message?: string;
  summary: string;
}

/**
 * Axis per entity: explicit `y_axis` wins; otherwise the first unit goes left, a second unit right,
 * further units share the left axis.
 */
export function assignAxes(entries: { unit: string; y_axis?: Axis }[]): Axis[] {
  let leftUnit: string | undefined;
  let rightUnit: string | undefined;
  for (const e of entries) {
    if (e.y_axis === 'left') leftUnit ??= e.unit;
    if (e.y_axis === 'right') rightUnit ??= e.unit;
  }
  return entries.map((e) => {
    if (e.y_axis) return e.y_axis;
    if (leftUnit === undefined || leftUnit === e.unit) {
      leftUnit = e.unit;
      return 'left';
    }
    if (rightUnit === undefined || rightUnit === e.unit) {
      rightUnit = e.unit;
      return 'right';
    }
    return 'left';
  });
}

/**
 * Time series of one or more entities over minutes to months: chart.js (loaded lazily), min/max
 * decimation to the pixel width, two y axes by unit, threshold bands, anomaly markers, a trend
 * forecast with time-to-limit, comparison with a previous period, zoom and pan.
 */
export class VitalsHistoryCard extends VitalsCardBase<HistoryCardConfig> {
  static override properties = {
    _info: { state: true },
    _status: { state: true },
    _view: { state: true },
    _loadError: { state: true },
  };

  private _info?: HistoryInfo;
  private _status: StoreStatus = 'idle';
  /** Zoomed/panned time range; undefined = live (the configured window up to now). */
  private _view?: TimeView;
  private _loadError?: string;
  private readonly frames = new FrameScheduler(() => this.refresh());
  private ticker?: ReturnType<typeof setInterval>;
  private resizeObserver?: ResizeObserver;
  private size = { width: 0, height: 0 };
  private chartInstance?: Chart<'line', ChartPoint[]>;
  private chartGeneration = 0;
  private pendingGeneration = -1;
  private trackers = new Map<string, AnomalyTracker>();
  private bands: ThresholdBand[] = [];
  private theme: ThemeColors = THEME_FALLBACKS;
  private tickStep = HOUR;
  private maxTicks = 6;
  private nowMarker?: number;
  private datasetUnits: string[] = [];
  private drag?: { pointerId: number; x: number; view: TimeView };

  /** The chart.js instance while the card is on the page (undefined before it loads and after removal). */
  get chart(): Chart<'line', ChartPoint[]> | undefined {
    return this.chartInstance;
  }

  get info(): HistoryInfo | undefined {
    return this._info;
  }

  setConfig(config: unknown): void {
    const parsed = parseHistoryCardConfig(config);
    const previous = this._config;
    this._config = parsed;
    this._view = undefined;
    const watchKey = (c?: HistoryCardConfig) => (c ? JSON.stringify([c.entities.map((e) => e.entity), this.historyMs(c)]) : '');
    if (watchKey(previous) !== watchKey(parsed)) this.attach();
    this.trackers.clear();
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
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    this.chartGeneration++;
    this.chartInstance?.destroy();
    this.chartInstance = undefined;
  }

  private historyMs(config: HistoryCardConfig): number {
    return Math.max(config.hours_to_show, config.forecast?.hours ?? 0) * HOUR + (config.compare ?? 0);
  }

  protected override start(config: HistoryCardConfig, store: VitalsStore): void {
    const historyMs = this.historyMs(config);
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

  /** The data window: the configured hours up to now, plus room for the forecast. */
  private bounds(now: number): TimeView {
    const config = this._config!;
    const windowMs = config.hours_to_show * HOUR;
    return { min: now - windowMs, max: now + (config.forecast ? windowMs * FORECAST_ROOM : 0) };
  }

  /** Visible range. */
  get view(): TimeView {
    const bounds = this.bounds(this.now());
    return this._view ? clampView(this._view, bounds) : bounds;
  }

  /** Chart width in pixels used for decimation (the plot area once chart.js has laid it out). */
  get pixelWidth(): number {
    const area = this.chartInstance?.chartArea;
    const width = area && area.right > area.left ? area.right - area.left : this.size.width;
    return Math.max(1, Math.round(width || 300));
  }

  /** Recompute everything from the store and hand it to the chart. Runs at most once per frame. */
  refresh(): void {
    const config = this._config;
    const store = this.store;
    if (!config || !store) return;
    const now = this.now();
    const bounds = this.bounds(now);
    const view = this._view ? clampView(this._view, bounds) : bounds;
    const pixels = this.pixelWidth;
    const theme = readTheme(this);
    this.theme = theme;
    const snapshots = config.entities.map((e) => store.snapshots.get(e.entity));
    const units = snapshots.map((s) => unitOf(s));
    const axes = assignAxes(config.entities.map((e, i) => ({ unit: units[i], y_axis: e.y_axis })));
    const datasets: ChartDataset<'line', ChartPoint[]>[] = [];
    const datasetUnits: string[] = [];
    const rows: HistoryRow[] = [];
    const kinds: DatasetKind[] = [];
    const push = (dataset: ChartDataset<'line', ChartPoint[]>, unit: string, kind: DatasetKind) => {
      datasets.push(dataset);
      datasetUnits.push(unit);
      kinds.push(kind);
    };
    const axisRange: Record<Axis, number[]> = { left: [], right: [] };
    let anyNumeric = false;

    config.entities.forEach((entry, i) => {
      const series = store.series(entry.entity);
      const snapshot = snapshots[i];
      const name = entry.name ?? (snapshot?.attributes.friendly_name as string | undefined) ?? entry.entity;
      const color = entry.color ? resolveColour(this, entry.color, seriesColor(theme, i)) : seriesColor(theme, i);
      const yAxisID = axes[i] === 'left' ? 'y' : 'y1';
      const points = seriesPoints(series, view.min, view.max, pixels);
      const extent = extentOf(points, view.min, view.max);
      if (series?.latestNumeric()) anyNumeric = true;
      push(
        {
          label: name,
          data: points,
          yAxisID,
          borderColor: color,
          backgroundColor: color,
          borderWidth: 1.5,
          pointRadius: 0,
          pointHitRadius: 4,
          spanGaps: false,
          order: 1,
        },
        units[i],
        'series',
      );
      if (config.compare) {
        const previous = seriesPoints(series, view.min, view.max, pixels, config.compare);
        push(
          {
            label: `${name} (${formatDuration(config.compare)} earlier)`,
            data: previous,
            yAxisID,
            borderColor: withAlpha(color, 0.35),
            backgroundColor: withAlpha(color, 0.35),
            borderWidth: 1,
            borderDash: [3, 3],
            pointRadius: 0,
            pointHitRadius: 2,
            spanGaps: false,
            order: 2,
          },
          units[i],
          'compare',
        );
      }
      let anomalies = 0;
      if (config.show_anomalies && series) {
        let tracker = this.trackers.get(entry.entity);
        if (!tracker) {
          tracker = new AnomalyTracker();
          this.trackers.set(entry.entity, tracker);
        }
        const markers = tracker.update(series).filter((m) => m.t >= view.min && m.t <= view.max);
        anomalies = markers.length;
        if (markers.length > 0) {
          push(
            {
              label: `${name}: anomaly`,
              data: markers.map((m) => ({ x: m.t, y: m.v })),
              yAxisID,
              showLine: false,
              pointRadius: 4,
              pointHoverRadius: 6,
              pointStyle: 'circle',
              pointBackgroundColor: theme.error,
              pointBorderColor: theme.error,
              borderColor: theme.error,
              backgroundColor: theme.error,
              order: 0,
            },
            units[i],
            'markers',
          );
        }
      }
      rows.push({ entity: entry.entity, name, color, unit: units[i], axis: axes[i], latest: extent.latest, min: extent.min, max: extent.max, anomalies });
    });

    let forecastInfo: HistoryInfo['forecast'];
    if (config.forecast) {
      const index = Math.max(0, config.entities.findIndex((e) => e.entity === (config.forecast!.entity ?? config.entities[0].entity)));
      const { limit } = config.forecast;
      const unit = units[index];
      const windowMs = (config.forecast.hours ?? config.hours_to_show) * HOUR;
      const f = forecastSeries(store.series(config.entities[index].entity), { windowMs, limit, now });
      axisRange[axes[index]].push(limit);
      const name = rows[index].name;
      const target = formatValue(limit, unit);
      if (f.warmingUp) {
        forecastInfo = { text: `${name}: collecting data to forecast ${target}`, severity: 'ok' };
      } else {
        const end = Math.min(bounds.max, f.timeToLimitMs !== undefined ? now + f.timeToLimitMs : bounds.max);
        if (end > now) {
          push(
            {
              label: `${name}: trend`,
              data: [
                { x: now, y: f.fitted(now) },
                { x: end, y: f.fitted(end) },
              ],
              yAxisID: axes[index] === 'left' ? 'y' : 'y1',
              borderColor: rows[index].color,
              backgroundColor: rows[index].color,
              borderWidth: 1.5,
              borderDash: [6, 4],
              pointRadius: 0,
              order: 3,
            },
            unit,
            'forecast',
          );
        }
        const ttl = f.timeToLimitMs;
        forecastInfo =
          ttl !== undefined
            ? { text: ttl <= 0 ? `${name} is at ${target}` : `${name} reaches ${target} in ${formatDuration(ttl)}`, severity: severityOf(ttl) }
            : { text: `${name} is not heading for ${target} (${formatRate(f.slopePerMs, unit)})`, severity: 'ok' };
      }
    }

    // Thresholds on their axis (the left one when no series uses the right); keep them (and the
    // forecast limit) in view. The last threshold listed for an axis is drawn in the error colour.
    const thresholdAxis = (t: { y_axis?: Axis }): Axis => (t.y_axis === 'right' && axes.includes('right') ? 'right' : 'left');
    this.bands = config.thresholds.map((t, i, all) => {
      const axis = thresholdAxis(t);
      const top = !all.slice(i + 1).some((other) => thresholdAxis(other) === axis);
      const color = t.color ? resolveColour(this, t.color, top ? theme.error : theme.warning) : top ? theme.error : theme.warning;
      axisRange[axis].push(t.value);
      return { value: t.value, color, fill: withAlpha(color, 0.08), label: t.label, scaleId: axis === 'left' ? 'y' : 'y1' };
    });
    this.nowMarker = config.forecast && view.max > now ? now : undefined;

    let message: string | undefined;
    if (!anyNumeric) {
      const unavailable = snapshots.length > 0 && snapshots.every((s) => s && /^(unavailable|unknown)$/.test(s.state));
      message = unavailable ? 'Unavailable' : this._status === 'reconnecting' ? 'Reconnecting…' : 'No data yet';
    }
    const info: HistoryInfo = { rows, forecast: forecastInfo, message, summary: '' };
    info.summary = this.summarise(info, config);
    this._info = info;
    this.datasetUnits = datasetUnits;
    this.applyToChart(datasets, view, axes, units, axisRange);
  }

  private summarise(info: HistoryInfo, config: HistoryCardConfig): string {
    const parts = info.rows.map((r) => {
      if (Number.isNaN(r.latest)) return `${r.name}: no data`;
      const v = (x: number) => formatValue(x, r.unit);
      const anomalies = r.anomalies ? `, ${r.anomalies} ${r.anomalies === 1 ? 'anomaly' : 'anomalies'}` : '';
      return `${r.name}: latest ${v(r.latest)}, min ${v(r.min)}, max ${v(r.max)}${anomalies}`;
    });
    const head = `${config.title ?? 'History'}, ${this._view ? 'zoomed' : `last ${formatWindow(config.hours_to_show)}`}`;
    const forecast = info.forecast ? `. Forecast: ${info.forecast.text}` : '';
    return `${head}. ${parts.join('; ')}${forecast}`;
  }

  private applyToChart(
    datasets: ChartDataset<'line', ChartPoint[]>[],
    view: TimeView,
    axes: Axis[],
    units: string[],
    axisRange: Record<Axis, number[]>,
  ): void {
    const chart = this.chartInstance;
    if (!chart) return;
    const theme = this.theme;
    chart.data.datasets = datasets;
    const scales = chart.options.scales!;
    const x = scales.x!;
    x.min = view.min;
    x.max = view.max;
    const axisUnits = (axis: Axis) => [...new Set(units.filter((_, i) => axes[i] === axis && units[i]))].join(', ');
    const hasRight = axes.includes('right');
    for (const [id, axis] of [
      ['y', 'left'],
      ['y1', 'right'],
    ] as const) {
      const scale = scales[id]!;
      const extra = axisRange[axis];
      scale.display = axis === 'left' || hasRight;
      scale.suggestedMin = extra.length ? Math.min(...extra) : undefined;
      scale.suggestedMax = extra.length ? Math.max(...extra) : undefined;
      const title = axisUnits(axis);
      scale.title = { display: title !== '', text: title, color: theme.secondaryText };
      scale.ticks = { ...scale.ticks, color: theme.secondaryText };
      if (scale.grid) scale.grid.color = theme.divider;
    }
    x.ticks = { ...x.ticks, color: theme.secondaryText };
    if (x.grid) x.grid.color = theme.divider;
    this.maxTicks = Math.max(2, Math.floor(this.pixelWidth / 70));
    chart.update('none');
  }

  private chartConfig({ thresholdPlugin, nowLinePlugin }: ChartModule): ChartConfiguration<'line', ChartPoint[]> {
    const afterBuildTicks = (scale: Scale) => {
      const { ticks, step } = timeTicks(scale.min, scale.max, this.maxTicks);
      this.tickStep = step;
      scale.ticks = ticks.map((value) => ({ value }));
    };
    return {
      type: 'line',
      data: { datasets: [] },
      options: {
        responsive: false,
        animation: false,
        parsing: false,
        normalized: true,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        layout: { padding: { top: 6, right: 4 } },
        scales: {
          x: {
            type: 'linear',
            afterBuildTicks,
            ticks: { autoSkip: false, maxRotation: 0, font: { size: 11 }, callback: (value) => formatTimeTick(Number(value), this.tickStep) },
            grid: {},
          },
          y: { type: 'linear', position: 'left', ticks: { font: { size: 11 }, maxTicksLimit: 6 }, grid: {} },
          y1: { type: 'linear', position: 'right', display: false, ticks: { font: { size: 11 }, maxTicksLimit: 6 }, grid: { drawOnChartArea: false } },
        },
        plugins: {
          tooltip: {
            callbacks: {
              title: (items: TooltipItem<'line'>[]) => (items.length ? formatDateTime(items[0].parsed.x ?? Number.NaN) : ''),
              label: (item: TooltipItem<'line'>) =>
                `${item.dataset.label ?? ''}: ${formatValue(item.parsed.y ?? Number.NaN, this.datasetUnits[item.datasetIndex])}`,
            },
          },
        },
      },
      plugins: [
        thresholdPlugin({ bands: () => this.bands }),
        nowLinePlugin(
          () => this.nowMarker,
          () => this.theme.secondaryText,
        ),
      ],
    };
  }

  private async ensureChart(): Promise<void> {
    const generation = this.chartGeneration;
    if (this.chartInstance || this.pendingGeneration === generation || !this.isConnected) return;
    const canvas = this.renderRoot.querySelector('canvas');
    const wrap = this.renderRoot.querySelector<HTMLElement>('.chart-wrap');
    if (!canvas || !wrap) return;
    this.pendingGeneration = generation;
    try {
      const chartModule = await loadChartJs();
      if (generation !== this.chartGeneration || !this.isConnected || this.chartInstance) return;
      const rect = wrap.getBoundingClientRect();
      this.size = { width: Math.round(rect.width), height: Math.round(rect.height) };
      this.chartInstance = new chartModule.Chart(canvas, this.chartConfig(chartModule));
      if (this.size.width > 0 && this.size.height > 0) this.chartInstance.resize(this.size.width, this.size.height);
      this.resizeObserver = new ResizeObserver((entries) => this.onResize(entries[entries.length - 1].contentRect));
      this.resizeObserver.observe(wrap);
      this._loadError = undefined;
      this.refresh();
    } catch (err) {
      this._loadError = 'The chart could not be loaded';
      console.warn('ha-vitals: chart.js failed to load', err);
    } finally {
      if (this.pendingGeneration === generation) this.pendingGeneration = -1;
    }
  }

  private onResize(rect: DOMRectReadOnly): void {
    const width = Math.round(rect.width);
    const height = Math.round(rect.height);
    if (width === this.size.width && height === this.size.height) return;
    this.size = { width, height };
    if (width > 0 && height > 0) this.chartInstance?.resize(width, height);
    this.scheduleFrame();
  }

  // ---- zoom and pan ------------------------------------------------------------------------

  private setView(view: TimeView | undefined): void {
    this._view = view;
    this.refresh();
  }

  /** Zoom by `factor` (< 1: in) around `anchor` (default: the middle of the view). */
  zoom(factor: number, anchor?: number): void {
    const bounds = this.bounds(this.now());
    const view = this.view;
    this.setView(zoomView(view, factor, anchor ?? (view.min + view.max) / 2, bounds));
  }

  /** Pan by a fraction of the visible span (negative: earlier). */
  pan(fraction: number): void {
    const view = this.view;
    const bounds = this.bounds(this.now());
    const next = panView(view, fraction * (view.max - view.min), bounds);
    this.setView(next.min === bounds.min && next.max === bounds.max ? undefined : next);
  }

  resetZoom(): void {
    this.setView(undefined);
  }

  private onWheel = (event: WheelEvent): void => {
    // Plain wheel scrolls the dashboard; Ctrl/⌘ + wheel (and trackpad pinch) zooms.
    if (!(event.ctrlKey || event.metaKey) || !this.chartInstance) return;
    event.preventDefault();
    const anchor = this.chartInstance.scales.x?.getValueForPixel(event.offsetX);
    this.zoom(event.deltaY < 0 ? 0.8 : 1.25, anchor);
  };

  private onPointerDown = (event: PointerEvent): void => {
    if (!this._view || event.button !== 0) return;
    this.drag = { pointerId: event.pointerId, x: event.clientX, view: this._view };
    (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
  };

  private onPointerMove = (event: PointerEvent): void => {
    const drag = this.drag;
    if (!drag || drag.pointerId !== event.pointerId) return;
    const span = drag.view.max - drag.view.min;
    const deltaMs = -((event.clientX - drag.x) / this.pixelWidth) * span;
    this._view = panView(drag.view, deltaMs, this.bounds(this.now()));
    this.scheduleFrame();
  };

  private onPointerUp = (event: PointerEvent): void => {
    if (this.drag?.pointerId === event.pointerId) this.drag = undefined;
  };

  // ---- sizes and picker --------------------------------------------------------------------

  getCardSize(): number {
    return 5;
  }

  /** Sections view (2024.11+): 12-column grid, rows of 56 px. */
  getGridOptions() {
    return { columns: 12, rows: 'auto' as const, min_columns: 4, min_rows: 4 };
  }

  /** Sections view, 2024.3 – 2024.10. */
  getLayoutOptions() {
    return { grid_columns: 4, grid_rows: 4, grid_min_columns: 2, grid_min_rows: 3 };
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

  // ---- rendering ---------------------------------------------------------------------------

  protected override updated(): void {
    if (!this.chartInstance) void this.ensureChart();
  }

  protected override render() {
    const config = this._config!;
    const info = this._info;
    const zoomed = this._view !== undefined;
    const message = this._loadError ?? info?.message ?? (info ? undefined : 'Loading…');
    return html`
      <ha-card>
        <div class="header">
          ${config.title ? html`<h2 class="title">${config.title}</h2>` : nothing}
          ${this._status === 'reconnecting' ? html`<span class="status" role="status">Reconnecting…</span>` : nothing}
        </div>
        <ul class="legend">
          ${(info?.rows ?? []).map(
            (r) => html`<li>
              <span class="swatch" style="background:${r.color}"></span><span class="legend-name">${r.name}</span>
              <span class="legend-value">${Number.isNaN(r.latest) ? '—' : formatValue(r.latest, r.unit)}</span>
            </li>`,
          )}
        </ul>
        <div
          class="chart-wrap"
          role="img"
          aria-label=${info?.summary ?? 'Chart loading'}
          @wheel=${this.onWheel}
          @pointerdown=${this.onPointerDown}
          @pointermove=${this.onPointerMove}
          @pointerup=${this.onPointerUp}
          @pointercancel=${this.onPointerUp}
        >
          <canvas aria-hidden="true"></canvas>
          ${message ? html`<div class="message">${message}</div>` : nothing}
        </div>
        <div class="footer">
          ${info?.forecast ? html`<span class="forecast ${info.forecast.severity}">${info.forecast.text}</span>` : html`<span></span>`}
          <div class="controls" role="group" aria-label="Zoom and pan">
            <button type="button" aria-label="Earlier" title="Earlier" ?disabled=${!zoomed} @click=${() => this.pan(-0.25)}>‹</button>
            <button type="button" aria-label="Zoom in" title="Zoom in" @click=${() => this.zoom(0.5)}>+</button>
            <button type="button" aria-label="Zoom out" title="Zoom out" ?disabled=${!zoomed} @click=${() => this.zoom(2)}>−</button>
            <button type="button" aria-label="Later" title="Later" ?disabled=${!zoomed} @click=${() => this.pan(0.25)}>›</button>
            <button type="button" aria-label="Reset zoom" title="Reset zoom" ?disabled=${!zoomed} @click=${() => this.resetZoom()}>⟲</button>
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
        touch-action: pan-y;
      }
      canvas {
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
        margin-left: auto;
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

function unitOf(snapshot: EntitySnapshot | undefined): string {
  const unit = snapshot?.attributes.unit_of_measurement;
  return typeof unit === 'string' ? unit : '';
}

export const HISTORY_CARD_INFO = {
  type: HISTORY_CARD_TYPE,
  name: 'Vitals history',
  description: 'Time series of one or more entities with thresholds, anomaly markers, forecast, comparison, zoom and pan.',
  preview: true,
  documentationURL: 'https://github.com/ha-vitals/ha-vitals/blob/main/docs/cards.md#vitals-history-card',
};
