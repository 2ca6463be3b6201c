/**
 * The `indicator-rows` layout (the national review's 3-1 table): one row per indicator and
 * measure, years as columns.
 */
import { parseFiscalYear } from '../domain/fiscal-year';
import { isMissing } from '../domain/numbers';
import { IDENTITY_COLUMNS, indicatorColumn, type IndicatorField } from './format';
import { columnLetter } from './grid';
import type { ImportProfile, SourceRef } from './profiles/schema';
import { type ProfileTable, type TableRow, type Sheet, headerKey, shown, hasErrors } from './profile-sheet';

/**
 * One row per indicator and measure (目標値 / 実績値 …), years as columns (the national review
 * sheet's 3-1 table): rows of a project become one record per year that has a figure, with the
 * project's indicators numbered in the order they first appear.
 */
export function indicatorRowsTable(sheet: Sheet, profile: ImportProfile): ProfileTable {
  const spec = profile.indicatorRows!;
  const identity = new Map<string, number>();
  for (const [target, ref] of Object.entries(spec.identity)) {
    const i = sheet.resolve(ref, target);
    if (i !== null) identity.set(target, i);
  }
  const fieldRefs: [IndicatorField, SourceRef | undefined][] = [
    ['name', spec.name],
    ['unit', spec.unit],
    ['kind', spec.kind],
    ['direction', spec.direction],
  ];
  const fields = new Map<IndicatorField, number>();
  for (const [field, ref] of fieldRefs) {
    if (!ref) continue;
    const i = sheet.resolve(ref, indicatorColumn(1, field));
    if (i !== null) fields.set(field, i);
  }
  const measure = sheet.resolve(spec.measure, '目標値／実績値');
  const years: { index: number; fiscalYear: number }[] = [];
  sheet.header.forEach((h, index) => {
    const parsed = /^\d{4}$|年度$/.test(headerKey(h)) ? parseFiscalYear(h) : null;
    if (parsed?.ok && parsed.value !== null && parsed.value >= spec.years.from && parsed.value <= spec.years.to)
      years.push({ index, fiscalYear: parsed.value });
  });
  const code = identity.get(IDENTITY_COLUMNS.projectCode);
  if (code === undefined)
    sheet.fail(
      null,
      `indicatorRows.identity に「${IDENTITY_COLUMNS.projectCode}」がありません`,
      `indicatorRows.identity must name "${IDENTITY_COLUMNS.projectCode}"`,
    );
  if (hasErrors(sheet) || code === undefined || measure === null) return { header: [], rows: [], problems: sheet.problems };

  const targetWords = new Set(spec.targetWords.map(headerKey));
  const actualWords = new Set(spec.actualWords.map(headerKey));
  type Indicator = { fields: Map<IndicatorField, { value: string; label: string }>; target: Map<number, Cell>; actual: Map<number, Cell> };
  type Cell = { value: string; label: string };
  const projects = new Map<string, { line: number; identity: Map<string, Cell>; indicators: Map<string, Indicator> }>();
  for (const r of sheet.dataRows) {
    const projectCode = sheet.cell(r.cells, code).trim();
    const word = headerKey(sheet.cell(r.cells, measure));
    const slot = targetWords.has(word) ? 'target' : actualWords.has(word) ? 'actual' : null;
    if (projectCode === '' || slot === null) continue; // 目標年度 / 達成率 rows: derived or not a figure Hyoka stores
    let project = projects.get(projectCode);
    if (!project) {
      const ids = new Map([...identity].map(([t, i]): [string, Cell] => [t, { value: sheet.cell(r.cells, i), label: sheet.label(i) }]));
      projects.set(projectCode, (project = { line: r.line, identity: ids, indicators: new Map() }));
    }
    const name = fields.has('name') ? sheet.cell(r.cells, fields.get('name')!).trim() : '';
    if (name === '') continue;
    let indicator = project.indicators.get(name);
    if (!indicator) {
      const f = new Map([...fields].map(([field, i]): [IndicatorField, Cell] => [field, { value: sheet.cell(r.cells, i), label: sheet.label(i) }]));
      project.indicators.set(name, (indicator = { fields: f, target: new Map(), actual: new Map() }));
    }
    for (const y of years) {
      const value = sheet.cell(r.cells, y.index);
      if (!isMissing(value)) indicator[slot].set(y.fiscalYear, { value, label: `${columnLetter(y.index)}${r.line} (${shown(sheet.header[y.index]!)})` });
    }
  }

  const most = Math.max(0, ...[...projects.values()].map((p) => p.indicators.size));
  const header = [IDENTITY_COLUMNS.fiscalYear, ...identity.keys()];
  for (let n = 1; n <= most; n++) for (const f of [...fields.keys(), 'target', 'actual'] as IndicatorField[]) header.push(indicatorColumn(n, f));
  const position = new Map(header.map((h, i) => [h, i]));
  const rows: TableRow[] = [];
  for (const project of projects.values()) {
    // Years up to the latest with an actual: later years hold only targets (plans), and a
    // record for a year not yet begun would be refused.
    const actualYears = [...project.indicators.values()].flatMap((i) => [...i.actual.keys()]);
    const latest = Math.max(...actualYears);
    const fiscalYears = new Set<number>();
    for (const i of project.indicators.values()) for (const fy of [...i.target.keys(), ...i.actual.keys()]) if (fy <= latest) fiscalYears.add(fy);
    for (const fy of [...fiscalYears].sort((a, b) => a - b)) {
      const row: TableRow = { line: project.line, values: header.map(() => ''), labels: header.map(() => null) };
      const put = (target: string, c: Cell | undefined) => {
        if (!c) return;
        const i = position.get(target)!;
        row.values[i] = c.value;
        row.labels[i] = c.label;
      };
      put(IDENTITY_COLUMNS.fiscalYear, { value: String(fy), label: '' });
      for (const [t, c] of project.identity) put(t, c);
      [...project.indicators.values()].forEach((ind, k) => {
        // An indicator belongs to the years it has a figure for (セミナー参加者数 from 2022 on).
        if (!ind.target.has(fy) && !ind.actual.has(fy)) return;
        for (const [f, c] of ind.fields) put(indicatorColumn(k + 1, f), c);
        put(indicatorColumn(k + 1, 'target'), ind.target.get(fy));
        put(indicatorColumn(k + 1, 'actual'), ind.actual.get(fy));
      });
      rows.push(row);
    }
  }
  return { header, rows, problems: sheet.problems };
}
