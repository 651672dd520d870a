/**
 * Figures over a list of Assist runs: p50/p95 per stage and of the whole run (core WindowStats,
 * type-7 quantiles), error rate, slowest runs. Pure; the card renders them.
 */
import { ASSIST_STAGES, type AssistRun, type AssistStage } from '../../ha/telemetry/assist';
import { WindowStats } from '../../core/stats/window-stats';
import { errorRate } from '../../core/stats/availability';
import type { Formatter } from '../../ui/format';
import type { Localize } from '../../ui/localize';

/** "Speech to text", in the user's language. */
export function stageLabel(t: Localize, stage: AssistStage): string {
  return t(`ai.stage.${stage}`);
}

export interface Quantiles {
  p50: number;
  p95: number;
  count: number;
}

export interface RunsSummary {
  /** Stages some run measured, in pipeline order. */
  stages: (Quantiles & { stage: AssistStage })[];
  total: Quantiles;
  runs: number;
  errors: number;
  /** Errors / runs; NaN without runs. */
  errorRate: number;
}

function quantiles(values: number[]): Quantiles {
  const stats = new WindowStats({ windowMs: Infinity, capacity: Math.max(1, values.length) });
  values.forEach((v, i) => stats.push(i, v));
  return { p50: stats.quantile(0.5), p95: stats.quantile(0.95), count: stats.count };
}

/** Run length: the measured total, else the sum of its stages. */
export function runLength(run: AssistRun): number {
  if (run.totalMs !== undefined) return run.totalMs;
  return ASSIST_STAGES.reduce((sum, s) => sum + (run.stages[s] ?? 0), 0);
}

export function summarize(runs: readonly AssistRun[]): RunsSummary {
  const stages = ASSIST_STAGES.map((stage) => ({
    stage,
    ...quantiles(runs.map((r) => r.stages[stage]).filter((v): v is number => v !== undefined)),
  })).filter((s) => s.count > 0);
  const errors = runs.filter((r) => r.error).length;
  return {
    stages,
    total: quantiles(runs.map((r) => r.totalMs).filter((v): v is number => v !== undefined)),
    runs: runs.length,
    errors,
    errorRate: errorRate(errors, runs.length),
  };
}

/** The `n` longest completed runs, longest first. */
export function slowestRuns(runs: readonly AssistRun[], n = 3): AssistRun[] {
  return runs
    .filter((r) => r.totalMs !== undefined)
    .sort((a, b) => b.totalMs! - a.totalMs! || b.start - a.start)
    .slice(0, n);
}

/** The runs a card shows: of its pipeline (or all), newest first, at most `count`. */
export function shownRuns(runs: readonly AssistRun[], pipeline: string | undefined, count: number): AssistRun[] {
  const mine = pipeline ? runs.filter((r) => r.pipelineId === pipeline) : [...runs];
  return mine.slice(-count).reverse();
}

/** "420 ms", "1.51 s" ("1,51 s" in German), "—". */
export function formatMs(fmt: Formatter, ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  return ms < 1000 ? fmt.value(ms, 'ms', 0) : fmt.value(ms / 1000, 's', ms < 10_000 ? 2 : 1);
}
