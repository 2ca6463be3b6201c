/**
 * How alike two project names are, for "similar projects in other municipalities". Names are
 * compared without the suffix every project shares (事業, 事務), which would otherwise make any
 * two names look half alike.
 *
 * The measure: the Dice coefficient of the names' character bigrams,
 * 2·|A ∩ B| ÷ (|A| + |B|) over multisets, 0 to 1. 保育所運営 vs 保育所整備: bigrams 保育 育所 所運
 * 運営 and 保育 育所 所整 整備 share 2 → 2·2 ÷ (4 + 4) = 0.5. Character bigrams suit Japanese,
 * which has no spaces between words. Computed here, in TypeScript, over the candidates one query
 * fetches (db/queries/compare.ts): a SQL version cost a subquery per candidate name.
 */
const SUFFIX = /(事業|事務)$/;

/** The part of a name that is compared: whitespace removed, the common suffix dropped. */
export function comparableName(name: string): string {
  return name.replace(/[\s\u3000]+/g, '').replace(SUFFIX, '');
}

function bigrams(text: string): string[] {
  const chars = [...text];
  return chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
}

/** Dice coefficient of character bigrams (0–1); names of one character compare as equal or not. */
export function bigramSimilarity(a: string, b: string): number {
  const x = comparableName(a);
  const y = comparableName(b);
  if (x === y) return x === '' ? 0 : 1;
  return diceCoefficient(bigrams(x), bigrams(y));
}

/** 2·|A ∩ B| ÷ (|A| + |B|) over two multisets of grams (0 when both are empty). */
export function diceCoefficient(left: readonly string[], right: readonly string[]): number {
  if (left.length + right.length === 0) return 0;
  const pool = new Map<string, number>();
  for (const g of right) pool.set(g, (pool.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of left) {
    const n = pool.get(g) ?? 0;
    if (n > 0) {
      shared++;
      pool.set(g, n - 1);
    }
  }
  return (2 * shared) / (left.length + right.length);
}

export type SimilarityMethod = 'trigram' | 'bigram';
