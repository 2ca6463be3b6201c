/**
 * Chart colours, for the server-drawn SVG charts and the project sheet's Recharts charts alike. Rating bands and attainment bands use the CSS variables of app/globals.css and
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

/**
 * A texture per rating band on top of its colour, so the bands of a rating mix are told apart
 * without colour too (the legend's swatches carry the same, app/styles/dashboard.css).
 */
export type Texture = 'solid' | 'hatch' | 'cross' | 'dots' | 'lines';
export const BAND_TEXTURES: Record<Band | 'not_rated', Texture> = {
  good: 'solid',
  middle: 'hatch',
  poor: 'cross',
  not_comparable: 'dots',
  not_rated: 'dots',
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
/** The same accent as a plain colour, for Recharts (which draws in the browser, outside our CSS). */
export const ACCENT_HEX = '#1f5fa8';
/** Targets and reference lines drawn against the accent (the colour of --poor). */
export const TARGET_HEX = '#c0392b';

export const AXIS = '#666';
export const GRID = '#e3e7ed';
export const INK = '#1c2430';

/** The project sheet's cost sources: outside money in blues, the city's own general funds darker, staff in grey-green. */
export const SOURCE_COLOURS = {
  nationalPrefectural: '#7fa7d6',
  localBonds: '#a98fc9',
  otherSpecific: '#8cc7c0',
  generalFunds: ACCENT_HEX,
  unbroken: '#b7c2cf',
  staff: '#6d8f6d',
} as const;

/** A texture per funding source on top of its colour, so the funding mix reads without colour too. */
export const SOURCE_TEXTURES: Record<'nationalPrefectural' | 'localBonds' | 'otherSpecific' | 'generalFunds' | 'unbroken', Texture> = {
  nationalPrefectural: 'hatch',
  localBonds: 'cross',
  otherSpecific: 'dots',
  generalFunds: 'solid',
  unbroken: 'lines',
};
