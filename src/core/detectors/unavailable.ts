import type { Detector, DetectorSignal } from '../types.js';

/**
 * Active while the newest sample is a gap (the entity is `unavailable` or `unknown`). Unlike
 * the staleness detector it never fires on silence, which in Home Assistant usually means only
 * that the value has not changed.
 */
export class UnavailableDetector implements Detector {
  readonly kind = 'unavailable';
  private unavailableSince = Number.NaN;

  update(t: number, value: number): DetectorSignal {
    if (Number.isNaN(value)) {
      if (Number.isNaN(this.unavailableSince)) this.unavailableSince = t;
    } else {
      this.unavailableSince = Number.NaN;
    }
    return this.tick(t);
  }

  tick(t: number): DetectorSignal {
    const active = !Number.isNaN(this.unavailableSince);
    const age = active ? t - this.unavailableSince : 0;
    return { active, value: age, score: active ? 1 : 0, reason: active ? `unavailable for ${Math.round(age / 1000)} s` : undefined };
  }

  reset(): void {
    this.unavailableSince = Number.NaN;
  }
}
