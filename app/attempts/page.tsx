import type { Metadata } from "next";
import Link from "next/link";

import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { listAttempts } from "@/lib/practice";
import { attemptsQuerySchema } from "@/lib/practice/schemas";

import { formatTime, SubmissionParts } from "@/app/components/submission-history";

export const metadata: Metadata = { title: "Attempts" };

/** Submissions per page of the history. */
const PAGE_SIZE = 20;

export default async function AttemptsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser({ roles: PRACTICE_ROLES, returnTo: "/attempts" });
  const query = await searchParams;
  const cursorParam = typeof query.cursor === "string" ? query.cursor : undefined;
  const parsed = attemptsQuerySchema.safeParse({ cursor: cursorParam, limit: PAGE_SIZE });
  const cursor = parsed.success ? parsed.data.cursor : undefined;
  const page = await listAttempts({ user, limit: PAGE_SIZE, ...(cursor === undefined ? {} : { cursor }) });

  return (
    <>
      <h1>Your attempts</h1>
      {page.attempts.length === 0 ? (
        <p>
          No submissions yet. Pick a question on the <Link href="/">dashboard</Link>.
        </p>
      ) : (
        <ol className="attempt-list">
          {page.attempts.map((attempt) => (
            <li key={attempt.id} className="card">
              <h2>{attempt.questionTitle}</h2>
              <dl className="pairs">
                <dt>Submitted</dt>
                <dd>{formatTime(attempt.createdAt)}</dd>
                <dt>Score</dt>
                <dd>{attempt.gradable ? `${Math.round(attempt.totalScore * 100)}%` : "Not graded (an answer could not be read)"}</dd>
                <dt>Feedback</dt>
                <dd>{attempt.feedback}</dd>
              </dl>
              <SubmissionParts submission={attempt} partOrder={attempt.parts.map((part) => part.partId)} />
              <p>
                <Link href={`/variants/${encodeURIComponent(attempt.variantId)}`}>
                  Open this variant<span className="visually-hidden"> of {attempt.questionTitle}</span>
                </Link>
              </p>
            </li>
          ))}
        </ol>
      )}
      <nav aria-label="Attempt pages" className="actions">
        {cursor !== undefined ? <Link href="/attempts">Newest attempts</Link> : null}
        {page.nextCursor !== null ? (
          <Link href={`/attempts?cursor=${encodeURIComponent(page.nextCursor)}`}>Older attempts</Link>
        ) : null}
      </nav>
    </>
  );
}
