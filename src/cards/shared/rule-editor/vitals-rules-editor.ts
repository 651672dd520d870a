/**
 * `<vitals-rules-editor>`: the alert rules of a card as a list, each opening Home Assistant's
 * `<ha-form>` (schemas from rule-form.ts), its notification tiers and the backtest preview.
 *
 *   <vitals-rules-editor .hass=${hass} .value=${config.alerts} .entities=${['sensor.cpu']}
 *     @value-changed=${(e) => write(e.detail.value)}></vitals-rules-editor>
 *
 * `value` is the card's raw `alerts:` (undefined, a list of rules, or the mapping
 * `{rules, inhibit, reconnect_grace, allow_services}`); every change fires `value-changed` with
 * the new raw value in the form the user wrote. The list's buttons are native `<button>`s, so the
 * editor works by keyboard and without Home Assistant's own elements.
 */
import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { HomeAssistant } from 'custom-card-helpers';
import { RULE_TYPES, parseAlertsConfig, type RuleType } from '../../../core/config/alerts';
import { automationFor, automationsYaml } from '../../../core/server-rules/automation';
import { LanguageFollower, type Localize, type StringKey } from '../../../ui/localize/index';
import type { FormData, FormSchema } from '../editor';
import '../rule-preview/vitals-rule-preview';
import {
  RULE_HELPERS,
  RULE_LABELS,
  SECTION_LABELS,
  TIER_LABELS,
  advancedSchema,
  allowServicesOf,
  defaultRules,
  duplicateRule,
  fromFormData,
  isRuleType,
  mainSchema,
  newRule,
  newTier,
  ruleErrors,
  ruleSummary,
  rulesOf,
  sectionFieldErrors,
  sectionFromFormData,
  sectionSchema,
  sectionToFormData,
  serviceOptions,
  tierFromFormData,
  tierSchema,
  tierToFormData,
  tiersOf,
  toFormData,
  withRules,
  withTiers,
  type RawRule,
  type RawTier,
} from './rule-form';

export const RULES_EDITOR_TYPE = 'vitals-rules-editor';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => !!v && typeof v === 'object' && !Array.isArray(v);

function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item);
  return out;
}

export class VitalsRulesEditor extends LitElement {
  static override properties = {
    hass: { attribute: false },
    value: { attribute: false },
    entities: { attribute: false },
    defaults: { type: Boolean },
    serverRules: { type: Boolean },
    automationContext: { attribute: false },
    _open: { state: true },
    _newType: { state: true },
  };

  hass?: HomeAssistant;
  /** The card's raw `alerts:` value. */
  value?: unknown;
  /** The card's entities (the rules' default, the preview's choice). */
  entities: string[] = [];
  /** No `alerts:` means the default rules (the alerts card) rather than none (the metric card). */
  defaults = false;
  /** Rules may run in Home Assistant (the alerts card, which creates their automations). */
  serverRules = false;
  /** The card's id parts for the automations (its title and hub scope tag): the YAML shown is the one the card writes. */
  automationContext?: { scope: string; cardTitle?: string; tag?: string };
  private _open?: number;
  private _newType: RuleType = 'threshold';
  /** What to focus after the next render (a moved or removed row keeps the keyboard where it was). */
  private focusAfter?: string;

  private readonly language = new LanguageFollower(() => this.requestUpdate());
  private get t(): Localize {
    return this.language.t;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.language.follow(this.hass);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (!this.focusAfter) return;
    const target = this.shadowRoot?.querySelector<HTMLElement>(this.focusAfter);
    this.focusAfter = undefined;
    if (target && !(target as HTMLButtonElement).disabled) target.focus();
    else this.shadowRoot?.querySelector<HTMLElement>('.add-rule')?.focus();
  }

  // -------------------------------------------------------------------------------------------
  // Changes

  private emit(value: unknown): void {
    this.value = value;
    this.dispatchEvent(new CustomEvent('value-changed', { detail: { value }, bubbles: true, composed: true }));
  }

  private get rules(): unknown[] | undefined {
    return rulesOf(this.value);
  }

  private setRules(rules: unknown[]): void {
    this.emit(withRules(this.value, rules));
  }

  private setRule(index: number, rule: unknown): void {
    const rules = [...(this.rules ?? [])];
    rules[index] = rule;
    this.setRules(rules);
  }

  /** Adds a rule of the chosen type and opens it. */
  addRule(type: RuleType = this._newType): void {
    const rules = this.rules ?? [];
    this._open = rules.length;
    this.setRules([...rules, newRule(type, rules)]);
  }

  private startFromDefaults(): void {
    this._open = undefined;
    this.setRules(defaultRules());
  }

  private duplicate(index: number): void {
    const rules = [...(this.rules ?? [])];
    rules.splice(index + 1, 0, duplicateRule(rules[index] as RawRule, rules));
    this._open = index + 1;
    this.setRules(rules);
  }

  private move(index: number, by: -1 | 1): void {
    const rules = this.rules ?? [];
    const to = index + by;
    if (to < 0 || to >= rules.length) return;
    if (this._open === index) this._open = to;
    else if (this._open === to) this._open = index;
    this.focusAfter = `li[data-index="${to}"] ${by < 0 ? '.up' : '.down'}`;
    this.setRules(moved(rules, index, to));
  }

  private removeRule(index: number): void {
    const rules = [...(this.rules ?? [])];
    rules.splice(index, 1);
    if (this._open === index) this._open = undefined;
    else if (this._open !== undefined && this._open > index) this._open--;
    this.focusAfter = `li[data-index="${Math.min(index, rules.length - 1)}"] .toggle`;
    this.setRules(rules);
  }

  private toggle(index: number): void {
    this._open = this._open === index ? undefined : index;
  }

  private onRuleForm(index: number, event: CustomEvent<{ value: FormData }>): void {
    event.stopPropagation();
    const rule = (this.rules ?? [])[index];
    if (!isRecord(rule)) return;
    // The advanced form holds only its own fields: the others come from the rule as it is.
    this.setRule(index, fromFormData({ ...toFormData(rule), ...event.detail.value }, rule));
  }

  private setTiers(index: number, tiers: RawTier[]): void {
    const rule = (this.rules ?? [])[index] as RawRule;
    this.setRule(index, { ...rule, notify: withTiers(rule.notify, tiers) });
  }

  private onTierForm(index: number, tierIndex: number, event: CustomEvent<{ value: FormData }>): void {
    event.stopPropagation();
    const rule = (this.rules ?? [])[index] as RawRule;
    const tiers = [...(tiersOf(rule.notify) ?? [])];
    tiers[tierIndex] = tierFromFormData(event.detail.value, tiers[tierIndex]);
    this.setTiers(index, tiers);
  }

  private addTier(index: number): void {
    const rule = (this.rules ?? [])[index] as RawRule;
    const tiers = [...(tiersOf(rule.notify) ?? [])];
    const services = this.serviceChoices();
    tiers.push(newTier(services.find((s) => s.startsWith('notify.')) ?? services[0], tiers.length));
    this.setTiers(index, tiers);
  }

  private moveTier(index: number, tierIndex: number, by: -1 | 1): void {
    const rule = (this.rules ?? [])[index] as RawRule;
    const tiers = tiersOf(rule.notify) ?? [];
    const to = tierIndex + by;
    if (to < 0 || to >= tiers.length) return;
    this.focusAfter = `.tier[data-tier="${to}"] ${by < 0 ? '.up' : '.down'}`;
    this.setTiers(index, moved(tiers, tierIndex, to));
  }

  private removeTier(index: number, tierIndex: number): void {
    const rule = (this.rules ?? [])[index] as RawRule;
    const tiers = [...(tiersOf(rule.notify) ?? [])];
    tiers.splice(tierIndex, 1);
    this.focusAfter = '.add-tier';
    this.setTiers(index, tiers);
  }

  private onSectionForm(event: CustomEvent<{ value: FormData }>): void {
    event.stopPropagation();
    this.emit(sectionFromFormData(event.detail.value, this.value));
  }

  // -------------------------------------------------------------------------------------------
  // Rendering

  private serviceChoices(): string[] {
    return serviceOptions(this.hass?.services as Record<string, Record<string, unknown>> | undefined, allowServicesOf(this.value));
  }

  private label = (labels: Readonly<Record<string, StringKey>>) => (entry: FormSchema): string => {
    const key = labels[entry.name];
    return key ? this.t(key) : (entry.title ?? entry.name);
  };

  private ruleHelper = (entry: FormSchema): string | undefined => {
    const key = RULE_HELPERS[entry.name];
    if (!key) return undefined;
    return key === 'editor.rules.helper.entity' ? this.t(key, { entities: this.entities.join(', ') || '—' }) : this.t(key);
  };

  private unitOf(rule: RawRule): string | undefined {
    const entity = Array.isArray(rule.entity) ? rule.entity[0] : typeof rule.entity === 'string' ? rule.entity : this.entities[0];
    const unit = typeof entity === 'string' ? this.hass?.states?.[entity]?.attributes?.unit_of_measurement : undefined;
    return typeof unit === 'string' ? unit : undefined;
  }

  private nameOf(rule: unknown): string {
    return isRecord(rule) && typeof rule.name === 'string' && rule.name !== '' ? rule.name : this.t('editor.rules.unnamed');
  }

  protected override render(): TemplateResult {
    const rules = this.rules;
    if (rules === undefined) return html`<p class="note error">${this.t('editor.rules.not_editable')}</p>`;
    return html`
      ${rules.length === 0 ? this.renderEmpty() : nothing}
      <ol class="rules">
        ${rules.map((rule, i) => this.renderRow(rule, i, rules.length))}
      </ol>
      <div class="add">
        <select class="new-type" aria-label=${this.t('editor.rules.add_type_label')} @change=${(e: Event) => (this._newType = (e.target as HTMLSelectElement).value as RuleType)}>
          ${RULE_TYPES.map((type) => html`<option value=${type} ?selected=${type === this._newType}>${this.t(`editor.rules.type.${type}`)}</option>`)}
        </select>
        <button type="button" class="add-rule" @click=${() => this.addRule()}>${this.t('editor.rules.add')}</button>
      </div>
      ${this.renderSection()}
    `;
  }

  private renderEmpty(): TemplateResult {
    if (this.value !== undefined) return html`<p class="note">${this.t('editor.rules.empty')}</p>`;
    if (!this.defaults) return html`<p class="note">${this.t('editor.rules.none_note')}</p>`;
    return html`<p class="note">
      ${this.t('editor.rules.defaults_note')}
      <button type="button" class="start-defaults" @click=${this.startFromDefaults}>${this.t('editor.rules.start_from_defaults')}</button>
    </p>`;
  }

  private renderRow(rule: unknown, i: number, count: number): TemplateResult {
    const name = this.nameOf(rule);
    const isRule = isRecord(rule);
    const open = isRule && this._open === i;
    const errors = isRule ? ruleErrors(this.value, i) : undefined;
    const invalid = !!errors && (errors.rule.length > 0 || Object.keys(errors.fields).length > 0 || Object.keys(errors.tiers).length > 0);
    const severity = isRule && typeof rule.severity === 'string' ? rule.severity : isRule ? 'warning' : '';
    return html`
      <li data-index=${i} class=${open ? 'open' : ''}>
        <div class="row">
          <button type="button" class="toggle" aria-expanded=${open ? 'true' : 'false'} ?disabled=${!isRule} @click=${() => this.toggle(i)}>
            <span class="name">${name}</span>
            ${isRule
              ? html`<span class="type">${isRuleType(rule.type) ? this.t(`editor.rules.type.${rule.type}`) : String(rule.type ?? '')}</span>
                  <span class="summary">${ruleSummary(rule, this.t)}</span>
                  <span class="severity ${severity}">${['critical', 'warning', 'info'].includes(severity) ? this.t(`severity.${severity}` as StringKey) : severity}</span>
                  ${rule.enabled === false ? html`<span class="off">${this.t('editor.rules.disabled')}</span>` : nothing}
                  ${invalid ? html`<span class="invalid" aria-hidden="true">!</span>` : nothing}`
              : html`<span class="summary">${this.t('editor.rules.not_a_rule')}</span>`}
          </button>
          <button type="button" class="icon duplicate" ?disabled=${!isRule} aria-label=${this.t('editor.rules.duplicate_label', { name })} title=${this.t('editor.rules.duplicate_label', { name })} @click=${() => this.duplicate(i)}><ha-icon icon="mdi:content-copy">⧉</ha-icon></button>
          <button type="button" class="icon up" ?disabled=${i === 0} aria-label=${this.t('editor.rules.move_up_label', { name })} title=${this.t('editor.rules.move_up_label', { name })} @click=${() => this.move(i, -1)}><ha-icon icon="mdi:arrow-up">↑</ha-icon></button>
          <button type="button" class="icon down" ?disabled=${i === count - 1} aria-label=${this.t('editor.rules.move_down_label', { name })} title=${this.t('editor.rules.move_down_label', { name })} @click=${() => this.move(i, 1)}><ha-icon icon="mdi:arrow-down">↓</ha-icon></button>
          <button type="button" class="icon remove" aria-label=${this.t('editor.rules.remove_label', { name })} title=${this.t('editor.rules.remove_label', { name })} @click=${() => this.removeRule(i)}><ha-icon icon="mdi:close">✕</ha-icon></button>
        </div>
        ${open && errors ? this.renderRule(rule as RawRule, i, errors) : nothing}
      </li>
    `;
  }

  private renderRule(rule: RawRule, i: number, errors: ReturnType<typeof ruleErrors>): TemplateResult {
    const data = toFormData(rule);
    const { notify: notifyError, ...fieldErrors } = errors.fields;
    const advancedNames = new Set(advancedSchema().flatMap((s) => (s.schema ? s.schema.map((c) => c.name) : [s.name])));
    const advancedError = Object.keys(fieldErrors).some((k) => advancedNames.has(k));
    return html`
      <div class="rule">
        ${errors.rule.length ? html`<p class="error rule-error" role="alert">${errors.rule.join('\n')}</p>` : nothing}
        <ha-form
          class="main"
          .hass=${this.hass}
          .data=${data}
          .schema=${mainSchema(rule.type, this.t, { unit: this.unitOf(rule), runIn: this.serverRules })}
          .error=${fieldErrors}
          .computeLabel=${this.label(RULE_LABELS)}
          .computeHelper=${this.ruleHelper}
          @value-changed=${(e: CustomEvent<{ value: FormData }>) => this.onRuleForm(i, e)}
        ></ha-form>
        <vitals-rule-preview
          .hass=${this.hass}
          .rule=${rule}
          .entities=${this.entities}
          .allowServices=${allowServicesOf(this.value)}
          @rule-patch=${(e: CustomEvent<{ patch: Record<string, unknown> }>) => this.setRule(i, { ...rule, ...e.detail.patch })}
        ></vitals-rule-preview>
        <details class="advanced" ?open=${advancedError}>
          <summary>${this.t('editor.rules.advanced')}</summary>
          <ha-form
            class="advanced-form"
            .hass=${this.hass}
            .data=${data}
            .schema=${advancedSchema()}
            .error=${fieldErrors}
            .computeLabel=${this.label(RULE_LABELS)}
            @value-changed=${(e: CustomEvent<{ value: FormData }>) => this.onRuleForm(i, e)}
          ></ha-form>
        </details>
        ${this.renderTiers(rule, i, errors.tiers, notifyError)} ${this.renderAutomationYaml(rule)}
      </div>
    `;
  }

  /** For people who keep automations in YAML: what the card writes to Home Assistant for this rule. */
  private renderAutomationYaml(rule: RawRule): TemplateResult | typeof nothing {
    if (!this.serverRules || rule.run_in !== 'home_assistant') return nothing;
    const parsed = parseAlertsConfig({ rules: [rule], allow_services: allowServicesOf(this.value) });
    if (!parsed.ok) return nothing;
    const ctx = this.automationContext ?? { scope: 'alerts' };
    const valid = parsed.value.rules[0];
    const entities = valid.entity.length ? valid.entity : this.entities;
    const yaml = automationsYaml(entities.map((entity) => automationFor(valid, entity, ctx)));
    return html`<details class="automation-yaml">
      <summary>${this.t('editor.rules.automation_yaml')}</summary>
      <pre>${yaml}</pre>
    </details>`;
  }

  private renderTiers(rule: RawRule, i: number, errors: Record<number, Record<string, string>>, notifyError?: string): TemplateResult {
    const tiers = tiersOf(rule.notify);
    const services = this.serviceChoices();
    return html`
      <section class="tiers">
        <h4>${this.t('editor.rules.notify_title')}</h4>
        ${notifyError ? html`<p class="error" role="alert">${notifyError}</p>` : nothing}
        ${tiers === undefined ? html`<p class="note">${this.t('editor.rules.notify_default')}</p>` : tiers.length === 0 ? html`<p class="note">${this.t('editor.rules.notify_none')}</p>` : nothing}
        ${(tiers ?? []).map((tier, j) => {
          const number = j + 1;
          const { base, ...fields } = errors[j] ?? {};
          return html`
            <div class="tier" data-tier=${j}>
              <div class="tier-head">
                <span class="tier-title">${this.t('editor.rules.tier_title', { number })}</span>
                <button type="button" class="icon up" ?disabled=${j === 0} aria-label=${this.t('editor.rules.tier_move_up_label', { number })} @click=${() => this.moveTier(i, j, -1)}><ha-icon icon="mdi:arrow-up">↑</ha-icon></button>
                <button type="button" class="icon down" ?disabled=${j === tiers!.length - 1} aria-label=${this.t('editor.rules.tier_move_down_label', { number })} @click=${() => this.moveTier(i, j, 1)}><ha-icon icon="mdi:arrow-down">↓</ha-icon></button>
                <button type="button" class="icon remove" aria-label=${this.t('editor.rules.tier_remove_label', { number })} @click=${() => this.removeTier(i, j)}><ha-icon icon="mdi:close">✕</ha-icon></button>
              </div>
              ${base ? html`<p class="error" role="alert">${base}</p>` : nothing}
              <ha-form
                .hass=${this.hass}
                .data=${tierToFormData(tier)}
                .schema=${tierSchema(services)}
                .error=${fields}
                .computeLabel=${this.label(TIER_LABELS)}
                @value-changed=${(e: CustomEvent<{ value: FormData }>) => this.onTierForm(i, j, e)}
              ></ha-form>
            </div>
          `;
        })}
        <button type="button" class="add-tier" @click=${() => this.addTier(i)}>${this.t('editor.rules.add_tier')}</button>
      </section>
    `;
  }

  private renderSection(): TemplateResult {
    const { base, ...errors } = sectionFieldErrors(this.value);
    return html`
      <details class="section" ?open=${Object.keys(errors).length > 0 || !!base}>
        <summary>${this.t('editor.rules.section')}</summary>
        ${base ? html`<p class="error" role="alert">${base}</p>` : nothing}
        <p class="warning">${this.t('editor.rules.allow_warning')}</p>
        <ha-form
          .hass=${this.hass}
          .data=${sectionToFormData(this.value)}
          .schema=${sectionSchema()}
          .error=${errors}
          .computeLabel=${this.label(SECTION_LABELS)}
          @value-changed=${this.onSectionForm}
        ></ha-form>
      </details>
    `;
  }

  static override styles = css`
    :host {
      display: block;
      color: var(--primary-text-color);
    }
    ol.rules {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      border: 1px solid var(--divider-color, #e0e0e0);
      border-radius: var(--ha-card-border-radius, 12px);
      margin: 0 0 8px;
    }
    .row {
      display: flex;
      align-items: stretch;
      gap: 2px;
    }
    button {
      font: inherit;
      color: inherit;
      background: none;
      border: 1px solid transparent;
      border-radius: 6px;
      cursor: pointer;
    }
    button:focus-visible,
    select:focus-visible,
    summary:focus-visible {
      outline: 2px solid var(--primary-color, #03a9f4);
      outline-offset: 1px;
    }
    button:disabled {
      cursor: default;
      opacity: 0.4;
    }
    .toggle {
      flex: 1;
      min-width: 0;
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 4px 8px;
      text-align: start;
      padding: 8px 12px;
    }
    .name {
      font-weight: 500;
    }
    .type,
    .summary {
      color: var(--secondary-text-color, #727272);
      font-size: 0.9em;
    }
    .summary {
      flex-basis: 100%;
      overflow-wrap: anywhere;
    }
    .severity,
    .off,
    .invalid {
      font-size: 0.8em;
      padding: 0 6px;
      border-radius: 8px;
      border: 1px solid var(--divider-color, #e0e0e0);
    }
    .severity.critical,
    .invalid {
      color: var(--error-color, #db4437);
    }
    .severity.warning {
      color: var(--warning-color, #ffa600);
    }
    .icon {
      min-width: 36px;
      font-size: 16px;
    }
    .icon ha-icon {
      --mdc-icon-size: 20px;
      display: inline-flex;
    }
    .rule {
      padding: 0 12px 12px;
    }
    .automation-yaml pre {
      font-size: 12px;
      overflow-x: auto;
      max-height: 320px;
      background: var(--secondary-background-color, #f5f5f5);
      padding: 8px;
      border-radius: 6px;
    }
    details {
      margin: 8px 0;
    }
    summary {
      cursor: pointer;
      padding: 4px 0;
      color: var(--primary-text-color);
    }
    .tiers h4 {
      margin: 12px 0 4px;
      font-weight: 500;
    }
    .tier {
      border-top: 1px solid var(--divider-color, #e0e0e0);
      padding: 6px 0;
    }
    .tier-head {
      display: flex;
      align-items: center;
      gap: 2px;
    }
    .tier-title {
      flex: 1;
    }
    .add,
    .add-tier,
    .start-defaults {
      margin: 4px 0;
    }
    .add {
      display: flex;
      gap: 8px;
    }
    .add-rule,
    .add-tier,
    .start-defaults {
      border-color: var(--divider-color, #e0e0e0);
      padding: 6px 12px;
      color: var(--primary-color, #03a9f4);
    }
    select {
      font: inherit;
      color: inherit;
      background: var(--card-background-color, transparent);
      border: 1px solid var(--divider-color, #e0e0e0);
      border-radius: 6px;
      padding: 4px;
    }
    .note {
      color: var(--secondary-text-color, #727272);
      margin: 4px 0;
    }
    .error {
      color: var(--error-color, #db4437);
      white-space: pre-line;
      margin: 4px 0;
    }
    .warning {
      font-size: 0.9em;
      color: var(--warning-color, #ffa600);
    }
  `;
}

if (!customElements.get(RULES_EDITOR_TYPE)) customElements.define(RULES_EDITOR_TYPE, VitalsRulesEditor);

declare global {
  interface HTMLElementTagNameMap {
    'vitals-rules-editor': VitalsRulesEditor;
  }
}
