/**
 * Rows of one project-year in a profile's table become one: an identical repeat collapses, a
 * repeat whose cells are blank adds nothing, the columns the profile names in `mergeRows.sum` are
 * added up, and any other difference is an error naming the rows, the column and the profile
 * keys that would settle it. Pure.
 */
import { normalizeWidth } from '../domain/numbers';
import { IDENTITY_COLUMNS } from './format';
import type { Problem } from './problems';

export interface MergeableRow {
  line: number;
  values: string[];
  labels: (string | null)[];
}

const KEY_COLUMNS = [IDENTITY_COLUMNS.municipalityCode, IDENTITY_COLUMNS.fiscalYear, IDENTITY_COLUMNS.projectCode];

const same = (v: string) => normalizeWidth(v).trim();

export function mergeRowsOfOneKey<R extends MergeableRow>(
  fileName: string,
  header: string[],
  rows: R[],
  sum: readonly string[],
): { rows: R[]; problems: Problem[] } {
  const keyAt = KEY_COLUMNS.map((c) => header.indexOf(c)).filter((i) => i >= 0);
  if (!header.includes(IDENTITY_COLUMNS.projectCode) || !header.includes(IDENTITY_COLUMNS.fiscalYear)) return { rows, problems: [] };
  const summed = new Set(sum.map((c) => header.indexOf(c)).filter((i) => i >= 0));
  const groups = new Map<string, R[]>();
  for (const r of rows) {
    const key = keyAt.map((i) => same(r.values[i] ?? '')).join('\u0000');
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  if (groups.size === rows.length) return { rows, problems: [] };
  const problems: Problem[] = [];
  const merged: R[] = [];
  for (const group of groups.values()) {
    if (group.length === 1) {
      merged.push(group[0]!);
      continue;
    }
    const first = group[0]!;
    const out = { ...first, values: [...first.values], labels: [...first.labels] };
    header.forEach((column, i) => {
      const stated = group.filter((r) => same(r.values[i] ?? '') !== '');
      if (stated.length === 0) return;
      if (summed.has(i)) {
        let total = 0;
        for (const r of stated) {
          const n = Number(same(r.values[i]!).replace(/,/g, ''));
          if (!Number.isFinite(n)) {
            problems.push(
              problem(fileName, r.line, r.labels[i] ?? column, r.values[i]!, {
                ja: `「${column}」は合計する列（プロファイルの mergeRows.sum）ですが、「${r.values[i]}」は数値ではありません`,
                en: `"${column}" is summed (the profile's mergeRows.sum) but "${r.values[i]}" is not a number`,
              }),
            );
            return;
          }
          total += n;
        }
        out.values[i] = String(total);
        out.labels[i] = stated[0]!.labels[i] ?? null;
        return;
      }
      const distinct = [...new Set(stated.map((r) => same(r.values[i]!)))];
      if (distinct.length === 1) {
        out.values[i] = stated[0]!.values[i]!;
        out.labels[i] = stated[0]!.labels[i] ?? null;
        return;
      }
      const lines = [...new Set(stated.map((r) => r.line))].join('・');
      problems.push(
        problem(fileName, stated[1]!.line, stated[1]!.labels[i] ?? column, stated[1]!.values[i]!, {
          ja: `${lines}行目は同じ事業・年度ですが「${column}」が異なります（${distinct.slice(0, 3).join(' / ')}）。合計するならプロファイルの mergeRows.sum に「${column}」を、どれか一方の行だけを使うなら keepRows に条件を書いてください`,
          en: `Lines ${lines} are the same project and year but differ in "${column}" (${distinct.slice(0, 3).join(' / ')}). To add them up, list "${column}" in the profile's mergeRows.sum; to use only some rows, add a keepRows condition`,
        }),
      );
    });
    merged.push(out);
  }
  return { rows: merged, problems };
}

function problem(file: string, line: number, column: string, value: string, message: Problem['message']): Problem {
  return { severity: 'error', file, line, column, value, message };
}
