/** The project CSV's cell rules, on hand-made rows: exact decimals, empty for undefined, no formulas. */
import { describe, expect, it } from 'vitest';
import { encodeCsv, plainDecimal, projectsCsvText, safeCell } from '../../db/export/projects-csv';
import type { CriterionOption, ProjectListRow } from '../../db/queries/projects';

const criteria: CriterionOption[] = [
  { key: 'effectiveness', labelJa: '有効性', labelEn: 'Effectiveness', grades: [{ code: 'A', labelJa: '高い', labelEn: 'High', band: 'good' }] },
];

const row = (over: Partial<ProjectListRow>): ProjectListRow => ({
  evaluationId: 1,
  projectId: 1,
  code: '0001',
  name: '事業',
  department: null,
  section: null,
  goal: null,
  policy: null,
  totalCost: '0.000',
  previousTotalCost: null,
  change: null,
  costPerCitizen: null,
  attainment: null,
  ratings: {},
  ...over,
});

describe('project CSV', () => {
  it.each([
    ['818.000', '818'],
    ['225251.500', '225251.5'],
    ['0.000', '0'],
    ['100', '100'],
    ['123456789012345.678', '123456789012345.678'], // beyond a double's precision, still exact
    [null, ''],
  ])('writes %s as %s', (value, expected) => {
    expect(plainDecimal(value)).toBe(expected);
  });

  it('quotes commas and newlines, rounds ratios, and keeps Excel from running formulas', () => {
    const text = projectsCsvText(
      [
        row({
          code: '=1+1',
          name: '講座, 研修\n事業',
          department: '@部',
          totalCost: '12.340',
          change: -0.12345,
          costPerCitizen: 8.0749,
          attainment: 4 / 3,
          ratings: { effectiveness: criteria[0]!.grades[0]! },
        }),
        row({ code: '0002', name: '-手当' }),
      ],
      { municipalityCode: '142140', fiscalYear: 2022, criteria },
    );
    const lines = text.split('\r\n');
    expect(lines[1]).toBe(`142140,2022,'=1+1,"講座, 研修\n事業",'@部,,,,,,12.34,,-12.3,8.07,133.3,A`);
    expect(text).toContain(`\r\n142140,2022,0002,'-手当,,,,,,,0,,,,,未評価\r\n`);
  });

  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+81-3-1234', `'+81-3-1234`],
    ['-手当', `'-手当`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tタブ', `'\tタブ`],
    ['\r改行', `'\r改行`],
    ['-1+1', `'-1+1`],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['＝1+1', "'＝1+1"],
    ['＋81', "'＋81"],
    ['－手当', "'－手当"],
    ['＠SUM(A1)', "'＠SUM(A1)"],
    ['<script>alert(1)</script>', '<script>alert(1)</script>'], // not a formula; pages render it as text
    ['-12.3', '-12.3'], // a number this module wrote: stays a number
    ['0012', '0012'],
    ['事業=1', '事業=1'],
    [null, ''],
  ])('neutralises %j as %j', (value, expected) => {
    expect(safeCell(value)).toBe(expected);
  });

  it('neutralises formulas in every text column, the rating scheme’s labels included', () => {
    const text = projectsCsvText(
      [row({ section: '+課', goal: { path: '1', number: '=1', name: '-目標' }, policy: { path: '1/2', number: '2', name: '@施策' } })],
      { municipalityCode: '142140', fiscalYear: 2022, criteria: [{ ...criteria[0]!, labelJa: '=評価' }] },
    );
    const [header, line] = text.split('\r\n');
    expect(header!.endsWith(`,'=評価`)).toBe(true);
    expect(line).toBe(`142140,2022,0001,事業,,'+課,'=1,'-目標,2,'@施策,0,,,,,未評価`);
  });

  it('encodes UTF-8 with a BOM and Shift_JIS without one', () => {
    expect([...encodeCsv('事業', 'utf8')]).toEqual([0xef, 0xbb, 0xbf, 0xe4, 0xba, 0x8b, 0xe6, 0xa5, 0xad]);
    expect([...encodeCsv('事業', 'sjis')]).toEqual([0x8e, 0x96, 0x8b, 0xc6]);
  });
});
