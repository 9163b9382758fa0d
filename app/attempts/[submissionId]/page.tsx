import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { requirePageUser, type SessionUser } from "@/lib/auth/session";
import { isAppError } from "@/lib/http/app-error";
import { getAttemptReview, RESULT_LABELS, type AttemptReview } from "@/lib/practice";
import { listTopics } from "@/lib/questions";

import { formatTime } from "@/app/components/submission-history";
import "@/app/components/practice.css";
import { MathText } from "@/app/components/math-text";
import { WorkedSolution } from "@/app/components/worked-solution";

export const metadata: Metadata = { title: "Attempt review" };

async function loadReview(user: SessionUser, submissionId: string): Promise<AttemptReview> {
  try {
    return await getAttemptReview({ user, unsafeSubmissionId: submissionId });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}

function partScore(score: number | null): string {
  return score === null ? "not graded" : `${Math.round(score * 100)}%`;
}

export default async function AttemptReviewPage({ params }: { params: Promise<{ submissionId: string }> }) {
  const { submissionId } = await params;
  const user = await requirePageUser({ roles: PRACTICE_ROLES, returnTo: `/attempts/${encodeURIComponent(submissionId)}` });
  const review = await loadReview(user, submissionId);
  const { submission, view } = review;
  const topicTitles = new Map(listTopics().map((topic) => [topic.id as string, topic.title]));
  const partLabels = new Map(view?.parts.map((part, index) => [part.id, { number: index + 1, labelHtml: part.labelHtml }]) ?? []);

  return (
    <>
      <p>
        <Link href="/attempts">← All attempts</Link>
      </p>
      <h1>Review: {review.questionTitle}</h1>
      <dl className="pairs" aria-label="About this attempt">
        <dt>Submitted</dt>
        <dd>{formatTime(submission.createdAt)}</dd>
        <dt>Result</dt>
        <dd data-testid="review-result">
          {RESULT_LABELS[review.result]}
          {submission.gradable ? `, score ${Math.round(submission.totalScore * 100)}%` : " (an answer could not be read, so no try was used)"}
        </dd>
        <dt>Try</dt>
        <dd>{review.tryNumber === null ? "none used" : `${review.tryNumber} of ${review.maxTries}`}</dd>
        <dt>Variant</dt>
        <dd>
          <Link href={`/variants/${encodeURIComponent(review.variantId)}`}>Open this variant</Link> ({review.variantStatus})
        </dd>
      </dl>

      {review.unavailableMessage ? (
        <div className="notice warning" role="status">
          <p>{review.unavailableMessage}</p>
        </div>
      ) : null}

      {view ? (
        <section aria-labelledby="prompt-heading">
          <h2 id="prompt-heading">Question as you saw it</h2>
          <ul className="question-meta" aria-label="About this question">
            <li>Topics: {view.topics.map((topic) => topicTitles.get(topic) ?? topic).join(", ")}</li>
          </ul>
          <div className="prompt" dangerouslySetInnerHTML={{ __html: view.promptHtml }} />
          {view.figures.map((figure, index) => (
            <figure className="figure" key={index}>
              <div role="img" aria-label={figure.alt} dangerouslySetInnerHTML={{ __html: figure.svg }} />
              {figure.caption ? <figcaption>{figure.caption}</figcaption> : null}
            </figure>
          ))}
        </section>
      ) : null}

      <section aria-labelledby="answers-heading">
        <h2 id="answers-heading">Your answers and feedback</h2>
        <p><MathText text={submission.feedback} /></p>
        <ol className="attempt-list">
          {submission.parts.map((part, index) => {
            const label = partLabels.get(part.partId);
            return (
              <li key={part.partId} className="card" data-part-id={part.partId}>
                <h3>Part {label?.number ?? index + 1}</h3>
                {label ? <div className="prompt" dangerouslySetInnerHTML={{ __html: label.labelHtml }} /> : null}
                <dl className="pairs">
                  <dt>Your answer</dt>
                  <dd>
                    <code data-testid="raw-input">{part.rawInput === "" ? "(empty)" : part.rawInput}</code>
                  </dd>
                  <dt>Score</dt>
                  <dd data-testid="part-score">{partScore(part.score)}</dd>
                  {part.feedback ? (
                    <>
                      <dt>Feedback</dt>
                      <dd data-testid="part-feedback"><MathText text={part.feedback} /></dd>
                    </>
                  ) : null}
                  {part.formatError ? (
                    <>
                      <dt>Could not read</dt>
                      <dd className="field-error">
                        {part.formatError.message}
                        {part.formatError.hint ? ` ${part.formatError.hint}` : null}
                      </dd>
                    </>
                  ) : null}
                </dl>
              </li>
            );
          })}
        </ol>
      </section>

      {review.solution ? (
        <WorkedSolution solution={review.solution} />
      ) : (
        <p className="muted">
          The worked solution appears here once the variant is closed: after a fully correct answer, after the last try,
          or when you choose to see it on the variant page.
        </p>
      )}
    </>
  );
}
