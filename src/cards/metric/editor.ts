/**
 * Visual editor of `vitals-metric-card`: Home Assistant's own `ha-form` with selectors, so it
 * looks and behaves like the built-in card editors. Keys the form does not cover (thresholds,
 * alerts) are kept as they are and edited in YAML.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { HomeAssistant } from 'custom-card-helpers';
import { dropUnwrittenDefaults } from '../shared/editor';
import { METRIC_STATS, type MetricCardConfig } from './config';

export const METRIC_EDITOR_SCHEMA = [
  { name: 'entity', required: true, selector: { entity: {} } },
  { name: 'name', selector: { text: {} } },
  {
    type: 'grid',
    name: '',
    schema: [
      { name: 'stat', selector: { select: { mode: 'dropdown', options: METRIC_STATS.map((s) => ({ value: s, label: s })) } } },
      { name: 'window', selector: { text: {} } },
      { name: 'decimals', selector: { number: { min: 0, max: 10, mode: 'box' } } },
      { name: 'direction', selector: { select: { mode: 'dropdown', options: ['above', 'below'].map((s) => ({ value: s, label: s === 'above' ? 'Higher is worse' : 'Lower is worse' })) } } },
    ],
  },
  { name: 'show_stats', selector: { boolean: {} } },
  { name: 'show_sparkline', selector: { boolean: {} } },
] as const;

/** What the form shows for keys the config leaves out; never written back unless changed. */
const FORM_DEFAULTS: Record<string, unknown> = { stat: 'current', window: '5m', direction: 'above', show_stats: true, show_sparkline: true };

const LABELS: Record<string, string> = {
  entity: 'Entity',
  name: 'Name',
  stat: 'Show',
  window: 'Window (e.g. 5m, 1h)',
  decimals: 'Decimals',
  direction: 'Direction',
  show_stats: 'Show rolling statistics',
  show_sparkline: 'Show sparkline',
};

export class VitalsMetricCardEditor extends LitElement {
  static override properties = { hass: { attribute: false }, _config: { state: true } };
  hass?: HomeAssistant;
  private _config?: Record<string, unknown>;

  setConfig(config: Partial<MetricCardConfig> & Record<string, unknown>): void {
    this._config = { ...config };
  }

  /** What the form shows: durations as text, defaults filled so the form is not blank. */
  get formData(): Record<string, unknown> {
    return { ...FORM_DEFAULTS, ...this._config };
  }

  protected override render() {
    if (!this._config) return nothing;
    if (!customElements.get('ha-form')) {
      return html`<p class="hint">The visual editor needs Home Assistant's form elements; edit this card in YAML.</p>`;
    }
    return html`<ha-form
      .hass=${this.hass}
      .data=${this.formData}
      .schema=${METRIC_EDITOR_SCHEMA}
      .computeLabel=${(s: { name: string }) => LABELS[s.name] ?? s.name}
      @value-changed=${this.valueChanged}
    ></ha-form>`;
  }

  /** ha-form reports the whole data object; empty optional fields are dropped, not saved as "". */
  valueChanged(event: CustomEvent<{ value: Record<string, unknown> }>): void {
    event.stopPropagation();
    const merged: Record<string, unknown> = { ...this._config, ...event.detail.value };
    for (const [key, value] of Object.entries(merged)) if (value === '' || value === undefined || value === null) delete merged[key];
    const config = dropUnwrittenDefaults(merged, this._config ?? {}, FORM_DEFAULTS);
    this._config = config;
    this.dispatchEvent(new CustomEvent('config-changed', { detail: { config }, bubbles: true, composed: true }));
  }

  static override styles = css`
    .hint {
      color: var(--secondary-text-color, #727272);
    }
  `;
}

if (!customElements.get('vitals-metric-card-editor')) customElements.define('vitals-metric-card-editor', VitalsMetricCardEditor);
