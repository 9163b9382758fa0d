/**
 * Times lib/numerics against numpy / scikit-learn on the same workloads, side by side.
 *
 * Run from the repository root (not part of CI): npx tsx test/bench/numerics/bench.ts
 * It needs Debian's python3-numpy and python3-sklearn at /usr/bin/python3 for the reference
 * column. Each workload reports the median of RUNS runs after one warm-up run, on each side.
 * Results are recorded in the "Numerics" section of docs/benchmarks.md.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import {
  biasVarianceMonteCarlo,
  createRng,
  doubleDescentSweep,
  kFolds,
  lassoCv,
  lassoLambdaPath,
  layoutPoints,
  loadHitters,
  simpleRnnForwardBatch,
  simulateRegression,
  squarePulseTruth,
} from "@/lib/numerics";

const RUNS = 5;

function medianSeconds(work: () => unknown): number {
  work();
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    work();
    samples.push((performance.now() - start) / 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(RUNS / 2)] as number;
}

// Lasso-CV on the 263 Hitters players: 100 λ (glmnet grid), 10 folds.
const hitters = loadHitters();
const lambdas = lassoLambdaPath(hitters.X, hitters.salary, { nLambda: 100 });
const folds = kFolds(hitters.salary.length, 10, createRng(1));

// Double-descent sweep: the documented stable configuration, degrees 0 to 160.
const pulse = squarePulseTruth();
const train = simulateRegression({ truth: pulse, n: 20, xRange: [-1, 1], noiseSd: 0.1, rng: createRng(2), layout: "equally-spaced" });
const xTest = layoutPoints(1000, [-1, 1], "equally-spaced");
const doubleDescent = { xTrain: train.x, yTrain: train.y, xTest, yTest: xTest.map(pulse), sizes: Array.from({ length: 161 }, (_, d) => d) };

// Bias–variance Monte Carlo: 1,000 training sets of n = 50 from U(−3, 3), sin truth, degree-5 fits, 50 test points.
const biasVariance = { n: 50, degree: 5, repetitions: 1000, noiseSd: 0.3, testPoints: layoutPoints(50, [-2.9, 2.9], "equally-spaced") };

// RNN forward pass: 1,000 NYSE-shaped sequences (L = 5, p = 3), K = 12, tanh.
const rng = createRng(3);
const K = 12;
const rnn = {
  W: Array.from({ length: K }, () => Array.from({ length: 4 }, () => rng.normal(0, 0.4))),
  U: Array.from({ length: K }, () => Array.from({ length: K }, () => rng.normal(0, 0.4))),
  B: Array.from({ length: K + 1 }, () => rng.normal()),
  sequences: Array.from({ length: 1000 }, () => Array.from({ length: 5 }, () => Array.from({ length: 3 }, () => rng.normal()))),
};

const ours = {
  lassoCv: medianSeconds(() => lassoCv({ X: hitters.X, y: hitters.salary, lambdas, folds })),
  doubleDescent: medianSeconds(() => doubleDescentSweep({ basis: "legendre", ...doubleDescent, interval: [-1, 1] })),
  biasVariance: medianSeconds(() =>
    biasVarianceMonteCarlo({
      truth: Math.sin,
      noiseSd: biasVariance.noiseSd,
      n: biasVariance.n,
      xRange: [-3, 3],
      estimator: { kind: "polynomial", degree: biasVariance.degree },
      testPoints: biasVariance.testPoints,
      repetitions: biasVariance.repetitions,
      rng: createRng(4),
    }),
  ),
  rnnForward: medianSeconds(() => simpleRnnForwardBatch(rnn.sequences, { W: rnn.W, U: rnn.U, B: rnn.B })),
};

const jobPath = join(mkdtempSync(join(tmpdir(), "numerics-bench-")), "job.json");
writeFileSync(
  jobPath,
  JSON.stringify({ runs: RUNS, lasso: { X: hitters.X, y: hitters.salary, lambdas, folds: folds.map((f) => f.test) }, doubleDescent, biasVariance, rnn }),
);
const here = new URL(".", import.meta.url).pathname;
const reference = JSON.parse(
  execFileSync("/usr/bin/python3", [join(here, "numpy-bench.py"), jobPath], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }),
) as { seconds: Record<string, number>; numpy: string; sklearn: string; python: string };

const cpuModel = readFileSync("/proc/cpuinfo", "utf8").match(/model name\s*:\s*(.*)/)?.[1] ?? "unknown";
const rows: [string, number, number, string][] = [
  ["lasso-CV, Hitters, 100 λ × 10 folds (reference: per-fold lasso_path, tol 1e-12)", ours.lassoCv, reference.seconds.lassoCvTight as number, "lasso_path"],
  ["lasso-CV, same grid and folds (reference: LassoCV, default tol 1e-4)", ours.lassoCv, reference.seconds.lassoCvDefault as number, "LassoCV"],
  ["double-descent sweep, n = 20, degrees 0–160, 1000 test points", ours.doubleDescent, reference.seconds.doubleDescent as number, "legvander + lstsq + cond"],
  ["bias–variance Monte Carlo, 1000 repetitions, n = 50, degree 5, 50 points", ours.biasVariance, reference.seconds.biasVariance as number, "Legendre.fit loop"],
  ["RNN forward pass, 1000 sequences, L = 5, p = 3, K = 12", ours.rnnForward, reference.seconds.rnnForward as number, "batched numpy"],
];

process.stdout.write(
  `machine: nproc ${cpus().length}, ${cpuModel}, node ${process.version}, Python ${reference.python}, numpy ${reference.numpy}, scikit-learn ${reference.sklearn}\n`,
);
process.stdout.write(`median of ${RUNS} runs after one warm-up, seconds\n\n`);
process.stdout.write("| workload | lib/numerics (s) | numpy / scikit-learn (s) | ratio ours / reference |\n| --- | --- | --- | --- |\n");
for (const [name, ourSeconds, referenceSeconds] of rows) {
  process.stdout.write(`| ${name} | ${ourSeconds.toFixed(4)} | ${referenceSeconds.toFixed(4)} | ${(ourSeconds / referenceSeconds).toFixed(2)} |\n`);
}
