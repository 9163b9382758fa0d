import type { QuestionDefinition } from "@/lib/questions/definition";

import nyseLaggedSequences from "./nyse-lagged-sequences";
import nyseAutocorrelation from "./nyse-autocorrelation";
import feedForwardParameterCount from "./feed-forward-parameter-count";
import deepNetworkParameterCount from "./deep-network-parameter-count";
import hittersLinearTestMae from "./hitters-linear-test-mae";
import hittersLassoComparison from "./hitters-lasso-comparison";
import ridgeLassoOrthonormal from "./ridge-lasso-orthonormal";
import regularizationMethods from "./regularization-methods";
import biasVarianceSimulation from "./bias-variance-simulation";
import interpolationThreshold from "./interpolation-threshold";
import doubleDescentCurve from "./double-descent-curve";
import legendreBasis from "./legendre-basis";
import naturalSplineCounts from "./natural-spline-counts";
import biasVarianceTable from "./bias-variance-table";
import testErrorWhatIf from "./test-error-what-if";
import modelPreferenceTable from "./model-preference-table";
import rnnParameterCount from "./rnn-parameter-count";
import rnnHiddenStates from "./rnn-hidden-states";
import rnnBatchPredictions from "./rnn-batch-predictions";
import recurrenceReach from "./recurrence-reach";
import sequentialOrIndependent from "./sequential-or-independent";
import kerasSummaryTable from "./keras-summary-table";
import outputActivationLoss from "./output-activation-loss";
import allOutputsLoss from "./all-outputs-loss";

/**
 * Every question written in code. A question folder that is not listed here is not served; a test
 * compares this list with the folders under questions/.
 */
export const questionBank: readonly QuestionDefinition[] = [
  rnnParameterCount,
  interpolationThreshold,
  biasVarianceSimulation,
  doubleDescentCurve,
  legendreBasis,
  naturalSplineCounts,
  biasVarianceTable,
  testErrorWhatIf,
  modelPreferenceTable,
  rnnHiddenStates,
  rnnBatchPredictions,
  recurrenceReach,
  sequentialOrIndependent,
  kerasSummaryTable,
  outputActivationLoss,
  allOutputsLoss,
  nyseLaggedSequences,
  nyseAutocorrelation,
  feedForwardParameterCount,
  deepNetworkParameterCount,
  hittersLinearTestMae,
  hittersLassoComparison,
  ridgeLassoOrthonormal,
  regularizationMethods,
];
