import { selectSubmissionsForUser } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session";

import type { SubmissionRow } from "./submission-result";

/** Submissions read per page; the largest page lib/db serves. */
const PAGE_SIZE = 100;
/** Pages read at most, so one variant costs at most 2,000 rows per request. */
const MAX_PAGES = 20;

/**
 * Lists the stored submissions of one of the user's variants, newest first. Ungradable submissions
 * are not limited in number, so the list is read page by page.
 *
 * NOTE: a variant with more than MAX_PAGES × PAGE_SIZE submissions is cut off at the oldest ones.
 * The try count does not depend on this list, and a repeated key that falls beyond it still comes
 * back from insertSubmission as a replay.
 */
export async function listVariantSubmissionRows({ user, variantId }: { user: SessionUser; variantId: string }): Promise<SubmissionRow[]> {
  const rows: SubmissionRow[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result = await selectSubmissionsForUser({
      userId: user.id,
      variantId,
      limit: PAGE_SIZE,
      ...(cursor === undefined ? {} : { cursor }),
    });
    rows.push(...result.submissions);
    if (result.nextCursor === null) break;
    cursor = result.nextCursor;
  }
  return rows;
}

/** Scores of the graded submissions among `rows`. */
export function gradedScores(rows: SubmissionRow[]): number[] {
  return rows.filter((row) => row.gradable).map((row) => row.totalScore);
}
