/**
 * Indicator columns the header alone does not number: a long layout (one row per indicator, the
 * national review's table 3-1) names its indicator once, with its unit, kind and direction beside
 * it. Runs after the proposer has chosen a field per column, and only fills what is still open.
 */
import { normalizeHeader } from '../headers';
import { isIndicatorDirectionColumn, isIndicatorKindColumn, type ProposalReason, type Shape } from './value-shape';

interface Chosen {
  index: number;
  field: string;
  score: number;
  reason: ProposalReason;
}

const NAME_FIELD = /^指標(\d+)名$/;
// A header naming an indicator, not one of its figures, years or sources (目標値, 達成率, 番号, 出典).
const NAMES_INDICATOR = /指標/;
const NOT_A_NAME = /番号|値|年度|率|数値|根拠|出典|理由|種別|種類|単位|方向/;
// A weak choice (the values' shape, or a loose header likeness) yields to these rules.
const WEAK = 0.6;

/**
 * Fills the indicator fields of a sheet whose headers do not number its indicators: a header
 * naming 指標 over text is the first indicator's name; a bare 単位 right after an indicator's
 * name is its unit; a column holding only kind words (アウトカム…) or direction words (上向き…)
 * is the kind or direction of the nearest indicator.
 */
export function unnumberedIndicators(
  headers: readonly string[],
  values: readonly (readonly string[])[],
  shapes: readonly Shape[],
  chosen: Map<number, Chosen>,
): void {
  const taken = () => new Set([...chosen.values()].map((c) => c.field));
  const open = (i: number) => (chosen.get(i)?.score ?? 0) < WEAK;
  const set = (index: number, field: string) => {
    chosen.set(index, { index, field, score: WEAK, reason: 'shape' });
  };
  const key = (h: string) => normalizeHeader(h).key;

  // 1. No numbered indicator at all: the first text column whose header names 指標 is indicator 1.
  if (![...chosen.values()].some((c) => /^指標\d+/.test(c.field))) {
    const i = headers.findIndex(
      (h, j) => NAMES_INDICATOR.test(key(h)) && !NOT_A_NAME.test(key(h)) && (shapes[j] === 'text' || shapes[j] === 'verdict') && open(j),
    );
    if (i >= 0) set(i, '指標1名');
  }
  const names = [...chosen.values()].flatMap((c) => {
    const m = NAME_FIELD.exec(c.field);
    return m ? [{ index: c.index, n: Number(m[1]) }] : [];
  });
  if (names.length === 0) return;

  // 2. A bare 単位 right after an indicator's name is that indicator's unit (not 対象数's).
  for (const { index, n } of names) {
    const next = index + 1;
    if (next < headers.length && key(headers[next]!) === '単位' && !taken().has(`指標${n}単位`) && !NAME_FIELD.test(chosen.get(next)?.field ?? '')) {
      set(next, `指標${n}単位`);
    }
  }

  // 3. Kind and direction words: the nearest indicator whose field is still free.
  const nearest = (i: number, field: string) =>
    names.filter(({ n }) => !taken().has(`指標${n}${field}`)).sort((a, b) => Math.abs(a.index - i) - Math.abs(b.index - i) || a.index - b.index)[0];
  values.forEach((v, i) => {
    if (!open(i)) return;
    const field = isIndicatorKindColumn(v) ? '種別' : isIndicatorDirectionColumn(v) ? '方向' : null;
    const to = field ? nearest(i, field) : undefined;
    if (field && to) set(i, `指標${to.n}${field}`);
  });
}
