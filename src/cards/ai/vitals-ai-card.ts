import { css, html, nothing, type TemplateResult } from 'lit';
import { VitalsCardBase } from '../shared/card-base';
import { cardStyles } from '../shared/styles';
import type { HomeAssistant } from 'custom-card-helpers';
import type { StoreConnection, VitalsStore } from '../../ha/store';
import { telemetryFor, type Telemetry } from '../../ha/telemetry/index';
import { listAssistPipelines } from '../../ha/api/index';
import { ASSIST_STAGES, probeOptedIn, setProbeOptIn, type AssistRun } from '../../ha/telemetry/assist';
import { browserStorage, type DeviceStorage } from '../../ha/device-identity';
import { renderRow, rowStyles, sensorRow } from '../ux/rows';
import { parseAiCardConfig, type AiCardConfig, aiCardLayout } from './config';
import { formatMs, runLength, shownRuns, slowestRuns, stageLabel, summarize } from './runs';

type PingConnection = StoreConnection & { ping(): Promise<unknown> };

/** How the Assist collector words the reasons runs cannot be read (src/ha/telemetry/assist.ts). */
const NOT_SET_UP = 'Assist is not set up on this Home Assistant.';
const UNREADABLE = 'Assist runs could not be read: ';

/** The `metrics:` rows' p95 and sparkline window. */
const METRIC_WINDOW_MS = 3_600_000;

/**
 * Assist / AI operations: a stacked stage-latency bar per recent run, p50/p95 per stage, error
 * rate, slowest runs and the agent of each run, from the shared Assist collector; plus any numeric
 * sensors declared AI metrics (tokens/s, model latency), and an opt-in synthetic probe.
 *
 * The probe runs in one browser only: the one where an administrator turned it on with the card's
 * switch (kept in that browser's localStorage). Every other viewer shows its runs, which come
 * back through the pipelines' debug list like any other run, without sending anything itself.
 */
export class VitalsAiCard extends VitalsCardBase<AiCardConfig> {
  static override properties = {
    _revision: { state: true },
    _probeError: { state: true },
    _probeHere: { state: true },
  };

  private _revision = 0;
  private _probeError?: string;
  private _probeHere = false;
  private telemetry?: Telemetry;
  private probing = false;
  /** Where this browser keeps whether it runs the probe (tests give each card its own "browser"). */
  deviceStorage: DeviceStorage | undefined = browserStorage();

  setConfig(config: unknown): void {
    this._config = parseAiCardConfig(config);
    this.attach();
  }

  protected override start(config: AiCardConfig, store: VitalsStore, connection: PingConnection): void {
    const telemetry = telemetryFor(store, connection);
    this.telemetry = telemetry;
    const changed = () => this._revision++;
    this.disposers.push(telemetry.assist.onChange(changed));
    this.disposers.push(store.onStatus(changed));
    this.disposers.push(telemetry.useAssist(config.poll_interval * 1000));
    for (const m of config.metrics) this.disposers.push(store.watch(m.entity, changed, { historyMs: METRIC_WINDOW_MS }));
    this._probeHere = probeOptedIn(this.deviceStorage);
    if (config.probe) {
      // Every viewer has the timer; only the browser chosen to probe (and an administrator) sends.
      const probeTimer = window.setInterval(() => void this.runProbe(), config.probe.interval * 1000);
      this.disposers.push(() => clearInterval(probeTimer));
    }
  }

  /** Whether the user may run the probe: `assist_pipeline/run` is open to all, so the card restricts it. */
  private get isAdmin(): boolean {
    return this._hass?.user?.is_admin === true;
  }

  /** Whether this browser sends the probe: an administrator turned it on here. */
  get probesHere(): boolean {
    return !!this._config?.probe && this.isAdmin && probeOptedIn(this.deviceStorage);
  }

  /**
   * One synthetic probe (the timer's work): only in the browser chosen to probe, skipped while the
   * tab is hidden or a probe is running.
   */
  async runProbe(): Promise<void> {
    const probe = this._config?.probe;
    if (!probe || !this.telemetry || this.probing || !this.probesHere || document.visibilityState === 'hidden') return;
    this.probing = true;
    try {
      await this.telemetry.assist.probe(probe.text, probe.pipeline ?? this._config?.pipeline);
      this._probeError = undefined;
    } catch (err) {
      this._probeError = (err as Error)?.message ?? String(err);
    } finally {
      this.probing = false;
    }
  }

  private readonly toggleProbeHere = (event: Event) => {
    const on = (event.target as HTMLInputElement).checked;
    setProbeOptIn(on, this.deviceStorage);
    this._probeHere = probeOptedIn(this.deviceStorage);
    this._probeError = undefined;
    if (on) void this.runProbe();
  };

  private renderProbe(probe: NonNullable<AiCardConfig['probe']>) {
    const { t } = this;
    // The sentence is what Assist hears: quoted as it is sent, never translated.
    const what = { text: probe.text, interval: this.fmt.duration(probe.interval * 1000) };
    if (!this.isAdmin) return html`<p class="notice probe-status">${t('ai.probe.admin_only')}</p>`;
    return html`
      <label class="probe-switch">
        <input type="checkbox" role="switch" class="probe-here" .checked=${this._probeHere} @change=${this.toggleProbeHere} />
        ${t('ai.probe.switch')}
      </label>
      <p class="notice probe-status">${this._probeHere ? t('ai.probe.here', what) : t('ai.probe.elsewhere', what)}</p>
    `;
  }

  getCardSize(): number {
    return 4 + Math.ceil((this._config?.runs_to_show ?? 10) / 2) + (this._config?.metrics.length ?? 0);
  }

  /** Sections view (2024.11+): 12-column grid, rows of 56 px. */
  getGridOptions() {
    return aiCardLayout(this._config).grid;
  }

  /** Sections view, 2024.3 – 2024.10. */
  getLayoutOptions() {
    return aiCardLayout(this._config).layout;
  }

  /** The preferred Assist pipeline, when Home Assistant has one (the card picker awaits this). */
  static async getStubConfig(hass?: HomeAssistant): Promise<Partial<AiCardConfig>> {
    try {
      const result = hass?.connection ? await listAssistPipelines(hass.connection) : undefined;
      return result?.preferred_pipeline ? { pipeline: result.preferred_pipeline } : {};
    } catch {
      return {};
    }
  }

  static async getConfigElement(): Promise<HTMLElement> {
    await import('./editor');
    return document.createElement('vitals-ai-card-editor');
  }

  private pipelineName(id: string): string {
    return this.telemetry?.assist.pipelineList.find((p) => p.id === id)?.name ?? id;
  }

  /** A run's start in the user's time zone and 12/24 h clock: "3:45:12 PM", "15:45:12". */
  private timeOf(t: number): string {
    return this.fmt.timeWithSeconds(t);
  }

  /** The collector's reason Assist is unavailable, in the user's language (it words it in English for logs). */
  private unavailableText(message: string): string {
    if (message === NOT_SET_UP) return this.t('ai.not_set_up');
    if (message.startsWith(UNREADABLE)) return this.t('ai.unreadable', { error: message.slice(UNREADABLE.length) });
    return message;
  }

  /** Why there are no run figures, or nothing when there are. */
  private notice(runs: AssistRun[]): TemplateResult | typeof nothing {
    const { t } = this;
    const assist = this.telemetry?.assist;
    if (!assist || assist.state === 'idle') return html`<p class="notice" role="status">${t('ai.reading')}</p>`;
    if (assist.state === 'forbidden') {
      return html`<p class="notice forbidden" role="status">${t('ai.forbidden')}</p>`;
    }
    if (assist.state === 'unavailable') return html`<p class="notice unavailable" role="status">${this.unavailableText(assist.message)}</p>`;
    if (runs.length === 0) return html`<p class="notice empty" role="status">${t('ai.no_runs')}</p>`;
    return nothing;
  }

  protected override render() {
    const config = this._config!;
    const assist = this.telemetry?.assist;
    const runs = assist?.state === 'ok' ? shownRuns(assist.runs, config.pipeline, config.runs_to_show) : [];
    const { t } = this;
    const title = config.title ?? t('ai.title');
    const actions = { tap_action: config.tap_action, hold_action: config.hold_action, double_tap_action: config.double_tap_action };
    return html`
      <ha-card>
        <div class="header">
          <h2 class="title">${title}</h2>
          ${config.pipeline ? html`<span class="pipeline">${this.pipelineName(config.pipeline)}</span>` : nothing}
        </div>
        ${this.store?.status === 'reconnecting'
          ? html`<div class="banner" role="status">${t('ai.reconnecting')}</div>`
          : nothing}
        ${this.notice(runs)} ${runs.length > 0 ? this.renderRuns(runs) : nothing}
        ${config.probe ? this.renderProbe(config.probe) : nothing}
        ${config.probe && this._probeError ? html`<p class="notice probe-error" role="alert">${t('ai.probe.failed', { error: this._probeError })}</p>` : nothing}
        ${config.metrics.length > 0
          ? html`<h3 class="section">${t('ai.metrics')}</h3>
              <div class="rows metrics" role="list" aria-label=${t('ai.metrics')}>${config.metrics.map((m) =>
                renderRow(sensorRow(this.store, m.entity, this.now(), METRIC_WINDOW_MS, this.fmt, t, { label: m.name }), t, actions),
              )}</div>`
          : nothing}
      </ha-card>
    `;
  }

  private renderRuns(runs: AssistRun[]) {
    const { fmt, t } = this;
    const summary = summarize(runs);
    const scale = Math.max(1, ...runs.map(runLength));
    const rate = summary.errorRate;
    return html`
      <p class="errors ${summary.errors > 0 ? 'has-errors' : ''}">
        ${t('ai.errors')} <strong>${fmt.value(rate * 100, '%', 0)}</strong> ${t('ai.errors_of', { errors: fmt.number(summary.errors, 0), runs: summary.runs })}
      </p>
      <table class="stats">
        <caption>
          ${t('ai.latency_caption', { runs: summary.runs })}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('ai.col.stage')}</th>
            <th scope="col">${t('ai.col.p50')}</th>
            <th scope="col">${t('ai.col.p95')}</th>
          </tr>
        </thead>
        <tbody>
          ${summary.stages.map(
            (s) => html`<tr class="stage-${s.stage}">
              <th scope="row"><span class="swatch ${s.stage}" aria-hidden="true"></span>${stageLabel(t, s.stage)}</th>
              <td class="p50">${formatMs(fmt, s.p50)}</td>
              <td class="p95">${formatMs(fmt, s.p95)}</td>
            </tr>`,
          )}
          <tr class="stage-total">
            <th scope="row">${t('ai.whole_run')}</th>
            <td class="p50">${formatMs(fmt, summary.total.p50)}</td>
            <td class="p95">${formatMs(fmt, summary.total.p95)}</td>
          </tr>
        </tbody>
      </table>
      <h3 class="section">${t('ai.recent_runs')}</h3>
      <ul class="runs" aria-label=${t('ai.recent_runs_label')}>
        ${runs.map((run) => this.renderRun(run, scale))}
      </ul>
      ${this.renderSlowest(runs)}
    `;
  }

  /** The run in words: "3:45:12 PM: Speech to text 800 ms, Intent 400 ms, total 1.51 s, agent …, failed: code (message)". */
  private runLabel(run: AssistRun): string {
    const { fmt, t } = this;
    const stages = ASSIST_STAGES.filter((s) => run.stages[s] !== undefined).map((s) => t('ai.run.stage', { stage: stageLabel(t, s), duration: formatMs(fmt, run.stages[s]) }));
    const parts = [stages.join(', ') || t('ai.run.no_stages'), t('ai.run.total', { duration: formatMs(fmt, run.totalMs) })];
    if (run.probe) parts.push(t('ai.run.probe'));
    if (run.agent) parts.push(t('ai.run.agent', { agent: run.agent }));
    if (run.error) parts.push(run.error.message ? t('ai.run.failed_message', { code: run.error.code, message: run.error.message }) : t('ai.run.failed', { code: run.error.code }));
    return t('ai.run.label', { time: this.timeOf(run.start), details: parts.join(', ') });
  }

  private renderRun(run: AssistRun, scale: number) {
    const { fmt, t } = this;
    return html`
      <li class="run ${run.error ? 'failed' : ''}" data-run=${run.runId}>
        <span class="when" aria-hidden="true">${this.timeOf(run.start)}</span>
        <div class="bar" role="img" aria-label=${this.runLabel(run)}>
          ${ASSIST_STAGES.filter((s) => run.stages[s] !== undefined).map(
            (s) =>
              html`<span
                class="segment ${s}"
                style="width: ${((run.stages[s]! / scale) * 100).toFixed(2)}%"
                title=${t('ai.run.segment', { stage: stageLabel(t, s), duration: formatMs(fmt, run.stages[s]) })}
              ></span>`,
          )}
        </div>
        <span class="total" aria-hidden="true">${run.error ? html`<span class="error-code" title=${run.error.message || run.error.code}>${run.error.code}</span>` : formatMs(fmt, run.totalMs)}</span>
        ${run.agent || run.probe
          ? html`<span class="agent" aria-hidden="true" title=${run.agent ?? nothing}>${run.probe ? `${t('ai.run.probe')} · ` : ''}${run.agent ?? ''}</span>`
          : nothing}
      </li>
    `;
  }

  private renderSlowest(runs: AssistRun[]) {
    const slowest = slowestRuns(runs, 3);
    if (slowest.length === 0) return nothing;
    return html`
      <h3 class="section">${this.t('ai.slowest')}</h3>
      <ol class="slowest">
        ${slowest.map(
          (run) => html`<li>
            <strong class="total">${formatMs(this.fmt, run.totalMs)}</strong> <span class="when">${this.timeOf(run.start)}</span>
            <span class="where">${this.pipelineName(run.pipelineId)}${run.agent ? ` · ${run.agent}` : ''}</span>
          </li>`,
        )}
      </ol>
    `;
  }

  static override styles = [
    cardStyles,
    rowStyles,
    css`
      :host {
        --vitals-stage-wake-word: var(--vitals-ai-wake-word-color, var(--purple-color, #926bc7));
        --vitals-stage-stt: var(--vitals-ai-stt-color, var(--blue-color, #2196f3));
        --vitals-stage-intent: var(--vitals-ai-intent-color, var(--orange-color, #ff9800));
        --vitals-stage-tts: var(--vitals-ai-tts-color, var(--green-color, #4caf50));
      }
      .header {
        justify-content: normal;
        flex-wrap: wrap;
      }
      .pipeline,
      .when,
      .agent,
      .where,
      caption {
        color: var(--secondary-text-color, #727272);
        font-size: 12px;
      }
      .banner,
      .notice {
        margin: 8px 0;
      }
      .errors {
        margin: 8px 0;
        font-size: 14px;
      }
      .errors.has-errors strong,
      .error-code {
        color: var(--vitals-error);
      }
      table.stats {
        color: var(--primary-text-color, #212121);
        width: 100%;
        border-collapse: collapse;
        font-size: 13px;
        font-variant-numeric: tabular-nums;
      }
      caption {
        text-align: start;
        padding-bottom: 2px;
      }
      .stats th,
      .stats td {
        padding: 2px 4px;
        text-align: end;
        font-weight: 400;
      }
      .stats th[scope='row'],
      .stats thead th:first-child {
        text-align: start;
      }
      .stats thead th {
        color: var(--secondary-text-color, #727272);
      }
      .stage-total th,
      .stage-total td {
        border-top: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12));
        font-weight: 500;
      }
      .swatch {
        display: inline-block;
        width: 10px;
        height: 10px;
        margin-inline-end: 6px;
        border-radius: 2px;
        vertical-align: baseline;
      }
      .run {
        display: grid;
        grid-template-columns: auto minmax(0, 1fr) 4.5em;
        grid-template-areas: 'when bar total' '. agent agent';
        align-items: center;
        column-gap: 8px;
        padding: 2px 0;
      }
      .run .when {
        grid-area: when;
        font-variant-numeric: tabular-nums;
      }
      .bar {
        grid-area: bar;
        display: flex;
        height: 12px;
        border-radius: 3px;
        overflow: hidden;
        background: var(--secondary-background-color, rgba(127, 127, 127, 0.12));
      }
      .run.failed .bar {
        outline: 2px solid var(--vitals-error);
        outline-offset: -2px;
      }
      .segment {
        height: 100%;
        min-width: 1px;
        transition: width 0.3s ease;
      }
      .wake_word {
        background: var(--vitals-stage-wake-word);
      }
      .stt {
        background: var(--vitals-stage-stt);
      }
      .intent {
        background: var(--vitals-stage-intent);
      }
      .tts {
        background: var(--vitals-stage-tts);
      }
      .run .total {
        grid-area: total;
        text-align: end;
        font-size: 13px;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .run .agent {
        grid-area: agent;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      ol.slowest li {
        display: grid;
        grid-template-columns: 4.5em minmax(0, 1fr);
        column-gap: 8px;
        align-items: baseline;
        padding: 2px 0;
        font-size: 13px;
      }
      .probe-switch {
        display: flex;
        align-items: center;
        gap: 8px;
        margin: 8px 0 0;
        font-size: 14px;
        cursor: pointer;
      }
      .probe-switch input {
        margin: 0;
        accent-color: var(--primary-color, #03a9f4);
      }
      .probe-status {
        color: var(--secondary-text-color, #727272);
        font-size: 13px;
      }
      ol.slowest .total {
        font-variant-numeric: tabular-nums;
      }
      ol.slowest .where {
        grid-column: 2;
        overflow-wrap: anywhere;
      }
      @media (prefers-reduced-motion: reduce) {
        .segment {
          transition: none;
        }
      }
    `,
  ];
}

export { AI_CARD_INFO } from './config';
