/**
 * Which registered municipality a population row is about. Codes are compared on their first
 * five digits, because e-Stat writes the 5-digit 団体コード (03203) and cities the 6-digit one
 * with its check digit (032034); a file with names only is matched on the name as written.
 */
import { normalizeWidth } from '../../domain/numbers';

export interface KnownMunicipality {
  id: number;
  code: string;
  name: string;
}

export type Match = { id: number; nameDiffers: string | null } | { id: null; reason: 'unknown' | 'ambiguous' };

const bare = (s: string) => normalizeWidth(s).replace(/\s+/g, '');
/** 大船渡市 and 岩手県大船渡市 name one city: a file may put the prefecture in front. */
const sameName = (a: string, b: string) => {
  const [x, y] = [bare(a), bare(b)];
  return x === y || x.endsWith(y) || y.endsWith(x);
};

export function municipalityMatcher(known: readonly KnownMunicipality[]): (code: string | null, name: string | null) => Match {
  const byCode = new Map<string, KnownMunicipality[]>();
  for (const m of known) {
    const key = /^\d{5,6}$/.test(m.code) ? m.code.slice(0, 5) : m.code;
    byCode.set(key, [...(byCode.get(key) ?? []), m]);
  }
  return (code, name) => {
    const candidates = code !== null ? (byCode.get(code.slice(0, 5)) ?? []) : known.filter((m) => name !== null && sameName(m.name, name));
    if (candidates.length === 0) return { id: null, reason: 'unknown' };
    // Two registered codes with the same first five digits: only the full code can tell them apart.
    const exact = candidates.length > 1 && code !== null ? candidates.filter((m) => m.code === code) : candidates;
    if (exact.length !== 1) return { id: null, reason: 'ambiguous' };
    const m = exact[0]!;
    return { id: m.id, nameDiffers: code !== null && name !== null && !sameName(m.name, name) ? m.name : null };
  };
}
