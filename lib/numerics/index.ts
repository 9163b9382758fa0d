/**
 * The course's numerics library, which computes every answer key. Pure TypeScript (no Node
 * built-ins), so it runs on the server, in the browser and in worker threads. Invalid arguments
 * throw {@link NumericsError}, whose `argument` names the offending parameter.
 */
export { DatasetError, NumericsError } from "./errors";
export { createRng, kFolds, portableLog, trainTestSplit, type IndexSplit, type Rng } from "./random";
export {
  denseParameterCount,
  simpleRnnForward,
  simpleRnnForwardBatch,
  simpleRnnParameterBreakdown,
  simpleRnnParameterCount,
  softmax,
  type RnnActivation,
  type SimpleRnnForwardResult,
  type SimpleRnnParameterBreakdown,
  type SimpleRnnShape,
  type SimpleRnnWeights,
} from "./neural-networks";
export {
  doubleDescentSweep,
  interpolationThreshold,
  type DoubleDescentArguments,
  type DoubleDescentPoint,
  type DoubleDescentResult,
  type InterpolationBasis,
  type SweepBasis,
} from "./double-descent";
export { legendreBasis, legendrePowerCoefficients, mapToUnitInterval } from "./legendre";
export { polynomialFit, polynomialPredict, type PolynomialFit } from "./polynomial";
export { knnRegressionPredict, type KnnRegressionArguments } from "./knn";
export {
  biasVarianceMonteCarlo,
  type BiasVarianceArguments,
  type BiasVarianceEstimator,
  type BiasVariancePoint,
  type BiasVarianceResult,
  type BiasVarianceStandardErrors,
} from "./bias-variance";
export { accuracy, meanAbsoluteError, meanSquaredError, rSquared } from "./metrics";
export {
  columnScaling,
  linearPredict,
  olsFit,
  ridgeFit,
  type ColumnScaling,
  type LeastSquaresFit,
  type LinearFit,
  type LinearModelOptions,
} from "./linear-models";
export {
  lassoCv,
  lassoFit,
  lassoLambdaMax,
  lassoLambdaPath,
  lassoPath,
  type LassoCvArguments,
  type LassoCvResult,
  type LassoFit,
  type LassoOptions,
  type LassoPathOptions,
  type LassoPathResult,
} from "./lasso";
export { HITTERS_PREDICTORS, loadHitters, loadNyse, type HittersData, type NyseData } from "./course-data";
export { naturalSplineBasis, naturalSplineKnots, type KnotPlacement } from "./natural-splines";
export { conditionNumber, minimumNormLeastSquares, type MinimumNormFit } from "./minimum-norm";
export {
  autocorrelation,
  laggedSequences,
  nyseLaggedData,
  timeOrderedSplit,
  type LaggedSequences,
  type NyseLaggedData,
} from "./time-series";
export {
  layoutPoints,
  polynomialTruth,
  simulateAr1,
  simulateRegression,
  sineTruth,
  squarePulseTruth,
  type PointLayout,
  type SimulateAr1Arguments,
  type SimulatedRegression,
  type SimulateRegressionArguments,
  type TruthFunction,
} from "./generators";
