import { css, html, nothing, svg } from 'lit';
import { VitalsCardBase } from '../shared/card-base';
import { cardStyles } from '../shared/styles';
import { numericSensorIds } from '../shared/config';
import type { HomeAssistant } from 'custom-card-helpers';
import type { EntitySnapshot } from '../../ha/entity-updates';
import type { VitalsStore } from '../../ha/store';
import type { AlertHub } from '../../ha/alert-hub';
import { loadHub } from '../alerts/hub';
import { sparklinePath } from '../../ui/sparkline';
import { actionHandler } from '../../ui/actions';
import type { Severity } from '../../core/config/alerts';
import { unitSeparator } from '../../core/format/index';
import { parseNumericState } from '../../core/series/parse';
import { parseMetricCardConfig, type MetricCardConfig, metricCardLayout } from './config';
import { rollingStats, statistic, thresholdSeverity } from './derive';

const SPARK_W = 300;
const SPARK_H = 60;

/**
 * One metric: name, current value with unit, and a sparkline of the values seen since load.
 * Values come from the shared store, never from a subscription of its own.
 */
export class VitalsMetricCard extends VitalsCardBase<MetricCardConfig> {
  static override properties = {
    _snapshot: { state: true },
    _revision: { state: true },
  };

  private _snapshot?: EntitySnapshot;
  private _revision = 0;
  private hub?: AlertHub;

  setConfig(config: unknown): void {
    this._config = parseMetricCardConfig(config);
    // Any key may change what is watched (entity, history window, threshold entities, alerts).
    this.attach();
  }

  protected override start(config: MetricCardConfig, store: VitalsStore): void {
    this._snapshot = undefined;
    // The statistic needs its window of history; the current value needs none.
    const historyMs = config.stat === 'current' ? undefined : config.window;
    this.disposers.push(
      store.watch(
        config.entity,
        (snapshot) => {
          this._snapshot = snapshot;
          this._revision++;
        },
        { historyMs },
      ),
    );
    for (const t of config.thresholds) {
      if (typeof t.value === 'string') this.disposers.push(store.watch(t.value, () => this._revision++));
    }
    this.hub = undefined;
    if (config.alerts) {
      const alerts = config.alerts;
      // The alert engine is a chunk of its own, loaded only by cards with rules.
      let detached = false;
      this.disposers.push(() => (detached = true));
      void loadHub(store).then((hub) => {
        if (detached) return;
        this.hub = hub;
        this.disposers.push(hub.register({ id: `metric:${config.entity}:${JSON.stringify(alerts)}`, entities: [config.entity], config: alerts }));
        this.disposers.push(hub.onChange(() => this._revision++));
        this._revision++;
      });
    }
  }

  static async getConfigElement(): Promise<HTMLElement> {
    await import('./editor');
    return document.createElement('vitals-metric-card-editor');
  }

  /** Worst of: thresholds crossed by the shown value, and firing/pending alerts on the entity. */
  private severity(value: number): Severity | undefined {
    const config = this._config!;
    const fromThresholds = thresholdSeverity(value, config.thresholds, config.direction, (id) => parseNumericState(this.store?.snapshots.get(id)?.state));
    const rank = { info: 1, warning: 2, critical: 3 } as const;
    let worst = fromThresholds;
    for (const alert of this.hub?.alerts() ?? []) {
      if (alert.seriesId !== config.entity || (alert.state !== 'firing' && alert.state !== 'pending')) continue;
      const severity = alert.state === 'pending' && alert.severity === 'critical' ? 'warning' : alert.severity;
      if (!worst || rank[severity] > rank[worst]) worst = severity;
    }
    return worst;
  }

  getCardSize(): number {
    return 3;
  }

  /** Sections view (2024.11+): 12-column grid, rows of 56 px. */
  getGridOptions() {
    return metricCardLayout(this._config).grid;
  }

  /** Sections view, 2024.3 – 2024.10. */
  getLayoutOptions() {
    return metricCardLayout(this._config).layout;
  }

  static getStubConfig(hass?: HomeAssistant): Partial<MetricCardConfig> {
    const numeric = numericSensorIds(hass?.states ?? {});
    const preferred =
      numeric.find((id) => /processor_use|cpu/.test(id)) ?? numeric.find((id) => /memory/.test(id)) ?? numeric[0] ?? 'sensor.processor_use';
    return { entity: preferred };
  }

  /** The card's `decimals`, else the entity's display precision, else enough digits to read (never a wall of them). */
  private format(value: number): string {
    const config = this._config!;
    return this.fmt.number(value, config.decimals ?? (config.stat === 'current' || config.stat === 'rate' ? this.fmt.precisionOf(config.entity) : undefined));
  }

  protected override render() {
    const config = this._config!;
    const snapshot = this._snapshot;
    const name = config.name ?? (snapshot?.attributes.friendly_name as string | undefined) ?? config.entity;
    const entityUnit = (snapshot?.attributes.unit_of_measurement as string | undefined) ?? '';
    const unit = config.stat === 'rate' ? `${entityUnit || this.t('metric.units')}/s` : config.stat === 'availability' ? '%' : entityUnit;
    const state = snapshot?.state;
    const series = this.store?.series(config.entity);
    const now = series?.latest()?.t ?? this.now();
    const from = now - config.window;
    let shown: string;
    let value = Number.NaN;
    if (config.stat === 'current') {
      value = parseNumericState(state);
      // A numeric state as Home Assistant shows it: the user's number format and the entity's precision.
      shown = state === undefined ? '—' : Number.isNaN(value) ? state : this.fmt.number(value, config.decimals ?? this.fmt.precisionOf(config.entity) ?? decimalsOf(state));
    } else {
      value = series ? statistic(series, config.stat, from, now) : Number.NaN;
      shown = Number.isNaN(value) ? '—' : this.format(value);
    }
    const numeric = !Number.isNaN(value);
    const unavailable = state === 'unavailable' || state === 'unknown';
    const severity = this.severity(value);
    const stats = config.show_stats && series ? rollingStats(series, from, now) : undefined;
    const arrays = config.show_sparkline ? series?.copyRange() : undefined;
    const spark = arrays ? sparklinePath(arrays.times, arrays.values, SPARK_W, SPARK_H) : undefined;
    const windowText = this.fmt.duration(config.window);
    const t = this.t;
    return html`
      <ha-card class=${severity ? `severity-${severity}` : ''} ${actionHandler({ entity: config.entity, tap_action: config.tap_action, hold_action: config.hold_action, double_tap_action: config.double_tap_action })}>
        <div class="header">
          <span class="name">${name}</span>
          ${config.stat !== 'current' ? html`<span class="stat">${t(`metric.stat.${config.stat}`)} · ${windowText}</span>` : nothing}
        </div>
        <div class="reading ${unavailable ? 'unavailable' : ''}" role="status" aria-live="polite">
          <span class="value">${shown}</span>${numeric && unit ? html`<span class="unit">${unitSeparator(unit, this.fmt.locale)}${unit}</span>` : nothing}
          ${severity ? html`<span class="badge" aria-label=${t('severity.label', { severity: t(`severity.${severity}`) })}>${t(`severity.${severity}`)}</span>` : nothing}
        </div>
        ${stats && stats.count > 1
          ? html`<div class="stats" aria-label=${t('metric.stats_over', { window: windowText })}>
              <span>${t('metric.stats.min', { value: this.format(stats.min) })}</span> <span>${t('metric.stats.avg', { value: this.format(stats.mean) })}</span>
              <span>${t('metric.stats.p95', { value: this.format(stats.p95) })}</span> <span>${t('metric.stats.max', { value: this.format(stats.max) })}</span>
            </div>`
          : nothing}
        ${config.show_sparkline
          ? html`<svg class="sparkline" viewBox="0 0 ${SPARK_W} ${SPARK_H}" preserveAspectRatio="none" role="img" aria-label=${t('metric.recent_values', { name })}>
              ${spark?.d ? svgPath(spark.d) : nothing}
            </svg>`
          : nothing}
      </ha-card>
    `;
  }

  static override styles = [
    cardStyles,
    css`
      ha-card {
        padding: 12px 16px 8px;
        display: flex;
        flex-direction: column;
      }
      .name {
        color: var(--secondary-text-color, #727272);
        font-size: 14px;
        font-weight: 500;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
        display: block;
      }
      .reading {
        color: var(--primary-text-color, #212121);
        margin: 4px 0;
        display: flex;
        align-items: baseline;
        gap: 4px;
      }
      .unit {
        /* The separator is part of the text ("12,5 %" in German, "42%" in English), as Home Assistant writes it. */
        margin-inline-start: -4px;
        white-space: pre;
      }
      ha-card.actionable {
        cursor: pointer;
      }
      ha-card.actionable:focus-visible {
        outline: 2px solid var(--primary-color);
        outline-offset: -2px;
      }
      .value {
        font-size: 28px;
        font-weight: 400;
        line-height: 1.1;
      }
      .unit {
        font-size: 16px;
        color: var(--secondary-text-color, #727272);
      }
      .unavailable .value {
        color: var(--disabled-text-color, #9e9e9e);
        font-size: 20px;
      }
      .stat {
        color: var(--secondary-text-color, #727272);
        font-size: 12px;
        white-space: nowrap;
      }
      .badge {
        margin-inline-start: auto;
        font-size: 12px;
        font-weight: 500;
        padding: 1px 8px;
        border-radius: 10px;
        color: var(--text-primary-color, #fff);
        background: var(--vitals-severity-color);
        text-transform: capitalize;
      }
      .stats {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 12px;
        font-size: 12px;
        color: var(--secondary-text-color, #727272);
      }
      ha-card.severity-info {
        --vitals-severity-color: var(--vitals-info);
      }
      ha-card.severity-warning {
        --vitals-severity-color: var(--vitals-warning);
      }
      ha-card.severity-critical {
        --vitals-severity-color: var(--vitals-error);
      }
      ha-card[class*='severity-'] {
        border-inline-start: 4px solid var(--vitals-severity-color);
      }
      ha-card[class*='severity-'] .value {
        color: var(--vitals-severity-color);
      }
      .sparkline {
        width: 100%;
        height: 48px;
        flex: 1 1 auto;
        min-height: 32px;
      }
      .sparkline path {
        stroke-width: 2;
      }
    `,
  ];
}

/** Fraction digits as the state was written ("12.50" → 2), so a state shows as precise as it came. */
function decimalsOf(state: string): number {
  const dot = state.indexOf('.');
  return dot < 0 || /e/i.test(state) ? 0 : Math.min(10, state.length - dot - 1);
}

function svgPath(d: string) {
  return svg`<path d=${d}></path>`;
}

export { METRIC_CARD_INFO } from './config';
