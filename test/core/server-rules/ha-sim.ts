/**
 * A small simulator of the Home Assistant automation semantics that src/core/server-rules output
 * uses, on virtual time, for one entity: numeric_state, template and state (`to`) triggers with `for` (armed
 * only after the condition was false, as HA's triggers), `mode: single` (a trigger during a run is
 * dropped), and the actions variables, parallel (a failing condition ends its branch only),
 * wait_for_trigger (template with `for`, event; timeout), condition, delay, event, if/then and
 * service calls (recorded). Templates: only the forms the translation writes, turned into JS.
 * Facts from homeassistant/components/template/trigger.py, numeric_state.py, helpers/script.py.
 */

export interface SimCall {
  at: number;
  service: string;
  title: string;
  data: Record<string, unknown>;
}

type Vars = Record<string, unknown>;
type Done = () => void;

interface Timer {
  at: number;
  seq: number;
  run: () => void;
  cancelled?: boolean;
}

const STATE_RE = /states\('([a-z0-9_.]+)'\)/;

export class HaSim {
  now = 0;
  state = 'unknown';
  readonly calls: SimCall[] = [];
  readonly runs: number[] = [];
  private timers: Timer[] = [];
  private seq = 0;
  private stateListeners = new Set<() => void>();
  private eventListeners = new Set<(type: string, data: Record<string, unknown>) => void>();
  private running = false;

  constructor(private readonly automation: Record<string, unknown>, initialState: string, start: number) {
    this.state = initialState;
    this.now = start;
    for (const trigger of automation.trigger as Record<string, unknown>[]) this.attachTrigger(trigger, () => this.fire());
  }

  /** Feed state changes (time-ordered) and run until `end`. */
  play(changes: readonly { t: number; state: string }[], end: number): void {
    for (const c of changes) this.at(c.t, () => this.setState(c.state));
    while (this.timers.length) {
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers[0];
      if (next.at > end) break;
      this.timers.shift();
      if (next.cancelled) continue;
      this.now = next.at;
      next.run();
    }
  }

  private at(t: number, run: () => void): Timer {
    const timer = { at: t, seq: this.seq++, run };
    this.timers.push(timer);
    return timer;
  }

  private setState(state: string): void {
    if (state === this.state) return; // HA: no state_changed for an unchanged state
    this.state = state;
    for (const l of [...this.stateListeners]) l();
  }

  // -- templates ---------------------------------------------------------------------------------

  evaluate(template: string, vars: Vars): unknown {
    const m = /^\{\{(.*)\}\}$/s.exec(template.trim());
    if (!m) throw new Error(`sim: not a template: ${template}`);
    let js = m[1];
    js = js.replace(/\[0, (.*)\]\|max/s, 'Math.max(0, $1)');
    js = js.replace(/\(\(\(([^()]*)\) \/ ([0-9.e+-]+)\)\|int\)/g, '(Math.trunc(($1) / $2))');
    js = js.replace(new RegExp(`${STATE_RE.source} in \\['unavailable', 'unknown'\\]`, 'g'), "(S === 'unavailable' || S === 'unknown')");
    js = js.replace(new RegExp(`is_number\\(${STATE_RE.source}\\)`, 'g'), 'N()');
    js = js.replace(/is_state\('[a-z0-9_.]+', '([a-z_]+)'\)/g, "(S === '$1')");
    js = js.replace(new RegExp(`${STATE_RE.source}\\|float\\(0\\)`, 'g'), 'F()');
    js = js.replace(/as_timestamp\(now\(\)\)/g, 'NOW');
    js = js.replace(/wait\.trigger is none/g, '(V.wait.trigger == null)');
    js = js.replace(/\band\b/g, '&&').replace(/\bor\b/g, '||');
    js = js.replace(/\b(fired_at|resolved_after)\b/g, 'V.$1');
    if (/[a-z_]+\(|\|/.test(js.replace(/\|\||Math\.(max|trunc)\(|N\(\)|F\(\)/g, ''))) throw new Error(`sim: unsupported template: ${template}`);
    const S = this.state;
    const isNum = S.trim() !== '' && Number.isFinite(Number(S));
    // Test only: the JS form of a template the translation wrote (checked above to use only these names).
    // eslint-disable-next-line no-new-func
    const fn = new Function('S', 'N', 'F', 'NOW', 'V', `return (${js});`) as (...a: unknown[]) => unknown;
    return fn(S, () => isNum, () => (isNum ? Number(S) : 0), this.now / 1000, vars);
  }

  // -- triggers ----------------------------------------------------------------------------------

  /** Attach a trigger; returns the detach function. `fire` gets the trigger (truthy). */
  private attachTrigger(trigger: Record<string, unknown>, fire: (t: unknown) => void, vars: Vars = {}): () => void {
    const forMs = trigger.for ? periodMs(trigger.for as Record<string, number>) : 0;
    if (trigger.platform === 'event') {
      const listener = (type: string, data: Record<string, unknown>) => {
        const want = trigger.event_data as Record<string, unknown>;
        if (type === trigger.event_type && Object.keys(want).every((k) => data[k] === want[k])) fire({ platform: 'event' });
      };
      this.eventListeners.add(listener);
      return () => this.eventListeners.delete(listener);
    }
    let check: () => boolean;
    if (trigger.platform === 'numeric_state') {
      check = () => {
        const v = Number(this.state);
        if (this.state.trim() === '' || !Number.isFinite(v)) return false;
        if (trigger.above !== undefined && !(v > (trigger.above as number))) return false;
        if (trigger.below !== undefined && !(v < (trigger.below as number))) return false;
        return true;
      };
    } else if (trigger.platform === 'template') {
      check = () => !!this.evaluate(trigger.value_template as string, vars);
    } else if (trigger.platform === 'state') {
      // HA's state trigger with `to`: fires on a change into that state (from any other).
      check = () => this.state === trigger.to;
    } else throw new Error(`sim: unsupported trigger platform ${String(trigger.platform)}`);
    // Both: armed at attach only if false; fire on a false → true change; `for` cancelled by false.
    let armed = !check();
    let last = !armed;
    let pending: Timer | undefined;
    const listener = () => {
      const now = check();
      if (now === last) return;
      last = now;
      if (pending) pending.cancelled = true;
      pending = undefined;
      if (!now) {
        armed = true;
        return;
      }
      if (!armed) return;
      armed = false;
      if (forMs > 0) pending = this.at(this.now + forMs, () => fire({ platform: trigger.platform }));
      else fire({ platform: trigger.platform });
    };
    this.stateListeners.add(listener);
    return () => {
      this.stateListeners.delete(listener);
      if (pending) pending.cancelled = true;
    };
  }

  private fire(): void {
    if (this.running) return; // mode: single, max_exceeded: silent
    this.running = true;
    this.runs.push(this.now);
    this.sequence(this.automation.action as Record<string, unknown>[], {}, () => {
      this.running = false;
    });
  }

  // -- actions -----------------------------------------------------------------------------------

  /** Run steps; `done` when the sequence ends (also when a condition fails: it ends this sequence). */
  private sequence(steps: Record<string, unknown>[], vars: Vars, done: Done, i = 0): void {
    if (i >= steps.length) return done();
    const step = steps[i];
    const next = (v: Vars = vars) => this.sequence(steps, v, done, i + 1);
    if ('variables' in step) {
      const out = { ...vars };
      for (const [k, t] of Object.entries(step.variables as Record<string, string>)) out[k] = this.evaluate(t, out);
      return next(out);
    }
    if ('parallel' in step) {
      const branches = step.parallel as { sequence: Record<string, unknown>[] }[];
      let left = branches.length;
      if (!left) return next();
      for (const b of branches) this.sequence(b.sequence, { ...vars }, () => --left === 0 && next());
      return;
    }
    if ('wait_for_trigger' in step) {
      let finished = false;
      const detach: (() => void)[] = [];
      let timeout: Timer | undefined;
      const end = (trigger: unknown) => {
        if (finished) return;
        finished = true;
        detach.forEach((d) => d());
        if (timeout) timeout.cancelled = true;
        next({ ...vars, wait: { trigger } });
      };
      for (const t of step.wait_for_trigger as Record<string, unknown>[]) detach.push(this.attachTrigger(t, end, vars));
      if (step.timeout) timeout = this.at(this.now + periodMs(step.timeout as Record<string, number>), () => end(null));
      return;
    }
    if ('condition' in step) {
      return this.evaluate(step.value_template as string, vars) ? next() : done();
    }
    if ('delay' in step) {
      const s = Number(this.evaluate(step.delay as string, vars));
      this.at(this.now + s * 1000, () => next());
      return;
    }
    if ('event' in step) {
      const data = step.event_data as Record<string, unknown>;
      // HA dispatches events to listeners on a later turn of its loop.
      this.at(this.now, () => [...this.eventListeners].forEach((l) => l(step.event as string, data)));
      return next();
    }
    if ('if' in step) {
      const ok = (step.if as Record<string, unknown>[]).every((c) => this.evaluate(c.value_template as string, vars));
      return ok ? this.sequence(step.then as Record<string, unknown>[], vars, () => next()) : next();
    }
    if ('service' in step) {
      const data = step.data as Record<string, unknown>;
      this.calls.push({ at: this.now, service: step.service as string, title: String(data.title), data });
      return next();
    }
    throw new Error(`sim: unsupported step ${JSON.stringify(step)}`);
  }
}

export function periodMs(p: Record<string, number>): number {
  return (p.hours ?? 0) * 3_600_000 + (p.minutes ?? 0) * 60_000 + (p.seconds ?? 0) * 1000 + (p.milliseconds ?? 0);
}
