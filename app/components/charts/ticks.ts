/** Axis ticks computed on the server, so the charts' axes read in round figures. */

/**
 * About four round steps (1, 2 or 5 × 10ⁿ) covering the values (and zero, or the
 * reference line), so an axis reads 0, 100億円, 200億円 … rather than 95億円, 190億円.
 */
export function roundTicks(values: (number | null)[], fromZero: boolean, include?: number): number[] | undefined {
  const defined = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (include !== undefined) defined.push(include);
  if (defined.length === 0) return undefined;
  const lo = fromZero ? Math.min(0, ...defined) : Math.min(...defined);
  const hi = Math.max(...defined);
  const span = hi - lo || Math.abs(hi) || 1;
  const raw = span / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const first = Math.floor(lo / step) * step;
  const ticks: number[] = [];
  for (let v = first; v < hi + step - step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  if (ticks.length < 2) ticks.push(Number((first + step).toPrecision(12)));
  return ticks;
}

/** Powers of ten around the data: 10千円 … 10,000,000千円. */
export function logTicks(values: number[]): number[] {
  if (values.length === 0) return [1, 10];
  const lo = Math.floor(Math.log10(Math.min(...values)));
  const hi = Math.max(lo + 1, Math.ceil(Math.log10(Math.max(...values))));
  return Array.from({ length: hi - lo + 1 }, (_, i) => 10 ** (lo + i));
}
