import { selfTestQuestion, type SelfTestFailure } from "@/lib/questions/self-test";

import type { CompiledTemplate } from "./compile";

/** Largest number of seeds one test run may cover. */
export const MAX_TEST_SEEDS = 1_000;
/** Seeds a passing test must cover before a draft can be published. */
export const MIN_PUBLISH_SEEDS = 100;
/** Failures kept per batch; the counts stay exact. */
const MAX_REPORTED_FAILURES = 20;

/** Result of testing one batch of consecutive seeds. */
export interface SeedBatchReport {
  firstSeed: number;
  /** Seeds tested, firstSeed … firstSeed + seeds − 1; may be fewer than requested when time ran out. */
  seeds: number;
  passed: number;
  failed: number;
  /** Seeds on which every draw was rejected by a condition. */
  degenerateSeeds: number[];
  failures: { seed: number; partId: string | null; check: string; message: string }[];
  /** Misconceptions whose value equals the key within the part's tolerance on some seed. */
  collisions: { seed: number; partId: string; tag: string }[];
  rejectedDraws: number;
  maxBuildMs: number;
}

function isDegenerate(failure: SelfTestFailure): boolean {
  return failure.check === "build" && /draws was rejected/.test(failure.message);
}

/**
 * Runs the question self-test (docs/questions.md) on consecutive seeds until `seeds` are done or
 * `timeBudgetMs` has passed; at least one seed is always tested. Callers run further batches
 * from `firstSeed + report.seeds`.
 */
export function runSeedBatch(compiled: CompiledTemplate, options: { firstSeed: number; seeds: number; timeBudgetMs: number }): SeedBatchReport {
  const started = performance.now();
  const report: SeedBatchReport = {
    firstSeed: options.firstSeed,
    seeds: 0,
    passed: 0,
    failed: 0,
    degenerateSeeds: [],
    failures: [],
    collisions: [],
    rejectedDraws: 0,
    maxBuildMs: 0,
  };
  while (report.seeds < options.seeds && (report.seeds === 0 || performance.now() - started < options.timeBudgetMs)) {
    const seed = options.firstSeed + report.seeds;
    const one = selfTestQuestion(compiled.definition, { seeds: 1, firstSeed: seed });
    report.seeds += 1;
    report.passed += one.passed;
    report.failed += one.failed;
    report.rejectedDraws += one.rejectedDraws;
    report.maxBuildMs = Math.max(report.maxBuildMs, one.maxBuildMs);
    report.collisions.push(...one.collisions);
    if (one.failures.some(isDegenerate)) report.degenerateSeeds.push(seed);
    for (const failure of one.failures) {
      if (report.failures.length >= MAX_REPORTED_FAILURES) break;
      report.failures.push({ seed: failure.seed, partId: failure.partId ?? null, check: isDegenerate(failure) ? "degenerate-draw" : failure.check, message: failure.message });
    }
  }
  report.collisions = report.collisions.slice(0, MAX_REPORTED_FAILURES);
  report.maxBuildMs = Math.round(report.maxBuildMs * 10) / 10;
  return report;
}

/** Summary of a whole test, stored with a published version. */
export interface SeedTestSummary {
  seeds: number;
  passed: number;
  failed: number;
  degenerateSeeds: number;
  collisions: number;
  rejectedDraws: number;
  maxBuildMs: number;
}

/**
 * Combines batch reports into one summary. Throws unless the batches cover seeds 1 … N without
 * gaps or overlaps, so a summary always describes a contiguous run.
 */
export function combineBatches(batches: readonly SeedBatchReport[]): SeedTestSummary {
  const sorted = [...batches].sort((a, b) => a.firstSeed - b.firstSeed);
  let next = 1;
  for (const batch of sorted) {
    if (batch.firstSeed !== next) throw new Error(`the test batches do not cover seeds 1 to N without gaps: expected a batch from seed ${next}, got one from ${batch.firstSeed}.`);
    next += batch.seeds;
  }
  return {
    seeds: next - 1,
    passed: sorted.reduce((sum, batch) => sum + batch.passed, 0),
    failed: sorted.reduce((sum, batch) => sum + batch.failed, 0),
    degenerateSeeds: sorted.reduce((sum, batch) => sum + batch.degenerateSeeds.length, 0),
    collisions: sorted.reduce((sum, batch) => sum + batch.collisions.length, 0),
    rejectedDraws: sorted.reduce((sum, batch) => sum + batch.rejectedDraws, 0),
    maxBuildMs: Math.max(0, ...sorted.map((batch) => batch.maxBuildMs)),
  };
}
