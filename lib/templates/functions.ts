import { hittersSplit } from "@/lib/questions/hitters-split";
import {
  autocorrelation,
  denseParameterCount,
  lassoFit,
  linearPredict,
  meanAbsoluteError,
  meanSquaredError,
  NumericsError,
  olsFit,
  ridgeFit,
  simpleRnnForward,
  simpleRnnParameterCount,
  simulateAr1,
  simulateRegression,
  sineTruth,
  polynomialTruth,
  trainTestSplit,
  type Rng,
  type TruthFunction,
} from "@/lib/numerics";

import { TEMPLATE_LIMITS } from "./limits";

import {
  type DataSetValue,
  expectInteger,
  expectMatrix,
  expectNumber,
  expectString,
  expectVector,
  formatForMessage,
  SandboxError,
  type Value,
} from "./values";

/** What a function may use while it runs. `rng` is null where random draws are not allowed. */
export interface CallContext {
  rng: Rng | null;
}

export interface TemplateFunction {
  /** Call signature as documented, e.g. "randint(a, b)". */
  signature: string;
  /** One sentence on what it returns. */
  summary: string;
  minArgs: number;
  maxArgs: number;
  /** True for functions that draw from the variant's random stream (variables and data only). */
  random?: boolean;
  call(args: Value[], context: CallContext): Value;
}

function requireRng(context: CallContext, name: string): Rng {
  if (context.rng === null) {
    throw new SandboxError(
      "random-not-allowed",
      `${name}(...) draws a random number, which is allowed only in "variables" and "data". Draw the value there and use its name here.`,
    );
  }
  return context.rng;
}

function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** Runs a numerics call and turns its argument error into a sandbox error that names the function. */
function numerics<T>(name: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof NumericsError) throw new SandboxError("numerics", `${name}(...) failed: ${error.message}`);
    throw error;
  }
}

function sameLength(name: string, a: number[], b: number[]): void {
  if (a.length !== b.length) {
    throw new SandboxError("wrong-arguments", `${name}(...) needs two lists of the same length, but they have ${a.length} and ${b.length} entries.`);
  }
}

function unary(name: string, fn: (x: number) => number, summary: string): TemplateFunction {
  return {
    signature: `${name}(x)`,
    summary,
    minArgs: 1,
    maxArgs: 1,
    call: ([x]) => fn(expectNumber(x!, `The argument of ${name}`)),
  };
}

function dataLength(value: Value, name: string): number {
  return expectInteger(value, `n of ${name}`, 2, TEMPLATE_LIMITS.maxDataSetLength);
}

function regressionData(name: string, truth: TruthFunction, args: Value[], context: CallContext): DataSetValue {
  const [n, noiseSd, xmin, xmax] = args;
  const low = xmin === undefined ? -1 : expectNumber(xmin, `xmin of ${name}`);
  const high = xmax === undefined ? 1 : expectNumber(xmax, `xmax of ${name}`);
  const data = numerics(name, () =>
    simulateRegression({
      truth,
      n: dataLength(n!, name),
      xRange: [low, high],
      noiseSd: expectNumber(noiseSd!, `noiseSd of ${name}`),
      rng: requireRng(context, name),
    }),
  );
  return { kind: "data-set", generator: name, fields: { x: data.x, y: data.y, truth: data.truth } };
}

/**
 * The fixed list of functions a template may call. Nothing else is reachable from a template:
 * the evaluator looks names up in this table only. docs/templates.md lists the same functions.
 */
export const TEMPLATE_FUNCTIONS: Readonly<Record<string, TemplateFunction>> = {
  // Random draws, bound to the variant's seeded stream.
  randint: {
    signature: "randint(a, b)",
    summary: "A whole number drawn uniformly from a to b, both included.",
    minArgs: 2,
    maxArgs: 2,
    random: true,
    call: ([a, b], context) => {
      const low = expectInteger(a!, "The first argument of randint", -1e9, 1e9);
      const high = expectInteger(b!, "The second argument of randint", -1e9, 1e9);
      if (high < low) throw new SandboxError("wrong-arguments", `randint(${low}, ${high}) needs a ≤ b. Swap the two numbers.`);
      return requireRng(context, "randint").integer(low, high);
    },
  },
  uniform: {
    signature: "uniform(a, b, decimals)",
    summary: "A number drawn uniformly from [a, b), rounded to `decimals` decimal places (default 2).",
    minArgs: 2,
    maxArgs: 3,
    random: true,
    call: ([a, b, decimals], context) => {
      const low = expectNumber(a!, "The first argument of uniform");
      const high = expectNumber(b!, "The second argument of uniform");
      if (!(low < high)) throw new SandboxError("wrong-arguments", `uniform(${low}, ${high}) needs a < b.`);
      const places = decimals === undefined ? 2 : expectInteger(decimals, "The decimals of uniform", 0, 12);
      return roundTo(requireRng(context, "uniform").uniform(low, high), places);
    },
  },
  normal: {
    signature: "normal(mean, sd, decimals)",
    summary: "A normal draw with the given mean and standard deviation, rounded to `decimals` places (default 2).",
    minArgs: 2,
    maxArgs: 3,
    random: true,
    call: ([mean, sd, decimals], context) => {
      const m = expectNumber(mean!, "The mean of normal");
      const s = expectNumber(sd!, "The standard deviation of normal");
      if (!(s >= 0)) throw new SandboxError("wrong-arguments", `normal(${m}, ${s}) needs sd ≥ 0.`);
      const places = decimals === undefined ? 2 : expectInteger(decimals, "The decimals of normal", 0, 12);
      return roundTo(requireRng(context, "normal").normal(m, s), places);
    },
  },
  pick: {
    signature: "pick(list)",
    summary: "One entry of the list, chosen uniformly.",
    minArgs: 1,
    maxArgs: 1,
    random: true,
    call: ([list], context) => {
      if (!Array.isArray(list) || list.length === 0) {
        throw new SandboxError("wrong-type", "pick(...) needs a non-empty list such as pick([16, 32, 64]).");
      }
      return requireRng(context, "pick").choice(list);
    },
  },

  // Data sets from the numerics generators, drawn from the same stream.
  sine_data: {
    signature: "sine_data(n, noiseSd, xmin, xmax)",
    summary: "n points x ~ U(xmin, xmax) (default [−1, 1]) with y = sin(x) + N(0, noiseSd²); fields x, y, truth.",
    minArgs: 2,
    maxArgs: 4,
    random: true,
    call: (args, context) => regressionData("sine_data", sineTruth(), args, context),
  },
  poly_data: {
    signature: "poly_data(coefficients, n, noiseSd, xmin, xmax)",
    summary: "n points x ~ U(xmin, xmax) with y = Σ cᵢxⁱ + noise (ascending coefficients); fields x, y, truth.",
    minArgs: 3,
    maxArgs: 5,
    random: true,
    call: ([coefficients, ...rest], context) => {
      const truth = numerics("poly_data", () => polynomialTruth(expectVector(coefficients!, "The coefficients of poly_data")));
      return regressionData("poly_data", truth, rest, context);
    },
  },
  ar1_data: {
    signature: "ar1_data(n, phi, noiseSd)",
    summary: "A stationary AR(1) series x_t = φ x_{t−1} + ε_t of length n; fields t (1 … n) and y.",
    minArgs: 3,
    maxArgs: 3,
    random: true,
    call: ([n, phi, noiseSd], context) => {
      const length = dataLength(n!, "ar1_data");
      const series = numerics("ar1_data", () =>
        simulateAr1({
          n: length,
          phi: expectNumber(phi!, "phi of ar1_data"),
          noiseSd: expectNumber(noiseSd!, "noiseSd of ar1_data"),
          rng: requireRng(context, "ar1_data"),
        }),
      );
      return { kind: "data-set", generator: "ar1_data", fields: { t: series.map((_, i) => i + 1), y: series } };
    },
  },
  hitters_split: {
    signature: "hitters_split(testSize)",
    summary: "The 263 Hitters players with a salary split at random (testSize: a fraction or a count); fields xTrain, yTrain, xTest, yTest.",
    minArgs: 1,
    maxArgs: 1,
    random: true,
    call: ([testSize], context) => {
      const size = expectNumber(testSize!, "testSize of hitters_split");
      const indices = numerics("hitters_split", () => trainTestSplit(263, size, requireRng(context, "hitters_split")));
      const split = hittersSplit(indices.test);
      return {
        kind: "data-set",
        generator: "hitters_split",
        fields: { xTrain: split.xTrain, yTrain: split.yTrain, xTest: split.xTest, yTest: split.yTest },
      };
    },
  },

  // Arithmetic beyond the operators.
  sqrt: unary("sqrt", Math.sqrt, "Square root."),
  exp: unary("exp", Math.exp, "e to the power x."),
  ln: unary("ln", Math.log, "Natural logarithm."),
  log10: unary("log10", Math.log10, "Base-10 logarithm."),
  abs: unary("abs", Math.abs, "Absolute value."),
  floor: unary("floor", Math.floor, "Largest whole number ≤ x."),
  ceil: unary("ceil", Math.ceil, "Smallest whole number ≥ x."),
  tanh: unary("tanh", Math.tanh, "Hyperbolic tangent."),
  sin: unary("sin", Math.sin, "Sine (radians)."),
  cos: unary("cos", Math.cos, "Cosine (radians)."),
  round: {
    signature: "round(x, decimals)",
    summary: "x rounded half away from zero to `decimals` places (default 0).",
    minArgs: 1,
    maxArgs: 2,
    call: ([x, decimals]) => {
      const value = expectNumber(x!, "The argument of round");
      const places = decimals === undefined ? 0 : expectInteger(decimals, "The decimals of round", 0, 12);
      return Math.sign(value) * roundTo(Math.abs(value), places);
    },
  },
  min: {
    signature: "min(list)",
    summary: "Smallest entry of a list.",
    minArgs: 1,
    maxArgs: 1,
    call: ([list]) => Math.min(...expectVector(list!, "The argument of min")),
  },
  max: {
    signature: "max(list)",
    summary: "Largest entry of a list.",
    minArgs: 1,
    maxArgs: 1,
    call: ([list]) => Math.max(...expectVector(list!, "The argument of max")),
  },
  sum: {
    signature: "sum(list)",
    summary: "Sum of the entries.",
    minArgs: 1,
    maxArgs: 1,
    call: ([list]) => expectVector(list!, "The argument of sum").reduce((total, value) => total + value, 0),
  },
  mean: {
    signature: "mean(list)",
    summary: "Arithmetic mean of the entries.",
    minArgs: 1,
    maxArgs: 1,
    call: ([list]) => {
      const values = expectVector(list!, "The argument of mean");
      return values.reduce((total, value) => total + value, 0) / values.length;
    },
  },
  length: {
    signature: "length(list)",
    summary: "Number of entries (rows of a matrix).",
    minArgs: 1,
    maxArgs: 1,
    call: ([list]) => {
      if (!Array.isArray(list)) throw new SandboxError("wrong-type", "length(...) needs a list.");
      return list.length;
    },
  },

  // lib/numerics: counts, fits, metrics, time series and the RNN forward pass.
  dense_params: {
    signature: "dense_params(layers)",
    summary: "Parameters of a fully connected network with the given layer sizes, one bias per unit: Σ (n_in + 1)·n_out.",
    minArgs: 1,
    maxArgs: 1,
    call: ([layers]) => numerics("dense_params", () => denseParameterCount(expectVector(layers!, "The layer sizes of dense_params", 2))),
  },
  rnn_params: {
    signature: "rnn_params(p, K, M)",
    summary: "Parameters of a simple RNN with p inputs, K hidden units and M outputs (Keras): K(p+1) + K² + M(K+1).",
    minArgs: 2,
    maxArgs: 3,
    call: ([p, K, M]) =>
      numerics("rnn_params", () =>
        simpleRnnParameterCount({
          inputFeatures: expectNumber(p!, "p of rnn_params"),
          hiddenUnits: expectNumber(K!, "K of rnn_params"),
          outputUnits: M === undefined ? 1 : expectNumber(M, "M of rnn_params"),
        }),
      ),
  },
  rnn_output: {
    signature: "rnn_output(sequence, W, U, B, activation)",
    summary: "Last output O_L of a simple RNN forward pass; activation is 'tanh' (default) or 'relu'.",
    minArgs: 4,
    maxArgs: 5,
    call: ([sequence, W, U, B, activation]) => {
      const result = numerics("rnn_output", () =>
        simpleRnnForward(expectMatrix(sequence!, "The sequence of rnn_output"), {
          W: expectMatrix(W!, "W of rnn_output"),
          U: expectMatrix(U!, "U of rnn_output"),
          B: expectVector(B!, "B of rnn_output"),
          activation: activation === undefined ? "tanh" : (expectString(activation, "The activation of rnn_output") as "tanh"),
        }),
      );
      return result.outputs[result.outputs.length - 1]!;
    },
  },
  ols_coef: {
    signature: "ols_coef(X, y)",
    summary: "Least-squares coefficients with intercept, as [β₀, β₁, …]; X is a vector (one predictor) or a matrix.",
    minArgs: 2,
    maxArgs: 2,
    call: ([X, y]) => {
      const fit = numerics("ols_coef", () => olsFit(expectMatrix(X!, "X of ols_coef"), expectVector(y!, "y of ols_coef")));
      return [fit.intercept, ...fit.coefficients];
    },
  },
  ridge_coef: {
    signature: "ridge_coef(X, y, lambda)",
    summary: "Ridge coefficients [β₀, β₁, …] minimizing ‖y − β₀ − Xβ‖² + λ‖β‖², intercept unpenalized.",
    minArgs: 3,
    maxArgs: 3,
    call: ([X, y, lambda]) => {
      const fit = numerics("ridge_coef", () =>
        ridgeFit(expectMatrix(X!, "X of ridge_coef"), expectVector(y!, "y of ridge_coef"), expectNumber(lambda!, "lambda of ridge_coef")),
      );
      return [fit.intercept, ...fit.coefficients];
    },
  },
  ols_test_mae: {
    signature: "ols_test_mae(Xtrain, ytrain, Xtest, ytest)",
    summary: "Mean absolute error on the test rows of a least-squares fit on the training rows.",
    minArgs: 4,
    maxArgs: 4,
    call: ([Xtrain, ytrain, Xtest, ytest]) =>
      numerics("ols_test_mae", () => {
        const fit = olsFit(expectMatrix(Xtrain!, "Xtrain of ols_test_mae"), expectVector(ytrain!, "ytrain of ols_test_mae"));
        return meanAbsoluteError(expectVector(ytest!, "ytest of ols_test_mae"), linearPredict(fit, expectMatrix(Xtest!, "Xtest of ols_test_mae")));
      }),
  },
  ols_test_mse: {
    signature: "ols_test_mse(Xtrain, ytrain, Xtest, ytest)",
    summary: "Mean squared error on the test rows of a least-squares fit on the training rows.",
    minArgs: 4,
    maxArgs: 4,
    call: ([Xtrain, ytrain, Xtest, ytest]) =>
      numerics("ols_test_mse", () => {
        const fit = olsFit(expectMatrix(Xtrain!, "Xtrain of ols_test_mse"), expectVector(ytrain!, "ytrain of ols_test_mse"));
        return meanSquaredError(expectVector(ytest!, "ytest of ols_test_mse"), linearPredict(fit, expectMatrix(Xtest!, "Xtest of ols_test_mse")));
      }),
  },
  lasso_nonzero: {
    signature: "lasso_nonzero(X, y, lambda)",
    summary: "Number of non-zero lasso coefficients (glmnet scaling, standardized columns, intercept not counted).",
    minArgs: 3,
    maxArgs: 3,
    call: ([X, y, lambda]) =>
      numerics("lasso_nonzero", () =>
        lassoFit(expectMatrix(X!, "X of lasso_nonzero"), expectVector(y!, "y of lasso_nonzero"), expectNumber(lambda!, "lambda of lasso_nonzero"))
          .nonzeroCount,
      ),
  },
  lasso_test_mae: {
    signature: "lasso_test_mae(Xtrain, ytrain, Xtest, ytest, lambda)",
    summary: "Test mean absolute error of a lasso fit (glmnet scaling) on the training rows.",
    minArgs: 5,
    maxArgs: 5,
    call: ([Xtrain, ytrain, Xtest, ytest, lambda]) =>
      numerics("lasso_test_mae", () => {
        const fit = lassoFit(
          expectMatrix(Xtrain!, "Xtrain of lasso_test_mae"),
          expectVector(ytrain!, "ytrain of lasso_test_mae"),
          expectNumber(lambda!, "lambda of lasso_test_mae"),
        );
        return meanAbsoluteError(expectVector(ytest!, "ytest of lasso_test_mae"), linearPredict(fit, expectMatrix(Xtest!, "Xtest of lasso_test_mae")));
      }),
  },
  mse: {
    signature: "mse(actual, predicted)",
    summary: "Mean squared error of two lists of equal length.",
    minArgs: 2,
    maxArgs: 2,
    call: ([actual, predicted]) => {
      const a = expectVector(actual!, "The first list of mse");
      const b = expectVector(predicted!, "The second list of mse");
      sameLength("mse", a, b);
      return numerics("mse", () => meanSquaredError(a, b));
    },
  },
  mae: {
    signature: "mae(actual, predicted)",
    summary: "Mean absolute error of two lists of equal length.",
    minArgs: 2,
    maxArgs: 2,
    call: ([actual, predicted]) => {
      const a = expectVector(actual!, "The first list of mae");
      const b = expectVector(predicted!, "The second list of mae");
      sameLength("mae", a, b);
      return numerics("mae", () => meanAbsoluteError(a, b));
    },
  },
  acf: {
    signature: "acf(series, lag)",
    summary: "Sample autocorrelation ρ(lag) of a series, with the series mean and the undivided sums.",
    minArgs: 2,
    maxArgs: 2,
    call: ([series, lag]) => {
      const values = expectVector(series!, "The series of acf", 2);
      const l = expectInteger(lag!, "The lag of acf", 0, values.length - 1);
      return numerics("acf", () => autocorrelation(values, l)[l]!);
    },
  },
};

/** Formats a list of function names for an "unknown function" message. */
export function functionNamesForMessage(): string {
  return Object.keys(TEMPLATE_FUNCTIONS).join(", ");
}

export function formatNumberForText(value: number): string {
  return formatForMessage(value);
}
