import { describe, expect, it } from 'vitest';
import { Descriptions, ProjectYearLines } from '@/db/import/kept-state';

describe('ProjectYearLines', () => {
  it.each([
    { name: 'a first project-year is recorded', steps: [['100', '0001', 2023, 2, undefined]] },
    {
      name: 'the same project-year again answers the first line',
      steps: [
        ['100', '0001', 2023, 2, undefined],
        ['100', '0001', 2023, 9, 2],
      ],
    },
    {
      name: 'a third time still answers the first line',
      steps: [
        ['100', '0001', 2023, 2, undefined],
        ['100', '0001', 2023, 9, 2],
        ['100', '0001', 2023, 12, 2],
      ],
    },
    {
      name: 'another year of the project is new',
      steps: [
        ['100', '0001', 2023, 2, undefined],
        ['100', '0001', 2024, 3, undefined],
        ['100', '0001', 2024, 7, 3],
        ['100', '0001', 2023, 8, 2],
      ],
    },
    {
      name: 'the same code in another municipality is another project',
      steps: [
        ['100', '0001', 2023, 2, undefined],
        ['200', '0001', 2023, 3, undefined],
      ],
    },
  ] as const)('$name', ({ steps }) => {
    const seen = new ProjectYearLines();
    for (const [m, p, year, line, expected] of steps) expect(seen.firstOrRecord(m, p, year, line)).toBe(expected);
  });

  it('keeps every entry as its arrays grow', () => {
    const seen = new ProjectYearLines();
    const line = (p: number, y: number) => 2 + p * 5 + y;
    for (let p = 0; p < 3_000; p++) for (let y = 0; y < 5; y++) expect(seen.firstOrRecord('100', String(p), 2020 + y, line(p, y))).toBeUndefined();
    for (let p = 0; p < 3_000; p += 7) for (let y = 0; y < 5; y++) expect(seen.firstOrRecord('100', String(p), 2020 + y, 999_999)).toBe(line(p, y));
  });
});

describe('Descriptions', () => {
  it.each([0, 1, 2 ** 24 - 1, 2 ** 24, 2 ** 24 + 1, 123_456_789_012, 2 ** 48 - 1])('keeps the 48-bit digest %d exactly', (digest) => {
    const kept = new Descriptions();
    kept.set('k', { year: 2024, id: 7, created: true, digest });
    expect(kept.get('k')).toEqual({ year: 2024, id: 7, created: true, digest });
  });

  it('answers undefined for a key never set', () => {
    const kept = new Descriptions();
    expect(kept.has('k')).toBe(false);
    expect(kept.get('k')).toBeUndefined();
  });

  it('advance moves the year and nothing else; set replaces the entry', () => {
    const kept = new Descriptions();
    kept.set('k', { year: 2022, id: 41, created: false, digest: 99 });
    kept.advance('k', 2024);
    expect(kept.get('k')).toEqual({ year: 2024, id: 41, created: false, digest: 99 });
    kept.set('k', { year: 2025, id: 41, created: true, digest: 5 });
    expect(kept.get('k')).toEqual({ year: 2025, id: 41, created: true, digest: 5 });
  });

  it('keeps every entry as its arrays grow', () => {
    const kept = new Descriptions();
    const entry = (i: number) => ({ year: 2020 + (i % 5), id: i + 1, created: i % 2 === 0, digest: (i * 56_294_995_342) % 2 ** 48 });
    for (let i = 0; i < 5_000; i++) kept.set(`${i}|指標`, entry(i));
    for (let i = 0; i < 5_000; i += 13) expect(kept.get(`${i}|指標`)).toEqual(entry(i));
  });
});
