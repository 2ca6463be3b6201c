import { describe, expect, it } from 'vitest';
import { cityYearParams, compareParams, dashboardParams, policyNodeParams } from '@/app/components/dashboard/scope-params';
import { exportNames, noExportDataResponse } from '@/app/lib/download';
import { pageFamily } from '@/app/lib/page-params';
import type { SearchParams } from '@/app/lib/search-params';
import { choiceParam, intParam, listParam, pageParam, searchParamsRecord, textParam, urlReader } from '@/app/lib/url-params';
import { listUrlParams } from '@/app/projects/list-params';
import { qualityUrlParams } from '@/app/quality/quality-request';
import { MAX_QUERY_CHARS, searchUrlParams } from '@/app/search/search-request';
import { watchlistUrlParams } from '@/app/watchlist/watchlist-request';

const HUGE = '9'.repeat(400);

/** Each expected field as read (a field read as no value is undefined, present or not). */
function expectFields(read: object, expected: Record<string, unknown>) {
  for (const [key, value] of Object.entries(expected)) expect((read as Record<string, unknown>)[key], key).toEqual(value);
}

describe('one field of a URL reader', () => {
  const reader = urlReader({ t: textParam(), n: intParam(), p: pageParam(), c: choiceParam(['asc', 'desc']), l: listParam() });
  it.each<[string, SearchParams, Record<string, unknown>]>([
    ['nothing', {}, { t: undefined, n: undefined, p: 1, c: undefined, l: [] }],
    ['plain values', { t: '子ども部', n: '2024', p: '3', c: 'desc', l: 'a' }, { t: '子ども部', n: 2024, p: 3, c: 'desc', l: ['a'] }],
    ['empty values are no value', { t: '', n: '', p: '', c: '' }, { t: undefined, n: undefined, p: 1, c: undefined, l: [] }],
    [
      'repeated: the first value, every value for a list',
      { t: ['a', 'b'], n: ['7', '8'], p: ['2', 'x'], c: ['asc', 'desc'], l: ['a', 'b'] },
      { t: 'a', n: 7, p: 2, c: 'asc', l: ['a', 'b'] },
    ],
    ['an empty array', { t: [], n: [], p: [], c: [], l: [] }, { t: undefined, n: undefined, p: 1, c: undefined, l: [] }],
    ['negative numbers: kept as integers, pages from 1', { n: '-5', p: '-5' }, { n: -5, p: 1 }],
    ['page 0 is page 1', { p: '0' }, { p: 1 }],
    ['beyond PostgreSQL integer', { n: '2147483648', p: '99999999999999' }, { n: undefined, p: 1 }],
    ['the largest integer', { n: '2147483647', p: '2147483647' }, { n: 2147483647, p: 2147483647 }],
    ['400 digits', { n: HUGE, p: HUGE }, { n: undefined, p: 1 }],
    ['not an integer', { n: '2024.0', p: '1e3' }, { n: undefined, p: 1 }],
    ['hex and spaces', { n: '0x7E8', p: ' 2' }, { n: undefined, p: 1 }],
    ['full-width digits', { n: '２０２４' }, { n: undefined }],
    ['garbage choice', { c: 'DESC' }, { c: undefined }],
    ['a choice that is an Object property', { c: 'toString' }, { c: undefined }],
  ])('%s', (_label, params, expected) => {
    expectFields(reader.read(params), expected);
  });

  it('drops parameters the family does not read', () => {
    expect(reader.read({ t: 'x', other: 'y' })).not.toHaveProperty('other');
  });

  it('reads URLSearchParams like the record pages receive', () => {
    const url = new URLSearchParams('t=a&t=b&n=12&l=x&l=y');
    expect(searchParamsRecord(url)).toEqual({ t: ['a', 'b'], n: '12', l: ['x', 'y'] });
    expectFields(reader.read(url), { t: 'a', n: 12, l: ['x', 'y'] });
  });
});

describe('each page family reads its own parameters', () => {
  it.each([
    ['overview', dashboardParams.names, ['municipality', 'year', 'criterion']],
    ['policy node pages', policyNodeParams.names, ['municipality', 'year', 'criterion', 'page']],
    ['policy tree, report', cityYearParams.names, ['municipality', 'year']],
    ['comparison', compareParams.names, ['municipality', 'year', 'policy']],
    ['project list', listUrlParams.names, ['municipality', 'year', 'department', 'policy', 'rating', 'q', 'attainment', 'sort', 'dir', 'page']],
    ['watchlist', watchlistUrlParams.names, ['municipality', 'year', 'department', 'policy', 'attainment', 'costUp', 'rules', 'page']],
    ['quality', qualityUrlParams.names, ['municipality', 'year', 'department', 'check', 'page']],
    ['search', searchUrlParams.names, ['q', 'page']],
  ])('%s', (_label, names, expected) => {
    expect([...names].sort()).toEqual([...expected].sort());
  });

  it.each([
    ['/', ['criterion', 'municipality', 'year']],
    ['/policies/1/2', ['criterion', 'municipality', 'page', 'year']],
    ['/policies', ['municipality', 'year']],
    ['/compare', ['municipality', 'policy', 'year']],
  ])('the page cache keys %s on what its reader reads', (path, expected) => {
    expect([...(pageFamily(path)?.params ?? [])].sort()).toEqual(expected);
  });
});

describe('the families’ readers', () => {
  it.each<[string, SearchParams, Record<string, unknown>]>([
    ['defaults', {}, { municipality: undefined, year: undefined, sort: undefined, dir: undefined, attainment: undefined, page: 1, q: undefined }],
    [
      'a full list URL',
      {
        municipality: '142140',
        year: '2024',
        department: '子ども部',
        policy: '1/2',
        rating: 'effectiveness:C',
        q: ' 健診 ',
        attainment: '80-100',
        sort: 'totalCost',
        dir: 'asc',
        page: '2',
      },
      {
        municipality: '142140',
        year: 2024,
        department: '子ども部',
        policy: '1/2',
        rating: 'effectiveness:C',
        q: '健診',
        attainment: '80-100',
        sort: 'totalCost',
        dir: 'asc',
        page: 2,
      },
    ],
    ['blank search text is none', { q: '   ' }, { q: undefined }],
    ['unknown sort, direction and band', { sort: 'drop table', dir: 'up', attainment: '0-200' }, { sort: undefined, dir: undefined, attainment: undefined }],
    ['projects without attainment', { attainment: 'none' }, { attainment: 'none' }],
    ['repeated filters: the first, as the page shows them', { department: ['A', 'B'], year: ['2023', '2024'] }, { department: 'A', year: 2023 }],
  ])('project list: %s', (_label, params, expected) => {
    expectFields(listUrlParams.read(params), expected);
  });

  it('project export: repeated filters read as the page reads them (the first), not the last', () => {
    const url = new URLSearchParams('department=A&department=B&sort=name&sort=code');
    expectFields(listUrlParams.read(url), { department: 'A', sort: 'name' });
  });

  it.each<[string, SearchParams, Record<string, unknown>]>([
    ['defaults', {}, { year: undefined, rules: [], page: 1 }],
    ['thresholds as typed (checked by parseWatchSettings)', { attainment: '７０', costUp: 'abc' }, { attainment: '７０', costUp: 'abc' }],
    ['rules from checkboxes and a list', { rules: ['poor', 'costUp,attainment'] }, { rules: ['poor', 'costUp,attainment'] }],
    ['a year that Number() would take', { year: '2024.0' }, { year: undefined }],
    ['a hex year', { year: '0x7E8' }, { year: undefined }],
    ['a huge page', { page: HUGE }, { page: 1 }],
  ])('watchlist: %s', (_label, params, expected) => {
    expectFields(watchlistUrlParams.read(params), expected);
  });

  it.each<[string, SearchParams, Record<string, unknown>]>([
    ['a known check', { check: 'noTarget', page: '4' }, { check: 'noTarget', page: 4 }],
    ['an unknown check', { check: 'everything' }, { check: undefined }],
    ['the department as typed (checked against the city’s)', { department: ['福祉部', 'x'] }, { department: '福祉部' }],
  ])('quality: %s', (_label, params, expected) => {
    expectFields(qualityUrlParams.read(params), expected);
  });

  it.each<[string, SearchParams, { q: string; page: number }]>([
    ['nothing', {}, { q: '', page: 1 }],
    ['trimmed', { q: '  子育て 支援 ', page: '2' }, { q: '子育て 支援', page: 2 }],
    ['cut to the limit, by characters', { q: '𠮷'.repeat(MAX_QUERY_CHARS + 50) }, { q: '𠮷'.repeat(MAX_QUERY_CHARS), page: 1 }],
    ['repeated', { q: ['a', 'b'], page: ['x', '3'] }, { q: 'a', page: 1 }],
  ])('search: %s', (_label, params, expected) => {
    expect(searchUrlParams.read(params)).toEqual(expected);
  });

  it.each<[string, SearchParams, Record<string, unknown>]>([
    [
      'the rating criterion',
      { municipality: '032034', year: '2025', criterion: 'policy_fit' },
      { municipality: '032034', year: 2025, criterion: 'policy_fit' },
    ],
    ['a huge year', { year: HUGE, criterion: ['a', 'b'] }, { year: undefined, criterion: 'a' }],
  ])('dashboard: %s', (_label, params, expected) => {
    expectFields(dashboardParams.read(params), expected);
  });
});

describe('export responses', () => {
  it.each([
    [
      { ascii: 'projects', japanese: '事業一覧' },
      { ascii: 'projects-142140-2024', japanese: '事業一覧_桜ヶ丘市_2024' },
    ],
    [
      { ascii: 'watchlist', japanese: '要注意事業' },
      { ascii: 'watchlist-142140-2024', japanese: '要注意事業_桜ヶ丘市_2024' },
    ],
    [
      { ascii: 'quality', japanese: 'データ品質' },
      { ascii: 'quality-142140-2024', japanese: 'データ品質_桜ヶ丘市_2024' },
    ],
    [
      { ascii: 'compare', japanese: '他自治体比較' },
      { ascii: 'compare-142140-2024', japanese: '他自治体比較_桜ヶ丘市_2024' },
    ],
  ])('every export is named on one pattern: %o', (kind, expected) => {
    expect(exportNames(kind, { code: '142140', name: '桜ヶ丘市' }, 2024)).toEqual(expected);
  });

  it('an export without data is a 404 in both languages, never sniffed or cached', async () => {
    const response = noExportDataResponse();
    expect(response.status).toBe(404);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.text();
    expect(body).toContain('評価データがありません');
    expect(body).toContain('No evaluation data');
  });
});
