/**
 * Telemetry runs once per connection however many cards show it: cards `use` a source and get a
 * release function; a source runs while at least one card uses it, at the highest level any of
 * them asked for, and heavy polling pauses while the tab is hidden.
 */
import type { MqttReporter, ReportedMetric } from '../mqtt-reporter';
import type { VitalsStore, StoreConnection } from '../store';
import { ping, type PingConnection } from '../api/websocket';
import { AssistCollector } from './assist';
import { LlmTurnCollector } from './llm';
import { UxMonitor, browserUxEnvironment, tapServiceCalls, type MonitoringLevel, type UxEnvironment } from './ux';

const LEVEL_RANK: Record<MonitoringLevel, number> = { off: 0, basic: 1, full: 2 };

export interface UxUse {
  level: MonitoringLevel;
  pingIntervalMs?: number;
  sampleIntervalMs?: number;
}

/** When the first report goes out after a card starts reporting. */
const FIRST_REPORT_MS = 5_000;

interface ReportUse {
  intervalMs: number;
  metrics: ReportedMetric[];
}

export class Telemetry {
  readonly assist: AssistCollector;
  readonly llm: LlmTurnCollector;
  private llmUses = 0;
  private ux?: UxMonitor;
  /** Level and intervals the running monitor was started with. */
  private uxSettings = 'off';
  private readonly uxUses = new Set<UxUse>();
  private readonly assistUses = new Set<{ pollMs: number }>();
  private assistTimer?: unknown;
  private readonly reports = new Map<string, { uses: Set<ReportUse>; reporter?: MqttReporter; timer?: unknown; generation?: number; ready?: Promise<void>; cancelFirst?: () => void }>();

  constructor(
    private readonly store: VitalsStore,
    private readonly connection: StoreConnection & PingConnection,
    private readonly env: UxEnvironment = browserUxEnvironment(),
  ) {
    this.assist = new AssistCollector(store, connection as never);
    this.llm = new LlmTurnCollector(store, connection as never);
  }

  /** Follow conversation chat logs for LLM turn times while used. */
  useLlm(): () => void {
    if (this.llmUses++ === 0) void this.llm.start();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.llmUses === 0) void this.llm.stop();
    };
  }

  /** Measure this browser's experience while the returned function is not called. */
  useUx(use: UxUse): () => void {
    this.uxUses.add(use);
    this.restartUx();
    return () => {
      this.uxUses.delete(use);
      this.restartUx();
    };
  }

  get uxMonitor(): UxMonitor | undefined {
    return this.ux;
  }

  /** Poll Assist runs every `pollMs` while used (skipped while the tab is hidden). */
  useAssist(pollMs = 15_000): () => void {
    const use = { pollMs };
    this.assistUses.add(use);
    this.restartAssist();
    return () => {
      this.assistUses.delete(use);
      this.restartAssist();
    };
  }

  /**
   * Publish `metrics` as MQTT sensors of `device` every `intervalMs` while used. Cards naming the
   * same device share one reporter (the union of their metrics, the shortest interval).
   */
  useReport(device: string, intervalMs: number, metrics: ReportedMetric[]): () => void {
    const use: ReportUse = { intervalMs, metrics };
    const entry = this.reports.get(device) ?? { uses: new Set<ReportUse>() };
    this.reports.set(device, entry);
    entry.uses.add(use);
    this.restartReport(device);
    return () => {
      entry.uses.delete(use);
      this.restartReport(device);
    };
  }

  /** The reporter publishing for `device`, once loaded, if one runs. */
  async reporterOf(device: string): Promise<MqttReporter | undefined> {
    await this.reports.get(device)?.ready;
    return this.reports.get(device)?.reporter;
  }

  private restartReport(device: string): void {
    const entry = this.reports.get(device)!;
    if (entry.timer !== undefined) this.env.clearInterval(entry.timer);
    entry.cancelFirst?.();
    entry.timer = entry.reporter = undefined;
    if (entry.uses.size === 0) {
      this.reports.delete(device);
      return;
    }
    const uses = [...entry.uses];
    const intervalMs = Math.min(...uses.map((u) => u.intervalMs));
    const metrics = [...new Map(uses.flatMap((u) => u.metrics).map((m) => [m.key, m])).values()];
    const generation = (entry.generation = (entry.generation ?? 0) + 1);
    // The reporter is its own chunk: dashboards that report nothing do not load it.
    entry.ready = import('../mqtt-reporter').then(({ MqttReporter }) => {
      if (entry.generation !== generation || !this.reports.has(device)) return;
      // Background traffic: through the connection, left out of the service-call latency.
      const reporter = new MqttReporter(this.store, { callService: (d, sv, data) => this.store.callService(d, sv, data) }, metrics, { device, intervalMs });
      entry.reporter = reporter;
      const report = () => void reporter.report().catch(() => undefined); // no MQTT: the next round tries again
      entry.timer = this.env.setInterval(report, intervalMs);
      // The first report soon after the page opens (the first ping has answered by then), not a whole interval later.
      const first = setTimeout(() => entry.timer !== undefined && entry.generation === generation && report(), FIRST_REPORT_MS);
      entry.cancelFirst = () => clearTimeout(first);
    });
  }

  private restartUx(): void {
    const uses = [...this.uxUses];
    const level = uses.reduce<MonitoringLevel>((best, u) => (LEVEL_RANK[u.level] > LEVEL_RANK[best] ? u.level : best), 'off');
    const pingIntervalMs = Math.min(...uses.map((u) => u.pingIntervalMs ?? 30_000));
    const sampleIntervalMs = Math.min(...uses.map((u) => u.sampleIntervalMs ?? 10_000));
    const settings = level === 'off' ? 'off' : `${level}/${pingIntervalMs}/${sampleIntervalMs}`;
    if (settings === this.uxSettings && (this.ux || level === 'off')) return;
    this.ux?.stop();
    this.ux = undefined;
    this.uxSettings = settings;
    if (level === 'off') return;
    const serviceCalls = 'sendMessagePromise' in this.connection ? tapServiceCalls(this.connection as never, () => this.env.perfNow()) : undefined;
    this.ux = new UxMonitor(this.store, () => ping(this.connection), this.env, { level, pingIntervalMs, sampleIntervalMs }, serviceCalls);
    this.ux.start();
  }

  private restartAssist(): void {
    if (this.assistTimer !== undefined) this.env.clearInterval(this.assistTimer);
    this.assistTimer = undefined;
    if (this.assistUses.size === 0) return;
    const pollMs = Math.min(...[...this.assistUses].map((u) => u.pollMs));
    const poll = () => {
      if (!this.env.isHidden()) void this.assist.poll();
    };
    poll();
    this.assistTimer = this.env.setInterval(poll, pollMs);
  }
}

const telemetries = new WeakMap<VitalsStore, Telemetry>();

export function telemetryFor(store: VitalsStore, connection: StoreConnection & PingConnection): Telemetry {
  let telemetry = telemetries.get(store);
  if (!telemetry) {
    telemetry = new Telemetry(store, connection);
    telemetries.set(store, telemetry);
  }
  return telemetry;
}
