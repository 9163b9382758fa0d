/**
 * Answer-checking benchmark: checks per second for number answers, expression equivalence and
 * rejection of hostile input, next to SymPy on the same numeric inputs and expression pairs.
 * Not part of CI. Run from the repository root:
 *
 *   npx tsx test/bench/grading/bench.ts
 *
 * It needs Debian's python3-sympy at /usr/bin/python3 for the SymPy column.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";

import { checkAnswer, type AnswerSpec } from "@/lib/grading";
import { createRng } from "@/lib/numerics";

interface PairFile {
  variables: { name: string; min: number; max: number }[];
  pairs: { a: string; b: string; kind: string; equivalent: boolean }[];
}

const here = new URL(".", import.meta.url).pathname;
const pairFile = JSON.parse(readFileSync(join(here, "expression-pairs.json"), "utf8")) as PairFile;

function timeIt(run: () => void): number {
  const start = performance.now();
  run();
  return (performance.now() - start) / 1000;
}

/** Number inputs typed in the usual forms, with keys and an absolute tolerance. */
function numericCases(count: number): { input: string; key: number; abs: number }[] {
  const rng = createRng(7);
  const forms = [
    (v: number) => v.toPrecision(6),
    (v: number) => v.toExponential(4),
    (v: number) => `${(v * 4).toPrecision(6)}/4`,
    (v: number) => `${v.toExponential(3).replace(/e([+-]\d+)/, "*10^($1)")}`,
  ];
  return Array.from({ length: count }, () => {
    const key = rng.uniform(-1000, 1000);
    const typed = rng.uniform(0, 1) < 0.5 ? key : key * 1.01;
    return { input: (forms[rng.integer(0, forms.length - 1)] as (v: number) => string)(typed), key, abs: Math.abs(key) * 1e-3 };
  });
}

const HOSTILE = [
  "9^9^9^9",
  "factorial(100000)",
  "zeros(100000,100000)",
  `${"(".repeat(10_000)}1${")".repeat(10_000)}`,
  "1".repeat(1_000_000),
  'import({}, {override: true})',
  "x.constructor",
  "1,345",
  "2 3",
  "sqrt(-2)",
];

function main(): void {
  const numeric = numericCases(5000);
  const numberSpec: AnswerSpec = { type: "number", tolerance: { abs: 0 } };
  const expressionSpec: AnswerSpec = { type: "expression", variables: pairFile.variables };

  // Warm-up so that the timings measure compiled code.
  for (const item of numeric.slice(0, 500)) checkAnswer({ spec: { ...numberSpec, tolerance: { abs: item.abs } }, key: item.key, input: item.input });
  for (const pair of pairFile.pairs.slice(0, 100)) checkAnswer({ spec: expressionSpec, key: pair.a, input: pair.b, seed: 1 });

  const numericVerdicts: boolean[] = [];
  const numericSeconds = timeIt(() => {
    for (const item of numeric) {
      const result = checkAnswer({ spec: { type: "number", tolerance: { abs: item.abs } }, key: item.key, input: item.input });
      numericVerdicts.push(result.gradable && result.correct);
    }
  });

  const pairVerdicts: (boolean | string)[] = [];
  const pairSeconds = timeIt(() => {
    for (const pair of pairFile.pairs) {
      const result = checkAnswer({ spec: expressionSpec, key: pair.a, input: pair.b, seed: 1 });
      pairVerdicts.push(result.gradable ? result.correct : `format error ${result.formatError.code}`);
    }
  });

  const hostileRounds = 100;
  const hostileSeconds = timeIt(() => {
    for (let round = 0; round < hostileRounds; round += 1) {
      for (const input of HOSTILE) checkAnswer({ spec: numberSpec, key: 1, input });
    }
  });

  const workDir = mkdtempSync(join(tmpdir(), "grading-bench-"));
  const jobPath = join(workDir, "job.json");
  writeFileSync(jobPath, JSON.stringify({ numeric, pairs: pairFile.pairs, variables: pairFile.variables }));
  const sympy = JSON.parse(
    execFileSync("/usr/bin/python3", [join(here, "sympy_bench.py"), jobPath], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }),
  ) as { sympy: string; python: string; numericSeconds: number; numericVerdicts: boolean[]; pairSeconds: number; pairVerdicts: boolean[] };
  rmSync(workDir, { recursive: true });

  const numericAgree = numericVerdicts.filter((verdict, index) => verdict === sympy.numericVerdicts[index]).length;
  const pairAgree = pairVerdicts.filter((verdict, index) => verdict === sympy.pairVerdicts[index]).length;
  const labelAgreeOurs = pairVerdicts.filter((verdict, index) => verdict === pairFile.pairs[index]?.equivalent).length;
  const labelAgreeSympy = sympy.pairVerdicts.filter((verdict, index) => verdict === pairFile.pairs[index]?.equivalent).length;

  const rate = (count: number, seconds: number) => (count / seconds).toFixed(0);
  console.log(`machine: ${cpus().length} CPUs, ${cpus()[0]?.model ?? "unknown"}, node ${process.version}, SymPy ${sympy.sympy}, Python ${sympy.python}`);
  console.log("| workload | checks | ours (checks/s) | SymPy (checks/s) | speed ratio | verdicts agree |");
  console.log("| --- | --- | --- | --- | --- | --- |");
  console.log(
    `| number answers | ${numeric.length} | ${rate(numeric.length, numericSeconds)} | ${rate(numeric.length, sympy.numericSeconds)} | ${(sympy.numericSeconds / numericSeconds).toFixed(1)}× | ${numericAgree}/${numeric.length} |`,
  );
  console.log(
    `| expression pairs | ${pairFile.pairs.length} | ${rate(pairFile.pairs.length, pairSeconds)} | ${rate(pairFile.pairs.length, sympy.pairSeconds)} | ${(sympy.pairSeconds / pairSeconds).toFixed(1)}× | ${pairAgree}/${pairFile.pairs.length} |`,
  );
  console.log(`| hostile inputs rejected | ${hostileRounds * HOSTILE.length} | ${rate(hostileRounds * HOSTILE.length, hostileSeconds)} | not run | | |`);
  console.log(`expression pairs matching the generator's label: ours ${labelAgreeOurs}/${pairFile.pairs.length}, SymPy ${labelAgreeSympy}/${pairFile.pairs.length}`);
  pairFile.pairs.forEach((pair, index) => {
    const ours = pairVerdicts[index];
    const theirs = sympy.pairVerdicts[index];
    if (ours !== theirs) console.log(`disagreement #${index} (${pair.kind}, label ${pair.equivalent}): ours ${String(ours)}, SymPy ${String(theirs)}: ${pair.a}  vs  ${pair.b}`);
  });
}

main();
