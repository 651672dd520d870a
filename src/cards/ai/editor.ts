/**
 * Visual editor of `vitals-ai-card` (loaded lazily by the card's getConfigElement).
 * Flat form data ↔ config: `probe_text/probe_interval/probe_pipeline` ↔ `probe: {text, interval,
 * pipeline}`; `metrics` ↔ the entity ids of `metrics` (entries with a name keep it). The probe
 * sentence is picked from the read-only list. Warns when the probe would go to an LLM agent: every
 * probe is then a paid request.
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import {
  ACTION_KEYS,
  VitalsFormEditor,
  actionsFormData,
  asList,
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
import { AI_DEFAULTS, AI_LIMITS, AI_PROBE_DEFAULTS, AI_PROBE_LIMITS, BUILT_IN_AGENTS, PROBE_SENTENCES } from './config';
import { probeSentence } from '../../ha/telemetry/assist';
import { listAssistPipelines } from '../../ha/api/index';

export const AI_EDITOR_TYPE = 'vitals-ai-card-editor';

type RawConfig = Record<string, unknown>;

export interface PipelineInfo {
  id: string;
  name: string;
  conversation_engine?: string;
}

export function aiEditorSchema(pipelines: readonly PipelineInfo[], t: Localize = ENGLISH): FormSchema[] {
  const pipelineSelector = pipelines.length > 0 ? { select: { mode: 'dropdown', options: pipelines.map((p) => ({ value: p.id, label: p.name })) } } : { text: {} };
  return [
    { name: 'title', selector: { text: {} } },
    { name: 'pipeline', selector: pipelineSelector },
    {
      name: '',
      type: 'grid',
      schema: [
        { name: 'runs_to_show', selector: { number: { min: AI_LIMITS.runs_to_show.min, max: AI_LIMITS.runs_to_show.max, step: 1, mode: 'box' } } },
        { name: 'poll_interval', selector: { number: { min: AI_LIMITS.poll_interval.min, max: AI_LIMITS.poll_interval.max, step: 5, mode: 'box', unit_of_measurement: 's' } } },
      ],
    },
    { name: 'metrics', selector: { entity: { domain: 'sensor', multiple: true } } },
    {
      name: '',
      type: 'expandable',
      title: t('editor.ai.probe_section'),
      schema: [
        { name: 'probe_enabled', selector: { boolean: {} } },
        { name: 'probe_text', selector: { select: { mode: 'dropdown', options: PROBE_SENTENCES.map((s) => ({ value: s, label: `“${s}”` })) } } },
        {
          name: 'probe_interval',
          selector: { number: { min: AI_PROBE_LIMITS.interval.min, max: AI_PROBE_LIMITS.interval.max, step: 60, mode: 'box', unit_of_measurement: 's' } },
        },
        { name: 'probe_pipeline', selector: pipelineSelector },
      ],
    },
    interactionsSection(t),
  ];
}

export class VitalsAiCardEditor extends VitalsFormEditor<RawConfig> {
  static override properties = {
    ...VitalsFormEditor.properties,
    _pipelines: { state: true },
  };

  private _pipelines: PipelineInfo[] = [];
  private preferred?: string;
  private requested = false;

  protected override readonly defaults: Record<string, unknown> = pickDefaults(AI_DEFAULTS, ['runs_to_show', 'poll_interval']);

  protected readonly labels: Record<string, StringKey> = {
    pipeline: 'editor.ai.pipeline',
    runs_to_show: 'editor.ai.runs_to_show',
    poll_interval: 'editor.ai.poll_interval',
    metrics: 'editor.ai.metrics',
    probe_enabled: 'editor.ai.probe_enabled',
    probe_text: 'editor.ai.probe_text',
    probe_interval: 'editor.ai.probe_interval',
    probe_pipeline: 'editor.ai.probe_pipeline',
  };

  protected override readonly helpers: Record<string, StringKey> = {
    poll_interval: 'editor.ai.poll_interval_helper',
    probe_enabled: 'editor.ai.probe_enabled_helper',
    probe_text: 'editor.ai.probe_text_helper',
  };

  get schema(): FormSchema[] {
    return aiEditorSchema(this._pipelines, this.t);
  }

  get pipelines(): PipelineInfo[] {
    return this._pipelines;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('hass') && this.hass && !this.requested) void this.loadPipelines();
  }

  private async loadPipelines(): Promise<void> {
    this.requested = true;
    try {
      const result = await listAssistPipelines(this.hass!.connection);
      this.preferred = result.preferred_pipeline ?? undefined;
      this._pipelines = result.pipelines;
    } catch {
      // Without the list the pipeline fields take an id as text.
      this._pipelines = [];
    }
  }

  /** The pipeline the probe would use, when it is an LLM agent's: every probe then costs money. */
  get paidProbePipeline(): PipelineInfo | undefined {
    const config = this._config;
    const probe = config?.probe as { text?: string; pipeline?: string } | undefined;
    if (!probe?.text) return undefined;
    const id = probe.pipeline ?? (config!.pipeline as string | undefined) ?? this.preferred;
    const pipeline = this._pipelines.find((p) => p.id === id);
    return pipeline?.conversation_engine && !BUILT_IN_AGENTS.has(pipeline.conversation_engine) ? pipeline : undefined;
  }

  protected override render(): TemplateResult {
    const paid = this.paidProbePipeline;
    const interval = Number((this._config?.probe as { interval?: number } | undefined)?.interval ?? AI_PROBE_DEFAULTS.interval);
    return html`
      ${paid
        ? html`<ha-alert alert-type="warning" role="alert" class="paid-warning"
            >${this.t('editor.ai.paid_warning', { pipeline: paid.name, agent: paid.conversation_engine ?? '', count: Math.round(86_400 / interval) })}</ha-alert
          >`
        : nothing}
      ${super.render()}
    `;
  }

  toFormData(config: RawConfig): FormData {
    const probe = (config.probe ?? undefined) as { text?: string; interval?: number; pipeline?: string } | undefined;
    const data: FormData = {
      runs_to_show: config.runs_to_show ?? AI_DEFAULTS.runs_to_show,
      poll_interval: config.poll_interval ?? AI_DEFAULTS.poll_interval,
      metrics: asList<EntityEntry>(config.metrics).map(entityIdOf),
      probe_enabled: probe !== undefined,
      probe_interval: probe?.interval ?? AI_PROBE_DEFAULTS.interval,
      ...actionsFormData(config),
    };
    if (typeof config.title === 'string') data.title = config.title;
    if (typeof config.pipeline === 'string') data.pipeline = config.pipeline;
    if (probe?.text) data.probe_text = probeSentence(probe.text) ?? probe.text;
    if (probe?.pipeline) data.probe_pipeline = probe.pipeline;
    return data;
  }

  fromFormData(data: FormData, previous: RawConfig): RawConfig {
    const next: RawConfig = { ...previous };
    setField(next, 'title', data.title);
    setField(next, 'pipeline', data.pipeline);
    setField(next, 'runs_to_show', data.runs_to_show === AI_DEFAULTS.runs_to_show ? undefined : data.runs_to_show);
    setField(next, 'poll_interval', data.poll_interval === AI_DEFAULTS.poll_interval ? undefined : data.poll_interval);
    setField(next, 'metrics', pickedEntries(data.metrics, asList<EntityEntry>(previous.metrics), entityIdOf));
    for (const key of ACTION_KEYS) setField(next, key, data[key]);
    if (data.probe_enabled) {
      const probe: RawConfig = { text: (typeof data.probe_text === 'string' && probeSentence(data.probe_text)) || PROBE_SENTENCES[0] };
      setField(probe, 'interval', data.probe_interval === AI_PROBE_DEFAULTS.interval ? undefined : data.probe_interval);
      setField(probe, 'pipeline', data.probe_pipeline);
      next.probe = probe;
    } else {
      delete next.probe;
    }
    return next;
  }
}

if (!customElements.get(AI_EDITOR_TYPE)) customElements.define(AI_EDITOR_TYPE, VitalsAiCardEditor);
