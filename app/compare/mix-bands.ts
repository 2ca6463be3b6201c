/** The common bands of the comparison's rating mixes, in their order on the bars and in the legend. */
export const MIX_BANDS = ['good', 'middle', 'poor', 'not_comparable', 'not_rated'] as const;
