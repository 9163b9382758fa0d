import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";

import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { requirePageUser, type SessionUser } from "@/lib/auth/session";
import { isAppError } from "@/lib/http/app-error";
import { getExamReport, type ExamReport, type ReportPart } from "@/lib/exams";

import styles from "../../exams.module.css";
import { MathText } from "@/app/components/math-text";

export const metadata: Metadata = { title: "Exam report" };

function percent(score: number): string {
  return `${Math.round(score * 100)}%`;
}

function partVerdict(part: ReportPart): string {
  if (part.unanswered) return "Unanswered (0%)";
  if (part.formatError) return "Could not be read (0%)";
  if (part.score >= 1) return `Correct (${percent(part.score)})`;
  return part.score > 0 ? `Partly correct (${percent(part.score)})` : `Incorrect (${percent(part.score)})`;
}

async function loadReport(user: SessionUser, examId: string): Promise<ExamReport | null> {
  try {
    return await getExamReport({ user, unsafeExamId: examId });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    // Still running: the exam page is where it continues.
    if (isAppError(error) && error.code === "conflict") return null;
    throw error;
  }
}

export default async function ExamReportPage({ params }: { params: Promise<{ examId: string }> }) {
  const { examId } = await params;
  const user = await requirePageUser({ roles: PRACTICE_ROLES, returnTo: `/exams/${encodeURIComponent(examId)}/report` });
  const report = await loadReport(user, examId);
  if (report === null) redirect(`/exams/${encodeURIComponent(examId)}`);

  return (
    <>
      <p>
        <Link href="/exams">← Exams</Link>
      </p>
      <h1>Report: {report.title}</h1>
      <p className="score" data-testid="exam-total-score">
        Total score: {percent(report.score)}
      </p>
      <p className="muted">
        Started {report.startedAt.slice(11, 19)} UTC, ended {report.finishedAt.slice(11, 19)} UTC (deadline {report.deadline.slice(11, 19)} UTC),{" "}
        {report.startedAt.slice(0, 10)}.
      </p>

      <section aria-labelledby="topics-heading">
        <h2 id="topics-heading">Score by topic</h2>
        <div style={{ overflowX: "auto" }}>
          <table className={styles.scoreTable} aria-labelledby="topics-heading">
            <thead>
              <tr>
                <th scope="col">Topic</th>
                <th scope="col">Questions</th>
                <th scope="col">Mean score</th>
              </tr>
            </thead>
            <tbody>
              {report.topics.map((topic) => (
                <tr key={topic.topic} data-topic={topic.topic}>
                  <th scope="row">{topic.title}</th>
                  <td className={styles.number}>{topic.items}</td>
                  <td className={styles.number}>{percent(topic.meanScore)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {report.weakestTopics.length > 0 ? (
          <p>
            <Link className="button" href={`/practice?topics=${report.weakestTopics.map(encodeURIComponent).join(",")}`}>
              Practise my weakest topics
            </Link>
          </p>
        ) : (
          <p>Every topic was answered fully.</p>
        )}
      </section>

      <section aria-labelledby="questions-heading">
        <h2 id="questions-heading">Questions</h2>
        {report.items.map((item, index) => (
          <article key={item.position} className="card" aria-labelledby={`report-q${index + 1}`}>
            <h3 id={`report-q${index + 1}`}>
              Question {index + 1}: {item.title} — {item.score === null ? "not graded" : percent(item.score)}
            </h3>
            <div className="prompt" dangerouslySetInnerHTML={{ __html: item.promptHtml }} />
            {item.feedback ? <p className="muted"><MathText text={item.feedback} /></p> : null}
            {item.parts.map((part, partIndex) => (
              <div
                key={part.partId}
                className={`part-result ${part.score >= 1 ? "correct" : "incorrect"}`}
                data-testid={`report-q${index + 1}-part${partIndex + 1}`}
              >
                <p>
                  <strong>
                    Part {partIndex + 1}: <span dangerouslySetInnerHTML={{ __html: part.labelHtml }} />
                  </strong>
                </p>
                <p>
                  Your answer: {part.unanswered ? <em>no answer</em> : <code>{part.rawInput}</code>}. {partVerdict(part)}
                </p>
                {part.formatError ? (
                  <p className="field-error">
                    {part.formatError.message}
                    {part.formatError.hint && !part.formatError.message.includes(part.formatError.hint) ? ` ${part.formatError.hint}` : ""}
                  </p>
                ) : null}
                {/* Feedback contains a matched misconception's message; the tag itself is for analytics. */}
                {!part.unanswered && !part.formatError && part.feedback ? <p><MathText text={part.feedback} /></p> : null}
                {part.answerHtml ? (
                  <div>
                    Correct answer: <span dangerouslySetInnerHTML={{ __html: part.answerHtml }} />
                  </div>
                ) : null}
              </div>
            ))}
            {item.solutionHtml ? (
              <details>
                <summary>Worked solution</summary>
                <div className="prompt" dangerouslySetInnerHTML={{ __html: item.solutionHtml }} />
              </details>
            ) : null}
          </article>
        ))}
      </section>
    </>
  );
}
