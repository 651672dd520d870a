import type { PipelineEvent } from '../../../src/ha/telemetry/assist';
import { FakeConnection } from '../../helpers/fake-connection';

export const T0 = Date.UTC(2026, 10, 26, 10, 0, 0);
const iso = (ms: number) => new Date(T0 + ms).toISOString();

export const PIPELINES = [
  { id: 'p1', name: 'Home Assistant', conversation_engine: 'conversation.home_assistant' },
  { id: 'p2', name: 'ChatGPT <b>', conversation_engine: 'conversation.openai_conversation' },
];

/** A text run: intent stage then the end of the run. */
export function textRun(start: number, intentMs: number, totalMs: number, engine: string): PipelineEvent[] {
  return [
    { type: 'run-start', timestamp: iso(start), data: {} },
    { type: 'intent-start', timestamp: iso(start + 5), data: { engine } },
    { type: 'intent-end', timestamp: iso(start + 5 + intentMs), data: {} },
    { type: 'run-end', timestamp: iso(start + totalMs), data: null },
  ];
}

/**
 * p1: a voice run (stt 800, intent 400, tts 200, total 1510), a failed run, a text run (intent 100,
 * total 120); p2: a text run through an LLM (intent 300, total 320).
 */
export const RUNS: Record<string, Record<string, PipelineEvent[]>> = {
  p1: {
    a: [
      { type: 'run-start', timestamp: iso(0) },
      { type: 'stt-start', timestamp: iso(10) },
      { type: 'stt-end', timestamp: iso(810) },
      { type: 'intent-start', timestamp: iso(815), data: { engine: 'conversation.home_assistant' } },
      { type: 'intent-end', timestamp: iso(1215) },
      { type: 'tts-start', timestamp: iso(1300) },
      { type: 'tts-end', timestamp: iso(1500) },
      { type: 'run-end', timestamp: iso(1510) },
    ],
    c: [
      { type: 'run-start', timestamp: iso(120_000) },
      { type: 'stt-start', timestamp: iso(120_010) },
      { type: 'error', timestamp: iso(120_050), data: { code: 'stt-no-text-recognized', message: 'No text recognized' } },
    ],
    d: textRun(180_000, 100, 120, 'conversation.home_assistant'),
  },
  p2: { b: textRun(60_000, 300, 320, 'conversation.openai_conversation') },
};

/** A connection that answers the Assist pipeline commands (and pings never answer). */
export function assistConnection(runs = RUNS) {
  const connection = Object.assign(new FakeConnection(), { ping: (): Promise<unknown> => new Promise(() => undefined) });
  connection.responders.set('assist_pipeline/pipeline/list', () => ({ pipelines: PIPELINES, preferred_pipeline: 'p1' }));
  connection.responders.set('assist_pipeline/pipeline_debug/list', (msg) => ({
    pipeline_runs: Object.keys(runs[msg.pipeline_id as string] ?? {}).map((id) => ({ pipeline_run_id: id, timestamp: iso(0) })),
  }));
  connection.responders.set('assist_pipeline/pipeline_debug/get', (msg) => ({ events: runs[msg.pipeline_id as string][msg.pipeline_run_id as string] }));
  connection.responders.set('history/history_during_period', () => ({}));
  connection.responders.set('recorder/statistics_during_period', () => ({}));
  return connection;
}
