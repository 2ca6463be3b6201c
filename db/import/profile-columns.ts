/**
 * The `columns` layout: one row per project-year, each Hyoka column fed by the profile (a source
 * column, joined or summed columns, a fixed value, year blocks of repeated headers).
 */
import { parseFiscalYear } from '../domain/fiscal-year';
import { normalizeWidth } from '../domain/numbers';
import { IDENTITY_COLUMNS } from './format';
import type { SheetRecord } from './read-canonical';
import type { ImportProfile } from './profiles/schema';
import {
  type Reader,
  type ProfileTable,
  type TableRow,
  type Sheet,
  compileFeed,
  headerKey,
  profileKey,
  ratingGradeColumn,
  ratingReasonColumn,
  shown,
  sumCells,
  hasErrors,
} from './profile-sheet';

export function columnsTable(sheet: Sheet, profile: ImportProfile): ProfileTable {
  const fixed = new Map<string, Reader>();
  for (const [target, feed] of Object.entries(profile.columns)) {
    // `年度` among the columns is the fiscal year (the same as "fiscalYear": { "from": … }).
    const column = headerKey(target) === IDENTITY_COLUMNS.fiscalYear ? IDENTITY_COLUMNS.fiscalYear : target;
    const reader = compileFeed(sheet, feed, column, `columns.${target}`);
    if (reader) fixed.set(column, reader);
  }
  for (const [k, c] of (profile.rating?.criteria ?? []).entries()) {
    if (!c.grade) continue;
    const grade = compileFeed(sheet, c.grade, c.labelJa, `rating.criteria[${k}].grade`);
    if (grade) fixed.set(ratingGradeColumn(c.key), grade);
    if (c.reason) {
      const reason = compileFeed(sheet, c.reason, `${c.labelJa}の理由`, `rating.criteria[${k}].reason`);
      if (reason) fixed.set(ratingReasonColumn(c.key), reason);
    }
  }
  const splits = profile.split.map((s, k) => ({
    index: sheet.resolve(s.from, s.into.join(' + '), `split[${k}].from`),
    pattern: new RegExp(s.pattern, 'u'),
    into: s.into,
  }));
  const year = profile.fiscalYear ? sheet.resolve(profile.fiscalYear.from, IDENTITY_COLUMNS.fiscalYear, 'fiscalYear.from') : null;

  // Year blocks: the k-th occurrence of each block header is fiscal year k.
  const blocks: { fiscalYear: number; readers: Map<string, Reader> }[] = (profile.yearBlocks?.fiscalYears ?? []).map((fy) => ({
    fiscalYear: fy,
    readers: new Map(),
  }));
  for (const [target, spec] of Object.entries(profile.yearBlocks?.columns ?? {})) {
    const headers = typeof spec === 'string' ? [spec] : spec.sum;
    const found = headers.map((h) => sheet.occurrences(h));
    const bad = found.findIndex((f) => f.length !== blocks.length);
    if (bad >= 0) {
      sheet.fail(
        null,
        `見出し「${shown(headers[bad]!)}」（→ ${target}）が${found[bad]!.length}列あり、年度ブロックの数（${blocks.length}）と合いません`,
        `Header "${shown(headers[bad]!)}" (→ ${target}) occurs ${found[bad]!.length} times, not once per year block (${blocks.length})`,
        null,
        null,
        profileKey(`yearBlocks.columns.${target}`),
      );
      continue;
    }
    blocks.forEach((b, k) => {
      const indices = found.map((f) => f[k]!);
      if (indices.length === 1) {
        const i = indices[0]!;
        b.readers.set(target, (cells, line) => ({ value: sheet.figureCell(cells, i, line), label: sheet.label(i) }));
      } else {
        const label = indices.map((i) => sheet.label(i)).join(' + ');
        b.readers.set(target, (cells, line) => sumCells(sheet, indices, cells, line, label));
      }
    });
  }
  if (hasErrors(sheet)) return { header: [], rows: [], problems: sheet.problems };

  const evaluatedOnly = new Set([...profile.evaluatedYearOnly, ...[...fixed.keys()].filter((k) => k.startsWith('評価'))]);
  const header = [
    ...new Set([IDENTITY_COLUMNS.fiscalYear, ...fixed.keys(), ...splits.flatMap((s) => s.into), ...blocks.flatMap((b) => [...b.readers.keys()])]),
  ];
  const position = new Map(header.map((h, i) => [h, i]));
  const rows: TableRow[] = [];
  for (const r of sheet.dataRows) {
    const base = { values: header.map(() => ''), labels: header.map((): string | null => null) };
    const put = (row: typeof base, target: string, v: { value: string; label: string | null }) => {
      const i = position.get(target)!;
      row.values[i] = v.value;
      row.labels[i] = v.label;
    };
    let evaluated: number | null = null;
    if (year !== null) {
      const raw = sheet.cell(r.cells, year).trim();
      const text = profile.fiscalYear?.era && /^\d{1,2}$/.test(normalizeWidth(raw)) ? `${profile.fiscalYear.era}${raw}` : raw;
      put(base, IDENTITY_COLUMNS.fiscalYear, { value: text, label: sheet.label(year) });
      const parsed = parseFiscalYear(text);
      evaluated = parsed.ok ? parsed.value : null;
    }
    for (const s of splits) {
      if (s.index === null) continue;
      const raw = sheet.cell(r.cells, s.index).trim();
      const m = s.pattern.exec(raw);
      const parts = m ? m.slice(1) : [raw];
      s.into.forEach((target, k) => {
        put(base, target, { value: parts[k] ?? '', label: sheet.label(s.index!) });
      });
    }
    for (const [target, read] of fixed) {
      if (blocks.length > 0 && evaluatedOnly.has(target)) continue;
      put(base, target, read(r.cells, r.line));
    }
    if (blocks.length === 0) {
      rows.push({ line: r.line, ...base });
      continue;
    }
    for (const b of blocks) {
      const row = { values: [...base.values], labels: [...base.labels] };
      put(row, IDENTITY_COLUMNS.fiscalYear, { value: String(b.fiscalYear), label: year === null ? null : sheet.label(year) });
      for (const [target, read] of b.readers) put(row, target, read(r.cells, r.line));
      if (b.fiscalYear === evaluated) for (const target of evaluatedOnly) if (fixed.has(target)) put(row, target, fixed.get(target)!(r.cells, r.line));
      rows.push({ line: r.line, ...row });
    }
  }
  return { header, rows, problems: sheet.problems };
}

/**
 * `suffix-kind`: an outcome indicator named like an activity indicator of the same project
 * (大船渡市 repeats some) becomes `name（成果指標）`, so both are kept (names are unique per project).
 */
export function separateClashingIndicators(records: SheetRecord[]): void {
  for (const r of records) {
    const kinds = new Map<string, string>();
    for (const i of r.indicators) {
      const first = kinds.get(i.name);
      if (first !== undefined && first !== i.kind) i.name = `${i.name}（${i.kind === 'outcome' ? '成果指標' : '活動指標'}）`;
      else kinds.set(i.name, i.kind);
    }
  }
}
