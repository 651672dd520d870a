/** Median of three numbers without sorting (no allocation: it runs per sample). */
export function median3(a: number, b: number, c: number): number {
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}
