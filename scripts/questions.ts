/**
 * Question command-line tool for instructors and tests:
 *
 *   npm run questions -- list
 *   npm run questions -- show <id> --seed <n> [--json]
 *   npm run questions -- grade <id> --seed <n> --answers '<json object of part id → answer>'
 *   npm run questions -- test [<id> ...] [--seeds N] [--first-seed S]
 *
 * `show` prints the keys, so it is for instructors; it never runs inside the web app.
 */
import { parseArgs } from "node:util";

import { z } from "zod";

import {
  buildVariant,
  getQuestion,
  gradeVariant,
  keyAsInput,
  listQuestions,
  QuestionNotFoundError,
  toStudentView,
} from "@/lib/questions";
import { selfTestQuestion } from "@/lib/questions/self-test";

class UsageError extends Error {}

const USAGE = `Usage:
  npm run questions -- list
  npm run questions -- show <id> --seed <n> [--json]
  npm run questions -- grade <id> --seed <n> --answers '{"part-id": "answer"}'
  npm run questions -- test [<id> ...] [--seeds N] [--first-seed S]`;

function parseSeed(text: string | undefined, option = "--seed"): number {
  if (text === undefined) throw new UsageError(`Missing ${option} <n>: give an integer from 0 to 4294967295.`);
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value >= 2 ** 32) {
    throw new UsageError(`Invalid ${option} "${text}": give an integer from 0 to 4294967295.`);
  }
  return value;
}

function requireId(positionals: string[]): string {
  const id = positionals[1];
  if (!id) throw new UsageError("Missing question id. Run `npm run questions -- list` to see them.");
  getQuestion(id);
  return id;
}

function commandList(): void {
  for (const question of listQuestions()) {
    process.stdout.write(
      `${question.id}\tv${question.version}\tdifficulty ${question.difficulty}\t${question.expectedMinutes} min\t` +
        `${question.topics.join(",")}\t${question.title}\n`,
    );
  }
}

function commandShow(positionals: string[], values: { seed?: string; json?: boolean }): void {
  const id = requireId(positionals);
  const variant = buildVariant({ questionId: id, seed: parseSeed(values.seed) });
  const parts = variant.content.parts.map((part) => ({ id: part.id, type: part.spec.type, answer: part.key }));

  if (values.json) {
    const output = { id, version: variant.questionVersion, seed: variant.seed, params: variant.params, parts };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return;
  }

  const view = toStudentView(variant);
  const lines = [
    `${view.title} (${id} v${variant.questionVersion}, seed ${variant.seed})`,
    "",
    "Parameters:",
    JSON.stringify(variant.params, null, 2),
    "",
    "Prompt:",
    variant.content.prompt,
    "",
  ];
  for (const part of variant.content.parts) {
    lines.push(`Part ${part.id} (${part.spec.type}): ${part.label}`);
    lines.push(`  answer: ${keyAsInput(part.spec, part.key)}`);
    for (const misconception of part.misconceptions) {
      lines.push(`  misconception ${misconception.tag}: ${keyAsInput(part.spec, misconception.value)}`);
    }
  }
  if (variant.content.csv) lines.push("", `Data: ${variant.content.csv.filename}`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

const answersSchema = z.record(z.string(), z.string());

function commandGrade(positionals: string[], values: { seed?: string; answers?: string }): void {
  const id = requireId(positionals);
  if (values.answers === undefined) throw new UsageError(`Missing --answers '<json>', e.g. --answers '{"total": "205"}'.`);

  let raw: unknown;
  try {
    raw = JSON.parse(values.answers);
  } catch {
    throw new UsageError(`--answers is not valid JSON: ${values.answers.slice(0, 80)}`);
  }
  const answers = answersSchema.safeParse(raw);
  if (!answers.success) {
    throw new UsageError('--answers must be a JSON object of part id to answer text, e.g. {"total": "205"}.');
  }

  const variant = buildVariant({ questionId: id, seed: parseSeed(values.seed) });
  const result = gradeVariant({ variant, answers: answers.data });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

function commandTest(positionals: string[], values: { seeds?: string; "first-seed"?: string }): boolean {
  const ids = positionals.length > 1 ? positionals.slice(1) : listQuestions().map((question) => question.id);
  const seeds = values.seeds === undefined ? 100 : parseSeed(values.seeds, "--seeds");
  const firstSeed = values["first-seed"] === undefined ? 1 : parseSeed(values["first-seed"], "--first-seed");
  if (seeds < 1) throw new UsageError("--seeds must be at least 1.");

  let passed = 0;
  let failed = 0;
  for (const id of ids) {
    const report = selfTestQuestion(getQuestion(id), { seeds, firstSeed });
    passed += report.passed;
    failed += report.failed;
    process.stdout.write(
      `${id}: ${report.passed}/${report.seeds} seeds passed, ${report.rejectedDraws} draws rejected, ` +
        `${report.collisions.length} misconception collisions, slowest build ${report.maxBuildMs.toFixed(1)} ms\n`,
    );
    const margin = report.smallestNearMissMargin;
    if (margin) {
      process.stdout.write(
        `  smallest near-miss margin ${(margin.margin * 100).toPrecision(3)}% of the tolerance ` +
          `(seed ${margin.seed}, part ${margin.partId}, ${margin.probe})\n`,
      );
    }
    for (const collision of report.collisions.slice(0, 5)) {
      process.stdout.write(`  collision: seed ${collision.seed} part ${collision.partId} tag ${collision.tag}\n`);
    }
    for (const failure of report.failures.slice(0, 20)) {
      process.stdout.write(
        `  FAIL seed ${failure.seed}${failure.partId ? ` part ${failure.partId}` : ""} [${failure.check}]: ${failure.message}\n`,
      );
    }
    if (report.failures.length > 20) process.stdout.write(`  … ${report.failures.length - 20} more failures\n`);
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed === 0;
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}

function main(argv: string[]): number {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      seed: { type: "string" },
      seeds: { type: "string" },
      "first-seed": { type: "string" },
      answers: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });

  const command = positionals[0];
  if (values.help || command === undefined) {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined && !values.help ? 2 : 0;
  }
  switch (command) {
    case "list":
      commandList();
      return 0;
    case "show":
      commandShow(positionals, values);
      return 0;
    case "grade":
      commandGrade(positionals, values);
      return 0;
    case "test":
      return commandTest(positionals, values) ? 0 : 1;
    default:
      throw new UsageError(`Unknown command "${command}".\n${USAGE}`);
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || error instanceof QuestionNotFoundError || isParseArgsError(error)) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
