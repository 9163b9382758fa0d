/**
 * Bounds on a template and on the work spent evaluating it. Sizes are checked before the work
 * they protect; times are checked between syntax-tree nodes and after every function call.
 */
export const TEMPLATE_LIMITS = {
  /** Maximum characters of the JSON source. */
  maxSourceLength: 50_000,
  /** Maximum characters of one expression. */
  maxExpressionLength: 1_000,
  /** Maximum syntax-tree nodes of one expression. */
  maxExpressionNodes: 400,
  /** Maximum variables, conditions, data sets and parts. */
  maxVariables: 40,
  maxConditions: 20,
  maxDataSets: 4,
  maxParts: 10,
  maxMisconceptionsPerPart: 20,
  /** Maximum points of a simulated data set (x/y pairs or series values). */
  maxDataSetLength: 2_000,
  /** Maximum numbers in one array value, nested arrays counted entry by entry. */
  maxArrayEntries: 20_000,
  /** Wall-clock budget of one expression, in milliseconds. */
  evaluationMs: 500,
  /** Wall-clock budget of one draw: variables, conditions, data sets, answers and texts, in milliseconds. */
  buildMs: 3_000,
  /** Maximum characters of the prompt, the solution and a part label after placeholders are filled. */
  maxTextLength: 20_000,
} as const;
