/** Visual editor of `vitals-alerts-card` (loaded lazily): entities, show, max_items, report, and the rules (<vitals-rules-editor>). */
import { css, html, type TemplateResult } from 'lit';
import { VitalsFormEditor, asList, fireConfigChanged, pickDefaults, withFields, type FormData, type FormSchema } from '../shared/editor';
import '../shared/rule-editor/vitals-rules-editor';
import { withAlerts } from '../shared/rule-editor/rule-form';
import { DEFAULT_RULES_INPUT, parseAlertsConfig, servicesCalled } from '../../core/config/alerts';
import { formatErrors } from '../../core/config/validate';
import { ENGLISH, type Localize, type StringKey } from '../../ui/localize/index';
import { ALERTS_DEFAULTS, ALERTS_LIMITS, parseAlertsCardConfig, scopeIdOf } from './config';
import { fnv1a64 } from '../../core/alerts/intent-id';

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

  /** Whether the config had `alerts:` when the editor opened (removing every rule then writes no empty key). */
  private hadAlerts?: boolean;

  override setConfig(config: RawConfig): void {
    if (this.hadAlerts === undefined) this.hadAlerts = config.alerts !== undefined;
    super.setConfig(config);
  }

  /** The ids the card gives its automations (title, and the hub's scope tag of the config as it stands). */
  private automationContext(): { scope: string; cardTitle?: string; tag?: string } | undefined {
    const raw = this._config as Record<string, unknown> | undefined;
    if (!raw) return undefined;
    const title = typeof raw.title === 'string' ? raw.title : undefined;
    try {
      return { scope: title ?? 'alerts', cardTitle: title, tag: fnv1a64(scopeIdOf(parseAlertsCardConfig(raw))).slice(0, 10) };
    } catch {
      return { scope: title ?? 'alerts', cardTitle: title }; // not valid yet: the YAML shows untagged ids
    }
  }

  private onAlertsChanged(event: CustomEvent<{ value: unknown }>): void {
    event.stopPropagation();
    if (!this._config) return;
    const config = withAlerts(this._config, event.detail.value, this.hadAlerts ?? false);
    this._config = config;
    fireConfigChanged(this, config);
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
      ${this._config
        ? html`<h3 class="rules-title">${this.t('editor.rules.title')}</h3>
            <vitals-rules-editor
              defaults
              serverRules
              .automationContext=${this.automationContext()}
              .hass=${this.hass}
              .value=${this._config.alerts}
              .entities=${asList<string>(this._config.entities).filter((e): e is string => typeof e === 'string')}
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
