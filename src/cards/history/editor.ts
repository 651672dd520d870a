/**
 * Visual editor of `vitals-history-card` (loaded lazily by the card's getConfigElement).
 * Flat form data ↔ config: `forecast_limit` ↔ `forecast.limit`; entity entries written as
 * mappings (name, colour, axis) keep those keys while they stay selected.
 */
import {
  ACTION_KEYS,
  VitalsFormEditor,
  actionsFormData,
  asList,
  compact,
  entityIdOf,
  interactionsSection,
  pickDefaults,
  pickedEntries,
  setField,
  type EntityEntry,
  type FormData,
  type FormSchema,
} from '../shared/editor';
import { ENGLISH, type Localize, type StringKey } from '../../ui/localize/index';
import { HISTORY_DEFAULTS, HISTORY_LIMITS } from './config';

export const HISTORY_EDITOR_TYPE = 'vitals-history-card-editor';

type RawConfig = Record<string, unknown>;

export function historyEditorSchema(t: Localize = ENGLISH): FormSchema[] {
  return [
    { name: 'title', selector: { text: {} } },
    { name: 'entities', required: true, selector: { entity: { domain: 'sensor', multiple: true } } },
    {
      name: '',
      type: 'grid',
      schema: [
        // step 'any': the schema takes fractions of an hour (0.5 h), which a step of 1 from min 0.1 would mark invalid.
        {
          name: 'hours_to_show',
          selector: { number: { min: HISTORY_LIMITS.hours_to_show.min, max: HISTORY_LIMITS.hours_to_show.max, step: 'any', mode: 'box', unit_of_measurement: 'h' } },
        },
        { name: 'compare', selector: { text: {} } },
        { name: 'forecast_limit', selector: { number: { step: 'any', mode: 'box' } } },
        { name: 'show_anomalies', selector: { boolean: {} } },
      ],
    },
    interactionsSection(t),
  ];
}

export class VitalsHistoryCardEditor extends VitalsFormEditor<RawConfig> {
  protected override readonly defaults: Record<string, unknown> = pickDefaults(HISTORY_DEFAULTS, ['hours_to_show', 'show_anomalies']);

  protected readonly labels: Record<string, StringKey> = {
    entities: 'editor.history.entities',
    hours_to_show: 'editor.history.hours_to_show',
    compare: 'editor.history.compare',
    forecast_limit: 'editor.history.forecast_limit',
    show_anomalies: 'editor.history.show_anomalies',
  };

  protected override readonly helpers: Record<string, StringKey> = {
    compare: 'editor.history.compare_helper',
    forecast_limit: 'editor.history.forecast_limit_helper',
  };

  get schema(): FormSchema[] {
    return historyEditorSchema(this.t);
  }

  toFormData(config: RawConfig): FormData {
    const entities = asList<EntityEntry>(config.entities).map(entityIdOf);
    const forecast = config.forecast as { limit?: number } | number | undefined;
    return compact({
      title: config.title,
      entities,
      hours_to_show: config.hours_to_show ?? HISTORY_DEFAULTS.hours_to_show,
      compare: config.compare === undefined ? undefined : String(config.compare),
      forecast_limit: typeof forecast === 'number' ? forecast : forecast?.limit,
      show_anomalies: config.show_anomalies ?? HISTORY_DEFAULTS.show_anomalies,
      ...actionsFormData(config),
    });
  }

  fromFormData(data: FormData, previous: RawConfig): RawConfig {
    const entities = pickedEntries(data.entities, asList<EntityEntry>(previous.entities), entityIdOf);
    const next: RawConfig = { ...previous, entities };
    setField(next, 'title', data.title);
    setField(next, 'hours_to_show', data.hours_to_show);
    setField(next, 'compare', data.compare);
    setField(next, 'show_anomalies', data.show_anomalies === HISTORY_DEFAULTS.show_anomalies ? undefined : data.show_anomalies);
    for (const key of ACTION_KEYS) setField(next, key, data[key]);
    const limit = data.forecast_limit;
    const previousForecast = typeof previous.forecast === 'object' && previous.forecast ? (previous.forecast as RawConfig) : {};
    setField(next, 'forecast', typeof limit === 'number' && Number.isFinite(limit) ? { ...previousForecast, limit } : undefined);
    return next;
  }
}

if (!customElements.get(HISTORY_EDITOR_TYPE)) customElements.define(HISTORY_EDITOR_TYPE, VitalsHistoryCardEditor);
