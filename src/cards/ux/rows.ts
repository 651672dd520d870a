/**
 * Metric rows shared by the UX and AI cards: label, current value, p95 over a window, a small
 * sparkline and a good / needs-improvement / poor band. Colour is never the only signal: the band
 * is also in the row's accessible label and in the dot's tooltip.
 */
import { css, html, nothing, svg, type TemplateResult } from 'lit';
import type { TimeSeries } from '../../core/series/time-series';
import type { VitalsStore } from '../../ha/store';
import { WindowStats } from '../../core/stats/window-stats';
import { sparklinePath } from '../../ui/sparkline';
import type { Formatter } from '../../ui/format';
import type { Localize } from '../../ui/localize';
import { actionHandler, type ActionTarget } from '../../ui/actions';

export type Band = 'good' | 'warn' | 'poor' | 'none';

/** The band in words ("needs improvement"); empty for a row without a band. */
export function bandText(t: Localize, band: Band): string {
  return band === 'none' ? '' : t(`ux.band.${band}`);
}

/** `[good, needsImprovement]` limits; `higherIsBetter` flips the comparison (frame rate). */
export interface BandLimits {
  good: number;
  warn: number;
  higherIsBetter?: boolean;
}

export function bandOf(value: number | undefined, limits: BandLimits | undefined): Band {
  if (!limits || value === undefined || !Number.isFinite(value)) return 'none';
  if (limits.higherIsBetter) return value >= limits.good ? 'good' : value >= limits.warn ? 'warn' : 'poor';
  return value <= limits.good ? 'good' : value <= limits.warn ? 'warn' : 'poor';
}

export interface SeriesWindow {
  latest?: number;
  p95: number;
  /** The low tail, for metrics where higher is better (frame rate). */
  p5: number;
  count: number;
  times: Float64Array;
  values: Float64Array;
}

/** The samples of the last `windowMs` (up to `now`), their p95 and the newest value. */
export function seriesWindow(series: TimeSeries | undefined, now: number, windowMs: number): SeriesWindow {
  const empty = new Float64Array(0);
  if (!series) return { p95: Number.NaN, p5: Number.NaN, count: 0, times: empty, values: empty };
  const { times, values } = series.copyRange(now - windowMs, Infinity);
  const stats = new WindowStats({ windowMs: Infinity, capacity: Math.max(1, values.length) });
  for (let i = 0; i < values.length; i++) stats.push(times[i], values[i]);
  const last = series.latest();
  return {
    latest: last && Number.isFinite(last.v) ? last.v : undefined,
    p95: stats.quantile(0.95),
    p5: stats.quantile(0.05),
    count: stats.count,
    times,
    values,
  };
}

/** "p95 120 ms" — or "p5 42 fps" where higher is better, so the column always shows the bad tail. */
export function tailText(fmt: Formatter, t: Localize, w: SeriesWindow, unit: string, decimals: number | undefined, higherIsBetter = false): string | undefined {
  if (w.count === 0) return undefined;
  return higherIsBetter ? t('ux.p5', { value: withUnit(fmt, w.p5, unit, decimals) }) : t('ux.p95', { value: withUnit(fmt, w.p95, unit, decimals) });
}

/**
 * "42 ms", "1,91 s" (1911 ms, rescaled as the run figures are), "42%", "12,5 %" (de) as Home Assistant
 * spaces units; "—" for no value. With `decimals` the value keeps its unit.
 */
export function withUnit(fmt: Formatter, value: number | undefined, unit: string, decimals?: number): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  return decimals === undefined ? fmt.metric(value, unit) : fmt.value(value, unit || undefined, decimals);
}

export interface RowView {
  key: string;
  /** The entity the row shows, when it is one: tapping it runs the card's actions (more-info by default). */
  entity?: string;
  label: string;
  /** Smaller text after the label, e.g. the device. */
  sublabel?: string;
  value: string;
  band: Band;
  /** "p95 120 ms" (or "p5 42 fps"); omitted when the row has none. */
  p95?: string;
  times: ArrayLike<number>;
  values: ArrayLike<number>;
}

export interface SensorRowOptions {
  /** Instead of the sensor's friendly name. */
  label?: string;
  sublabel?: string;
  /** When the sensor has no unit of its own. */
  unit?: string;
  decimals?: number;
  bands?: BandLimits;
}

/** Home Assistant's states that are not values, in the user's language. */
function stateText(t: Localize, state: string): string {
  return state === 'unavailable' ? t('common.unavailable') : state === 'unknown' ? t('ux.state_unknown') : state;
}

/**
 * A row for a Home Assistant sensor: its state, p95 over `windowMs` up to `now`, sparkline and
 * band; values in the user's number format, at the card's `decimals`, else the entity's display precision.
 */
export function sensorRow(
  store: VitalsStore | undefined,
  entity: string,
  now: number,
  windowMs: number,
  fmt: Formatter,
  t: Localize,
  options: SensorRowOptions = {},
): RowView {
  const snapshot = store?.snapshots.get(entity);
  const unit = String(snapshot?.attributes.unit_of_measurement ?? options.unit ?? '');
  const w = seriesWindow(store?.series(entity), now, windowMs);
  const friendly = snapshot?.attributes.friendly_name;
  const unavailable = snapshot && !Number.isFinite(Number(snapshot.state));
  const decimals = options.decimals ?? fmt.precisionOf(entity);
  return {
    key: entity,
    entity,
    label: options.label ?? (typeof friendly === 'string' ? friendly : entity),
    sublabel: options.sublabel,
    value: unavailable ? stateText(t, snapshot.state) : withUnit(fmt, w.latest, unit, decimals),
    band: unavailable ? 'none' : bandOf(w.latest, options.bands),
    p95: tailText(fmt, t, w, unit, decimals, options.bands?.higherIsBetter),
    times: w.times,
    values: w.values,
  };
}

const SPARK_W = 80;
const SPARK_H = 24;

/** The row's accessible label: "Websocket round trip: 42 ms (good), p95 181 ms". */
export function rowLabel(t: Localize, row: RowView): string {
  const band = bandText(t, row.band);
  const label = row.sublabel ? t('ux.row.with_device', { label: row.label, device: row.sublabel }) : row.label;
  const value = band ? t('ux.row.value_band', { label, value: row.value, band }) : t('ux.row.value', { label, value: row.value });
  return row.p95 ? t('ux.row.with_tail', { text: value, tail: row.p95 }) : value;
}

/**
 * One row. With `actions` (rows backed by an entity) the row is a button inside its list item that
 * runs the card's tap, hold and double-tap actions (more-info by default); other rows are inert.
 */
export function renderRow(row: RowView, t: Localize, actions?: Omit<ActionTarget, 'entity'>): TemplateResult {
  const spark = sparklinePath(row.times, row.values, SPARK_W, SPARK_H);
  const band = bandText(t, row.band);
  const content = html`<span class="dot" title=${band || t('ux.band.unrated')} aria-hidden="true"></span>
    <span class="label"
      ><span class="label-main">${row.label}</span>${row.sublabel ? html`<span class="sublabel">${row.sublabel}</span>` : nothing}</span
    >
    <span class="value" aria-hidden="true">${row.value}</span>
    <span class="p95" aria-hidden="true">${row.p95 ?? ''}</span>
    <svg class="spark" viewBox="0 0 ${SPARK_W} ${SPARK_H}" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      ${spark.d ? svg`<path d=${spark.d}></path>` : nothing}
    </svg>`;
  if (row.entity && actions) {
    return html`<div class="item" role="listitem">
      <div class="row band-${row.band}" aria-label=${rowLabel(t, row)} data-key=${row.key} ${actionHandler({ ...actions, entity: row.entity })}>${content}</div>
    </div>`;
  }
  return html`<div class="row band-${row.band}" role="listitem" aria-label=${rowLabel(t, row)} data-key=${row.key}>${content}</div>`;
}

/** Listed after `cardStyles`, which draws the sparkline's stroke and defines the status colours. */
export const rowStyles = css`
  .rows {
    container-type: inline-size;
    display: flex;
    flex-direction: column;
  }
  .row {
    display: grid;
    grid-template-columns: 12px minmax(0, 1fr) auto minmax(76px, auto) 64px;
    align-items: center;
    gap: 8px;
    min-height: 36px;
    padding: 2px 0;
    border-bottom: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12));
  }
  .rows > .row:last-child,
  .rows > .item:last-child > .row {
    border-bottom: none;
  }
  .row.actionable {
    cursor: pointer;
  }
  .row.actionable:focus-visible {
    outline: 2px solid var(--primary-color, #03a9f4);
    outline-offset: -2px;
    border-radius: 4px;
  }
  .dot {
    width: 10px;
    height: 10px;
    border-radius: 50%;
    background: var(--disabled-text-color, #9e9e9e);
  }
  .band-good .dot {
    background: var(--vitals-ok);
  }
  .band-warn .dot {
    background: var(--vitals-warning);
    border-radius: 2px;
  }
  .band-poor .dot {
    background: var(--vitals-error);
    border-radius: 0;
    transform: rotate(45deg);
  }
  .label {
    display: flex;
    flex-direction: column;
    min-width: 0;
  }
  .label-main,
  .sublabel {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .label-main {
    color: var(--primary-text-color, #212121);
  }
  .sublabel {
    color: var(--secondary-text-color, #727272);
    font-size: 12px;
  }
  .value {
    color: var(--primary-text-color, #212121);
    font-variant-numeric: tabular-nums;
    font-weight: 500;
    text-align: end;
    white-space: nowrap;
  }
  /* Values keep the text colour (contrast on any theme); the band shows as the dot's colour and shape. */
  .row .p95 {
    color: var(--secondary-text-color, #727272);
    font-size: 12px;
    font-variant-numeric: tabular-nums;
    text-align: end;
    white-space: nowrap;
  }
  .spark {
    width: 64px;
    height: 24px;
  }
  @container (max-width: 340px) {
    .row {
      grid-template-columns: 12px minmax(0, 1fr) auto;
      grid-template-areas: 'dot label value' '. spark p95';
      row-gap: 0;
      padding: 4px 0;
    }
    .dot {
      grid-area: dot;
    }
    .label {
      grid-area: label;
    }
    .value {
      grid-area: value;
    }
    .row .p95 {
      grid-area: p95;
    }
    .spark {
      grid-area: spark;
      width: 100%;
      height: 16px;
    }
  }
`;
