/**
 * `<vitals-time-chart>`: a time chart for any card. It owns chart.js (loaded lazily), its size
 * (it fills its box: no aspect ratio of its own), the drawing plugins and the pointer gestures;
 * the card owns the data, the visible range and what a gesture does to it (as Home Assistant's
 * history card hands its data to `state-history-charts`).
 *
 * Gestures become events: `chart-zoom` ({factor, anchor}: Ctrl/⌘ + wheel or pinch) and, while
 * `pannable`, `chart-pan` ({from, deltaMs}: a drag, relative to the view it started in).
 * `chart-resize` ({width}) tells the card the plot width changed, so it can decimate again.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { Chart, ChartConfiguration, ChartDataset, Scale } from 'chart.js';
import { ENGLISH_FORMATTER, type Formatter } from '../format';
import { ENGLISH, type Localize } from '../localize';
import { loadChartJs } from './load';
import type { ChartPoint } from './points';
import type { RangeBand, ThresholdBand } from './plugins';
import type { TimeView } from './zoom';

type ChartModule = Awaited<ReturnType<typeof loadChartJs>>;
export type ChartAxis = 'left' | 'right';

/** One drawn series: a line (solid, faint comparison, dashed forecast) or markers. */
export interface TimeChartLine {
  label: string;
  color: string;
  points: ChartPoint[];
  axis: ChartAxis;
  /** Unit of the values, for the pointer readout. */
  unit: string;
  style: 'line' | 'compare' | 'forecast' | 'markers';
}

export interface TimeChartAxis {
  title: string;
  /** Values the axis must show besides the data (thresholds, a forecast limit). */
  include: number[];
}

export interface TimeChartColors {
  text: string;
  divider: string;
}

const FONT = { size: 11 };

export class VitalsTimeChart extends LitElement {
  static override properties = {
    lines: { attribute: false },
    ranges: { attribute: false },
    thresholds: { attribute: false },
    view: { attribute: false },
    nowMarker: { attribute: false },
    axes: { attribute: false },
    colors: { attribute: false },
    formatter: { attribute: false },
    localize: { attribute: false },
    pannable: { type: Boolean },
    _loadError: { state: true },
    _readout: { state: true },
  };

  lines: TimeChartLine[] = [];
  ranges: RangeBand[] = [];
  thresholds: ThresholdBand[] = [];
  view: TimeView = { min: 0, max: 1 };
  nowMarker?: number;
  axes: Record<ChartAxis, TimeChartAxis | undefined> = { left: { title: '', include: [] }, right: undefined };
  colors: TimeChartColors = { text: '#727272', divider: 'rgba(0, 0, 0, 0.12)' };
  /** Tick labels, the readout's time and values in the user's formats (12/24 h, zone, decimal mark). */
  formatter: Formatter = ENGLISH_FORMATTER;
  localize: Localize = ENGLISH;
  pannable = false;
  private _loadError?: string;
  /** What the pointer points at: the time and each series' nearest value (our own, lighter than chart.js's tooltip). */
  private _readout?: { left: boolean; title: string; rows: { color: string; text: string }[] };

  private chartInstance?: Chart<'line', ChartPoint[]>;
  private loading?: Promise<void>;
  private resizeObserver?: ResizeObserver;
  private size = { width: 0, height: 0 };
  private tickStep = 3_600_000;
  private maxTicks = 6;
  private drag?: { pointerId: number; x: number; view: TimeView };

  /** The chart.js instance while the element is on the page (undefined before it loads and after removal). */
  get chart(): Chart<'line', ChartPoint[]> | undefined {
    return this.chartInstance;
  }

  /** Plot width in pixels (the chart area once chart.js has laid it out, else the element's width). */
  get pixelWidth(): number {
    const area = this.chartInstance?.chartArea;
    const width = area && area.right > area.left ? area.right - area.left : this.size.width || this.getBoundingClientRect().width;
    return Math.max(1, Math.round(width || 300));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver = new ResizeObserver((entries) => this.onResize(entries[entries.length - 1].contentRect));
    this.resizeObserver.observe(this);
    // Re-attached (a view switch): the canvas is still rendered, so the chart comes back at once.
    if (this.hasUpdated) void this.ensureChart();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    this.chartInstance?.destroy();
    this.chartInstance = undefined;
    this.loading = undefined;
  }

  protected override updated(changed: PropertyValues): void {
    if (!this.chartInstance) void this.ensureChart();
    else if ([...changed.keys()].some((k) => k !== '_loadError')) this.apply();
  }

  private ensureChart(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const chartModule = await loadChartJs();
        // Build chart.js in a task of its own (it takes tens of ms the first time): requests the
        // card queued in this task (its history) leave first.
        await new Promise((resolve) => setTimeout(resolve, 0));
        const canvas = this.renderRoot.querySelector('canvas');
        if (!this.isConnected || !canvas || this.chartInstance) return;
        this.measure();
        this.chartInstance = new chartModule.Chart(canvas, this.config(chartModule));
        this.chartInstance.resize(this.size.width || undefined, this.size.height || undefined);
        this._loadError = undefined;
        this.apply();
        this.dispatchEvent(new CustomEvent('chart-resize', { detail: { width: this.pixelWidth } }));
      } catch (err) {
        this.loading = undefined;
        this._loadError = this.localize('chart.load_failed');
        console.warn('ha-vitals: chart.js failed to load', err);
      }
    })();
    return this.loading;
  }

  private measure(): void {
    const rect = this.getBoundingClientRect();
    this.size = { width: Math.round(rect.width), height: Math.round(rect.height) };
  }

  private onResize(rect: DOMRectReadOnly): void {
    const width = Math.round(rect.width);
    const height = Math.round(rect.height);
    if (width === this.size.width && height === this.size.height) return;
    this.size = { width, height };
    if (width > 0 && height > 0 && this.chartInstance) {
      this.chartInstance.resize(width, height);
      this.dispatchEvent(new CustomEvent('chart-resize', { detail: { width: this.pixelWidth } }));
    }
  }

  /** Whether the last redraw had nothing to draw (see apply). */
  private drewNothing = false;

  /** Hand the current properties to chart.js and redraw (no animation). */
  private apply(): void {
    const chart = this.chartInstance;
    if (!chart) return;
    // While waiting for data, the card refreshes as its store reports (subscribing, live, first
    // state): redrawing an empty chart each time costs the first paint tens of ms of chart.js.
    const empty = this.lines.every((l) => l.points.length === 0) && this.ranges.length === 0 && this.thresholds.length === 0;
    if (empty && this.drewNothing) return;
    this.drewNothing = empty;
    chart.data.datasets = this.lines.map((line) => datasetOf(line));
    const scales = chart.options.scales!;
    const x = scales.x!;
    x.min = this.view.min;
    x.max = this.view.max;
    const { text, divider } = this.colors;
    for (const [id, side] of [
      ['y', 'left'],
      ['y1', 'right'],
    ] as const) {
      const scale = scales[id]!;
      const axis = this.axes[side];
      scale.display = side === 'left' || axis !== undefined;
      const include = axis?.include ?? [];
      scale.suggestedMin = include.length ? Math.min(...include) : undefined;
      scale.suggestedMax = include.length ? Math.max(...include) : undefined;
      scale.title = { display: !!axis?.title, text: axis?.title ?? '', color: text };
      scale.ticks = { ...scale.ticks, color: text };
      if (scale.grid) scale.grid.color = divider;
    }
    x.ticks = { ...x.ticks, color: text };
    if (x.grid) x.grid.color = divider;
    this.maxTicks = Math.max(2, Math.floor(this.pixelWidth / 70));
    chart.update('none');
  }

  private config({ thresholdPlugin, nowLinePlugin, rangeBandPlugin }: ChartModule): ChartConfiguration<'line', ChartPoint[]> {
    const afterBuildTicks = (scale: Scale) => {
      const { ticks, step } = this.formatter.ticks(scale.min, scale.max, this.maxTicks);
      this.tickStep = step;
      scale.ticks = ticks.map((value) => ({ value }));
    };
    // Value ticks in the user's number format, with the decimals their step needs ("412,2" in German).
    const valueTick = (value: number | string, _index: number, ticks: { value: number }[]) =>
      this.formatter.number(Number(value), tickDecimals(ticks));
    return {
      type: 'line',
      data: { datasets: [] },
      options: {
        // The element sizes the chart itself (ResizeObserver): chart.js's own 2:1 aspect ratio
        // would leave a blank strip beside a short, wide chart.
        responsive: false,
        maintainAspectRatio: false,
        animation: false,
        parsing: false,
        normalized: true,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        layout: { padding: { top: 6, right: 4 } },
        scales: {
          x: {
            type: 'linear',
            afterBuildTicks,
            ticks: { autoSkip: false, maxRotation: 0, font: FONT, callback: (value) => this.formatter.timeTick(Number(value), this.tickStep) },
            grid: {},
          },
          y: { type: 'linear', position: 'left', ticks: { font: FONT, maxTicksLimit: 6, callback: valueTick }, grid: {} },
          y1: { type: 'linear', position: 'right', display: false, ticks: { font: FONT, maxTicksLimit: 6, callback: valueTick }, grid: { drawOnChartArea: false } },
        },
        events: [],
      },
      plugins: [
        rangeBandPlugin(() => this.ranges),
        thresholdPlugin({ bands: () => this.thresholds }),
        nowLinePlugin(
          () => this.nowMarker,
          () => this.colors.text,
        ),
      ],
    };
  }

  private onWheel = (event: WheelEvent): void => {
    // Plain wheel scrolls the dashboard; Ctrl/⌘ + wheel (and trackpad pinch) zooms.
    if (!(event.ctrlKey || event.metaKey) || !this.chartInstance) return;
    event.preventDefault();
    const anchor = this.chartInstance.scales.x?.getValueForPixel(event.offsetX);
    this.dispatchEvent(new CustomEvent('chart-zoom', { detail: { factor: event.deltaY < 0 ? 0.8 : 1.25, anchor } }));
  };

  private onPointerDown = (event: PointerEvent): void => {
    if (!this.pannable || event.button !== 0) return;
    this.drag = { pointerId: event.pointerId, x: event.clientX, view: this.view };
    try {
      (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
    } catch {
      // The pointer is already gone (released between the event and this call): no capture needed.
    }
  };

  private onPointerMove = (event: PointerEvent): void => {
    const drag = this.drag;
    if (!drag || drag.pointerId !== event.pointerId) {
      this.showReadout(event.offsetX);
      return;
    }
    const deltaMs = -((event.clientX - drag.x) / this.pixelWidth) * (drag.view.max - drag.view.min);
    this.dispatchEvent(new CustomEvent('chart-pan', { detail: { from: drag.view, deltaMs } }));
  };

  /** The time under the pointer and, per series, the nearest value within a few pixels of it. */
  private showReadout(offsetX: number): void {
    const chart = this.chartInstance;
    const area = chart?.chartArea;
    const x = chart?.scales.x;
    if (!chart || !area || !x || offsetX < area.left || offsetX > area.right) {
      this._readout = undefined;
      return;
    }
    const t = x.getValueForPixel(offsetX) ?? Number.NaN;
    const reach = ((this.view.max - this.view.min) / this.pixelWidth) * 8;
    const rows: { color: string; text: string }[] = [];
    for (const line of this.lines) {
      const point = nearestPoint(line.points, t);
      if (!point || Math.abs(point.x - t) > reach || Number.isNaN(point.y)) continue;
      rows.push({ color: line.color, text: `${line.label}: ${this.formatter.value(point.y, line.unit)}` });
    }
    this._readout = rows.length ? { left: offsetX > (area.left + area.right) / 2, title: this.formatter.dateTime(t), rows } : undefined;
  }

  private onPointerLeave = (): void => {
    this._readout = undefined;
  };

  private onPointerUp = (event: PointerEvent): void => {
    if (this.drag?.pointerId === event.pointerId) this.drag = undefined;
  };

  protected override render() {
    return html`<div
      class="wrap"
      @wheel=${this.onWheel}
      @pointerdown=${this.onPointerDown}
      @pointermove=${this.onPointerMove}
      @pointerup=${this.onPointerUp}
      @pointercancel=${this.onPointerUp}
      @pointerleave=${this.onPointerLeave}
    >
      <canvas aria-hidden="true"></canvas>${this._loadError ? html`<div class="error">${this._loadError}</div>` : ''}
      ${this._readout
        ? html`<div class="readout ${this._readout.left ? 'left' : 'right'}" aria-hidden="true">
            <div class="readout-time">${this._readout.title}</div>
            ${this._readout.rows.map((r) => html`<div><span class="dot" style="background:${r.color}"></span>${r.text}</div>`)}
          </div>`
        : nothing}
    </div>`;
  }

  static override styles = css`
    :host {
      display: block;
      position: relative;
      min-width: 0;
    }
    .wrap {
      position: absolute;
      inset: 0;
      touch-action: pan-y;
    }
    canvas {
      position: absolute;
      inset: 0;
    }
    .readout {
      position: absolute;
      top: 6px;
      max-width: 60%;
      padding: 4px 8px;
      border-radius: 4px;
      background: var(--card-background-color, #fff);
      color: var(--primary-text-color, #212121);
      box-shadow: 0 1px 4px rgba(0, 0, 0, 0.25);
      font-size: 12px;
      line-height: 1.4;
      pointer-events: none;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .readout.left {
      left: 48px;
    }
    .readout.right {
      right: 12px;
    }
    .readout-time {
      color: var(--secondary-text-color, #727272);
    }
    .dot {
      display: inline-block;
      width: 8px;
      height: 8px;
      border-radius: 50%;
      margin-right: 4px;
    }
    .error {
      position: absolute;
      inset: 0;
      display: flex;
      align-items: center;
      justify-content: center;
      color: var(--secondary-text-color, #727272);
      font-size: 14px;
    }
  `;
}

/** The point of `points` (sorted by x) nearest to `t`. */
function nearestPoint(points: readonly ChartPoint[], t: number): ChartPoint | undefined {
  let lo = 0;
  let hi = points.length - 1;
  if (hi < 0) return undefined;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points[mid].x < t) lo = mid + 1;
    else hi = mid;
  }
  const after = points[lo];
  const before = points[lo - 1];
  return before && Math.abs(before.x - t) < Math.abs(after.x - t) ? before : after;
}

function datasetOf(line: TimeChartLine): ChartDataset<'line', ChartPoint[]> {
  const yAxisID = line.axis === 'left' ? 'y' : 'y1';
  const base = { label: line.label, data: line.points, yAxisID, borderColor: line.color, backgroundColor: line.color };
  switch (line.style) {
    case 'markers':
      return {
        ...base,
        showLine: false,
        pointRadius: 4,
        pointHoverRadius: 6,
        pointStyle: 'circle',
        pointBackgroundColor: line.color,
        pointBorderColor: line.color,
        order: 0,
      };
    case 'compare':
      return { ...base, borderWidth: 1, borderDash: [3, 3], pointRadius: 0, pointHitRadius: 2, spanGaps: false, order: 2 };
    case 'forecast':
      return { ...base, borderWidth: 1.5, borderDash: [6, 4], pointRadius: 0, order: 3 };
    default:
      return { ...base, borderWidth: 1.5, pointRadius: 0, pointHitRadius: 4, spanGaps: false, order: 1 };
  }
}

export const TIME_CHART_TAG = 'vitals-time-chart';
if (!customElements.get(TIME_CHART_TAG)) customElements.define(TIME_CHART_TAG, VitalsTimeChart);

/** Fraction digits the ticks need to be written exactly: none for 400, 410…; one for 412.2, 412.4…; at most 6. */
export function tickDecimals(ticks: { value: number }[]): number {
  for (let digits = 0; digits < 6; digits++) {
    const scale = 10 ** digits;
    if (ticks.every((t) => !Number.isFinite(t.value) || Math.abs(t.value * scale - Math.round(t.value * scale)) < 1e-6 * Math.max(1, Math.abs(t.value * scale)))) return digits;
  }
  return 6;
}
