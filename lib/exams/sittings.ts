import {
  closeExamAttempt,
  completeExamAttempt,
  DbError,
  insertExamAttempt,
  insertSubmission,
  saveExamItemAnswers,
  selectAssessment,
  selectCourseWithRole,
  selectExamAttemptForOwner,
  selectExamAttemptsForUser,
  selectExtraMinutes,
  selectUnfinishedExamAttemptIds,
  type ExamAttemptRecord,
} from "@/lib/db";
import { getServerEnv } from "@/lib/config/env";
import { AppError } from "@/lib/http/app-error";
import { logger } from "@/lib/log";
import { withVariantLock } from "@/lib/practice/attempt-policy";
import {
  buildVariant,
  drawSeed,
  listQuestions,
  listTopics,
  questionTopics,
  toStudentView,
  VariantGenerationError,
  type StudentVariantView,
  type Variant,
  variantCsv,
} from "@/lib/questions";
import type { SessionUser } from "@/lib/auth/session";

import { formatClockTimeUtc, serverNow } from "./clock";
import { examItemIdempotencyKey, gradeExamItem } from "./grade-item";
import {
  AssemblyError,
  assembleFromBank,
  computeDeadline,
  defaultTimeLimitMinutes,
  examScore,
  expandAssessmentSpec,
  isPastDeadline,
  windowProblem,
  type BankQuestion,
} from "./rules";

/** Fresh seeds tried per question before the start fails; a failing seed is rare (see the self-test). */
const MAX_SEED_ATTEMPTS = 3;

export interface ExamItemView {
  itemId: string;
  position: number;
  /** Student view only: prompt, parts and figures, no keys. */
  view: StudentVariantView;
  savedAnswers: Record<string, string>;
  savedAt: string | null;
}

/** An unfinished sitting as the exam page shows it. */
export interface ExamSittingView {
  id: string;
  title: string;
  status: "in_progress";
  startedAt: string;
  deadline: string;
  /** The server's clock when the view was made, so the page can correct for a wrong browser clock. */
  serverNow: string;
  items: ExamItemView[];
}

export type ExamState = ExamSittingView | { id: string; title: string; status: "finished" };

function bankQuestions(): BankQuestion[] {
  return listQuestions().map((question) => ({ id: question.id, topics: question.topics, expectedMinutes: question.expectedMinutes }));
}

/** Message for any request that reaches a sitting after it closed. */
export function examEndedMessage(closedAt: Date): string {
  return `The exam ended at ${formatClockTimeUtc(closedAt)} UTC; answers saved until then were graded.`;
}

async function loadOwnedExam(user: SessionUser, unsafeExamId: string): Promise<ExamAttemptRecord> {
  const exam = await selectExamAttemptForOwner({ unsafeExamAttemptId: unsafeExamId, userId: user.id });
  if (exam === null) throw new AppError("not_found", `Exam "${unsafeExamId}" was not found.`);
  return exam;
}

/** Draws seeds until the question builds, so a sitting never starts with a broken variant. */
function drawWorkingSeed(questionId: string): { seed: number; variant: Variant } {
  for (let attempt = 1; attempt <= MAX_SEED_ATTEMPTS; attempt += 1) {
    const seed = drawSeed();
    try {
      return { seed, variant: buildVariant({ questionId, seed }) };
    } catch (error) {
      if (!(error instanceof VariantGenerationError)) throw error;
      logger.error({ err: error, questionId, seed, attempt }, "exam variant generation failed; drawing another seed");
    }
  }
  throw new AppError("internal", `Question "${questionId}" failed to generate ${MAX_SEED_ATTEMPTS} variants in a row.`);
}

async function rejectOpenSitting(user: SessionUser, now: Date): Promise<void> {
  for (const examId of await selectUnfinishedExamAttemptIds({ userId: user.id })) {
    const exam = await finalizeIfDue(user, examId, now);
    if (exam.status === "in_progress" && exam.finishedAt === null) {
      throw new AppError(
        "conflict",
        `You already have an exam in progress ("${exam.title}"). Finish it at /exams/${exam.id} before starting another.`,
      );
    }
  }
}

async function createSitting(args: {
  user: SessionUser;
  title: string;
  questions: BankQuestion[];
  startedAt: Date;
  deadline: Date;
  courseId: string | null;
  assessmentId: string | null;
  maxAttempts?: number;
}): Promise<{ examId: string }> {
  const items = args.questions.map((question) => {
    const { seed, variant } = drawWorkingSeed(question.id);
    return { questionId: question.id, questionVersion: Number.parseInt(variant.questionVersion, 10), seed };
  });
  const exam = await insertExamAttempt({
    userId: args.user.id,
    courseId: args.courseId,
    assessmentId: args.assessmentId,
    title: args.title,
    startedAt: args.startedAt,
    deadline: args.deadline,
    items,
    ...(args.maxAttempts === undefined ? {} : { maxAttempts: args.maxAttempts }),
  });
  logger.info(
    { userId: args.user.id, examId: exam.id, assessmentId: args.assessmentId, items: items.length, deadline: args.deadline.toISOString() },
    "exam sitting started",
  );
  return { examId: exam.id };
}

/**
 * Starts a practice exam assembled from the bank: `questionCount` distinct questions spread across
 * the chosen topics (all topics when none are given), each with a new exam-mode variant drawn with
 * a server seed. The time limit defaults to the questions' expected minutes, summed and rounded up.
 */
export async function startBankExam(args: {
  user: SessionUser;
  questionCount: number;
  timeLimitMinutes?: number;
  topics?: string[];
  now?: Date;
}): Promise<{ examId: string }> {
  const now = args.now ?? serverNow();
  const knownTopics = new Set(listTopics().map((topic) => topic.id));
  const unknown = (args.topics ?? []).filter((topic) => !knownTopics.has(topic as never));
  if (unknown.length > 0) {
    throw new AppError("invalid_input", `Unknown topic "${unknown[0]}". Choose topics from: ${[...knownTopics].join(", ")}.`, {
      fields: { topics: [`Unknown topic "${unknown[0]}".`] },
    });
  }
  await rejectOpenSitting(args.user, now);

  let questions: BankQuestion[];
  try {
    questions = assembleFromBank({
      questions: bankQuestions(),
      count: args.questionCount,
      ...(args.topics === undefined ? {} : { topics: args.topics }),
      random: Math.random,
    });
  } catch (error) {
    if (error instanceof AssemblyError) throw new AppError("invalid_input", error.message, { fields: { questionCount: [error.message] } });
    throw error;
  }

  const limit = args.timeLimitMinutes ?? defaultTimeLimitMinutes(questions.map((question) => question.expectedMinutes));
  return createSitting({
    user: args.user,
    title: `Practice exam: ${questions.length} questions`,
    questions,
    startedAt: now,
    deadline: computeDeadline({ startedAt: now, timeLimitMinutes: limit }),
    courseId: null,
    assessmentId: null,
  });
}

/**
 * Starts a sitting of a published assessment of one of the student's courses. It respects the
 * opening window, the number of sittings allowed and the student's extra minutes; the deadline
 * never passes the closing time.
 */
export async function startAssessmentExam(args: { user: SessionUser; unsafeAssessmentId: string; now?: Date }): Promise<{ examId: string }> {
  const now = args.now ?? serverNow();
  const assessment = await selectAssessment({ unsafeAssessmentId: args.unsafeAssessmentId });
  const membership =
    assessment === null ? null : await selectCourseWithRole({ unsafeCourseId: assessment.courseId, userId: args.user.id });
  if (assessment === null || !assessment.published || membership?.role !== "student") {
    throw new AppError("not_found", `Assessment "${args.unsafeAssessmentId}" was not found among the published assessments of your courses.`);
  }

  const problem = windowProblem(assessment, now);
  if (problem === "not_open") {
    throw new AppError("conflict", `"${assessment.title}" opens at ${assessment.opensAt!.toISOString()}; start it after that time.`);
  }
  if (problem === "closed") {
    throw new AppError("conflict", `"${assessment.title}" closed at ${assessment.closesAt!.toISOString()}; it can no longer be started.`);
  }
  await rejectOpenSitting(args.user, now);

  let questions: BankQuestion[];
  try {
    questions = expandAssessmentSpec({ spec: assessment.questionSpec, questions: bankQuestions(), random: Math.random });
  } catch (error) {
    if (error instanceof AssemblyError) {
      throw new AppError("conflict", `"${assessment.title}" cannot be assembled: ${error.message} Ask the instructor to fix its question list.`);
    }
    throw error;
  }

  const extraMinutes = await selectExtraMinutes({ assessmentId: assessment.id, userId: args.user.id });
  try {
    return await createSitting({
      user: args.user,
      title: assessment.title,
      questions,
      startedAt: now,
      deadline: computeDeadline({ startedAt: now, timeLimitMinutes: assessment.timeLimitMinutes, extraMinutes, closesAt: assessment.closesAt }),
      courseId: assessment.courseId,
      assessmentId: assessment.id,
      maxAttempts: assessment.maxAttempts,
    });
  } catch (error) {
    if (error instanceof DbError && error.code === "limit_reached") {
      const noun = assessment.maxAttempts === 1 ? "sitting" : "sittings";
      throw new AppError("conflict", `You have used all ${assessment.maxAttempts} ${noun} of "${assessment.title}".`);
    }
    throw error;
  }
}

/**
 * Grades a closed sitting exactly once. Each item's saved answers get one gradable submission
 * through insertSubmission, keyed by the item, so a second grading (a concurrent request, or a
 * retry after a crash) replays the stored submission and counts no progress twice. The sitting is
 * then marked finished by a conditional update that only one request can apply.
 */
async function gradeClosedSitting(user: SessionUser, exam: ExamAttemptRecord): Promise<void> {
  const links: { itemId: string; submissionId: string }[] = [];
  const scores: number[] = [];
  for (const item of exam.items) {
    let variant: Variant;
    try {
      variant = buildVariant({ questionId: item.questionId, seed: item.seed, version: String(item.questionVersion) });
    } catch (error) {
      // NOTE: an item whose question changed or vanished since the start is left out of the score.
      logger.error({ err: error, examId: exam.id, itemId: item.id, questionId: item.questionId }, "exam item could not be rebuilt for grading");
      continue;
    }
    const grade = gradeExamItem(variant, item.savedAnswers);
    const stored = await insertSubmission({
      idempotencyKey: examItemIdempotencyKey(item.id),
      variantId: item.variantId,
      userId: user.id,
      topics: questionTopics(item.questionId),
      totalScore: grade.totalScore,
      gradable: true,
      parts: grade.parts,
      feedback: grade.feedback,
      misconceptionTags: grade.misconceptionTags,
      formatErrors: grade.formatErrors,
      timeTakenMs: null,
      questionVersion: item.questionVersion,
      appVersion: getServerEnv().APP_VERSION,
    });
    links.push({ itemId: item.id, submissionId: stored.submission.id });
    scores.push(stored.submission.totalScore);
  }

  const score = examScore(scores);
  const { completed } = await completeExamAttempt({ examAttemptId: exam.id, userId: user.id, score, links });
  if (completed) logger.info({ userId: user.id, examId: exam.id, score, items: links.length }, "exam sitting graded");
}

/**
 * Returns the sitting, grading it first when it is due: closed by the student, or past its
 * deadline at `now`. Every read goes through here, so an expired sitting is finalized by whichever
 * request sees it first.
 */
export async function finalizeIfDue(user: SessionUser, examId: string, now: Date): Promise<ExamAttemptRecord> {
  const exam = await loadOwnedExam(user, examId);
  if (exam.status === "finished") return exam;
  if (exam.finishedAt === null && !isPastDeadline(exam.deadline, now)) return exam;

  // One grading per sitting at a time in this process; across processes the database decides.
  await withVariantLock(`exam:${exam.id}`, async () => {
    await closeExamAttempt({ examAttemptId: exam.id, userId: user.id, now });
    const closed = await loadOwnedExam(user, exam.id);
    if (closed.status !== "finished") await gradeClosedSitting(user, closed);
  });
  return loadOwnedExam(user, exam.id);
}

/** The sitting for the exam page: questions without keys and the saved answers, or only its finished state. */
export async function getExamForUser(args: { user: SessionUser; unsafeExamId: string; now?: Date }): Promise<ExamState> {
  const now = args.now ?? serverNow();
  const owned = await loadOwnedExam(args.user, args.unsafeExamId);
  const exam = await finalizeIfDue(args.user, owned.id, now);
  if (exam.status === "finished" || exam.finishedAt !== null) return { id: exam.id, title: exam.title, status: "finished" };

  return {
    id: exam.id,
    title: exam.title,
    status: "in_progress",
    startedAt: exam.startedAt.toISOString(),
    deadline: exam.deadline.toISOString(),
    serverNow: now.toISOString(),
    items: exam.items.map((item) => ({
      itemId: item.id,
      position: item.position,
      view: toStudentView(buildVariant({ questionId: item.questionId, seed: item.seed, version: String(item.questionVersion) })),
      savedAnswers: item.savedAnswers,
      savedAt: item.savedAt?.toISOString() ?? null,
    })),
  };
}

/**
 * Saves one item's answers while the sitting is open. A save at or after the deadline (by the
 * server's clock) or after the student submitted is rejected with a conflict that says when the
 * exam ended; the sitting is graded with the answers saved until then.
 */
export async function saveExamAnswers(args: {
  user: SessionUser;
  unsafeExamId: string;
  itemId: string;
  answers: Record<string, string>;
  now?: Date;
}): Promise<{ savedAt: string }> {
  const now = args.now ?? serverNow();
  const exam = await loadOwnedExam(args.user, args.unsafeExamId);
  const item = exam.items.find((candidate) => candidate.id === args.itemId);
  if (item === undefined) {
    throw new AppError("not_found", `Exam "${exam.id}" has no item "${args.itemId}".`, { fields: { itemId: ["Not an item of this exam."] } });
  }
  const variant = buildVariant({ questionId: item.questionId, seed: item.seed, version: String(item.questionVersion) });
  const partIds = variant.content.parts.map((part) => part.id);
  const unknown = Object.keys(args.answers).filter((partId) => !partIds.includes(partId));
  if (unknown.length > 0) {
    throw new AppError("invalid_input", `This question has no part "${unknown[0]}". Its parts are: ${partIds.join(", ")}.`, {
      fields: Object.fromEntries(unknown.map((partId) => [`answers.${partId}`, ["No such part."]])),
    });
  }

  const result = await saveExamItemAnswers({ examAttemptId: exam.id, userId: args.user.id, itemId: item.id, answers: args.answers, now });
  if (!result.saved) {
    logger.info({ userId: args.user.id, examId: exam.id, itemId: item.id, reason: result.reason }, "exam save rejected: the sitting has ended");
    await finalizeIfDue(args.user, exam.id, now);
    throw new AppError("conflict", examEndedMessage(result.closedAt));
  }
  return { savedAt: result.savedAt.toISOString() };
}

/** Ends the sitting at the student's request (or the page's timer) and grades the saved answers. */
export async function submitExam(args: { user: SessionUser; unsafeExamId: string; now?: Date }): Promise<{ examId: string; score: number }> {
  const now = args.now ?? serverNow();
  const exam = await loadOwnedExam(args.user, args.unsafeExamId);
  if (exam.status !== "finished") await closeExamAttempt({ examAttemptId: exam.id, userId: args.user.id, now });
  const finished = await finalizeIfDue(args.user, exam.id, now);
  return { examId: finished.id, score: finished.score ?? 0 };
}

export interface ExamSummary {
  id: string;
  title: string;
  status: "in_progress" | "finished";
  startedAt: string;
  deadline: string;
  finishedAt: string | null;
  score: number | null;
  questionCount: number;
}

/** The student's sittings, newest first, after grading any that are due. */
export async function listExams(args: { user: SessionUser; now?: Date }): Promise<ExamSummary[]> {
  const now = args.now ?? serverNow();
  for (const examId of await selectUnfinishedExamAttemptIds({ userId: args.user.id })) {
    await finalizeIfDue(args.user, examId, now);
  }
  const rows = await selectExamAttemptsForUser({ userId: args.user.id, limit: 100 });
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    status: row.status,
    startedAt: row.startedAt.toISOString(),
    deadline: row.deadline.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    score: row.score,
    questionCount: row.itemCount,
  }));
}

/** The data file of one question of the user's sitting, for questions that offer one; not_found otherwise. */
export async function getExamItemCsv(args: { user: SessionUser; unsafeExamId: string; itemId: string }): Promise<{ filename: string; csv: string }> {
  const exam = await loadOwnedExam(args.user, args.unsafeExamId);
  const item = exam.items.find((candidate) => candidate.id === args.itemId);
  if (item === undefined) throw new AppError("not_found", `Exam "${exam.id}" has no item "${args.itemId}".`);
  const file = variantCsv(buildVariant({ questionId: item.questionId, seed: item.seed, version: String(item.questionVersion) }));
  if (file === null) throw new AppError("not_found", `Question ${item.position + 1} of exam "${exam.id}" has no data file.`);
  return file;
}
