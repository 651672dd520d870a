import { css, html, nothing, svg } from 'lit';
import { VitalsCardBase } from '../shared/card-base';
import { cardStyles } from '../shared/styles';
import type { HomeAssistant } from 'custom-card-helpers';
import { parseNumericState } from '../../core/series/parse';
import type { StoreStatus, VitalsStore } from '../../ha/store';
import { sparklinePath } from '../../ui/sparkline';
import { FrameScheduler } from '../../ui/frame';
import { actionHandler } from '../../ui/actions';
import { forecastSeries, severityOf, type Forecast, type Severity } from '../shared/forecast';
import {
  FORECAST_ROWS,
  SYSTEM_ROWS,
  discoverSystemEntities,
  parseSystemCardConfig,
  type SystemCardConfig,
  type SystemRowKey, systemCardLayout } from './config';

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Beyond this, "full in ..." is noise: shown as stable. */
const FORECAST_HORIZON_MS = 365 * DAY;
const SPARK_W = 100;
const SPARK_H = 24;
const TICK_MS = 60_000;
/** Before the window holds enough for a forecast, a trend needs two readings at least this far apart. */
const EARLY_TREND_MIN_SPAN_MS = 60_000;

/** `learning`: too few readings yet; `none`: no numeric reading in the window. */
export type Trend = 'up' | 'down' | 'steady' | 'learning' | 'none';

export interface SystemRow {
  key: SystemRowKey;
  entity: string;
  name: string;
  /** Display of the current state: "42.5 %", "unavailable", "—". */
  value: string;
  available: boolean;
  spark: string;
  trend: Trend;
  /** Set while the trend rests on less than the forecast needs: the time its data covers. */
  trendSpanMs?: number;
  forecast?: { text: string; severity: Severity };
}

const TREND_ARROWS: Record<Trend, string> = { up: '↑', down: '↓', steady: '→', learning: '…', none: '' };

/** Numeric readings in the window, and the time from the first to the last. */
function readingsOf(values: ArrayLike<number>, times: ArrayLike<number>): { count: number; spanMs: number } {
  let count = 0;
  let first = Number.NaN;
  let last = Number.NaN;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) continue;
    count++;
    if (count === 1) first = times[i];
    last = times[i];
  }
  return { count, spanMs: count > 1 ? last - first : 0 };
}

function trendOf(fit: Forecast, readings: number, change: number, noise: number): Trend {
  if (fit.warmingUp) return readings > 0 ? 'learning' : 'none';
  return change > noise ? 'up' : change < -noise ? 'down' : 'steady';
}

/**
 * System resources at a glance: CPU, memory, disk, load, network and the recorder database, each
 * with its current value, a sparkline, a trend arrow and, for what fills up, a capacity forecast.
 */
export class VitalsSystemCard extends VitalsCardBase<SystemCardConfig> {
  static override properties = {
    _rows: { state: true },
    _status: { state: true },
  };

  private _rows: SystemRow[] = [];
  private _status: StoreStatus = 'idle';
  private readonly frames = new FrameScheduler(() => this.refresh());
  private ticker?: ReturnType<typeof setInterval>;

  get rows(): readonly SystemRow[] {
    return this._rows;
  }

  setConfig(config: unknown): void {
    const parsed = parseSystemCardConfig(config);
    const key = (c?: SystemCardConfig) => (c ? JSON.stringify([SYSTEM_ROWS.map((k) => c.entities[k]?.entity), c.hours_to_show]) : '');
    const changed = key(parsed) !== key(this._config);
    this._config = parsed;
    if (changed) this.attach();
    this.scheduleFrame();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.ticker = setInterval(() => this.scheduleFrame(), TICK_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.ticker !== undefined) clearInterval(this.ticker);
    this.ticker = undefined;
    this.frames.cancel();
  }

  protected override start(config: SystemCardConfig, store: VitalsStore): void {
    const historyMs = config.hours_to_show * HOUR;
    const ids = new Set(SYSTEM_ROWS.map((k) => config.entities[k]?.entity).filter((id): id is string => id !== undefined));
    for (const id of ids) this.disposers.push(store.watch(id, () => this.scheduleFrame(), { historyMs }));
    this._status = store.status;
    this.disposers.push(store.onStatus((status) => (this._status = status)));
    this.scheduleFrame();
  }

  private scheduleFrame(): void {
    if (this.isConnected) this.frames.schedule();
  }

  /** Recompute every row from the store (at most once per frame). */
  refresh(): void {
    const config = this._config;
    const store = this.store;
    if (!config || !store) return;
    const now = this.now();
    const windowMs = config.hours_to_show * HOUR;
    const rows: SystemRow[] = [];
    for (const key of SYSTEM_ROWS) {
      const row = config.entities[key];
      if (!row) continue;
      const snapshot = store.snapshots.get(row.entity);
      const series = store.series(row.entity);
      const unitAttr = snapshot?.attributes.unit_of_measurement;
      const unit = typeof unitAttr === 'string' ? unitAttr : '';
      const numeric = parseNumericState(snapshot?.state);
      const value = snapshot === undefined ? '—' : Number.isNaN(numeric) ? snapshot.state : this.fmt.entityValue(row.entity, numeric, unit);
      const data = series?.copyRange(now - windowMs, now);
      const spark = data ? sparklinePath(data.times, data.values, SPARK_W, SPARK_H) : undefined;
      const f = forecastSeries(series, { windowMs, now, limit: FORECAST_ROWS.has(key) ? (row.limit ?? (unit === '%' ? 100 : undefined)) : undefined });
      // A new sensor (or one the recorder does not keep) would show no trend for a quarter of the
      // window: until the forecast has its data, the trend is fitted to the readings there are.
      const readings = data ? readingsOf(data.values, data.times) : { count: 0, spanMs: 0 };
      const early = f.warmingUp && readings.count >= 2 && readings.spanMs >= EARLY_TREND_MIN_SPAN_MS;
      const fit = early ? forecastSeries(series, { windowMs, now, minCoverage: 0 }) : f;
      // A change over the fitted span smaller than a fifth of the values' range (or 1 % of the level) is steady.
      const level = Number.isNaN(numeric) ? 0 : Math.abs(numeric);
      const range = spark && Number.isFinite(spark.max - spark.min) ? spark.max - spark.min : 0;
      const change = fit.slopePerMs * fit.spanMs;
      const noise = Math.max(0.2 * range, 0.01 * level, 1e-9);
      const trend = trendOf(fit, readings.count, change, noise);
      rows.push({
        key,
        entity: row.entity,
        name: row.name ?? this.t(`system.row.${key}`),
        value,
        available: !Number.isNaN(numeric),
        spark: spark?.d ?? '',
        trend,
        trendSpanMs: early && !fit.warmingUp ? fit.spanMs : undefined,
        forecast: FORECAST_ROWS.has(key) ? this.forecastText(f, trend, row.limit ?? (unit === '%' ? 100 : undefined), unit) : undefined,
      });
    }
    this._rows = rows;
  }

  private forecastText(f: Forecast, trend: Trend, limit: number | undefined, unit: string): SystemRow['forecast'] {
    const t = this.t;
    if (f.warmingUp) return { text: t('system.collecting'), severity: 'ok' };
    if (limit === undefined) {
      return trend === 'up' ? { text: t('system.growing', { rate: this.fmt.rate(f.slopePerMs, unit) }), severity: 'ok' } : { text: t('system.stable'), severity: 'ok' };
    }
    const ttl = f.timeToLimitMs;
    if (ttl === undefined || trend !== 'up' || ttl > FORECAST_HORIZON_MS) {
      return ttl !== undefined && ttl <= 0 ? { text: t('system.full'), severity: 'error' } : { text: t('system.stable'), severity: 'ok' };
    }
    return { text: ttl <= 0 ? t('system.full') : t('system.full_in', { duration: this.fmt.duration(ttl) }), severity: severityOf(ttl) };
  }

  getCardSize(): number {
    return 1 + Math.ceil(this.rowCount() * 0.9);
  }

  private rowCount(): number {
    const config = this._config;
    return config ? SYSTEM_ROWS.filter((k) => config.entities[k]).length : 4;
  }

  /** Sections view (2024.11+): 12-column grid, rows of 56 px; about 46 px per resource. */
  getGridOptions() {
    return systemCardLayout(this._config).grid;
  }

  /** Sections view, 2024.3 – 2024.10. */
  getLayoutOptions() {
    return systemCardLayout(this._config).layout;
  }

  static getStubConfig(hass?: HomeAssistant): Record<string, unknown> {
    const found = discoverSystemEntities((hass?.states ?? {}) as never);
    const entities = Object.keys(found).length > 0 ? found : { cpu: 'sensor.processor_use', memory: 'sensor.memory_use_percent' };
    return { entities, hours_to_show: 24 };
  }

  static async getConfigElement(): Promise<HTMLElement> {
    await import('./editor');
    return document.createElement('vitals-system-card-editor');
  }

  protected override render() {
    const config = this._config!;
    return html`
      <ha-card>
        <div class="header">
          <h2 class="title">${config.title ?? this.t('system.title')}</h2>
          ${this._status === 'reconnecting' ? html`<span class="status" role="status">${this.t('common.reconnecting')}</span>` : nothing}
        </div>
        <ul class="rows">
          ${this._rows.map((row) => this.renderRow(row, config))}
        </ul>
      </ha-card>
    `;
  }

  private renderRow(row: SystemRow, config: SystemCardConfig) {
    const arrow = TREND_ARROWS[row.trend];
    const word = this.t(`system.trend.${row.trend}`);
    const trendLabel = row.trendSpanMs === undefined ? word : this.t('system.trend_learning', { trend: word, duration: this.fmt.duration(row.trendSpanMs) });
    return html`
      <li class="row ${row.key}" ${actionHandler({ entity: row.entity, tap_action: config.tap_action, hold_action: config.hold_action, double_tap_action: config.double_tap_action })}>
        <span class="name">${row.name}</span>
        <span class="value ${row.available ? '' : 'unavailable'}">${row.value}</span>
        <svg class="spark" viewBox="0 0 ${SPARK_W} ${SPARK_H}" preserveAspectRatio="none" role="img" aria-label=${this.t('system.spark_label', { name: row.name, window: this.fmt.window(config.hours_to_show) })}>
          ${row.spark ? svg`<path d=${row.spark}></path>` : nothing}
        </svg>
        <span class="trend ${row.trend} ${row.trendSpanMs === undefined ? '' : 'early'}" role="img" aria-label=${trendLabel} title=${trendLabel}>${arrow}</span>
        ${row.forecast ? html`<span class="forecast ${row.forecast.severity}">${row.forecast.text}</span>` : nothing}
      </li>
    `;
  }

  static override styles = [
    cardStyles,
    css`
      ha-card {
        padding: 8px 12px;
      }
      .header {
        margin-bottom: 4px;
      }
      .row {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto minmax(40px, 80px) 1.2em;
        grid-template-areas:
          'name value spark trend'
          'forecast forecast forecast forecast';
        align-items: center;
        column-gap: 8px;
        padding: 4px 0;
        border-top: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12));
      }
      .row.actionable {
        cursor: pointer;
      }
      .row.actionable:focus-visible {
        outline: 2px solid var(--primary-color);
        outline-offset: -2px;
      }
      .row:first-child {
        border-top: none;
      }
      .name {
        grid-area: name;
        color: var(--secondary-text-color, #727272);
        font-size: 14px;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .value {
        grid-area: value;
        color: var(--primary-text-color, #212121);
        font-size: 15px;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      .value.unavailable {
        color: var(--disabled-text-color, #9e9e9e);
        font-size: 13px;
      }
      .spark {
        grid-area: spark;
        width: 100%;
        height: 24px;
      }
      .trend {
        grid-area: trend;
        text-align: center;
        color: var(--secondary-text-color, #727272);
      }
      .trend.early {
        opacity: 0.6;
      }
      .forecast {
        grid-area: forecast;
        font-size: 12px;
      }
      .forecast.error {
        font-weight: 500;
      }
    `,
  ];
}

export { SYSTEM_CARD_INFO } from './config';
