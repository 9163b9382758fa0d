import type {
  Course,
  Enrollment,
  EnrollmentRole,
  Submission,
  SubmissionPart,
  TopicProgress,
  User,
  UserRole,
  Variant,
  VariantStatus,
} from "@/prisma/generated/client/client";
import { DbError } from "./errors";

// Plain objects returned by lib/db. They hide Prisma's types so callers never
// depend on the generated client: seeds are numbers, JSON columns are parsed.

export type { EnrollmentRole, UserRole, VariantStatus };

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type UserRecord = {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  role: UserRole;
  createdAt: Date;
  lastActiveAt: Date | null;
};

export type CourseRecord = {
  id: string;
  title: string;
  joinCode: string;
  createdAt: Date;
};

export type EnrollmentRecord = {
  id: string;
  userId: string;
  courseId: string;
  role: EnrollmentRole;
  createdAt: Date;
};

/** A course together with the user's role in it. */
export type CourseMembershipRecord = CourseRecord & {
  role: EnrollmentRole;
  enrolledAt: Date;
};

export type VariantRecord = {
  id: string;
  questionId: string;
  questionVersion: number;
  /** Unsigned 32-bit integer. */
  seed: number;
  userId: string;
  courseId: string | null;
  status: VariantStatus;
  brokenReason: string | null;
  createdAt: Date;
  closedAt: Date | null;
};

/** Format error of an answer part that could not be graded, as the grader reports it, plus the part id. */
export type FormatErrorRecord = {
  partId?: string;
  code: string;
  message: string;
  hint?: string;
};

export type SubmissionPartRecord = {
  partId: string;
  rawInput: string;
  parsedValue: JsonValue | null;
  /** 0..1, or null when the part was not gradable. */
  score: number | null;
  feedback: string | null;
  misconceptionTag: string | null;
  formatError: FormatErrorRecord | null;
};

export type SubmissionRecord = {
  id: string;
  variantId: string;
  userId: string;
  idempotencyKey: string;
  /** 0..1; 0 when not gradable. */
  totalScore: number;
  gradable: boolean;
  formatErrors: FormatErrorRecord[];
  feedback: string;
  misconceptionTags: string[];
  timeTakenMs: number | null;
  questionVersion: number;
  appVersion: string;
  createdAt: Date;
  /** In the order they were submitted. */
  parts: SubmissionPartRecord[];
  variant: { questionId: string; seed: number };
};

export type TopicProgressRecord = {
  topic: string;
  /** Variants with at least one gradable submission. */
  attempts: number;
  /** Gradable submissions. */
  gradedAttempts: number;
  /** Gradable submissions with full score. */
  correctAttempts: number;
  /** Sum of totalScore over gradable submissions; divide by gradedAttempts for the mean. */
  scoreSum: number;
  lastAttemptAt: Date;
};

export function toUserRecord(row: User): UserRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    passwordHash: row.passwordHash,
    role: row.role,
    createdAt: row.createdAt,
    lastActiveAt: row.lastActiveAt,
  };
}

export function toCourseRecord(row: Course): CourseRecord {
  return { id: row.id, title: row.title, joinCode: row.joinCode, createdAt: row.createdAt };
}

export function toEnrollmentRecord(row: Enrollment): EnrollmentRecord {
  return { id: row.id, userId: row.userId, courseId: row.courseId, role: row.role, createdAt: row.createdAt };
}

export function toVariantRecord(row: Variant): VariantRecord {
  return {
    id: row.id,
    questionId: row.questionId,
    questionVersion: row.questionVersion,
    seed: seedToNumber(row.seed),
    userId: row.userId,
    courseId: row.courseId,
    status: row.status,
    brokenReason: row.brokenReason,
    createdAt: row.createdAt,
    closedAt: row.closedAt,
  };
}

export type SubmissionRow = Submission & {
  parts: SubmissionPart[];
  variant: Pick<Variant, "questionId" | "seed">;
};

/** Prisma `include` that loads what toSubmissionRecord needs. */
export const SUBMISSION_INCLUDE = {
  parts: { orderBy: { position: "asc" } },
  variant: { select: { questionId: true, seed: true } },
} as const;

export function toSubmissionRecord(row: SubmissionRow): SubmissionRecord {
  return {
    id: row.id,
    variantId: row.variantId,
    userId: row.userId,
    idempotencyKey: row.idempotencyKey,
    totalScore: row.totalScore,
    gradable: row.gradable,
    formatErrors: parseJsonColumn(row.formatErrors, "Submission.formatErrors") as FormatErrorRecord[],
    feedback: row.feedback,
    misconceptionTags: parseJsonColumn(row.misconceptionTags, "Submission.misconceptionTags") as string[],
    timeTakenMs: row.timeTakenMs,
    questionVersion: row.questionVersion,
    appVersion: row.appVersion,
    createdAt: row.createdAt,
    parts: row.parts.map(toSubmissionPartRecord),
    variant: { questionId: row.variant.questionId, seed: seedToNumber(row.variant.seed) },
  };
}

function toSubmissionPartRecord(row: SubmissionPart): SubmissionPartRecord {
  return {
    partId: row.partId,
    rawInput: row.rawInput,
    parsedValue: row.parsedValue === null ? null : (parseJsonColumn(row.parsedValue, "SubmissionPart.parsedValue") as JsonValue),
    score: row.score,
    feedback: row.feedback,
    misconceptionTag: row.misconceptionTag,
    formatError:
      row.formatError === null
        ? null
        : (parseJsonColumn(row.formatError, "SubmissionPart.formatError") as FormatErrorRecord),
  };
}

export function toTopicProgressRecord(row: TopicProgress): TopicProgressRecord {
  return {
    topic: row.topic,
    attempts: row.attempts,
    gradedAttempts: row.gradedAttempts,
    correctAttempts: row.correctAttempts,
    scoreSum: row.scoreSum,
    lastAttemptAt: row.lastAttemptAt,
  };
}

function seedToNumber(seed: bigint): number {
  // Seeds are validated as unsigned 32-bit on insert, so the conversion is exact.
  return Number(seed);
}

function parseJsonColumn(text: string, column: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new DbError("internal", `Column ${column} contains invalid JSON; the row was edited outside lib/db.`, {
      cause: error,
    });
  }
}
