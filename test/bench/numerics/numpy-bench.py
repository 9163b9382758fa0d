"""numpy / scikit-learn side of test/bench/numerics/bench.ts.

Reads the workload description (JSON, path in argv[1]) written by bench.ts, times each workload
(median of `runs` runs after one warm-up run) and prints JSON with seconds per workload and the
library versions. The workloads mirror the TypeScript ones; see bench.ts for what each measures.
"""

import json
import platform
import sys
import time
import warnings

import numpy as np
import sklearn
from numpy.polynomial import legendre
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LassoCV, lasso_path

warnings.simplefilter("ignore", ConvergenceWarning)


def median_seconds(function, runs):
    function()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return float(np.median(samples))


def lasso_cv_glmnet_style(X, y, lambdas, folds, tol):
    """Per-fold standardization (1/n sd) and lasso_path on the fold, as cv.glmnet and lib/numerics do."""
    errors = []
    for test in folds:
        train = np.setdiff1d(np.arange(len(y)), test)
        mean, sd = X[train].mean(axis=0), X[train].std(axis=0)
        Z = (X[train] - mean) / sd
        _, coefs, _ = lasso_path(Z, y[train] - y[train].mean(), alphas=lambdas, tol=tol, max_iter=100_000)
        beta = coefs / sd[:, None]
        intercept = y[train].mean() - mean @ beta
        errors.append(np.mean((y[test][:, None] - (intercept + X[test] @ beta)) ** 2, axis=0))
    return np.mean(errors, axis=0)


def double_descent(x, y, x_test, y_test, degrees):
    result = []
    for degree in degrees:
        design = legendre.legvander(x, degree)
        beta, *_ = np.linalg.lstsq(design, y, rcond=None)
        result.append((np.mean((y_test - legendre.legvander(x_test, degree) @ beta) ** 2), np.linalg.cond(design)))
    return result


def bias_variance(n, degree, repetitions, test_points, noise_sd, seed):
    rng = np.random.default_rng(seed)
    predictions = np.empty((repetitions, len(test_points)))
    for r in range(repetitions):
        x = rng.uniform(-3, 3, n)
        y = np.sin(x) + rng.normal(0, noise_sd, n)
        predictions[r] = legendre.Legendre.fit(x, y, degree)(test_points)
    mean = predictions.mean(axis=0)
    return (mean - np.sin(test_points)) ** 2, predictions.var(axis=0)


def rnn_forward(sequences, W, U, B):
    batch = np.zeros((sequences.shape[0], W.shape[0]))
    outputs = []
    for step in range(sequences.shape[1]):
        batch = np.tanh(W[:, 0] + sequences[:, step, :] @ W[:, 1:].T + batch @ U.T)
        outputs.append(B[0] + batch @ B[1:])
    return np.stack(outputs, axis=1)


def main():
    job = json.loads(open(sys.argv[1]).read())
    runs = job["runs"]
    X, y = np.array(job["lasso"]["X"]), np.array(job["lasso"]["y"])
    lambdas = np.array(job["lasso"]["lambdas"])
    folds = [np.array(fold) for fold in job["lasso"]["folds"]]
    dd = job["doubleDescent"]
    bv = job["biasVariance"]
    rnn = job["rnn"]
    sequences, W, U, B = (np.array(rnn[key]) for key in ["sequences", "W", "U", "B"])
    seconds = {
        "lassoCvTight": median_seconds(lambda: lasso_cv_glmnet_style(X, y, lambdas, folds, 1e-12), runs),
        "lassoCvDefault": median_seconds(
            lambda: LassoCV(alphas=lambdas, cv=[(np.setdiff1d(np.arange(len(y)), f), f) for f in folds]).fit((X - X.mean(0)) / X.std(0), y), runs),
        "doubleDescent": median_seconds(
            lambda: double_descent(np.array(dd["xTrain"]), np.array(dd["yTrain"]), np.array(dd["xTest"]), np.array(dd["yTest"]), dd["sizes"]), runs),
        "biasVariance": median_seconds(
            lambda: bias_variance(bv["n"], bv["degree"], bv["repetitions"], np.array(bv["testPoints"]), bv["noiseSd"], 1), runs),
        "rnnForward": median_seconds(lambda: rnn_forward(sequences, W, U, B), runs),
    }
    print(json.dumps({"seconds": seconds, "numpy": np.__version__, "sklearn": sklearn.__version__, "python": platform.python_version()}))


if __name__ == "__main__":
    main()
