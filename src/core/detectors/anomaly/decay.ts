/** Exponential forgetting measured in steps of the series' typical sampling interval. */

/** Weight of new evidence after `steps` for a memory with half-life `halfLifeSteps`. */
export function decay(halfLifeSteps: number, steps: number): number {
  return 1 - Math.pow(2, -steps / halfLifeSteps);
}

/** decay(halfLife, steps) with the regular case (steps = 1) precomputed: no Math.pow per sample. */
export class Decay {
  private readonly one: number;
  constructor(private readonly halfLifeSteps: number) {
    this.one = decay(halfLifeSteps, 1);
  }
  at(steps: number): number {
    return steps === 1 ? this.one : decay(this.halfLifeSteps, steps);
  }
}
