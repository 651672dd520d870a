/**
 * Assist pipelines (`assist_pipeline/*`), as Home Assistant frontend's `src/data/assist_pipeline.ts`.
 * The debug commands are admin-only; a non-admin connection gets an `unauthorized` error.
 */
import type { CommandConnection, SubscriptionConnection, Unsubscribe } from './websocket';

export interface AssistPipeline {
  id: string;
  name: string;
  /** The conversation agent (`conversation.home_assistant`, an LLM agent's entity, ...). */
  conversation_engine?: string;
}

export interface AssistPipelineList {
  pipelines: AssistPipeline[];
  /** The pipeline used when none is named; null when Home Assistant has none. */
  preferred_pipeline: string | null;
}

/** One event of a pipeline run (`run-start`, `intent-end`, `error`, ...). */
export interface AssistPipelineEvent {
  type: string;
  timestamp?: string;
  data?: Record<string, unknown> | null;
}

/** A run the pipeline's debug list keeps (the last runs per pipeline). */
export interface AssistPipelineRunRef {
  pipeline_run_id: string;
  timestamp: string;
}

export type AssistPipelineStage = 'wake_word' | 'stt' | 'intent' | 'tts';

export interface AssistPipelineRunOptions {
  start_stage: AssistPipelineStage;
  end_stage: AssistPipelineStage;
  input: { text: string } | Record<string, unknown>;
  /** The pipeline's id; without it Home Assistant runs the preferred pipeline. */
  pipeline?: string;
}

/** `assist_pipeline/pipeline/list`: every pipeline and the preferred one. */
export async function listAssistPipelines(connection: CommandConnection): Promise<AssistPipelineList> {
  const result = await connection.sendMessagePromise<Partial<AssistPipelineList> | null>({ type: 'assist_pipeline/pipeline/list' });
  return { pipelines: result?.pipelines ?? [], preferred_pipeline: result?.preferred_pipeline ?? null };
}

/** `assist_pipeline/pipeline_debug/list` (admin): the runs a pipeline's debug list keeps. */
export async function listAssistPipelineRuns(connection: CommandConnection, pipelineId: string): Promise<AssistPipelineRunRef[]> {
  const result = await connection.sendMessagePromise<{ pipeline_runs?: AssistPipelineRunRef[] } | null>({
    type: 'assist_pipeline/pipeline_debug/list',
    pipeline_id: pipelineId,
  });
  return result?.pipeline_runs ?? [];
}

/** `assist_pipeline/pipeline_debug/get` (admin): one run's events. */
export async function getAssistPipelineRun(connection: CommandConnection, pipelineId: string, pipelineRunId: string): Promise<AssistPipelineEvent[]> {
  const result = await connection.sendMessagePromise<{ events?: AssistPipelineEvent[] } | null>({
    type: 'assist_pipeline/pipeline_debug/get',
    pipeline_id: pipelineId,
    pipeline_run_id: pipelineRunId,
  });
  return result?.events ?? [];
}

/** `assist_pipeline/run`: runs a pipeline; its events arrive through `onEvent` until `run-end` or `error`. */
export function runAssistPipeline(
  connection: SubscriptionConnection<AssistPipelineEvent>,
  onEvent: (event: AssistPipelineEvent) => void,
  options: AssistPipelineRunOptions,
): Promise<Unsubscribe> {
  const { pipeline, ...run } = options;
  return connection.subscribeMessage(onEvent, { type: 'assist_pipeline/run', ...run, ...(pipeline ? { pipeline } : {}) });
}
