import type { QuestionDefinition } from "@/lib/questions/definition";

import biasVarianceSimulation from "./bias-variance-simulation";
import interpolationThreshold from "./interpolation-threshold";
import rnnParameterCount from "./rnn-parameter-count";

/**
 * Every question written in code. A question folder that is not listed here is not served; a test
 * compares this list with the folders under questions/.
 */
export const questionBank: readonly QuestionDefinition[] = [
  rnnParameterCount,
  interpolationThreshold,
  biasVarianceSimulation,
];
