import { DbError, selectSubmissionForOwner, selectSubmissionsForUser } from "@/lib/db";
import { AppError } from "@/lib/http/app-error";
import type { SessionUser } from "@/lib/auth/session";

import { questionTitles } from "./question-source";
import { toSubmissionResult, type SubmissionResult } from "./submission-result";

export interface AttemptSummary extends SubmissionResult {
  questionId: string;
  questionTitle: string;
}

export interface AttemptPage {
  attempts: AttemptSummary[];
  /** Pass as `cursor` to read the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** Title of the question behind a variant; a submission can outlive its question and is then listed under its id. */
async function questionTitle(variant: { questionId: string; questionVersion: number }): Promise<string> {
  const titles = await questionTitles([{ questionId: variant.questionId, version: variant.questionVersion }]);
  return titles.get(variant.questionId) ?? variant.questionId;
}

/** Lists the user's submissions, newest first, optionally for one question. */
export async function listAttempts({
  user,
  questionId,
  limit = 50,
  cursor,
}: {
  user: SessionUser;
  questionId?: string;
  limit?: number;
  cursor?: string;
}): Promise<AttemptPage> {
  let page: Awaited<ReturnType<typeof selectSubmissionsForUser>>;
  try {
    page = await selectSubmissionsForUser({
      userId: user.id,
      limit,
      ...(questionId === undefined ? {} : { questionId }),
      ...(cursor === undefined ? {} : { cursor }),
    });
  } catch (error) {
    // The cursor comes from the request; lib/db rejects one that names no page of this user's.
    if (error instanceof DbError && error.code === "invalid_input" && cursor !== undefined) {
      throw new AppError("invalid_input", "The cursor does not name a page of your attempts. Start again without it.", {
        fields: { cursor: ["Not a page of your attempts."] },
      });
    }
    throw error;
  }
  const titles = await questionTitles(page.submissions.map((row) => ({ questionId: row.variant.questionId, version: row.questionVersion })));
  const attempts = page.submissions.map((row) => ({
    ...toSubmissionResult(row),
    questionId: row.variant.questionId,
    questionTitle: titles.get(row.variant.questionId) ?? row.variant.questionId,
  }));
  return { attempts, nextCursor: page.nextCursor };
}

/** Returns one of the user's submissions; another user's or a missing one is the same 404. */
export async function getSubmissionForUser({ user, unsafeSubmissionId }: { user: SessionUser; unsafeSubmissionId: string }): Promise<AttemptSummary> {
  const row = await selectSubmissionForOwner({ unsafeSubmissionId, userId: user.id });
  if (row === null) throw new AppError("not_found", `Submission "${unsafeSubmissionId}" was not found.`);
  return { ...toSubmissionResult(row), questionId: row.variant.questionId, questionTitle: await questionTitle({ questionId: row.variant.questionId, questionVersion: row.questionVersion }) };
}
