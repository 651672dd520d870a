/**
 * `<vitals-rule-preview>`: how often a rule would have fired, shown while it is written.
 *
 * The rule (raw, as in the YAML) is checked with the cards' schema, its entity's recorded history is
 * loaded (what the store holds, else the recorder) and the core replays it with the same engine the
 * cards run live and the `ha-vitals replay` CLI runs offline, in slices so the editor never blocks.
 * It shows the count, the notifications per tier, the longest firing, a chart of the series with each
 * pending and firing span and the rule's levels, and a suggestion from the data (threshold: the p99;
 * trend: the time to the limit; anomaly: the count at each sensitivity). "Use" and the sensitivity
 * buttons fire `rule-patch` ({ patch }) for the editor to apply.
 */
import { LitElement, css, html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import type { HomeAssistant } from 'custom-card-helpers';
import { parseAlertsConfig, type AlertRule, type AnomalyRule, type ThresholdRule, type TrendRule } from '../../../core/config/alerts';
import { formatErrors } from '../../../core/config/validate';
import { startRulePreview, thresholdSuggestion, timeToLimit, type PreviewSeries, type RulePreview } from '../../../core/replay/index';
import { backtestCsv, loadBacktestSamples, type BacktestSamples } from '../../../ha/backtest-samples';
import { storeFor } from '../../../ha/store';
import { ENGLISH_FORMATTER, formatterFor, type Formatter, type LocaleSource } from '../../../ui/format';
import { LanguageFollower, type Localize } from '../../../ui/localize/index';
import '../../../ui/localize/languages/en-editor';
import { previewChartGeometry, type ChartLevel } from './preview-chart';
import { runSliced } from './sliced';

export const RULE_PREVIEW_TYPE = 'vitals-rule-preview';

export const PREVIEW_RANGES = { '24h': 86_400_000, '7d': 7 * 86_400_000 } as const;
export type PreviewRange = keyof typeof PREVIEW_RANGES;

/** The sensitivities the anomaly sweep compares (the schema's words low / medium / high). */
export const SWEEP_LEVELS = [0.25, 0.5, 0.75] as const;

/** Edits come in bursts (typing a number): replay once they pause. */
const DEBOUNCE_MS = 250;
/** Loaded history is reused this long while the rule is edited. */
const SAMPLES_FRESH_MS = 60_000;
/** What the export is (the replay CLI reads it). */
const CSV_MEDIA_TYPE = 'text/csv';
const CHART_W = 600;
const CHART_H = 90;

type Outcome =
  | { kind: 'idle' }
  | { kind: 'invalid'; message: string }
  | { kind: 'loading'; entity: string }
  | { kind: 'no-data'; entity: string }
  | { kind: 'error'; message: string }
  | { kind: 'done'; rule: AlertRule; samples: BacktestSamples; preview: RulePreview; busyMs: number; extra?: Suggestion; written: string };

type Suggestion =
  | { kind: 'threshold'; p: number; level: number; forMs: number; firings: number; below: boolean }
  | { kind: 'trend'; limit: number; etaMs?: number }
  | { kind: 'sweep'; counts: { sensitivity: number; firings: number }[] };

export class VitalsRulePreview extends LitElement {
  static override properties = {
    hass: { attribute: false },
    rule: { attribute: false },
    entities: { attribute: false },
    allowServices: { attribute: false },
    validRule: { attribute: false },
    readonly: { type: Boolean },
    range: { type: String },
    entity: { state: true },
    outcome: { state: true },
  };

  hass?: HomeAssistant;
  /** The rule as written (one entry of `alerts:`). */
  rule?: unknown;
  /** The card's entities: what a rule without `entity:` watches. */
  entities: string[] = [];
  allowServices: string[] = [];
  /** A rule already validated (the alerts card previews the rules it runs): used instead of `rule`. */
  validRule?: AlertRule;
  /** Shown where the rule cannot be edited (the alerts card): no "Use" buttons. */
  readonly = false;
  range: PreviewRange = '24h';
  /** The entity shown when the rule watches several. */
  protected entity?: string;
  protected outcome: Outcome = { kind: 'idle' };

  private readonly language = new LanguageFollower(() => this.requestUpdate());
  private get t(): Localize {
    return this.language.t;
  }
  private fmt: Formatter = ENGLISH_FORMATTER;
  private timer?: ReturnType<typeof setTimeout>;
  private abort?: AbortController;
  private readonly samplesCache = new Map<string, { at: number; samples: BacktestSamples }>();
  /** Settles when the current replay is shown (tests and the e2e suite wait on it). */
  settled: Promise<void> = Promise.resolve();
  private settle?: () => void;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.abort?.abort();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('hass')) {
      const source: LocaleSource | undefined = this.hass;
      this.fmt = source ? formatterFor(source) : ENGLISH_FORMATTER;
      this.language.follow(this.hass);
    }
    // `hass` changes with every state: only what defines the replay restarts it.
    if (changed.has('rule') || changed.has('validRule') || changed.has('entities') || changed.has('range') || changed.has('entity') || changed.has('allowServices') || (changed.has('hass') && changed.get('hass') === undefined)) {
      this.schedule();
    }
  }

  /** Entities the rule is previewed on: its own `entity:` list, else the card's. */
  private watchedEntities(rule: AlertRule | undefined): string[] {
    const listed = rule?.entity.length ? rule.entity : this.entities;
    return listed.filter((e, i) => typeof e === 'string' && e !== '' && listed.indexOf(e) === i);
  }

  private parseRule(): { rule?: AlertRule; message?: string } {
    if (this.validRule) return { rule: this.validRule };
    if (!this.rule || typeof this.rule !== 'object') return {};
    const result = parseAlertsConfig({ rules: [this.rule], allow_services: this.allowServices ?? [] }, '');
    if (!result.ok) return { message: formatErrors(result.errors.map((e) => ({ ...e, path: e.path.replace(/^rules\[0\]\.?/, '') }))) };
    return { rule: result.value.rules[0] };
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.abort?.abort();
    if (!this.settle) this.settled = new Promise((resolve) => (this.settle = resolve));
    this.timer = setTimeout(() => void this.replay(), DEBOUNCE_MS);
  }

  private finish(outcome: Outcome): void {
    this.outcome = outcome;
    const settle = this.settle;
    this.settle = undefined;
    void this.updateComplete.then(() => settle?.());
  }

  private async samplesFor(entity: string, from: number, to: number): Promise<BacktestSamples> {
    const key = `${entity}|${this.range}`;
    const cached = this.samplesCache.get(key);
    if (cached && Date.now() - cached.at < SAMPLES_FRESH_MS) return cached.samples;
    const connection = this.hass!.connection;
    const samples = await loadBacktestSamples(storeFor(connection), connection, entity, from, to);
    this.samplesCache.set(key, { at: Date.now(), samples });
    return samples;
  }

  private async replay(): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    const { rule, message } = this.parseRule();
    if (!rule) return this.finish(message ? { kind: 'invalid', message } : { kind: 'idle' });
    const entities = this.watchedEntities(rule);
    const entity = this.entity && entities.includes(this.entity) ? this.entity : entities[0];
    if (!entity || !this.hass?.connection) return this.finish({ kind: 'idle' });
    this.outcome = { kind: 'loading', entity };
    try {
      const to = Date.now();
      const from = to - PREVIEW_RANGES[this.range];
      const samples = await this.samplesFor(entity, from, to);
      if (abort.signal.aborted) return;
      if (samples.t.length === 0) return this.finish({ kind: 'no-data', entity });
      const series: PreviewSeries = { id: entity, t: samples.t, v: samples.v, stateClass: this.stateClassOf(entity) };
      const run = startRulePreview(rule, series, { from: samples.from, to: samples.to, allowServices: this.allowServices });
      const { busyMs } = await runSliced(run, abort.signal);
      const preview = run.result();
      const written = this.validRule ? '' : JSON.stringify(this.rule);
      this.outcome = { kind: 'done', rule, samples, preview, busyMs, written };
      const extra = await this.suggestion(rule, series, samples, abort.signal);
      if (abort.signal.aborted) return;
      this.finish({ kind: 'done', rule, samples, preview, busyMs, extra, written });
    } catch (error) {
      if ((error as Error)?.name === 'AbortError' || abort.signal.aborted) return;
      this.finish({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  private stateClassOf(entity: string): string | undefined {
    const stateClass = this.hass?.states?.[entity]?.attributes?.state_class;
    return typeof stateClass === 'string' ? stateClass : undefined;
  }

  /** The hint from the data, computed after the count is on screen. */
  private async suggestion(rule: AlertRule, series: PreviewSeries, samples: BacktestSamples, signal: AbortSignal): Promise<Suggestion | undefined> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (signal.aborted) return undefined;
    if (rule.type === 'threshold') {
      const s = thresholdSuggestion(series, rule as ThresholdRule);
      if (!s) return undefined;
      const below = s.above === undefined && s.below !== undefined;
      return { kind: 'threshold', p: s.p99, level: (below ? s.below : s.above) as number, forMs: s.forMs, firings: s.firings, below };
    }
    if (rule.type === 'trend') {
      const trend = rule as TrendRule;
      if (trend.limit === undefined) return undefined;
      const eta = timeToLimit(series, trend, samples.to);
      return eta ? { kind: 'trend', limit: eta.limit, etaMs: eta.etaMs } : undefined;
    }
    if (rule.type === 'anomaly') {
      const counts: { sensitivity: number; firings: number }[] = [];
      for (const sensitivity of SWEEP_LEVELS) {
        const run = startRulePreview({ ...(rule as AnomalyRule), sensitivity }, series, { from: samples.from, to: samples.to });
        await runSliced(run, signal);
        counts.push({ sensitivity, firings: run.result().firings });
      }
      return { kind: 'sweep', counts };
    }
    return undefined;
  }

  private patch(patch: Record<string, unknown>): void {
    this.dispatchEvent(new CustomEvent('rule-patch', { detail: { patch }, bubbles: true, composed: true }));
  }

  private exportCsv(): void {
    if (this.outcome.kind !== 'done') return;
    const { samples } = this.outcome;
    const url = URL.createObjectURL(new Blob([backtestCsv(samples)], { type: CSV_MEDIA_TYPE }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${samples.entityId}-${new Date(samples.from).toISOString().slice(0, 16).replace(/:/g, '')}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  private rangeText(): string {
    return this.t(this.range === '7d' ? 'preview.range_7d' : 'preview.range_24h');
  }

  protected override render(): TemplateResult {
    const { rule } = this.outcome.kind === 'done' ? this.outcome : this.parseRule();
    const entities = this.watchedEntities(rule);
    return html`
      <section class="preview" aria-live="polite">
        <header>
          <span class="title">${this.t('preview.title')}</span>
          <label
            >${this.t('preview.range_label')}
            <select class="range" @change=${(e: Event) => (this.range = (e.target as HTMLSelectElement).value as PreviewRange)}>
              ${(Object.keys(PREVIEW_RANGES) as PreviewRange[]).map((r) => html`<option value=${r} ?selected=${r === this.range}>${this.t(r === '7d' ? 'preview.range_7d' : 'preview.range_24h')}</option>`)}
            </select>
          </label>
          ${entities.length > 1
            ? html`<label
                >${this.t('preview.entity_label')}
                <select class="entity" @change=${(e: Event) => (this.entity = (e.target as HTMLSelectElement).value)}>
                  ${entities.map((id) => html`<option value=${id} ?selected=${id === (this.entity ?? entities[0])}>${this.nameOf(id)}</option>`)}
                </select>
              </label>`
            : nothing}
        </header>
        ${this.body()}
      </section>
    `;
  }

  private nameOf(entity: string): string {
    const name = this.hass?.states?.[entity]?.attributes?.friendly_name;
    return typeof name === 'string' && name ? name : entity;
  }

  private body(): TemplateResult | typeof nothing {
    const o = this.outcome;
    switch (o.kind) {
      case 'idle':
        return nothing;
      case 'invalid':
        return html`<p class="note invalid">${this.t('preview.invalid')}<span class="why">${o.message}</span></p>`;
      case 'loading':
        return html`<p class="note loading">${this.t('preview.loading', { entity: this.nameOf(o.entity) })}</p>`;
      case 'no-data':
        return html`<p class="note">${this.t('preview.no_data', { entity: this.nameOf(o.entity) })}</p>`;
      case 'error':
        return html`<p class="note invalid">${o.message}</p>`;
      case 'done':
        return this.result(o);
    }
  }

  private result(o: Extract<Outcome, { kind: 'done' }>): TemplateResult {
    const { preview, samples } = o;
    const fmt = this.fmt;
    const summary =
      preview.firings > 0
        ? this.t('preview.summary', { count: preview.firings, range: this.rangeText().toLocaleLowerCase(), notifications: preview.notifications, longest: fmt.duration(preview.longestFiringMs) })
        : this.t('preview.summary_none', { range: this.rangeText().toLocaleLowerCase(), samples: fmt.number(preview.samples) });
    // data-rule: the rule as written that these figures belong to (a test waits for its latest edit).
    return html`
      <p class="summary" data-firings=${preview.firings} data-notifications=${preview.notifications} data-samples=${preview.samples} data-rule=${o.written}>${summary}</p>
      ${preview.byTier.length > 1 || preview.notifications > 0
        ? html`<ul class="tiers">
            ${preview.byTier.map((tier) => html`<li title=${tier.services.join(', ')}>${this.t('preview.tier', { tier: tier.channel, count: tier.count })}</li>`)}
          </ul>`
        : nothing}
      ${this.chart(o.rule, samples, preview)} ${o.extra ? this.suggestionView(o.rule, o.extra, samples) : nothing}
      <p class="footer">
        <span class="took">${this.t('preview.took', { samples: fmt.number(preview.samples), ms: fmt.number(Math.round(o.busyMs)) })}</span>
        <button class="export" @click=${() => this.exportCsv()}>${this.t('preview.export')}</button>
      </p>
    `;
  }

  private levelsOf(rule: AlertRule): ChartLevel[] {
    if (rule.type === 'threshold') {
      const levels: ChartLevel[] = [];
      if (rule.above !== undefined) levels.push({ value: rule.above, kind: 'threshold' });
      if (rule.below !== undefined) levels.push({ value: rule.below, kind: 'threshold' });
      if (rule.recover_below !== undefined) levels.push({ value: rule.recover_below, kind: 'recovery' });
      if (rule.recover_above !== undefined) levels.push({ value: rule.recover_above, kind: 'recovery' });
      return levels;
    }
    if (rule.type === 'trend' && rule.limit !== undefined) return [{ value: rule.limit, kind: 'limit' }];
    return [];
  }

  private chart(rule: AlertRule, samples: BacktestSamples, preview: RulePreview): TemplateResult {
    const g = previewChartGeometry(samples.t, samples.v, preview.spans, this.levelsOf(rule), samples.from, samples.to, CHART_W, CHART_H);
    return html`
      <svg class="chart" viewBox="0 0 ${CHART_W} ${CHART_H}" preserveAspectRatio="none" role="img" aria-label=${this.t('preview.title')}>
        ${g.bands.map((b) => svg`<rect class="band ${b.state}" x=${b.x} y="0" width=${b.width} height=${CHART_H}></rect>`)}
        ${g.levels.map((l) => svg`<line class="level ${l.kind}" x1="0" x2=${CHART_W} y1=${l.y} y2=${l.y}></line>`)}
        <path class="line" d=${g.path}></path>
      </svg>
      <div class="axis"><span>${this.fmt.dateTime(samples.from)}</span><span>${this.fmt.dateTime(samples.to)}</span></div>
    `;
  }

  private suggestionView(rule: AlertRule, s: Suggestion, samples: BacktestSamples): TemplateResult {
    const fmt = this.fmt;
    const unit = this.unitOf(samples.entityId);
    if (s.kind === 'threshold') {
      const text = s.below
        ? this.t('preview.suggest_threshold_below', { range: this.rangeText().toLocaleLowerCase(), p1: fmt.value(s.p, unit), below: fmt.value(s.level, unit), for: fmt.duration(s.forMs), count: s.firings })
        : this.t('preview.suggest_threshold', { range: this.rangeText().toLocaleLowerCase(), p99: fmt.value(s.p, unit), above: fmt.value(s.level, unit), for: fmt.duration(s.forMs), count: s.firings });
      const patch: Record<string, unknown> = s.below ? { below: s.level } : { above: s.level };
      if (rule.for === 0) patch.for = `${Math.round(s.forMs / 60_000)}m`;
      return html`<p class="suggestion">${text} ${this.readonly ? nothing : html`<button class="use" @click=${() => this.patch(patch)}>${this.t('preview.use')}</button>`}</p>`;
    }
    if (s.kind === 'trend') {
      const values = { entity: this.nameOf(samples.entityId), limit: fmt.value(s.limit, unit) };
      return html`<p class="suggestion">${s.etaMs === undefined ? this.t('preview.no_limit', values) : this.t('preview.time_to_limit', { ...values, duration: fmt.duration(s.etaMs) })}</p>`;
    }
    const current = rule.type === 'anomaly' ? rule.sensitivity : undefined;
    return html`<div class="suggestion sweep" role="group" aria-label=${this.t('preview.sensitivity')}>
      <span>${this.t('preview.sensitivity')}</span>
      ${s.counts.map(
        (c) =>
          html`<button
            class="level"
            aria-pressed=${String(c.sensitivity === current)}
            ?disabled=${this.readonly}
            data-sensitivity=${c.sensitivity}
            @click=${() => this.patch({ sensitivity: c.sensitivity })}
          >
            ${this.t('preview.sensitivity_level', { level: fmt.number(c.sensitivity), count: c.firings })}
          </button>`,
      )}
    </div>`;
  }

  private unitOf(entity: string): string | undefined {
    const unit = this.hass?.states?.[entity]?.attributes?.unit_of_measurement;
    return typeof unit === 'string' ? unit : undefined;
  }

  static override styles = css`
    :host {
      display: block;
    }
    .preview {
      border: 1px solid var(--divider-color, #e0e0e0);
      border-radius: var(--ha-card-border-radius, 12px);
      padding: 8px 12px;
      margin: 8px 0;
    }
    header {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: center;
    }
    .title {
      font-weight: 500;
      flex: 1;
    }
    label {
      font-size: 13px;
      color: var(--secondary-text-color, #727272);
      display: flex;
      gap: 6px;
      align-items: center;
    }
    select,
    button {
      font: inherit;
      color: var(--primary-text-color, #212121);
      background: var(--card-background-color, #fff);
      border: 1px solid var(--divider-color, #e0e0e0);
      border-radius: 6px;
      padding: 2px 8px;
      cursor: pointer;
    }
    button[aria-pressed='true'] {
      border-color: var(--primary-color, #03a9f4);
      color: var(--primary-color, #03a9f4);
    }
    .summary {
      font-size: 15px;
      margin: 8px 0 4px;
    }
    .tiers {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      list-style: none;
      margin: 0 0 4px;
      padding: 0;
      font-size: 13px;
      color: var(--secondary-text-color, #727272);
    }
    .chart {
      width: 100%;
      height: 90px;
      display: block;
    }
    .line {
      fill: none;
      stroke: var(--primary-color, #03a9f4);
      stroke-width: 1.5;
      vector-effect: non-scaling-stroke;
    }
    .band.pending {
      fill: var(--warning-color, #ffa600);
      opacity: 0.25;
    }
    .band.firing {
      fill: var(--error-color, #db4437);
      opacity: 0.45;
    }
    .level {
      stroke: var(--error-color, #db4437);
      stroke-dasharray: 4 3;
      vector-effect: non-scaling-stroke;
    }
    .level.recovery {
      stroke: var(--success-color, #43a047);
    }
    .level.limit {
      stroke: var(--warning-color, #ffa600);
    }
    .axis {
      display: flex;
      justify-content: space-between;
      font-size: 11px;
      color: var(--secondary-text-color, #727272);
    }
    .suggestion,
    .note,
    .footer {
      font-size: 13px;
      margin: 6px 0;
    }
    .sweep {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      align-items: center;
    }
    .invalid {
      color: var(--error-color, #db4437);
    }
    .why {
      display: block;
      white-space: pre-line;
    }
    .footer {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: 8px;
      color: var(--secondary-text-color, #727272);
    }
  `;
}

if (!customElements.get(RULE_PREVIEW_TYPE)) customElements.define(RULE_PREVIEW_TYPE, VitalsRulePreview);

declare global {
  interface HTMLElementTagNameMap {
    [RULE_PREVIEW_TYPE]: VitalsRulePreview;
  }
}
