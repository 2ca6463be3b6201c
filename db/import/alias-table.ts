/**
 * The reference part of docs/import.md, rendered from the tables the importer itself uses
 * (HEADER_ALIASES, the indicator field wordings, the long layout's headers, the default rating
 * scheme), so the documentation cannot drift: tests/unit/import-doc.test.ts fails when the doc
 * differs, and `npx tsx scripts/import-doc.ts` rewrites it.
 */
import { DEFAULT_RATING_SCHEME } from '../domain/rating-scheme';
import {
  ACTION_COLUMNS,
  COST_COLUMNS,
  DO_COLUMNS,
  IDENTITY_COLUMNS,
  INDICATOR_FIELDS,
  ORGANISATION_COLUMNS,
  PLAN_COLUMNS,
  POLICY_COLUMNS,
  POPULATION_COLUMN,
  RATING_COLUMNS,
  UNIT_COST_COLUMNS,
  type IndicatorField,
} from './format';
import { HEADER_ALIASES, INDICATOR_FIELD_ALIASES, LONG_INDICATOR_HEADERS, MONEY_COLUMNS, MUNICIPALITY_COLUMNS, REQUIRED_COLUMNS } from './headers';

export const DOC_START = '<!-- generated:reference:start (npx tsx scripts/import-doc.ts) -->';
export const DOC_END = '<!-- generated:reference:end -->';

const GROUPS: [string, string[]][] = [
  ['識別 / identity', Object.values(IDENTITY_COLUMNS)],
  ['人口 / population', [POPULATION_COLUMN]],
  ['組織 / organisation', Object.values(ORGANISATION_COLUMNS)],
  ['政策体系 / policy tree', Object.values(POLICY_COLUMNS)],
  ['計画 / plan', Object.values(PLAN_COLUMNS)],
  ['実施 / do', Object.values(DO_COLUMNS)],
  ['コスト / cost', Object.values(COST_COLUMNS)],
  ['単位当たりコスト / unit cost', Object.values(UNIT_COST_COLUMNS)],
  ['評価 / check', RATING_COLUMNS.flatMap((r) => [r.grade, r.reason])],
  ['今後の方向 / action', Object.values(ACTION_COLUMNS)],
];

const FIELD_MEANING: Record<IndicatorField, string> = {
  name: 'name (required for the group to count)',
  unit: 'unit (団体, 件, %)',
  kind: '活動指標 / 成果指標 (activity / outcome; default outcome)',
  direction: '高いほど良い / 低いほど良い (default higher)',
  baselineValue: '現状値 (baseline figure)',
  baselineYear: 'fiscal year of the baseline',
  target: "target for the row's year",
  actual: "actual for the row's year",
};

const cell = (names: string[]) => (names.length === 0 ? '—' : names.map((n) => (n === '' ? '(none: `指標1`)' : `\`${n}\``)).join(', '));

function note(column: string): string {
  if (REQUIRED_COLUMNS.includes(column as (typeof REQUIRED_COLUMNS)[number])) return 'required';
  if (MUNICIPALITY_COLUMNS.includes(column as (typeof MUNICIPALITY_COLUMNS)[number])) return 'required unless `--municipality`';
  if (MONEY_COLUMNS.has(column)) return '千円 (unit in header or cell may differ)';
  return '';
}

/** The generated reference: columns with their aliases, indicator fields, long layout, grades. */
export function importReferenceMarkdown(): string {
  const out: string[] = [];
  out.push('### Columns and their aliases / 列名と別名', '');
  out.push('| group | Hyoka column | also accepted | note |', '|---|---|---|---|');
  for (const [group, columns] of GROUPS) {
    for (const column of columns) {
      out.push(`| ${group} | \`${column}\` | ${cell(HEADER_ALIASES[column] ?? [])} | ${note(column)} |`);
    }
  }
  out.push('');
  out.push('### Indicator groups / 指標', '');
  out.push(
    'Group *n* (1–20) is written `指標{n}{field}`; the field may also come before the number (`指標名1`), and a',
    '`成果` / `活動` prefix is allowed (`成果指標1名`). With no field at all (`指標1`) the column is the name.',
    '',
  );
  out.push('| field | Hyoka column | also accepted after the number | meaning |', '|---|---|---|---|');
  for (const [field, suffix] of Object.entries(INDICATOR_FIELDS) as [IndicatorField, string][]) {
    const aliases = INDICATOR_FIELD_ALIASES[field].filter((a) => a !== suffix);
    out.push(`| ${field} | \`指標1${suffix}\` | ${cell(aliases)} | ${FIELD_MEANING[field]} |`);
  }
  out.push('');
  out.push('### Long layout headers / 縦持ち形式の列名', '');
  out.push('| header | means |', '|---|---|');
  for (const [header, field] of Object.entries(LONG_INDICATOR_HEADERS)) {
    out.push(`| \`${header}\` | \`指標1${INDICATOR_FIELDS[field]}\` (of the row's indicator) |`);
  }
  out.push('');
  out.push('### Grades of the default rating scheme / 評価区分', '');
  out.push('A grade cell may hold the code (`A`, `Ａ`, `a`), the label (`計画どおり`, `計画通り`), or both (`計画どおり(A)`, `A:計画どおり`).', '');
  out.push('| criterion | code | label (ja) | label (en) | band |', '|---|---|---|---|---|');
  for (const c of DEFAULT_RATING_SCHEME.criteria) {
    for (const g of c.grades) out.push(`| ${c.labelJa} | \`${g.code}\` | ${g.labelJa} | ${g.labelEn} | ${g.band} |`);
  }
  return out.join('\n');
}

/** The doc with its generated section replaced; throws when the markers are missing. */
export function withReference(doc: string): string {
  const start = doc.indexOf(DOC_START);
  const end = doc.indexOf(DOC_END);
  if (start < 0 || end < start) throw new Error(`docs/import.md: markers ${DOC_START} … ${DOC_END} not found`);
  return `${doc.slice(0, start + DOC_START.length)}\n\n${importReferenceMarkdown()}\n\n${doc.slice(end)}`;
}
