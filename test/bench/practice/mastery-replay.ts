/**
 * Times the progress page's mastery replay on a synthetic history: 5,000 graded attempts spread
 * evenly over 365 days, cycling through the twelve topics.
 *
 * Run from the repository root (not part of CI): npx tsx test/bench/practice/mastery-replay.ts
 * It prints the median of RUNS runs after one warm-up run. Results are recorded in the "Mastery
 * replay" section of docs/benchmarks.md.
 */
import { cpus } from "node:os";

import { computeMastery } from "@/lib/practice/mastery";
import { replayMasteryByDay } from "@/lib/practice/mastery-history";
import { TOPIC_IDS } from "@/lib/questions/topics";

const ATTEMPTS = 5_000;
const DAYS = 365;
const RUNS = 5;
const MS_PER_DAY = 86_400_000;

const start = Date.parse("2025-01-01T00:00:00Z");
const attempts = Array.from({ length: ATTEMPTS }, (_, index) => ({
  topics: [TOPIC_IDS[index % TOPIC_IDS.length]!],
  score: (index % 3) / 2,
  tryNumber: 1 + (index % 3),
  afterSolution: index % 5 === 0,
  // Whole days from the spread, plus one second per attempt, so times are strictly increasing.
  at: new Date(start + Math.floor((index * DAYS) / ATTEMPTS) * MS_PER_DAY + index * 1_000),
}));

function medianMs(task: () => unknown): number {
  task();
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const begin = performance.now();
    task();
    times.push(performance.now() - begin);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)] as number;
}

const days = replayMasteryByDay(attempts).length;
console.log(`CPU: ${cpus()[0]?.model ?? "unknown"} × ${cpus().length}, Node.js ${process.version}`);
console.log(`computeMastery, ${ATTEMPTS} attempts: ${medianMs(() => computeMastery(attempts)).toFixed(1)} ms`);
console.log(`replayMasteryByDay, ${ATTEMPTS} attempts over ${days} days: ${medianMs(() => replayMasteryByDay(attempts)).toFixed(1)} ms`);
