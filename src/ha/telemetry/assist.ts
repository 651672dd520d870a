/**
 * AI operations telemetry: Assist pipeline runs with per-stage latency and errors.
 *
 * Runs started by other clients (voice satellites, the companion app) are only visible through
 * `assist_pipeline/pipeline_debug/list|get`, which are admin-only and keep the last runs per
 * pipeline, so the collector polls them and merges by run id. An opt-in synthetic probe runs a
 * text intent through a pipeline and measures it end to end.
 *
 * The probe is safe by default: its text goes to the conversation agent, which would carry out
 * "unlock the front door", so only the read-only sentences below are ever sent (the card's config
 * refuses others and `probe()` checks again), and it runs in one browser only, the one where an
 * administrator turned it on (`setProbeOptIn`); every other viewer sees its runs in the debug list.
 */
import type { DeviceStorage } from '../device-identity';
import type { VitalsStore } from '../store';
import {
  getAssistPipelineRun,
  listAssistPipelineRuns,
  listAssistPipelines,
  runAssistPipeline,
  type AssistPipeline,
  type AssistPipelineEvent,
} from '../api/assist-pipeline';
import type { CommandConnection, SubscriptionConnection } from '../api/websocket';

export { PROBE_SENTENCES, probeSentence, type ProbeSentence } from './probe-sentences';
import { PROBE_SENTENCES, probeSentence } from './probe-sentences';

/** localStorage key: this browser runs the probes (set by an administrator in the AI card). */
export const PROBE_OPT_IN_KEY = 'ha-vitals:assist-probe';

/** Whether this browser was chosen to run the probe. */
export function probeOptedIn(storage: DeviceStorage | undefined): boolean {
  try {
    return storage?.getItem(PROBE_OPT_IN_KEY) === 'on';
  } catch {
    return false;
  }
}

/** Make this browser the one that runs the probe (or stop it). */
export function setProbeOptIn(on: boolean, storage: DeviceStorage | undefined): void {
  try {
    storage?.setItem(PROBE_OPT_IN_KEY, on ? 'on' : 'off');
  } catch {
    // Storage refused: the choice lasts as long as the page.
  }
}

export const ASSIST_STAGES = ['wake_word', 'stt', 'intent', 'tts'] as const;
export type AssistStage = (typeof ASSIST_STAGES)[number];

export const assistMetricId = (stage: AssistStage | 'total') => `vitals.assist_${stage}_ms`;
export const ASSIST_ERROR_METRIC = 'vitals.assist_errors';

export type PipelineEvent = AssistPipelineEvent;

export interface AssistRun {
  runId: string;
  pipelineId: string;
  /** Run start, epoch ms. */
  start: number;
  stages: Partial<Record<AssistStage, number>>;
  totalMs?: number;
  error?: { code: string; message: string };
  /** Conversation agent that handled the intent stage. */
  agent?: string;
  /** A typed run of a probe sentence (from this browser's probe or another's). */
  probe?: true;
}

/** Turns a run's events into stage latencies (X-start → X-end) and the total (run-start → run-end). */
export function runTimings(runId: string, pipelineId: string, events: PipelineEvent[]): AssistRun | undefined {
  const at = new Map<string, number>();
  let error: AssistRun['error'];
  let agent: string | undefined;
  let input: unknown;
  for (const event of events) {
    const t = event.timestamp ? Date.parse(event.timestamp) : NaN;
    if (Number.isFinite(t) && !at.has(event.type)) at.set(event.type, t);
    if (event.type === 'error') {
      error = { code: String(event.data?.code ?? 'error'), message: String(event.data?.message ?? '') };
    }
    if (event.type === 'intent-start' && typeof event.data?.engine === 'string') agent = event.data.engine;
    // Only whether it was a probe sentence is kept, never what someone asked.
    if (event.type === 'intent-start' && input === undefined) input = event.data?.intent_input;
  }
  const start = at.get('run-start');
  if (start === undefined) return undefined;
  const stages: AssistRun['stages'] = {};
  for (const stage of ASSIST_STAGES) {
    const s = at.get(`${stage}-start`);
    const e = at.get(`${stage}-end`);
    if (s !== undefined && e !== undefined) stages[stage] = e - s;
  }
  const end = at.get('run-end');
  const run: AssistRun = { runId, pipelineId, start, stages, totalMs: end !== undefined ? end - start : undefined, error, agent };
  const typed = !at.has('wake_word-start') && !at.has('stt-start');
  if (typed && typeof input === 'string' && probeSentence(input)) run.probe = true;
  return run;
}

export type AssistConnection = CommandConnection & SubscriptionConnection<AssistPipelineEvent>;

export type CollectorState = 'idle' | 'ok' | 'forbidden' | 'unavailable';

export class AssistCollector {
  /** Newest last, bounded. */
  readonly runs: AssistRun[] = [];
  state: CollectorState = 'idle';
  message = '';
  private readonly seen = new Set<string>();
  private pipelines?: AssistPipeline[];
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly store: VitalsStore,
    private readonly connection: AssistConnection,
    private readonly maxRuns = 200,
  ) {}

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get pipelineList() {
    return this.pipelines ?? [];
  }

  private polling?: Promise<void>;

  /**
   * One poll of every pipeline's debug runs; new runs are recorded. Overlapping calls (a card
   * attaching while the interval fires) share the poll in flight, so a run is never read twice.
   */
  poll(): Promise<void> {
    // Not an administrator: the answer cannot change on this connection, and every refused
    // request is an ERROR line in Home Assistant's log.
    if (this.state === 'forbidden') return Promise.resolve();
    this.polling ??= this.pollOnce().finally(() => (this.polling = undefined));
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    try {
      if (!this.pipelines) {
        this.pipelines = (await listAssistPipelines(this.connection)).pipelines;
      }
      for (const pipeline of this.pipelines) {
        for (const ref of await listAssistPipelineRuns(this.connection, pipeline.id)) {
          if (this.seen.has(ref.pipeline_run_id)) continue;
          const events = await getAssistPipelineRun(this.connection, pipeline.id, ref.pipeline_run_id);
          const run = runTimings(ref.pipeline_run_id, pipeline.id, events);
          // A run still in progress has no run-end yet: look at it again next poll.
          if (run && (run.totalMs !== undefined || run.error)) this.add(run);
        }
      }
      this.setState('ok', '');
    } catch (err) {
      const code = (err as { code?: string } | null)?.code;
      if (code === 'unauthorized') this.setState('forbidden', 'Assist run details need an administrator account.');
      else if (code === 'unknown_command') this.setState('unavailable', 'Assist is not set up on this Home Assistant.');
      else this.setState('unavailable', `Assist runs could not be read: ${(err as Error)?.message ?? String(err)}`);
    }
  }

  /**
   * Synthetic probe: run `text` through a pipeline's intent stage and measure it. With the
   * built-in agent this costs nothing; with an LLM agent every probe is a paid request.
   */
  async probe(text: string, pipelineId?: string, timeoutMs = 30_000): Promise<AssistRun> {
    // Defence in depth: whatever the caller, nothing but a read-only sentence reaches the agent.
    const sentence = probeSentence(text);
    if (!sentence) {
      throw new Error(`probe: ${JSON.stringify(text)} is not one of the read-only probe sentences (${PROBE_SENTENCES.map((s) => JSON.stringify(s)).join(', ')})`);
    }
    const events: PipelineEvent[] = [];
    let unsubscribe: (() => Promise<void>) | undefined;
    const runId = `probe-${Date.now()}`;
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        runAssistPipeline(
          this.connection,
          (event) => {
            events.push({ ...event, timestamp: event.timestamp ?? new Date().toISOString() });
            if (event.type === 'run-end' || event.type === 'error') {
              clearTimeout(timer);
              resolve();
            }
          },
          { start_stage: 'intent', end_stage: 'intent', input: { text: sentence }, pipeline: pipelineId },
        ).then((unsub) => (unsubscribe = unsub), reject);
      });
    } finally {
      void unsubscribe?.().catch(() => undefined);
    }
    const run = runTimings(runId, pipelineId ?? 'preferred', events);
    if (!run) throw new Error('the pipeline sent no run-start event');
    run.probe = true;
    this.add(run);
    return run;
  }

  private add(run: AssistRun): void {
    this.seen.add(run.runId);
    // A probe's run also appears in the debug list under its server id: the server's run-start
    // timestamp is the same in both, so it identifies the run.
    if (this.runs.some((r) => r.start === run.start)) return;
    this.runs.push(run);
    this.runs.sort((a, b) => a.start - b.start);
    if (this.runs.length > this.maxRuns) this.runs.splice(0, this.runs.length - this.maxRuns);
    for (const stage of ASSIST_STAGES) {
      const ms = run.stages[stage];
      if (ms !== undefined) this.store.record(assistMetricId(stage), run.start, ms);
    }
    if (run.totalMs !== undefined) this.store.record(assistMetricId('total'), run.start, run.totalMs);
    this.store.record(ASSIST_ERROR_METRIC, run.start, run.error ? 1 : 0);
    for (const l of this.listeners) l();
  }

  private setState(state: CollectorState, message: string): void {
    const changed = state !== this.state || message !== this.message;
    this.state = state;
    this.message = message;
    if (changed) for (const l of this.listeners) l();
  }
}
