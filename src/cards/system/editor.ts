/** Visual editor of `vitals-system-card` (loaded lazily): one sensor picker per row. */
import {
  ACTION_KEYS,
  VitalsFormEditor,
  actionsFormData,
  compact,
  entityIdOf,
  interactionsSection,
  pickDefaults,
  withFields,
  type EntityEntry,
  type FormData,
  type FormSchema,
} from '../shared/editor';
import { ENGLISH, type Localize, type StringKey } from '../../ui/localize/index';
import { SYSTEM_DEFAULTS, SYSTEM_LIMITS, SYSTEM_ROWS, type SystemRowKey } from './config';

export const SYSTEM_EDITOR_TYPE = 'vitals-system-card-editor';

type RawConfig = Record<string, unknown>;

export function systemEditorSchema(t: Localize = ENGLISH): FormSchema[] {
  return [
    { name: 'title', selector: { text: {} } },
    { name: 'hours_to_show', selector: { number: { min: SYSTEM_LIMITS.hours_to_show.min, max: SYSTEM_LIMITS.hours_to_show.max, step: 1, mode: 'box', unit_of_measurement: 'h' } } },
    ...SYSTEM_ROWS.map((key) => ({ name: key, selector: { entity: { domain: 'sensor' } } })),
    interactionsSection(t),
  ];
}

/** A row's picker is labelled with the row's name as the card shows it. */
const ROW_LABEL_KEYS = Object.fromEntries(SYSTEM_ROWS.map((key) => [key, `system.row.${key}`])) as Record<SystemRowKey, StringKey>;

export class VitalsSystemCardEditor extends VitalsFormEditor<RawConfig> {
  protected override readonly defaults: Record<string, unknown> = pickDefaults(SYSTEM_DEFAULTS, ['hours_to_show']);

  protected readonly labels: Record<string, StringKey> = { hours_to_show: 'editor.system.hours_to_show', ...ROW_LABEL_KEYS };

  get schema(): FormSchema[] {
    return systemEditorSchema(this.t);
  }

  toFormData(config: RawConfig): FormData {
    const rows = (config.entities ?? {}) as Record<string, EntityEntry | undefined>;
    const data: FormData = { title: config.title, hours_to_show: config.hours_to_show ?? SYSTEM_DEFAULTS.hours_to_show, ...actionsFormData(config) };
    for (const key of SYSTEM_ROWS) {
      const row = rows[key];
      data[key] = row === undefined ? undefined : entityIdOf(row);
    }
    return compact(data);
  }

  fromFormData(data: FormData, previous: RawConfig): RawConfig {
    const before = (previous.entities ?? {}) as Record<string, EntityEntry | undefined>;
    const entities: Record<string, EntityEntry> = {};
    for (const key of SYSTEM_ROWS) {
      const id = data[key];
      if (typeof id !== 'string' || id === '') continue;
      const old = before[key];
      entities[key] = typeof old === 'object' && old.entity === id ? old : typeof old === 'object' ? { ...old, entity: id } : id;
    }
    return withFields({ ...previous, entities }, data, ['title', 'hours_to_show', ...ACTION_KEYS]);
  }
}

if (!customElements.get(SYSTEM_EDITOR_TYPE)) customElements.define(SYSTEM_EDITOR_TYPE, VitalsSystemCardEditor);
