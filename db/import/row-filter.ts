/**
 * A profile's row filter (`keepRows`): keep a row only where every condition holds — the column
 * is empty, equals a text, or matches a pattern. Cells are compared as a person reads them
 * (width and surrounding spaces do not matter). Pure.
 */
import { normalizeWidth } from '../domain/numbers';
import type { RowCondition, SourceRef } from './profiles/schema';

export type RowFilter = (cells: string[]) => boolean;

/** The filter, or an error naming the profile key when a condition cannot be used. */
export function compileRowFilter(
  conditions: readonly RowCondition[],
  resolve: (ref: SourceRef, key: string) => number | null,
  isMissing: (cell: string) => boolean,
): { filter: RowFilter } | { error: { ja: string; en: string } } | null {
  const tests: ((cells: string[]) => boolean)[] = [];
  for (const [k, c] of conditions.entries()) {
    const key = `keepRows[${k}]`;
    const index = resolve(c.column, `${key}.column`);
    if (index === null) return null; // the resolver reported the missing column
    const cell = (cells: string[]) => {
      const v = cells[index] ?? '';
      return isMissing(v) ? '' : normalizeWidth(v).trim();
    };
    if ('empty' in c) tests.push((cells) => cell(cells) === '');
    else if ('equals' in c) {
      const want = normalizeWidth(c.equals).trim();
      tests.push((cells) => cell(cells) === want);
    } else {
      let pattern: RegExp;
      try {
        pattern = new RegExp(c.matches, 'u');
      } catch (error) {
        return {
          error: {
            ja: `プロファイルの「${key}.matches」の正規表現「${c.matches}」が読めません（${(error as Error).message}）`,
            en: `The profile's "${key}.matches" pattern "${c.matches}" is not a valid regular expression (${(error as Error).message})`,
          },
        };
      }
      tests.push((cells) => pattern.test(cell(cells)));
    }
  }
  return { filter: (cells) => tests.every((t) => t(cells)) };
}
