/**
 * Telemetry runs once per connection however many cards show it: cards `use` a source and get a
 * release function; a source runs while at least one card uses it, at the highest level any of
 * them asked for, and heavy polling pauses while the tab is hidden.
 */
import type { VitalsStore, StoreConnection } from '../store';
import { AssistCollector } from './assist';
import { LlmTurnCollector } from './llm';
import { UxMonitor, browserUxEnvironment, tapServiceCalls, type MonitoringLevel, type UxEnvironment } from './ux';

const LEVEL_RANK: Record<MonitoringLevel, number> = { off: 0, basic: 1, full: 2 };

export interface UxUse {
  level: MonitoringLevel;
  pingIntervalMs?: number;
  sampleIntervalMs?: number;
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

  constructor(
    private readonly store: VitalsStore,
    private readonly connection: StoreConnection & { ping(): Promise<unknown> },
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
    this.ux = new UxMonitor(this.store, () => this.connection.ping(), this.env, { level, pingIntervalMs, sampleIntervalMs }, serviceCalls);
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

export function telemetryFor(store: VitalsStore, connection: StoreConnection & { ping(): Promise<unknown> }): Telemetry {
  let telemetry = telemetries.get(store);
  if (!telemetry) {
    telemetry = new Telemetry(store, connection);
    telemetries.set(store, telemetry);
  }
  return telemetry;
}
