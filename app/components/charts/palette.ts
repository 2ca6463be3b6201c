/**
 * Chart colours. Rating bands and attainment bands use the CSS variables of app/globals.css and
 * app/styles/dashboard.css (SVG `fill` accepts `var(--…)`), so print and screen stay in step;
 * まちづくり目標 get a categorical palette that stays distinguishable for colour-blind readers
 * (Okabe–Ito), in plan order.
 */
import type { AttainmentBandOrNone } from '@/db/domain/attainment-bands';
import type { Band } from '@/db/domain/rating-scheme';

export const BAND_COLOURS: Record<Band | 'not_rated', string> = {
  good: 'var(--good)',
  middle: 'var(--middle)',
  poor: 'var(--poor)',
  not_comparable: 'var(--na)',
  not_rated: 'var(--not-rated)',
};

export const ATTAINMENT_BAND_COLOURS: Record<AttainmentBandOrNone, string> = {
  lt50: 'var(--poor)',
  '50-80': 'var(--attainment-low)',
  '80-100': 'var(--middle)',
  '100-120': 'var(--good)',
  ge120: 'var(--attainment-high)',
  none: 'var(--na)',
};

const GROUP_PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#7a5c00', '#4d4d4d'];
/** Projects outside the policy tree (or directly on the scope's root). */
export const OTHER_GROUP_COLOUR = '#9aa3ad';

export function groupColour(index: number): string {
  return GROUP_PALETTE[index % GROUP_PALETTE.length]!;
}

/** The accent of single-series charts. */
export const ACCENT = 'var(--accent)';
