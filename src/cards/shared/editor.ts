/**
 * Base of the cards' visual editors: Home Assistant's `<ha-form>` with selectors, mapping between
 * the card config and the flat form data, firing `config-changed` with the new config.
 * It renders even when `ha-form` is not defined (then the note inside it is what shows: without a
 * shadow root of its own, an unknown element displays its children).
 */
import { LitElement, css, html, type PropertyValues, type TemplateResult } from 'lit';
import type { HomeAssistant } from 'custom-card-helpers';
import { LanguageFollower, type Localize, type StringKey } from '../../ui/localize/index';
// The editors' English strings (editor.*, preview.*): loaded with the editors, not with the cards.
import '../../ui/localize/languages/en-editor';

/** One `ha-form` schema entry (the subset these editors use). */
export interface FormSchema {
  name: string;
  selector?: Record<string, unknown>;
  required?: boolean;
  type?: 'grid' | 'expandable';
  title?: string;
  /** An expandable section's icon (`mdi:…`). */
  icon?: string;
  schema?: FormSchema[];
}

export type FormData = Record<string, unknown>;

export function fireConfigChanged(element: HTMLElement, config: unknown): void {
  element.dispatchEvent(new CustomEvent('config-changed', { detail: { config }, bubbles: true, composed: true }));
}

/** Remove keys whose value is undefined or '' (ha-form clears a field that way). */
export function compact<T extends Record<string, unknown>>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== '' && v !== null) out[k] = v;
  return out as T;
}

/** ha-form reports a cleared field as undefined, '' or null, and an emptied multi-select as []. */
function isCleared(value: unknown): boolean {
  return value === undefined || value === '' || value === null || (Array.isArray(value) && value.length === 0);
}

/** Write the form's `value` at `key`, or remove the key when the field was cleared. */
export function setField(config: Record<string, unknown>, key: string, value: unknown): void {
  if (isCleared(value)) delete config[key];
  else config[key] = value;
}

/** `previous` with the form's fields `keys` written into it (what the form does not show is kept). */
export function withFields<C extends Record<string, unknown>>(previous: C, data: FormData, keys: readonly string[]): C {
  const next: Record<string, unknown> = { ...previous };
  for (const key of keys) setField(next, key, data[key]);
  return next as C;
}

/** YAML takes one item or a list for list keys (`entities: sensor.cpu`). */
export function asList<T = unknown>(value: unknown): T[] {
  if (Array.isArray(value)) return value as T[];
  return value === undefined || value === null || value === '' ? [] : [value as T];
}

/** An entity entry as YAML takes it: `sensor.cpu` or `{entity: sensor.cpu, name: CPU}`. */
export type EntityEntry = string | { entity: string; [key: string]: unknown };

export function entityIdOf(entry: EntityEntry): string {
  return typeof entry === 'string' ? entry : entry.entity;
}

/**
 * The entries for the ids picked in a multi-entity selector, in the picked order: an id that was
 * already configured keeps its entry as written (name, colour, axis), a new one is its plain id.
 */
export function pickedEntries<E>(picked: unknown, previous: readonly E[], idOf: (entry: E) => string | undefined): (E | string)[] {
  const ids = Array.isArray(picked) ? picked.filter((id): id is string => typeof id === 'string' && id !== '') : [];
  return ids.map((id) => previous.find((entry) => idOf(entry) === id) ?? id);
}

/** The defaults of the keys a form shows, taken from a card's `<CARD>_DEFAULTS` (which also covers keys edited in YAML). */
export function pickDefaults<D extends Record<string, unknown>, K extends keyof D & string>(defaults: D, keys: readonly K[]): Pick<D, K> {
  const out = {} as Pick<D, K>;
  for (const key of keys) out[key] = defaults[key];
  return out;
}

/** Keys equal to their default that the previous config did not have are left out (no config bloat). */
export function dropUnwrittenDefaults<C extends Record<string, unknown>>(config: C, previous: Record<string, unknown>, defaults: Record<string, unknown>): C {
  const out: Record<string, unknown> = { ...config };
  for (const [key, value] of Object.entries(defaults)) {
    if (!(key in previous) && key in out && JSON.stringify(out[key]) === JSON.stringify(value)) delete out[key];
  }
  return out as C;
}

/** The action keys of the cards that take Home Assistant's tap, hold and double tap actions. */
export const ACTION_KEYS = ['tap_action', 'hold_action', 'double_tap_action'] as const;

/**
 * Home Assistant's own "Interactions" section: one `ui_action` selector per gesture (in the frontend
 * since 2023.5; `default_action` names what the card does without the key since 2023.12). Tap and
 * hold open more-info when not set (src/ui/actions.ts), double tap does nothing. `name: ''` keeps the
 * section's fields at the top of the form data, in the frontends before and after `flatten`.
 */
export function interactionsSection(t: Localize): FormSchema {
  return {
    name: '',
    type: 'expandable',
    title: t('editor.common.interactions'),
    icon: 'mdi:gesture-tap',
    schema: [
      { name: 'tap_action', selector: { ui_action: { default_action: 'more-info' } } },
      { name: 'hold_action', selector: { ui_action: { default_action: 'more-info' } } },
      { name: 'double_tap_action', selector: { ui_action: { default_action: 'none' } } },
    ],
  };
}

/** The configured actions as form data (only the keys the config has). */
export function actionsFormData(config: Record<string, unknown>): FormData {
  const data: FormData = {};
  for (const key of ACTION_KEYS) if (config[key] !== undefined && config[key] !== null) data[key] = config[key];
  return data;
}

/** Labels every editor shares. */
const COMMON_LABELS: Readonly<Record<string, StringKey>> = {
  title: 'editor.common.title',
  tap_action: 'editor.common.tap_action',
  hold_action: 'editor.common.hold_action',
  double_tap_action: 'editor.common.double_tap_action',
};

export abstract class VitalsFormEditor<C extends Record<string, unknown>> extends LitElement {
  static override properties = {
    hass: { attribute: false },
    _config: { state: true },
  };

  hass?: HomeAssistant;
  protected _config?: C;

  /** Called by Home Assistant with the card's current (raw, YAML) config. */
  setConfig(config: C): void {
    this._config = config;
  }

  /** The config the editor currently holds. */
  get config(): C | undefined {
    return this._config;
  }

  abstract get schema(): FormSchema[];
  /** Config → flat form data. */
  abstract toFormData(config: C): FormData;
  /** Form data → config, keeping what the form does not show from `previous`. */
  abstract fromFormData(data: FormData, previous: C): C;
  /** Field name → message key of its label (`title` and the actions are common to all editors). */
  protected abstract readonly labels: Readonly<Record<string, StringKey>>;
  /** Field name → message key of its helper text. */
  protected readonly helpers: Readonly<Record<string, StringKey>> = {};
  /** Defaults the form shows; a default the user did not write is not written into the config. */
  protected readonly defaults: Record<string, unknown> = {};

  /**
   * Messages in the language of the user of `hass` (English until a translation has loaded; then
   * the editor renders again).
   */
  private readonly language = new LanguageFollower(() => this.requestUpdate());
  protected get t(): Localize {
    return this.language.t;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.language.follow(this.hass);
  }

  protected computeLabel = (entry: FormSchema): string => {
    const key = this.labels[entry.name] ?? COMMON_LABELS[entry.name];
    return key ? this.t(key) : (entry.title ?? entry.name);
  };
  protected computeHelper = (entry: FormSchema): string | undefined => {
    const key = this.helpers[entry.name];
    return key ? this.t(key) : undefined;
  };

  protected override render(): TemplateResult {
    if (!this._config) return html``;
    return html`
      <ha-form
        .hass=${this.hass}
        .data=${this.toFormData(this._config)}
        .schema=${this.schema}
        .computeLabel=${this.computeLabel}
        .computeHelper=${this.computeHelper}
        @value-changed=${this.onValueChanged}
      >
        <p class="fallback">${this.t('editor.common.fallback')}</p>
      </ha-form>
    `;
  }

  private onValueChanged(event: CustomEvent<{ value: FormData }>): void {
    event.stopPropagation();
    if (!this._config) return;
    const config = dropUnwrittenDefaults(this.fromFormData(event.detail.value, this._config), this._config, this.defaults);
    this._config = config;
    fireConfigChanged(this, config);
  }

  static override styles = css`
    :host {
      display: block;
    }
    .fallback {
      color: var(--secondary-text-color, #727272);
      margin: 8px 0;
    }
  `;
}
