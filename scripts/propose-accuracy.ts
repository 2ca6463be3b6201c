/**
 * How good the mapping step's first proposals are: runs the proposer on every real file in
 * ../shared/realdata and every importable fixture in tests/fixtures, compares each column's
 * proposal with the mapping a person wrote for that file (a shipped profile, a mapping file, or
 * Hyoka's alias table for files in Hyoka's own wording) and writes the share of columns proposed
 * correctly, with the misses, into docs/import.md.
 *
 *   npx tsx scripts/propose-accuracy.ts          # print and rewrite the section of docs/import.md
 *   npx tsx scripts/propose-accuracy.ts --print  # print only
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mapHeader, normalizeHeader } from '../db/import/headers';
import { findProfile } from '../db/import/profiles';
import type { ImportProfile } from '../db/import/profiles/schema';
import { NEW_RATING, proposeColumns, RATING_REASON, type Proposal } from '../db/import/propose/propose';
import { columnsOf, guessHeaderRow, sampleSheet } from '../db/import/propose/sample-sheet';
import { columnIndex } from '../db/import/grid';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const realdata = process.env.HYOKA_SHARED_DIR ? join(process.env.HYOKA_SHARED_DIR, 'realdata') : join(root, '..', 'shared', 'realdata');

/** What a person mapped a column to: a field, and for money the unit its bare cells are in. */
interface Expected {
  field: string;
  unit?: string;
}

const key = (text: string) => normalizeHeader(text).key;
const fieldAndUnit = (target: string): Expected => {
  const n = normalizeHeader(target);
  const field = target.replace(/[（(【［[].*$/, '').trim();
  return n.unit && n.unit !== '千円' ? { field, unit: n.unit } : { field };
};

/** The expected mapping of a shipped profile (hand-written for that source), by header key. */
function expectedFromProfile(profile: ImportProfile, headers: string[]): Map<string, Expected> {
  const out = new Map<string, Expected>();
  const name = (s: string | { column: string }) => (typeof s === 'string' ? key(s) : key(headers[columnIndex(s.column) ?? -1] ?? ''));
  const put = (s: string | { column: string }, e: Expected) => {
    const k = name(s);
    if (k !== '' && !out.has(k)) out.set(k, e);
  };
  for (const [target, feed] of Object.entries(profile.columns)) {
    const e = fieldAndUnit(target);
    if (profile.moneyUnit !== '千円' && !e.unit && /事業費|支出金|財源|人件費|コスト|地方債|特財/.test(e.field)) e.unit = profile.moneyUnit;
    if (typeof feed === 'string' || 'column' in feed) put(feed, e);
    else if ('join' in feed) for (const s of feed.join) put(s, e);
    else if ('sum' in feed) for (const s of feed.sum) put(s, e);
  }
  if (profile.fiscalYear) put(profile.fiscalYear.from, { field: '年度' });
  for (const s of profile.split) put(s.from, { field: s.into[0]! });
  for (const [target, feed] of Object.entries(profile.yearBlocks?.columns ?? {})) {
    for (const s of typeof feed === 'string' ? [feed] : feed.sum) put(s, fieldAndUnit(target));
  }
  for (const c of profile.rating?.criteria ?? []) {
    if (c.grade) put(c.grade, { field: NEW_RATING });
    if (c.reason) put(c.reason, { field: RATING_REASON });
  }
  const rows = profile.indicatorRows;
  if (rows) {
    for (const [target, s] of Object.entries(rows.identity)) put(s, fieldAndUnit(target));
    put(rows.name, { field: '指標1名' });
    if (rows.unit) put(rows.unit, { field: '指標1単位' });
    if (rows.kind) put(rows.kind, { field: '指標1種別' });
    if (rows.direction) put(rows.direction, { field: '指標1方向' });
  }
  return out;
}

/** The expected mapping of a file in Hyoka's wording: the alias table with its mapping file, if any. */
function expectedFromAliases(headers: string[], mappingPath: string | null): Map<string, Expected> {
  const mapping = mappingPath ? JSON.parse(readFileSync(mappingPath, 'utf8')) : undefined;
  const mapped = mapHeader('expected', headers, { mapping, municipalityGiven: true });
  const out = new Map<string, Expected>();
  headers.forEach((h, i) => {
    const c = mapped.columns[i];
    if (c)
      out.set(
        key(h),
        c.moneyUnit && c.moneyUnit !== '千円' && normalizeHeader(h).unit === null ? { field: c.canonical, unit: c.moneyUnit } : { field: c.canonical },
      );
  });
  return out;
}

interface Case {
  label: string;
  path: string;
  expected: (headers: string[]) => Map<string, Expected>;
}

/** Hand additions where the shipped profile leaves out a column a person would map. */
const extra = (base: (h: string[]) => Map<string, Expected>, add: Record<string, Expected>) => (h: string[]) => {
  const m = base(h);
  for (const [k, v] of Object.entries(add)) m.set(key(k), v);
  return m;
};

function cases(): Case[] {
  const out: Case[] = [];
  const profile = (name: string) => (h: string[]) => expectedFromProfile(findProfile(name)!, h);
  const nr = join(realdata, 'national-review');
  out.push({
    label: 'realdata/national-review/2-1_RS_2024_予算・執行_サマリ.csv',
    path: join(nr, '2-1_RS_2024_予算・執行_サマリ.csv'),
    expected: profile('national-review-2-1'),
  });
  out.push({
    label: 'realdata/national-review/4-1_RS_2024_点検・評価.csv',
    path: join(nr, '4-1_RS_2024_点検・評価.csv'),
    // The 4-1 profile leaves the ministry to 2-1; as a file of its own, a person maps it too.
    expected: extra(profile('national-review-4-1'), { 府省庁: { field: '部名' }, '局・庁': { field: '課名' } }),
  });
  out.push({ label: 'realdata/ofunato/report.xlsx', path: join(realdata, 'ofunato', 'report.xlsx'), expected: profile('ofunato') });
  out.push({
    label: 'tests/fixtures/imports/national-review/rs2024-3-1.csv',
    path: join(root, 'tests/fixtures/imports/national-review/rs2024-3-1.csv'),
    expected: profile('national-review-3-1'),
  });
  for (const dir of ['tests/fixtures/imports', 'tests/fixtures/imports-ui', 'tests/fixtures/seed']) {
    for (const file of readdirSync(join(root, dir))
      .filter((f) => f.endsWith('.csv'))
      .sort()) {
      const path = join(root, dir, file);
      const stem = file.replace(/\.csv$/, '');
      const mapping = [join(root, dir, `${stem}.mapping.json`), join(root, dir, `${stem.split('-')[0]}-mapping.json`)].find(existsSync) ?? null;
      // 大船渡市's population table is read by the population profile, not an evaluation sheet.
      if (file === 'ofunato-population.csv') continue;
      out.push({ label: `${dir}/${file}`, path, expected: (h) => expectedFromAliases(h, mapping) });
    }
  }
  return out;
}

export interface FileScore {
  label: string;
  headerRow: number;
  mapped: number;
  correct: number;
  misses: string[];
  /** Columns a person ignores that the proposer gave a field. */
  extra: string[];
}

const shown = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, 40);
const describe = (p: Proposal | undefined) => (p?.field ? `${p.field}${p.moneyUnit ? `（${p.moneyUnit}）` : ''}` : '無視 ignore');

export async function scoreFile(c: Case): Promise<FileScore> {
  const sample = await sampleSheet(basename(c.path), new Uint8Array(readFileSync(c.path)));
  if (!('rows' in sample)) throw new Error(`${c.label}: ${sample.message.en}`);
  const headerRow = guessHeaderRow(sample);
  const columns = columnsOf(sample, { from: headerRow, to: headerRow });
  const proposals = proposeColumns(columns);
  const expected = c.expected(columns.map((col) => col.header));
  const byKey = new Map<string, Proposal>();
  for (const p of proposals) if (!byKey.has(key(p.header))) byKey.set(key(p.header), p);
  let correct = 0;
  const misses: string[] = [];
  for (const [k, e] of expected) {
    // Headers the key cannot tell apart (全体計画's トータルコスト and the blocks' トータルコスト(A)＋(B)): one right is right.
    const same = proposals.filter((q) => key(q.header) === k);
    const p = same.find((q) => q.field === e.field) ?? byKey.get(k);
    // A unit the header names is read from the header either way; only a guessed one is scored.
    const unitOk = p && normalizeHeader(p.header).unit !== null ? true : (p?.moneyUnit ?? undefined) === e.unit;
    const ok = p?.field === e.field && unitOk;
    if (ok) correct++;
    else misses.push(`${shown(p?.header ?? k)} → ${describe(p)} (expected ${e.field}${e.unit ? `（${e.unit}）` : ''})`);
  }
  const extraColumns = [...byKey.entries()].filter(([k, p]) => p.field && !expected.has(k)).map(([, p]) => `${shown(p.header)} → ${describe(p)}`);
  return { label: c.label, headerRow, mapped: expected.size, correct, misses, extra: extraColumns };
}

const START = '<!-- generated:proposals:start (npx tsx scripts/propose-accuracy.ts) -->';
const END = '<!-- generated:proposals:end -->';

function markdown(scores: FileScore[]): string {
  const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)} %`);
  const total = scores.reduce((s, f) => ({ mapped: s.mapped + f.mapped, correct: s.correct + f.correct }), { mapped: 0, correct: 0 });
  const lines = [
    '| file | header row | columns that map to a field | proposed correctly | share | proposed for an ignored column |',
    '|---|---|---|---|---|---|',
    ...scores.map((f) => `| ${f.label} | ${f.headerRow} | ${f.mapped} | ${f.correct} | ${pct(f.correct, f.mapped)} | ${f.extra.length} |`),
    `| **all files** | | ${total.mapped} | ${total.correct} | **${pct(total.correct, total.mapped)}** | ${scores.reduce((s, f) => s + f.extra.length, 0)} |`,
    '',
  ];
  for (const f of scores.filter((s) => s.misses.length + s.extra.length > 0)) {
    lines.push(`**${f.label}**`, '');
    for (const m of f.misses) lines.push(`- miss: ${m}`);
    for (const e of f.extra) lines.push(`- also proposed: ${e}`);
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}

async function main() {
  const scores: FileScore[] = [];
  for (const c of cases()) {
    if (!existsSync(c.path)) {
      console.warn(`missing: ${c.path}`);
      continue;
    }
    scores.push(await scoreFile(c));
  }
  const md = markdown(scores);
  console.log(md);
  if (process.argv.includes('--print')) return;
  const docPath = join(root, 'docs', 'import.md');
  const doc = readFileSync(docPath, 'utf8');
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/import.md: markers ${START} … ${END} not found`);
  writeFileSync(docPath, `${doc.slice(0, start + START.length)}\n\n${md}\n\n${doc.slice(end)}`);
}

await main();
