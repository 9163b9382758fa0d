import type { Metadata } from "next";
import Link from "next/link";

import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { isAppError } from "@/lib/http/app-error";
import {
  listReviewAttempts,
  parseReviewFilters,
  RESULT_LABELS,
  SUBMISSION_RESULTS,
  type ReviewFilters,
  type ReviewPage,
} from "@/lib/practice";
import { listTopics } from "@/lib/questions";

import { formatTime } from "@/app/components/submission-history";
import "@/app/components/practice.css";

export const metadata: Metadata = { title: "Review" };

type Query = Record<string, string | string[] | undefined>;

/** Builds a review-list address with the given filters; a missing filter is left out. */
function reviewHref(filters: ReviewFilters): string {
  const params = new URLSearchParams();
  if (filters.topic) params.set("topic", filters.topic);
  if (filters.result) params.set("result", filters.result);
  if (filters.cursor) params.set("cursor", filters.cursor);
  const text = params.toString();
  return text === "" ? "/attempts" : `/attempts?${text}`;
}

async function loadPage(user: Parameters<typeof listReviewAttempts>[0]["user"], query: Query) {
  try {
    const filters = parseReviewFilters(query);
    const page: ReviewPage = await listReviewAttempts({ user, filters });
    return { ok: true as const, filters, page };
  } catch (error) {
    if (isAppError(error) && error.code === "invalid_input") return { ok: false as const, message: error.message };
    throw error;
  }
}

export default async function AttemptsPage({ searchParams }: { searchParams: Promise<Query> }) {
  const user = await requirePageUser({ roles: PRACTICE_ROLES, returnTo: "/attempts" });
  const loaded = await loadPage(user, await searchParams);
  const topics = listTopics();
  const topicTitles = new Map(topics.map((topic) => [topic.id as string, topic.title]));

  if (!loaded.ok) {
    return (
      <>
        <h1>Your attempts</h1>
        <div className="notice error" role="alert">
          <p>{loaded.message}</p>
        </div>
        <p>
          <Link href="/attempts">Show all attempts</Link>
        </p>
      </>
    );
  }
  const { filters, page } = loaded;
  const filtered = filters.topic !== undefined || filters.result !== undefined;

  return (
    <>
      <h1>Your attempts</h1>
      <p>Every answer you submitted, newest first. Open one to see the question, your answer per part and the feedback.</p>

      <form method="get" action="/attempts" className="filters" aria-label="Filter attempts">
        <label>
          Topic
          <select name="topic" defaultValue={filters.topic ?? ""}>
            <option value="">All topics</option>
            {topics.map((topic) => (
              <option key={topic.id} value={topic.id}>
                {topic.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Result
          <select name="result" defaultValue={filters.result ?? ""}>
            <option value="">All results</option>
            {SUBMISSION_RESULTS.map((result) => (
              <option key={result} value={result}>
                {RESULT_LABELS[result]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Apply filters</button>
        {filtered ? <Link href="/attempts">Clear filters</Link> : null}
      </form>

      {filtered ? (
        <p>
          Showing
          {filters.topic ? ` topic ${topicTitles.get(filters.topic) ?? filters.topic}` : " all topics"}
          {filters.result ? `, ${RESULT_LABELS[filters.result].toLowerCase()} answers` : ""}.
        </p>
      ) : null}

      {page.rows.length === 0 ? (
        <p>
          {filtered ? "No attempts match these filters." : "No submissions yet."} Pick a question on the{" "}
          <Link href="/">dashboard</Link>.
        </p>
      ) : (
        <ol className="attempt-list">
          {page.rows.map((row) => (
            <li key={row.id} className="card" data-submission-id={row.id}>
              <h2>{row.questionTitle}</h2>
              <dl className="pairs">
                <dt>Submitted</dt>
                <dd>{formatTime(row.createdAt)}</dd>
                <dt>Result</dt>
                <dd>
                  {RESULT_LABELS[row.result]}
                  {row.gradable ? `, ${Math.round(row.totalScore * 100)}%` : " (an answer could not be read)"}
                </dd>
                <dt>Answer</dt>
                <dd>
                  {row.answers.map((answer, index) => (
                    <span key={answer.partId}>
                      {index > 0 ? "; " : null}
                      <code>{answer.rawInput === "" ? "(empty)" : answer.rawInput}</code>
                    </span>
                  ))}
                </dd>
              </dl>
              <p className="actions">
                <Link href={`/attempts/${row.id}`}>
                  Review this attempt<span className="visually-hidden"> of {row.questionTitle} from {formatTime(row.createdAt)}</span>
                </Link>
                <Link href={`/variants/${encodeURIComponent(row.variantId)}`}>
                  Open this variant<span className="visually-hidden"> of {row.questionTitle}</span>
                </Link>
              </p>
            </li>
          ))}
        </ol>
      )}

      <nav aria-label="Attempt pages" className="actions">
        {filters.cursor !== undefined ? <Link href={reviewHref({ ...filters, cursor: undefined })}>Newest attempts</Link> : null}
        {page.nextCursor !== null ? <Link href={reviewHref({ ...filters, cursor: page.nextCursor })}>Older attempts</Link> : null}
      </nav>
    </>
  );
}
