/**
 * Visual editor of `vitals-history-card` (loaded lazily by the card's getConfigElement).
 * Flat form data ↔ config: `forecast_limit` ↔ `forecast.limit`; entity entries written as
 * mappings (name, colour, axis) keep those keys while they stay selected.
 */
import { VitalsFormEditor, compact, type FormData, type FormSchema } from '../shared/editor';
import { HOURS_MAX } from './config';

export const HISTORY_EDITOR_TYPE = 'vitals-history-card-editor';

type RawConfig = Record<string, unknown>;
type RawEntity = string | { entity: string; [key: string]: unknown };

export const HISTORY_EDITOR_SCHEMA: FormSchema[] = [
  { name: 'title', selector: { text: {} } },
  { name: 'entities', required: true, selector: { entity: { domain: 'sensor', multiple: true } } },
  {
    name: '',
    type: 'grid',
    schema: [
      { name: 'hours_to_show', selector: { number: { min: 1, max: HOURS_MAX, step: 1, mode: 'box', unit_of_measurement: 'h' } } },
      { name: 'compare', selector: { text: {} } },
      { name: 'forecast_limit', selector: { number: { step: 'any', mode: 'box' } } },
      { name: 'show_anomalies', selector: { boolean: {} } },
    ],
  },
];

function entityIdOf(entry: RawEntity): string {
  return typeof entry === 'string' ? entry : entry.entity;
}

export class VitalsHistoryCardEditor extends VitalsFormEditor<RawConfig> {
  protected override readonly defaults: Record<string, unknown> = { hours_to_show: 24, show_anomalies: true };

  protected readonly labels: Record<string, string> = {
    title: 'Title (optional)',
    entities: 'Entities',
    hours_to_show: 'Hours to show',
    compare: 'Compare with (e.g. 7d)',
    forecast_limit: 'Forecast limit (optional)',
    show_anomalies: 'Mark anomalies',
  };

  protected override readonly helpers: Record<string, string> = {
    compare: 'Draws the same entities shifted by this duration, faint.',
    forecast_limit: 'Draws the trend and when it reaches this value.',
  };

  get schema(): FormSchema[] {
    return HISTORY_EDITOR_SCHEMA;
  }

  toFormData(config: RawConfig): FormData {
    const entities = Array.isArray(config.entities) ? (config.entities as RawEntity[]).map(entityIdOf) : config.entities ? [config.entities] : [];
    const forecast = config.forecast as { limit?: number } | number | undefined;
    return compact({
      title: config.title,
      entities,
      hours_to_show: config.hours_to_show ?? 24,
      compare: config.compare === undefined ? undefined : String(config.compare),
      forecast_limit: typeof forecast === 'number' ? forecast : forecast?.limit,
      show_anomalies: config.show_anomalies ?? true,
    });
  }

  fromFormData(data: FormData, previous: RawConfig): RawConfig {
    const previousEntities = Array.isArray(previous.entities) ? (previous.entities as RawEntity[]) : [];
    const ids = Array.isArray(data.entities) ? (data.entities as string[]).filter((id) => typeof id === 'string' && id !== '') : [];
    const entities = ids.map((id) => previousEntities.find((e) => entityIdOf(e) === id) ?? id);
    const next: RawConfig = { ...previous, entities };
    const set = (key: string, value: unknown) => {
      if (value === undefined || value === '' || value === null) delete next[key];
      else next[key] = value;
    };
    set('title', data.title);
    set('hours_to_show', data.hours_to_show);
    set('compare', data.compare);
    set('show_anomalies', data.show_anomalies === true ? undefined : data.show_anomalies);
    const limit = data.forecast_limit;
    const previousForecast = typeof previous.forecast === 'object' && previous.forecast ? (previous.forecast as RawConfig) : {};
    set('forecast', typeof limit === 'number' && Number.isFinite(limit) ? { ...previousForecast, limit } : undefined);
    return next;
  }
}

if (!customElements.get(HISTORY_EDITOR_TYPE)) customElements.define(HISTORY_EDITOR_TYPE, VitalsHistoryCardEditor);
