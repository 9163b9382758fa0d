/**
 * Total score from which an attempt counts as fully correct. A weighted mean of part scores can
 * land a rounding error below 1, so the bound is 1 − 1e-9 rather than 1.
 */
export const CORRECT_SCORE_THRESHOLD = 1 - 1e-9;
