import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";

import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { requirePageUser, type SessionUser } from "@/lib/auth/session";
import { examPathForVariant } from "@/lib/exams";
import { isAppError } from "@/lib/http/app-error";
import { getVariantForUser, type VariantDetails } from "@/lib/practice";
import { listTopics } from "@/lib/questions";

import { PracticeReasonNotice } from "@/app/components/practice-reason-notice";
import { SubmissionHistory } from "@/app/components/submission-history";

import { AnswerForm } from "./answer-form";
import { GiveUpButton } from "./give-up-button";
import { NewVariantButton } from "./new-variant-button";
import { WorkedSolution } from "@/app/components/worked-solution";

export const metadata: Metadata = { title: "Question" };

const DIFFICULTY_LABELS = { 1: "introductory", 2: "intermediate", 3: "challenging" } as const;

async function loadVariant(user: SessionUser, variantId: string): Promise<VariantDetails> {
  try {
    return await getVariantForUser({ user, unsafeVariantId: variantId });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    if (isAppError(error) && error.code === "conflict") {
      // An exam question is answered and reviewed on its exam page.
      const examPath = await examPathForVariant({ user, unsafeVariantId: variantId });
      if (examPath !== null) redirect(examPath);
    }
    throw error;
  }
}

export default async function VariantPage({
  params,
  searchParams,
}: {
  params: Promise<{ variantId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { variantId } = await params;
  const query = await searchParams;
  const user = await requirePageUser({ roles: PRACTICE_ROLES, returnTo: `/variants/${encodeURIComponent(variantId)}` });
  const details = await loadVariant(user, variantId);
  const { view } = details;
  const topicTitles = new Map(listTopics().map((topic) => [topic.id, topic.title]));
  const open = details.status === "open";

  return (
    <>
      <p>
        <Link href="/">← Dashboard</Link>
      </p>
      <h1>{view?.title ?? `Question ${details.questionId}`}</h1>
      <PracticeReasonNotice reason={query.reason} topic={query.topic} />

      {details.statusMessage ? (
        <div className="notice warning" role="status">
          <p>{details.statusMessage}</p>
          <NewVariantButton variantId={details.id} emphasis />
        </div>
      ) : null}

      {view ? (
        <>
          <ul className="question-meta" aria-label="About this question">
            <li>Topics: {view.topics.map((topic) => topicTitles.get(topic as never) ?? topic).join(", ")}</li>
            <li>Difficulty: {DIFFICULTY_LABELS[view.difficulty]}</li>
            <li>About {view.expectedMinutes} minutes</li>
          </ul>

          <section aria-labelledby="prompt-heading">
            <h2 id="prompt-heading">Question</h2>
            <div className="prompt" dangerouslySetInnerHTML={{ __html: view.promptHtml }} />
            {view.figures.map((figure, index) => (
              <figure className="figure" key={index}>
                <div role="img" aria-label={figure.alt} dangerouslySetInnerHTML={{ __html: figure.svg }} />
                {figure.caption ? <figcaption>{figure.caption}</figcaption> : null}
              </figure>
            ))}
            {view.hasCsv ? (
              <p>
                <a href={`/api/variants/${encodeURIComponent(details.id)}/csv`} download>
                  Download this variant&apos;s data (CSV)
                </a>
              </p>
            ) : null}
          </section>

          <p className="hint">
            Not sure how to type an answer? Read <Link href="/help/answers">how answers are read and graded</Link>. An
            answer that cannot be read is not graded and uses none of your {details.tries.max} tries.
          </p>

          <AnswerForm variantId={details.id} parts={view.parts} open={open} tries={details.tries} />
        </>
      ) : null}

      {open && view ? (
        <section aria-labelledby="give-up-heading" className="stack">
          <h2 id="give-up-heading">Stuck?</h2>
          <p className="muted">
            The worked solution appears once you answer correctly or use all {details.tries.max} tries. You can also see it
            now, which closes this variant.
          </p>
          <GiveUpButton variantId={details.id} />
        </section>
      ) : null}

      {open ? (
        <section aria-labelledby="new-variant-heading" className="stack">
          <h2 id="new-variant-heading">Another variant</h2>
          <p className="muted">Draws new numbers for the same question and closes this variant.</p>
          <NewVariantButton variantId={details.id} emphasis={false} />
        </section>
      ) : null}

      {details.solution ? <WorkedSolution solution={details.solution} /> : null}

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">Your submissions on this variant</h2>
        {details.submissions.length === 0 ? (
          <p className="muted">None yet.</p>
        ) : (
          <SubmissionHistory submissions={details.submissions} partOrder={view?.parts.map((part) => part.id) ?? []} />
        )}
      </section>
    </>
  );
}
