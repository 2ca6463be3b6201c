import { describe, expect, it } from 'vitest';
import { ATTAINMENT_BAND_KEYS, attainmentBand, isAttainmentBandKey } from '../../db/domain/attainment-bands';

describe('attainmentBand', () => {
  it.each([
    [0, 'lt50'],
    [0.4999, 'lt50'],
    [0.5, '50-80'], // a boundary belongs to the higher band
    [0.7999, '50-80'],
    [0.8, '80-100'],
    [0.3 / 0.375, '80-100'], // 0.7999999999999999 in floating point, shown as 80.0 %
    [0.9999, '80-100'],
    [1, '100-120'],
    [1.1999, '100-120'],
    [1.2, 'ge120'],
    [6 / 5, 'ge120'],
    [2, 'ge120'],
    [null, 'none'],
  ] as const)('%s → %s', (ratio, band) => {
    expect(attainmentBand(ratio)).toBe(band);
  });

  it('knows its keys, for URL parameters', () => {
    expect(ATTAINMENT_BAND_KEYS).toEqual(['lt50', '50-80', '80-100', '100-120', 'ge120', 'none']);
    expect(isAttainmentBandKey('80-100')).toBe(true);
    expect(isAttainmentBandKey('80')).toBe(false);
    expect(isAttainmentBandKey(undefined)).toBe(false);
  });
});
