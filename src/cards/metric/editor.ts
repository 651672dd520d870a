/**
 * Visual editor of `vitals-metric-card`: Home Assistant's own `ha-form` with selectors, so it
 * looks and behaves like the built-in card editors. Keys the form does not cover (thresholds,
 * alerts) are kept as they are and edited in YAML.
 */
import { VitalsFormEditor, pickDefaults, withFields, type FormData, type FormSchema } from '../shared/editor';
import { METRIC_DEFAULTS, METRIC_LIMITS, METRIC_STATS } from './config';

export const METRIC_EDITOR_TYPE = 'vitals-metric-card-editor';

type RawConfig = Record<string, unknown>;

export const METRIC_EDITOR_SCHEMA: FormSchema[] = [
  { name: 'entity', required: true, selector: { entity: {} } },
  { name: 'name', selector: { text: {} } },
  {
    type: 'grid',
    name: '',
    schema: [
      { name: 'stat', selector: { select: { mode: 'dropdown', options: METRIC_STATS.map((s) => ({ value: s, label: s })) } } },
      { name: 'window', selector: { text: {} } },
      { name: 'decimals', selector: { number: { min: METRIC_LIMITS.decimals.min, max: METRIC_LIMITS.decimals.max, mode: 'box' } } },
      { name: 'direction', selector: { select: { mode: 'dropdown', options: ['above', 'below'].map((s) => ({ value: s, label: s === 'above' ? 'Higher is worse' : 'Lower is worse' })) } } },
    ],
  },
  { name: 'show_stats', selector: { boolean: {} } },
  { name: 'show_sparkline', selector: { boolean: {} } },
];

const FORM_KEYS = ['entity', 'name', 'stat', 'window', 'decimals', 'direction', 'show_stats', 'show_sparkline'];

export class VitalsMetricCardEditor extends VitalsFormEditor<RawConfig> {
  protected override readonly defaults: Record<string, unknown> = pickDefaults(METRIC_DEFAULTS, ['stat', 'window', 'direction', 'show_stats', 'show_sparkline']);

  protected readonly labels: Record<string, string> = {
    entity: 'Entity',
    name: 'Name',
    stat: 'Show',
    window: 'Window (e.g. 5m, 1h)',
    decimals: 'Decimals',
    direction: 'Direction',
    show_stats: 'Show rolling statistics',
    show_sparkline: 'Show sparkline',
  };

  get schema(): FormSchema[] {
    return METRIC_EDITOR_SCHEMA;
  }

  /** Defaults filled in, so the form is not blank for keys the config leaves out. */
  toFormData(config: RawConfig): FormData {
    return { ...this.defaults, ...config };
  }

  fromFormData(data: FormData, previous: RawConfig): RawConfig {
    return withFields(previous, data, FORM_KEYS);
  }
}

if (!customElements.get(METRIC_EDITOR_TYPE)) customElements.define(METRIC_EDITOR_TYPE, VitalsMetricCardEditor);
