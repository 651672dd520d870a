/**
 * Visual editor of `vitals-overview-card` (loaded lazily). AI and Experience take HA Vitals' own
 * metrics (`vitals.*`, not Home Assistant entities) or any entity id typed in; System takes
 * entities. An empty domain falls back to its defaults (System Monitor sensors for System).
 */
import { VitalsFormEditor, asList, pickDefaults, withFields, type FormData, type FormSchema } from '../shared/editor';
import { OVERVIEW_DEFAULTS, OVERVIEW_LIMITS } from './config';
import { VIRTUAL_METRICS } from './metrics';

export const OVERVIEW_EDITOR_TYPE = 'vitals-overview-card-editor';

type RawConfig = Record<string, unknown>;

const metricOptions = (prefix: string[]) =>
  Object.entries(VIRTUAL_METRICS)
    .filter(([id]) => prefix.some((p) => id.startsWith(p)))
    .map(([value, { name }]) => ({ value, label: name }));

export const OVERVIEW_EDITOR_SCHEMA: FormSchema[] = [
  { name: 'title', selector: { text: {} } },
  { name: 'ai', selector: { select: { multiple: true, custom_value: true, options: metricOptions(['vitals.assist', 'vitals.llm']) } } },
  { name: 'system', selector: { entity: { multiple: true, domain: 'sensor' } } },
  {
    name: 'experience',
    selector: {
      select: {
        multiple: true,
        custom_value: true,
        options: metricOptions(['vitals.ws', 'vitals.state', 'vitals.service', 'vitals.long', 'vitals.inp', 'vitals.heap', 'vitals.fps', 'vitals.monitor']),
      },
    },
  },
  {
    name: '',
    type: 'grid',
    schema: [
      { name: 'hours_to_show', selector: { number: { min: OVERVIEW_LIMITS.hours_to_show.min, max: OVERVIEW_LIMITS.hours_to_show.max, mode: 'box' } } },
      { name: 'baseline', selector: { text: {} } },
      { name: 'max_insights', selector: { number: { min: OVERVIEW_LIMITS.max_insights.min, max: OVERVIEW_LIMITS.max_insights.max, mode: 'box' } } },
    ],
  },
  { name: 'navigation_path', selector: { text: {} } },
];

const FORM_KEYS = ['title', 'ai', 'system', 'experience', 'hours_to_show', 'baseline', 'max_insights', 'navigation_path'];

export class VitalsOverviewCardEditor extends VitalsFormEditor<RawConfig> {
  protected override readonly defaults: Record<string, unknown> = pickDefaults(OVERVIEW_DEFAULTS, ['hours_to_show', 'baseline', 'max_insights']);

  protected readonly labels: Record<string, string> = {
    title: 'Title (optional)',
    ai: 'AI metrics (empty: Assist total and intent)',
    system: 'System sensors (empty: System Monitor CPU, memory, disk, load)',
    experience: 'Experience metrics (empty: round trip and delivery lag)',
    hours_to_show: 'Hours shown',
    baseline: 'Baseline (e.g. 7d)',
    max_insights: 'Insights shown',
    navigation_path: 'Insights link to (dashboard path, optional)',
  };

  get schema(): FormSchema[] {
    return OVERVIEW_EDITOR_SCHEMA;
  }

  toFormData(config: RawConfig): FormData {
    return {
      title: config.title ?? '',
      ai: asList(config.ai),
      system: asList(config.system),
      experience: asList(config.experience),
      hours_to_show: config.hours_to_show ?? OVERVIEW_DEFAULTS.hours_to_show,
      baseline: config.baseline ?? OVERVIEW_DEFAULTS.baseline,
      max_insights: config.max_insights ?? OVERVIEW_DEFAULTS.max_insights,
      navigation_path: config.navigation_path ?? '',
    };
  }

  fromFormData(data: FormData, previous: RawConfig): RawConfig {
    return withFields(previous, data, FORM_KEYS);
  }
}

if (!customElements.get(OVERVIEW_EDITOR_TYPE)) customElements.define(OVERVIEW_EDITOR_TYPE, VitalsOverviewCardEditor);
