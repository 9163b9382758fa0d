import type { QuestionDefinition } from "@/lib/questions/definition";

import allOutputsLoss from "./all-outputs-loss";
import biasVarianceSimulation from "./bias-variance-simulation";
import biasVarianceTable from "./bias-variance-table";
import deepNetworkParameterCount from "./deep-network-parameter-count";
import doubleDescentCurve from "./double-descent-curve";
import feedForwardParameterCount from "./feed-forward-parameter-count";
import hittersLassoComparison from "./hitters-lasso-comparison";
import hittersLinearTestMae from "./hitters-linear-test-mae";
import interpolationThreshold from "./interpolation-threshold";
import kerasSummaryTable from "./keras-summary-table";
import legendreBasis from "./legendre-basis";
import minimumNormSolution from "./minimum-norm-solution";
import modelPreferenceTable from "./model-preference-table";
import naturalSplineCounts from "./natural-spline-counts";
import nyseAutocorrelation from "./nyse-autocorrelation";
import nyseLaggedSequences from "./nyse-lagged-sequences";
import outputActivationLoss from "./output-activation-loss";
import recurrenceReach from "./recurrence-reach";
import regularizationMethods from "./regularization-methods";
import ridgeLassoOrthonormal from "./ridge-lasso-orthonormal";
import rnnBatchPredictions from "./rnn-batch-predictions";
import rnnHiddenStates from "./rnn-hidden-states";
import rnnParameterCount from "./rnn-parameter-count";
import sequentialOrIndependent from "./sequential-or-independent";
import testErrorWhatIf from "./test-error-what-if";

/**
 * Every question written in code, in the order of the module's topics. A question folder that is
 * not listed here is not served; a test compares this list with the folders under questions/.
 */
export const questionBank: readonly QuestionDefinition[] = [
  // Why recurrence, the forward pass, weight sharing, outputs and losses.
  recurrenceReach,
  sequentialOrIndependent,
  rnnHiddenStates,
  rnnBatchPredictions,
  rnnParameterCount,
  kerasSummaryTable,
  outputActivationLoss,
  allOutputsLoss,
  // NYSE forecasting, feed-forward counts, deep learning on Hitters, regularization.
  nyseLaggedSequences,
  nyseAutocorrelation,
  feedForwardParameterCount,
  deepNetworkParameterCount,
  hittersLinearTestMae,
  hittersLassoComparison,
  ridgeLassoOrthonormal,
  regularizationMethods,
  // Bias-variance, double descent, bases, exam-style reasoning.
  biasVarianceSimulation,
  biasVarianceTable,
  interpolationThreshold,
  doubleDescentCurve,
  minimumNormSolution,
  legendreBasis,
  naturalSplineCounts,
  testErrorWhatIf,
  modelPreferenceTable,
];
