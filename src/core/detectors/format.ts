/** Compact number and duration formatting for detector reasons ("92.1 > 90", "full in 3 d 4 h"). */

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) return value.toExponential(2);
  return String(Number(value.toPrecision(abs >= 100 ? 5 : 3)));
}

/** Two most significant units: "3 d 4 h", "5 h 2 min", "42 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '∞';
  const units: Array<[string, number]> = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['min', 60_000],
    ['s', 1000],
  ];
  let rest = Math.max(0, Math.round(ms / 1000) * 1000);
  const parts: string[] = [];
  for (const [name, size] of units) {
    if (parts.length === 2) break;
    const amount = Math.floor(rest / size);
    if (amount > 0 || (parts.length > 0 && parts.length < 2)) {
      if (amount > 0) parts.push(`${amount} ${name}`);
      rest -= amount * size;
      if (parts.length > 0 && amount === 0) break;
    }
  }
  return parts.length > 0 ? parts.join(' ') : '0 s';
}
