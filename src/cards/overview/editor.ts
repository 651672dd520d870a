/**
 * Visual editor of `vitals-overview-card` (loaded lazily). AI and Experience take HA Vitals' own
 * metrics (`vitals.*`, not Home Assistant entities) or any entity id typed in; System takes
 * entities. An empty domain falls back to its defaults (System Monitor sensors for System).
 */
import { VitalsFormEditor, asList, pickDefaults, withFields, type FormData, type FormSchema } from '../shared/editor';
import { ENGLISH, type Localize, type StringKey } from '../../ui/localize/index';
import { OVERVIEW_DEFAULTS, OVERVIEW_LIMITS } from './config';
import { VIRTUAL_METRICS } from './metrics';

export const OVERVIEW_EDITOR_TYPE = 'vitals-overview-card-editor';

type RawConfig = Record<string, unknown>;

/** The names of HA Vitals' own metrics (the Experience ones are named like the UX card's rows). */
const METRIC_NAMES: Readonly<Record<string, StringKey>> = {
  'vitals.assist_total_ms': 'editor.overview.metric.assist_total',
  'vitals.assist_wake_word_ms': 'editor.overview.metric.assist_wake_word',
  'vitals.assist_stt_ms': 'editor.overview.metric.assist_stt',
  'vitals.assist_intent_ms': 'editor.overview.metric.assist_intent',
  'vitals.assist_tts_ms': 'editor.overview.metric.assist_tts',
  'vitals.assist_errors': 'editor.overview.metric.assist_errors',
  'vitals.llm_turn_ms': 'editor.overview.metric.llm_turn',
  'vitals.ws_rtt_ms': 'ux.row.rtt',
  'vitals.state_lag_ms': 'ux.row.lag',
  'vitals.service_call_ms': 'ux.row.service_call',
  'vitals.long_task_ms': 'ux.row.long_tasks',
  'vitals.inp_ms': 'ux.row.inp',
  'vitals.heap_mb': 'ux.row.heap',
  'vitals.fps': 'ux.row.fps',
  'vitals.monitor_overhead_ms': 'ux.row.overhead',
};

const metricOptions = (t: Localize, prefix: string[]) =>
  Object.entries(VIRTUAL_METRICS)
    .filter(([id]) => prefix.some((p) => id.startsWith(p)))
    .map(([value, { name }]) => ({ value, label: METRIC_NAMES[value] ? t(METRIC_NAMES[value]) : name }));

export function overviewEditorSchema(t: Localize = ENGLISH): FormSchema[] {
  return [
    { name: 'title', selector: { text: {} } },
    { name: 'ai', selector: { select: { multiple: true, custom_value: true, options: metricOptions(t, ['vitals.assist', 'vitals.llm']) } } },
    { name: 'system', selector: { entity: { multiple: true, domain: 'sensor' } } },
    {
      name: 'experience',
      selector: {
        select: {
          multiple: true,
          custom_value: true,
          options: metricOptions(t, ['vitals.ws', 'vitals.state', 'vitals.service', 'vitals.long', 'vitals.inp', 'vitals.heap', 'vitals.fps', 'vitals.monitor']),
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
}

const FORM_KEYS = ['title', 'ai', 'system', 'experience', 'hours_to_show', 'baseline', 'max_insights', 'navigation_path'];

export class VitalsOverviewCardEditor extends VitalsFormEditor<RawConfig> {
  protected override readonly defaults: Record<string, unknown> = pickDefaults(OVERVIEW_DEFAULTS, ['hours_to_show', 'baseline', 'max_insights']);

  protected readonly labels: Record<string, StringKey> = {
    ai: 'editor.overview.ai',
    system: 'editor.overview.system',
    experience: 'editor.overview.experience',
    hours_to_show: 'editor.overview.hours_to_show',
    baseline: 'editor.overview.baseline',
    max_insights: 'editor.overview.max_insights',
    navigation_path: 'editor.overview.navigation_path',
  };

  get schema(): FormSchema[] {
    return overviewEditorSchema(this.t);
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
