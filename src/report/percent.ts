/** 0.98412 → "98.41%"; rates below 1% keep more digits so small risks stay visible. */
export function percent(rate: number | null): string {
  if (rate === null || Number.isNaN(rate)) return '—';
  const p = rate * 100;
  if (p !== 0 && Math.abs(p) < 0.01) return `${p.toPrecision(2)}%`;
  if (Math.abs(p) < 1) return `${p.toFixed(3)}%`;
  return `${p.toFixed(2)}%`;
}

export function interval(ci: readonly [number, number]): string {
  return `[${percent(ci[0])}, ${percent(ci[1])}]`;
}

export function seconds(value: number | null): string {
  return value === null ? '—' : value.toFixed(1);
}
