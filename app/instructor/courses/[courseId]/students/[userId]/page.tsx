import type { Metadata } from "next";
import Link from "next/link";

import { getStudentAttempts } from "@/lib/analytics/student-attempts";
import { requirePageUser } from "@/lib/auth/session";
import { TEACHING_ROLES } from "@/lib/courses/access";

import { formatDate, loadForPage, percent } from "../../../../guard";
import "../../../../teaching.css";
import { MathText } from "@/app/components/math-text";

export const metadata: Metadata = { title: "Student attempts" };

export default async function StudentAttemptsPage({ params }: { params: Promise<{ courseId: string; userId: string }> }) {
  const { courseId, userId } = await params;
  const user = await requirePageUser({ roles: TEACHING_ROLES, returnTo: `/instructor/courses/${courseId}/students/${userId}` });
  const { course, student, attempts, limit } = await loadForPage(() => getStudentAttempts(user, courseId, userId));

  return (
    <>
      <h1>
        {student.name}: attempts in {course.title}
      </h1>
      <p>
        {student.email}, enrolled {formatDate(student.enrolledAt)}. <Link href={`/instructor/courses/${course.id}`}>Back to the roster</Link>.
      </p>
      {attempts.length === limit ? <p className="notice">Showing the newest {limit} attempts.</p> : null}
      {attempts.length === 0 ? <p>No submissions in this course yet.</p> : null}
      <ol className="attempt-list">
        {attempts.map((attempt) => (
          <li key={attempt.id} className="card">
            <h2>
              {attempt.view?.title ?? attempt.variant.questionId} <span className="muted">(seed {attempt.variant.seed})</span>
            </h2>
            <p>
              {formatDate(attempt.createdAt)}. Score: {attempt.gradable ? percent(attempt.totalScore) : "not graded (an answer could not be read)"}
              {attempt.timeTakenMs === null ? null : `, ${Math.round(attempt.timeTakenMs / 1000)} s`}.
            </p>
            <details>
              <summary>The variant as the student saw it</summary>
              {attempt.view === null ? (
                <p>{attempt.viewUnavailableReason}</p>
              ) : (
                <>
                  <div className="prompt" dangerouslySetInnerHTML={{ __html: attempt.view.promptHtml }} />
                  {attempt.view.figures.map((figure, index) => (
                    <figure key={index} className="figure">
                      <div role="img" aria-label={figure.alt} dangerouslySetInnerHTML={{ __html: figure.svg }} />
                      {figure.caption ? <figcaption>{figure.caption}</figcaption> : null}
                    </figure>
                  ))}
                </>
              )}
            </details>
            <dl className="pairs">
              {attempt.parts.map((part) => {
                const label = attempt.view?.parts.find((candidate) => candidate.id === part.partId)?.labelHtml;
                return (
                  <div key={part.partId} style={{ display: "contents" }}>
                    <dt>{label === undefined ? part.partId : <span dangerouslySetInnerHTML={{ __html: label }} />}</dt>
                    <dd>
                      <code>{part.rawInput === "" ? "(empty)" : part.rawInput}</code>: {part.score === null ? "not graded" : percent(part.score)}
                      {part.misconceptionTag ? <> (misconception: {part.misconceptionTag})</> : null}
                      {part.feedback ? <>. <MathText text={part.feedback} /></> : null}
                    </dd>
                  </div>
                );
              })}
            </dl>
            {attempt.feedback ? <p><MathText text={attempt.feedback} /></p> : null}
          </li>
        ))}
      </ol>
    </>
  );
}
