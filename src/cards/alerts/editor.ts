/** Visual editor of `vitals-alerts-card` (loaded lazily): entities, show, max_items, report; rules stay YAML. */
import { css, html, type TemplateResult } from 'lit';
import { VitalsFormEditor, asList, pickDefaults, withFields, type FormData, type FormSchema } from '../shared/editor';
import { DEFAULT_RULES_INPUT, parseAlertsConfig, servicesCalled } from '../../core/config/alerts';
import { formatErrors } from '../../core/config/validate';
import { ENGLISH, type Localize, type StringKey } from '../../ui/localize/index';
import { ALERTS_DEFAULTS, ALERTS_LIMITS } from './config';

export const ALERTS_EDITOR_TYPE = 'vitals-alerts-card-editor';

type RawConfig = Record<string, unknown>;

export function alertsEditorSchema(t: Localize = ENGLISH): FormSchema[] {
  return [
    { name: 'title', selector: { text: {} } },
    { name: 'entities', selector: { entity: { multiple: true } } },
    {
      name: 'show',
      selector: {
        select: {
          mode: 'dropdown',
          options: [
            { value: 'all', label: t('editor.alerts.show_all') },
            { value: 'active', label: t('editor.alerts.show_active') },
          ],
        },
      },
    },
    { name: 'max_items', selector: { number: { min: ALERTS_LIMITS.max_items.min, max: ALERTS_LIMITS.max_items.max, step: 1, mode: 'box' } } },
    { name: 'report', selector: { boolean: {} } },
  ];
}

/**
 * A message whose `{placeholders}` are code (`{alerts}` → <code>alerts:</code>): the words are
 * translated, the YAML is not.
 */
function withCode(message: string, code: Record<string, string>): TemplateResult {
  const parts = message.split(/\{(\w+)\}/);
  return html`${parts.map((part, i) => (i % 2 === 1 ? html`<code>${code[part] ?? part}</code>` : part))}`;
}

const RULES_EXAMPLE = '- {name: cpu_high, type: threshold, above: 90, for: 2m, notify: [notify.mobile_app_phone]}';

const FORM_KEYS = ['title', 'entities', 'show', 'max_items', 'report'];

export class VitalsAlertsCardEditor extends VitalsFormEditor<RawConfig> {
  protected override readonly defaults: Record<string, unknown> = pickDefaults(ALERTS_DEFAULTS, ['show', 'max_items', 'report']);

  protected readonly labels: Record<string, StringKey> = {
    entities: 'editor.alerts.entities',
    show: 'editor.alerts.show',
    max_items: 'editor.alerts.max_items',
    report: 'editor.alerts.report',
  };

  get schema(): FormSchema[] {
    return alertsEditorSchema(this.t);
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
    return html`<p class="services">${services.length ? this.t('editor.alerts.services', { services: services.join(', ') }) : this.t('editor.alerts.no_services')}</p>`;
  }

  protected override render(): TemplateResult {
    return html`
      ${super.render()} ${this.servicesLine()}
      <p class="hint">${withCode(this.t('editor.alerts.rules_hint'), { alerts: 'alerts:', example: RULES_EXAMPLE })}</p>
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
