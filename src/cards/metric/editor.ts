/**
 * Visual editor of `vitals-metric-card`: Home Assistant's own `ha-form` with selectors, so it
 * looks and behaves like the built-in card editors, and the card's alert rules below it
 * (<vitals-rules-editor>). Keys the form does not cover (thresholds) are kept as they are and
 * edited in YAML.
 */
import { css, html, type TemplateResult } from 'lit';
import { ACTION_KEYS, VitalsFormEditor, fireConfigChanged, interactionsSection, pickDefaults, withFields, type FormData, type FormSchema } from '../shared/editor';
import '../shared/rule-editor/vitals-rules-editor';
import { withAlerts } from '../shared/rule-editor/rule-form';
import { ENGLISH, type Localize, type StringKey } from '../../ui/localize/index';
import { METRIC_DEFAULTS, METRIC_LIMITS, METRIC_STATS } from './config';

export const METRIC_EDITOR_TYPE = 'vitals-metric-card-editor';

type RawConfig = Record<string, unknown>;

export function metricEditorSchema(t: Localize = ENGLISH): FormSchema[] {
  return [
    { name: 'entity', required: true, selector: { entity: {} } },
    { name: 'name', selector: { text: {} } },
    {
      type: 'grid',
      name: '',
      schema: [
        { name: 'stat', selector: { select: { mode: 'dropdown', options: METRIC_STATS.map((s) => ({ value: s, label: t(`metric.stat.${s}`) })) } } },
        { name: 'window', selector: { text: {} } },
        { name: 'decimals', selector: { number: { min: METRIC_LIMITS.decimals.min, max: METRIC_LIMITS.decimals.max, mode: 'box' } } },
        {
          name: 'direction',
          selector: {
            select: {
              mode: 'dropdown',
              options: [
                { value: 'above', label: t('editor.metric.direction_above') },
                { value: 'below', label: t('editor.metric.direction_below') },
              ],
            },
          },
        },
      ],
    },
    { name: 'show_stats', selector: { boolean: {} } },
    { name: 'show_sparkline', selector: { boolean: {} } },
    interactionsSection(t),
  ];
}

const FORM_KEYS = ['entity', 'name', 'stat', 'window', 'decimals', 'direction', 'show_stats', 'show_sparkline', ...ACTION_KEYS];

export class VitalsMetricCardEditor extends VitalsFormEditor<RawConfig> {
  protected override readonly defaults: Record<string, unknown> = pickDefaults(METRIC_DEFAULTS, ['stat', 'window', 'direction', 'show_stats', 'show_sparkline']);

  protected readonly labels: Record<string, StringKey> = {
    entity: 'editor.metric.entity',
    name: 'editor.metric.name',
    stat: 'editor.metric.stat',
    window: 'editor.metric.window',
    decimals: 'editor.metric.decimals',
    direction: 'editor.metric.direction',
    show_stats: 'editor.metric.show_stats',
    show_sparkline: 'editor.metric.show_sparkline',
  };

  get schema(): FormSchema[] {
    return metricEditorSchema(this.t);
  }

  /** Defaults filled in, so the form is not blank for keys the config leaves out. */
  toFormData(config: RawConfig): FormData {
    return { ...this.defaults, ...config };
  }

  fromFormData(data: FormData, previous: RawConfig): RawConfig {
    return withFields(previous, data, FORM_KEYS);
  }

  /** Whether the config had `alerts:` when the editor opened (removing every rule then writes no empty key). */
  private hadAlerts?: boolean;

  override setConfig(config: RawConfig): void {
    if (this.hadAlerts === undefined) this.hadAlerts = config.alerts !== undefined;
    super.setConfig(config);
  }

  private onAlertsChanged(event: CustomEvent<{ value: unknown }>): void {
    event.stopPropagation();
    if (!this._config) return;
    const config = withAlerts(this._config, event.detail.value, this.hadAlerts ?? false);
    this._config = config;
    fireConfigChanged(this, config);
  }

  protected override render(): TemplateResult {
    const entity = this._config?.entity;
    return html`
      ${super.render()}
      ${this._config
        ? html`<h3 class="rules-title">${this.t('editor.rules.title')}</h3>
            <vitals-rules-editor
              .hass=${this.hass}
              .value=${this._config.alerts}
              .entities=${typeof entity === 'string' && entity ? [entity] : []}
              @value-changed=${this.onAlertsChanged}
            ></vitals-rules-editor>`
        : ''}
    `;
  }

  static override styles = css`
    ${VitalsFormEditor.styles}
    .rules-title {
      font-size: 16px;
      font-weight: 500;
      margin: 16px 0 8px;
    }
  `;
}

if (!customElements.get(METRIC_EDITOR_TYPE)) customElements.define(METRIC_EDITOR_TYPE, VitalsMetricCardEditor);
