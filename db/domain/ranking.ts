/**
 * Ranks for the cross-municipality benchmark: competition ranking (1, 1, 3), best first, with
 * municipalities whose figure is unknown left unranked (null) rather than put last.
 */
export type Better = 'lower' | 'higher';

export function rank(values: readonly (number | null)[], better: Better): (number | null)[] {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return null;
    const ahead = known.filter((o) => (better === 'lower' ? o < v : o > v)).length;
    return ahead + 1;
  });
}
