/**
 * Rule backtest preview: what one rule would have done over a recorded series — how often it
 * fired, for how long, and which notifications it would have sent. The loop is `replaySeries`'s
 * (same engine, detectors, clock and no-data probing), so `firings` equals the number of `firing`
 * events the replay CLI reports; unlike replay, the notification planner runs, so group_wait,
 * escalation tiers, repeat_interval, throttle and flapping shape the counts as they would live.
 */
import { isServiceAllowed, type AlertRule } from '../config/alerts.js';
import type { EvaluationResult } from '../alerts/engine.js';
import { ReplayLoop, replayConfig } from './replay-loop.js';

/** `t` ascending (ms); `v` NaN for a gap. */
export interface PreviewSeries {
  id: string;
  t: Float64Array | number[];
  v: Float64Array | number[];
  stateClass?: string;
}

export interface PreviewSpan {
  state: 'pending' | 'firing';
  start: number;
  /** undefined: still open at the end of the data. */
  end?: number;
}

export interface TierCount {
  /** The tier's `name`, else "tier<N>" (the intents' channel). */
  channel: string;
  services: string[];
  /** Notifications (service calls) this tier would have received, resolved messages excluded. */
  count: number;
}

export interface RulePreview {
  rule: string;
  seriesId: string;
  samples: number;
  /** First and last sample time previewed (with no samples: the requested bounds, else 0). */
  from: number;
  to: number;
  /** Times the rule went to firing: equals the `firing` events `replaySeries` reports for the same rule and samples. */
  firings: number;
  /** Times the rule went to pending (a rule with `for: 0` fires without pending). */
  pendings: number;
  /** An open firing span counts up to `to`. */
  longestFiringMs: number;
  totalFiringMs: number;
  spans: PreviewSpan[];
  /** Service calls that would have been made: the planner's intents except "resolved" messages, and except services `allowServices` refuses. */
  notifications: number;
  /** "Resolved" service calls, same rules. */
  resolvedMessages: number;
  /** One entry per tier of `rule.notify`, in order, zeros included; the counts add up to `notifications`. */
  byTier: TierCount[];
}

export interface PreviewOptions {
  /** Only samples with from ≤ t ≤ to; the detectors learn from nothing earlier. */
  from?: number;
  to?: number;
  /** As `alerts.allow_services`: intents for other services (beyond notify.* / persistent_notification.*) would be refused, so are not counted. */
  allowServices?: string[];
}

/** Incremental: step(maxSamples) processes up to that many samples, returns true when done; result() afterwards. */
export interface PreviewRun {
  step(maxSamples: number): boolean;
  /** 0..1 */
  readonly progress: number;
  /** Throws before step() has returned true. */
  result(): RulePreview;
}

/** First index with t ≥ at (t ascending). */
function lowerBound(t: ArrayLike<number>, at: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t[mid] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index with t > at (t ascending). */
function upperBound(t: ArrayLike<number>, at: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t[mid] <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sliceOf(values: Float64Array | number[], start: number, end: number): ArrayLike<number> {
  if (start === 0 && end === values.length) return values;
  // A typed array's view costs nothing; a plain array has to be copied.
  return values instanceof Float64Array ? values.subarray(start, end) : values.slice(start, end);
}

/** Folds the engine's transitions and intents into the preview's figures. */
class PreviewTally {
  firings = 0;
  pendings = 0;
  notifications = 0;
  resolvedMessages = 0;
  readonly spans: PreviewSpan[] = [];
  readonly tierCounts: number[];
  private readonly tierOfChannel = new Map<string, number>();
  private open?: PreviewSpan;

  constructor(
    private readonly rule: AlertRule,
    private readonly allowServices: readonly string[],
  ) {
    this.tierCounts = rule.notify.map(() => 0);
    // Two tiers with the same name share a channel: the first one gets the count.
    rule.notify.forEach((tier, i) => {
      const channel = tier.name ?? `tier${i}`;
      if (!this.tierOfChannel.has(channel)) this.tierOfChannel.set(channel, i);
    });
  }

  add(result: EvaluationResult): void {
    for (const tr of result.transitions) {
      if (tr.to === 'pending') {
        this.pendings++;
        this.openSpan('pending', tr.at);
      } else if (tr.to === 'firing') {
        this.firings++;
        this.openSpan('firing', tr.at);
      } else this.closeSpan(tr.at);
    }
    for (const intent of result.intents) {
      if (!isServiceAllowed(intent.service, this.allowServices)) continue;
      if (intent.reason === 'resolved') {
        this.resolvedMessages++;
        continue;
      }
      this.notifications++;
      const tier = this.tierOfChannel.get(intent.channel);
      if (tier !== undefined) this.tierCounts[tier]++;
    }
  }

  preview(seriesId: string, samples: number, from: number, to: number): RulePreview {
    let longestFiringMs = 0;
    let totalFiringMs = 0;
    for (const span of this.spans) {
      if (span.state !== 'firing') continue;
      const ms = Math.max(0, (span.end ?? to) - span.start);
      totalFiringMs += ms;
      longestFiringMs = Math.max(longestFiringMs, ms);
    }
    return {
      rule: this.rule.name,
      seriesId,
      samples,
      from,
      to,
      firings: this.firings,
      pendings: this.pendings,
      longestFiringMs,
      totalFiringMs,
      spans: this.spans.map((s) => ({ ...s })),
      notifications: this.notifications,
      resolvedMessages: this.resolvedMessages,
      byTier: this.rule.notify.map((tier, i) => ({ channel: tier.name ?? `tier${i}`, services: [...tier.service], count: this.tierCounts[i] })),
    };
  }

  private openSpan(state: PreviewSpan['state'], at: number): void {
    this.closeSpan(at);
    this.open = { state, start: at };
    this.spans.push(this.open);
  }

  private closeSpan(at: number): void {
    if (this.open) this.open.end = at;
    this.open = undefined;
  }
}

export function startRulePreview(rule: AlertRule, series: PreviewSeries, options: PreviewOptions = {}): PreviewRun {
  const start = options.from === undefined ? 0 : lowerBound(series.t, options.from);
  const end = Math.max(start, options.to === undefined ? series.t.length : upperBound(series.t, options.to));
  const t = sliceOf(series.t, start, end);
  const v = sliceOf(series.v, start, end);
  const samples = end - start;
  const from = samples ? t[0] : (options.from ?? options.to ?? 0);
  const to = samples ? t[samples - 1] : (options.to ?? from);
  const tally = new PreviewTally(rule, options.allowServices ?? []);
  const cfg = replayConfig({ rules: [rule], inhibit: [], reconnect_grace: 0, allow_services: options.allowServices ?? [] });
  const loop = new ReplayLoop({ id: series.id, t, v, stateClass: series.stateClass }, cfg, { notifications: true, onEvaluation: (result) => tally.add(result) });
  let result: RulePreview | undefined;
  return {
    step: (maxSamples) => loop.step(maxSamples),
    get progress() {
      return loop.progress;
    },
    result() {
      if (!loop.done) throw new Error('rule preview: result() before step() returned true');
      result ??= tally.preview(series.id, samples, from, to);
      return result;
    },
  };
}

/** The whole preview in one go (tests, Node); pages slice it with `startRulePreview`. */
export function previewRule(rule: AlertRule, series: PreviewSeries, options?: PreviewOptions): RulePreview {
  const run = startRulePreview(rule, series, options);
  run.step(Infinity);
  return run.result();
}
