/**
 * User-experience telemetry measured in this browser: websocket round trip, state-delivery lag,
 * service-call latency, long tasks, INP, JS heap, frame rate, and the monitor's own overhead.
 * Each becomes a virtual metric in the store (`vitals.*`), so every card can show it.
 */
import type { EntitySnapshot } from '../entity-updates';
import { monitorMessages } from '../services';
import { isCallServiceMessage } from '../api/services';
import type { VitalsStore } from '../store';

export { UX_METRICS } from './ux-metrics';
import { UX_METRICS } from './ux-metrics';

export type MonitoringLevel = 'off' | 'basic' | 'full';

export interface UxMonitorOptions {
  /** `basic`: round trip, delivery lag, service calls, overhead. `full`: also long tasks, INP, heap, frame rate. */
  level?: MonitoringLevel;
  pingIntervalMs?: number;
  /** How often heap, frame rate and overhead are sampled. */
  sampleIntervalMs?: number;
  /** How long to wait for the state change a service call causes before timing it to its result. */
  serviceCallTimeoutMs?: number;
}

/** A service call seen on the connection: the entities it targets and when HA answered. */
export interface ObservedServiceCall {
  entityIds: string[];
  /** perfNow() when the call was sent. */
  sentAt: number;
  /** Resolves true when Home Assistant answered with success, false when it answered with an error. */
  done: Promise<boolean>;
  /** The same message was sent again (queued across a reconnect): the later sending is the one to time. */
  superseded?: boolean;
}

/** Starts reporting service calls; returns the function that stops. */
export type ServiceCallTap = (onCall: (call: ObservedServiceCall) => void) => () => void;

interface MessageConnection {
  sendMessagePromise<T = unknown>(message: Record<string, unknown>): Promise<T>;
}

const asList = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * Sees every `call_service` sent on this connection, whether by Home Assistant's own frontend (a
 * toggle, a script button: `hass.callService` sends through the connection's sendMessagePromise)
 * or by our notifier, by wrapping that one method. The wrapper only notes the time: message and
 * result pass through untouched. If something else wrapped the method after us, stopping leaves
 * its wrapper in place and ours turns into a plain pass-through.
 */
export function tapServiceCalls(connection: MessageConnection, perfNow: () => number = () => performance.now()): ServiceCallTap {
  return (onCall) => {
    const original = connection.sendMessagePromise;
    const hadOwn = Object.prototype.hasOwnProperty.call(connection, 'sendMessagePromise');
    let active = true;
    // A message queued while the socket was down is sent again after the reconnect, through here.
    const observed = new WeakMap<object, ObservedServiceCall>();
    const wrapper = function (this: MessageConnection, message: Record<string, unknown>) {
      const result = original.call(this, message) as Promise<unknown>;
      if (active && isCallServiceMessage(message) && !monitorMessages.has(message)) {
        const target = (message.target ?? {}) as Record<string, unknown>;
        const data = (message.service_data ?? {}) as Record<string, unknown>;
        const earlier = observed.get(message);
        if (earlier) earlier.superseded = true;
        const call: ObservedServiceCall = {
          entityIds: [...new Set([...asList(target.entity_id), ...asList(data.entity_id)])],
          sentAt: perfNow(),
          done: result.then(() => true, () => false),
        };
        observed.set(message, call);
        onCall(call);
      }
      return result;
    } as MessageConnection['sendMessagePromise'];
    connection.sendMessagePromise = wrapper;
    return () => {
      active = false;
      if (connection.sendMessagePromise !== wrapper) return;
      if (hadOwn) connection.sendMessagePromise = original;
      else delete (connection as Partial<MessageConnection>).sendMessagePromise;
    };
  };
}

/** What the monitor needs from the browser; injectable so tests drive it. */
export interface UxEnvironment {
  now(): number;
  perfNow(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  isHidden(): boolean;
  onVisibilityChange(fn: () => void): () => void;
  observeLongTasks?(fn: (durationMs: number) => void): () => void;
  observeInp?(fn: (valueMs: number) => void): void;
  heapBytes?(): number | undefined;
  requestFrame?(fn: () => void): unknown;
}

/**
 * Estimates how late state changes arrive, correcting for the offset between this browser's clock
 * and the server's. The fastest delivery seen in a window is assumed to have taken half the best
 * round trip (as NTP's minimum filter does); every delivery's lag is measured against it.
 */
export class DeliveryLagEstimator {
  private readonly window: number[] = [];
  private minRttMs = Infinity;

  constructor(private readonly windowSize = 200) {}

  noteRoundTrip(rttMs: number): void {
    if (rttMs >= 0 && rttMs < this.minRttMs) this.minRttMs = rttMs;
  }

  /** Lag of one delivery in ms (≥ 0). `serverMs` is the server's last_updated, `arrivalMs` local time. */
  observe(serverMs: number, arrivalMs: number): number {
    const skewed = arrivalMs - serverMs; // true lag + clock offset
    this.window.push(skewed);
    if (this.window.length > this.windowSize) this.window.shift();
    const fastest = Math.min(...this.window);
    const oneWay = Number.isFinite(this.minRttMs) ? this.minRttMs / 2 : 0;
    return Math.max(0, skewed - fastest + oneWay);
  }
}

export class UxMonitor {
  private readonly disposers: (() => void)[] = [];
  private readonly lag = new DeliveryLagEstimator();
  private frames = 0;
  private framesSince = 0;
  private overheadAt = 0;
  private running = false;
  private readonly opts: Required<UxMonitorOptions>;

  constructor(
    private readonly store: VitalsStore,
    private readonly ping: () => Promise<unknown>,
    private readonly env: UxEnvironment,
    options: UxMonitorOptions = {},
    private readonly serviceCalls?: ServiceCallTap,
  ) {
    this.opts = {
      level: options.level ?? 'basic',
      pingIntervalMs: options.pingIntervalMs ?? 30_000,
      sampleIntervalMs: options.sampleIntervalMs ?? 10_000,
      serviceCallTimeoutMs: options.serviceCallTimeoutMs ?? 10_000,
    };
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running || this.opts.level === 'off') return;
    this.running = true;
    this.overheadAt = this.store.overheadMs;
    this.framesSince = this.env.perfNow();
    this.disposers.push(this.store.onDelivery((server, arrival) => this.store.record(UX_METRICS.lag, arrival, this.lag.observe(server, arrival))));
    this.every(this.opts.pingIntervalMs, () => void this.measureRoundTrip());
    this.every(this.opts.sampleIntervalMs, () => this.sample());
    void this.measureRoundTrip();
    if (this.serviceCalls) this.disposers.push(this.serviceCalls((call) => void this.timeServiceCall(call)));
    if (this.opts.level === 'full') this.startFullProbes();
  }

  stop(): void {
    this.running = false;
    while (this.disposers.length) this.disposers.pop()!();
  }

  /** One websocket ping; skipped while the tab is hidden (the browser throttles it anyway). */
  async measureRoundTrip(): Promise<number | undefined> {
    if (this.env.isHidden()) return undefined;
    const t0 = this.env.perfNow();
    try {
      await this.ping();
    } catch {
      this.store.record(UX_METRICS.rtt, this.env.now(), Number.NaN);
      return undefined;
    }
    const rtt = this.env.perfNow() - t0;
    this.lag.noteRoundTrip(rtt);
    this.store.record(UX_METRICS.rtt, this.env.now(), rtt);
    return rtt;
  }

  /**
   * Service-call latency as the user feels it: from the call to the resulting state change of a
   * target entity this dashboard shows (it usually arrives before HA's answer), else to HA's answer
   * (a notify call, a script, an entity no card shows). Failed calls are not latencies: skipped.
   */
  private async timeServiceCall(call: ObservedServiceCall): Promise<void> {
    const shown = new Set(this.store.watchedIds);
    let changedAt: number | undefined;
    let onChange = () => undefined as void;
    const stops = call.entityIds.filter((id) => shown.has(id)).map((id) => {
      let before: EntitySnapshot | undefined;
      let subscribed = false;
      const stop = this.store.watch(id, (snapshot) => {
        // The first call hands over the current state. Only a new state counts as the result: an
        // attribute update (a media position, a temperature reading) comes whatever was called.
        if (!subscribed) before = snapshot;
        else if (snapshot && (snapshot.state !== before?.state || snapshot.lastChanged !== before?.lastChanged) && changedAt === undefined) {
          changedAt = this.env.perfNow();
          onChange();
        }
      });
      subscribed = true;
      return stop;
    });
    const ok = await call.done;
    const answeredAt = this.env.perfNow();
    if (ok && stops.length && changedAt === undefined) {
      const waitMs = Math.max(0, this.opts.serviceCallTimeoutMs - (answeredAt - call.sentAt));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        onChange = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    for (const stop of stops) stop();
    if (ok && this.running && !call.superseded) this.store.record(UX_METRICS.serviceCall, this.env.now(), (changedAt ?? answeredAt) - call.sentAt);
  }

  private every(ms: number, fn: () => void): void {
    const handle = this.env.setInterval(fn, ms);
    this.disposers.push(() => this.env.clearInterval(handle));
  }

  private sample(): void {
    const now = this.env.now();
    const overhead = this.store.overheadMs - this.overheadAt;
    this.overheadAt = this.store.overheadMs;
    // Overhead per minute, whatever the sampling interval.
    this.store.record(UX_METRICS.overhead, now, (overhead * 60_000) / this.opts.sampleIntervalMs);
    if (this.opts.level !== 'full') return;
    const heap = this.env.heapBytes?.();
    if (heap !== undefined) this.store.record(UX_METRICS.heap, now, heap / 1_048_576);
    const elapsed = this.env.perfNow() - this.framesSince;
    if (!this.env.isHidden() && this.env.requestFrame && elapsed > 0) {
      this.store.record(UX_METRICS.fps, now, (this.frames * 1000) / elapsed);
    }
    this.frames = 0;
    this.framesSince = this.env.perfNow();
  }

  private startFullProbes(): void {
    const stopLongTasks = this.env.observeLongTasks?.((d) => this.store.record(UX_METRICS.longTask, this.env.now(), d));
    if (stopLongTasks) this.disposers.push(stopLongTasks);
    this.env.observeInp?.((v) => this.running && this.store.record(UX_METRICS.inp, this.env.now(), v));
    if (this.env.requestFrame) {
      // Count frames only while visible; the loop stops itself when the monitor stops.
      const loop = () => {
        if (!this.running) return;
        this.frames++;
        this.env.requestFrame!(loop);
      };
      this.env.requestFrame(loop);
      this.disposers.push(this.env.onVisibilityChange(() => {
        this.frames = 0;
        this.framesSince = this.env.perfNow();
      }));
    }
  }
}

/**
 * Time from calling a service to the resulting state change arriving, recorded as
 * `vitals.service_call_ms`. Resolves with the latency, or undefined when no change came within
 * `timeoutMs` (a service that does not change the entity's state).
 */
export function measureServiceCall(
  store: VitalsStore,
  call: () => Promise<unknown>,
  entityId: string,
  perfNow: () => number = () => performance.now(),
  timeoutMs = 10_000,
): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    let first = true;
    let done = false;
    const t0 = perfNow();
    const finish = (value: number | undefined) => {
      if (done) return;
      done = true;
      stop();
      clearTimeout(timer);
      if (value !== undefined) store.record(UX_METRICS.serviceCall, Date.now(), value);
      resolve(value);
    };
    const stop = store.watch(entityId, () => {
      // The first call is the current state handed to every new watcher, not the change.
      if (first) return;
      finish(perfNow() - t0);
    });
    first = false;
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    call().catch((err) => {
      done = true;
      stop();
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** The browser's implementation of the environment. */
export function browserUxEnvironment(): UxEnvironment {
  return {
    now: () => Date.now(),
    perfNow: () => performance.now(),
    setInterval: (fn, ms) => window.setInterval(fn, ms),
    clearInterval: (h) => window.clearInterval(h as number),
    isHidden: () => document.visibilityState === 'hidden',
    onVisibilityChange: (fn) => {
      document.addEventListener('visibilitychange', fn);
      return () => document.removeEventListener('visibilitychange', fn);
    },
    observeLongTasks: (fn) => {
      if (!PerformanceObserver.supportedEntryTypes?.includes('longtask')) return () => undefined;
      const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => fn(e.duration)));
      observer.observe({ type: 'longtask', buffered: true });
      return () => observer.disconnect();
    },
    observeInp: (fn) => {
      // web-vitals is loaded only at the `full` level.
      void import('web-vitals').then(({ onINP }) => onINP((metric) => fn(metric.value), { reportAllChanges: true }));
    },
    heapBytes: () => (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize,
    requestFrame: (fn) => requestAnimationFrame(fn),
  };
}
