import { LitElement, css, html, nothing, svg, type PropertyValues } from 'lit';
import type { HomeAssistant } from 'custom-card-helpers';
import type { EntitySnapshot } from '../../ha/entity-updates';
import { storeFor, type VitalsStore } from '../../ha/store';
import { sparklinePath } from '../../ui/sparkline';
import { METRIC_CARD_TYPE, parseMetricCardConfig, type MetricCardConfig } from './config';

const SPARK_W = 300;
const SPARK_H = 60;

/**
 * One metric: name, current value with unit, and a sparkline of the values seen since load.
 * Values come from the shared store, never from a subscription of its own.
 */
export class VitalsMetricCard extends LitElement {
  static override properties = {
    _config: { state: true },
    _snapshot: { state: true },
    _revision: { state: true },
  };

  private _config?: MetricCardConfig;
  private _snapshot?: EntitySnapshot;
  private _revision = 0;
  private _hass?: HomeAssistant;
  private store?: VitalsStore;
  private stopWatching?: () => void;

  setConfig(config: unknown): void {
    const parsed = parseMetricCardConfig(config);
    const entityChanged = parsed.entity !== this._config?.entity;
    this._config = parsed;
    if (entityChanged) this.rewatch();
  }

  set hass(hass: HomeAssistant) {
    const first = !this._hass;
    this._hass = hass;
    // Per-card work on every hass update is only this identity check; values come from the store.
    if (first || this.store === undefined) this.rewatch();
  }

  get hass(): HomeAssistant | undefined {
    return this._hass;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.rewatch();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopWatching?.();
    this.stopWatching = undefined;
  }

  private rewatch(): void {
    this.stopWatching?.();
    this.stopWatching = undefined;
    if (!this._config || !this._hass?.connection || !this.isConnected) return;
    this.store = storeFor(this._hass.connection);
    this._snapshot = undefined;
    this.stopWatching = this.store.watch(this._config.entity, (snapshot) => {
      this._snapshot = snapshot;
      this._revision++;
    });
  }

  getCardSize(): number {
    return 3;
  }

  /** Sections view (2024.11+): 12-column grid, rows of 56 px. */
  getGridOptions() {
    return { columns: 6, rows: 2, min_columns: 3, min_rows: 2 };
  }

  /** Sections view, 2024.3 – 2024.10. */
  getLayoutOptions() {
    return { grid_columns: 2, grid_rows: 2, grid_min_columns: 1, grid_min_rows: 2 };
  }

  static getStubConfig(hass?: HomeAssistant): Partial<MetricCardConfig> {
    const states = hass?.states ?? {};
    const ids = Object.keys(states);
    const numeric = ids.filter((id) => id.startsWith('sensor.') && Number.isFinite(Number(states[id].state)));
    const preferred =
      numeric.find((id) => /processor_use|cpu/.test(id)) ?? numeric.find((id) => /memory/.test(id)) ?? numeric[0] ?? 'sensor.processor_use';
    return { entity: preferred };
  }

  protected override shouldUpdate(changed: PropertyValues): boolean {
    return changed.size > 0 && this._config !== undefined;
  }

  protected override render() {
    const config = this._config!;
    const snapshot = this._snapshot;
    const name = config.name ?? (snapshot?.attributes.friendly_name as string | undefined) ?? config.entity;
    const unit = (snapshot?.attributes.unit_of_measurement as string | undefined) ?? '';
    const state = snapshot?.state;
    const numeric = state !== undefined && state !== '' && Number.isFinite(Number(state));
    const shown =
      state === undefined ? '—' : numeric && config.decimals !== undefined ? Number(state).toFixed(config.decimals) : state;
    const arrays = this.store?.series(config.entity)?.copyRange();
    const spark = arrays ? sparklinePath(arrays.times, arrays.values, SPARK_W, SPARK_H) : undefined;
    const unavailable = state === 'unavailable' || state === 'unknown';
    return html`
      <ha-card>
        <div class="header">
          <span class="name">${name}</span>
        </div>
        <div class="reading ${unavailable ? 'unavailable' : ''}" role="status" aria-live="polite">
          <span class="value">${shown}</span>${numeric && unit ? html`<span class="unit">${unit}</span>` : nothing}
        </div>
        <svg class="sparkline" viewBox="0 0 ${SPARK_W} ${SPARK_H}" preserveAspectRatio="none" role="img" aria-label="${name}: values since the dashboard was opened">
          ${spark?.d ? svgPath(spark.d) : nothing}
        </svg>
      </ha-card>
    `;
  }

  static override styles = css`
    :host {
      display: block;
    }
    ha-card {
      height: 100%;
      box-sizing: border-box;
      padding: 12px 16px 8px;
      display: flex;
      flex-direction: column;
      overflow: hidden;
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
    .sparkline {
      width: 100%;
      height: 48px;
      flex: 1 1 auto;
      min-height: 32px;
    }
    .sparkline path {
      fill: none;
      stroke: var(--accent-color, var(--primary-color, #03a9f4));
      stroke-width: 2;
      vector-effect: non-scaling-stroke;
      stroke-linejoin: round;
    }
  `;
}



function svgPath(d: string) {
  return svg`<path d=${d}></path>`;
}

export const METRIC_CARD_INFO = {
  type: METRIC_CARD_TYPE,
  name: 'Vitals metric',
  description: 'One metric with its current value and a live sparkline.',
  preview: true,
  documentationURL: 'https://github.com/ha-vitals/ha-vitals#vitals-metric-card',
};
