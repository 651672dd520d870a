/** Visual editor of `vitals-alerts-card` (loaded lazily): entities, show, max_items, report; rules stay YAML. */
import { css, html, type TemplateResult } from 'lit';
import { VitalsFormEditor, asList, pickDefaults, withFields, type FormData, type FormSchema } from '../shared/editor';
import { DEFAULT_RULES_INPUT, parseAlertsConfig, servicesCalled } from '../../core/config/alerts';
import { formatErrors } from '../../core/config/validate';
import { ALERTS_DEFAULTS, ALERTS_LIMITS } from './config';

export const ALERTS_EDITOR_TYPE = 'vitals-alerts-card-editor';

type RawConfig = Record<string, unknown>;

export const ALERTS_EDITOR_SCHEMA: FormSchema[] = [
  { name: 'title', selector: { text: {} } },
  { name: 'entities', selector: { entity: { multiple: true } } },
  {
    name: 'show',
    selector: {
      select: {
        mode: 'dropdown',
        options: [
          { value: 'all', label: 'Active and recently resolved' },
          { value: 'active', label: 'Active only' },
        ],
      },
    },
  },
  { name: 'max_items', selector: { number: { min: ALERTS_LIMITS.max_items.min, max: ALERTS_LIMITS.max_items.max, step: 1, mode: 'box' } } },
  { name: 'report', selector: { boolean: {} } },
];

const FORM_KEYS = ['title', 'entities', 'show', 'max_items', 'report'];

export class VitalsAlertsCardEditor extends VitalsFormEditor<RawConfig> {
  protected override readonly defaults: Record<string, unknown> = pickDefaults(ALERTS_DEFAULTS, ['show', 'max_items', 'report']);

  protected readonly labels: Record<string, string> = {
    title: 'Title (optional)',
    entities: 'Entities the rules watch',
    show: 'Show',
    max_items: 'Most alerts listed',
    report: 'Report alert states to Home Assistant (MQTT sensors)',
  };

  get schema(): FormSchema[] {
    return ALERTS_EDITOR_SCHEMA;
  }

  toFormData(config: RawConfig): FormData {
    return {
      title: config.title ?? '',
      entities: asList(config.entities),
      show: config.show ?? ALERTS_DEFAULTS.show,
      max_items: config.max_items ?? ALERTS_DEFAULTS.max_items,
      report: typeof config.report === 'boolean' ? config.report : ALERTS_DEFAULTS.report,
    };
  }

  fromFormData(data: FormData, previous: RawConfig): RawConfig {
    return withFields(previous, data, FORM_KEYS);
  }

  /** What the rules will call, or why they are not valid: nothing a pasted config does is hidden. */
  private servicesLine(): TemplateResult {
    const raw = (this.config as Record<string, unknown> | undefined)?.alerts;
    const result = parseAlertsConfig(raw === undefined ? DEFAULT_RULES_INPUT : raw);
    if (!result.ok) return html`<p class="services error">${formatErrors(result.errors)}</p>`;
    const services = servicesCalled(result.value);
    return html`<p class="services">${services.length ? `These rules call: ${services.join(', ')}` : 'These rules call no service.'}</p>`;
  }

  protected override render(): TemplateResult {
    return html`
      ${super.render()} ${this.servicesLine()}
      <p class="hint">
        Rules are edited in YAML (code editor): <code>alerts:</code> takes a list of rules, e.g.
        <code>- {name: cpu_high, type: threshold, above: 90, for: 2m, notify: [notify.mobile_app_phone]}</code>. Without
        <code>alerts:</code> the card uses the default anomaly and no-data rules. See the alerts documentation for every key.
      </p>
    `;
  }

  static override styles = css`
    ${VitalsFormEditor.styles}
    .hint {
      font-size: 13px;
      color: var(--secondary-text-color, #727272);
    }
    code {
      overflow-wrap: anywhere;
    }
    .services {
      font-size: 14px;
    }
    .services.error {
      color: var(--error-color, #db4437);
      white-space: pre-line;
    }
  `;
}

if (!customElements.get(ALERTS_EDITOR_TYPE)) customElements.define(ALERTS_EDITOR_TYPE, VitalsAlertsCardEditor);
