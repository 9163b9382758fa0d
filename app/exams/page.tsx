import type { Metadata } from "next";
import Link from "next/link";

import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { listAvailableAssessments, listExams } from "@/lib/exams";
import { MAX_EXAM_QUESTIONS, MIN_EXAM_QUESTIONS } from "@/lib/exams/rules";
import { listQuestions, listTopics } from "@/lib/questions";

import styles from "./exams.module.css";
import { StartAssessmentButton, StartExamForm } from "./start-exam-form";

export const metadata: Metadata = { title: "Practice exams" };

function formatPercent(score: number | null): string {
  return score === null ? "–" : `${Math.round(score * 100)}%`;
}

function formatUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export default async function ExamsPage() {
  const user = await requirePageUser({ roles: PRACTICE_ROLES, returnTo: "/exams" });
  const exams = await listExams({ user });
  const assessments = await listAvailableAssessments({ user });
  const questions = listQuestions();
  const topics = listTopics()
    .map((topic) => ({ ...topic, questionCount: questions.filter((question) => (question.topics as readonly string[]).includes(topic.id)).length }))
    .filter((topic) => topic.questionCount > 0);
  const inProgress = exams.find((exam) => exam.status === "in_progress");

  return (
    <>
      <h1>Practice exams</h1>
      <p>
        A practice exam shows several questions at once under a time limit. Your answers are saved as you type, and nothing is
        graded until the exam ends: when you submit it, or when the time runs out.
      </p>

      {inProgress ? (
        <div className="notice warning" role="status">
          <p>
            You have an exam in progress: <strong>{inProgress.title}</strong>.{" "}
            <Link href={`/exams/${inProgress.id}`}>Resume it</Link>
          </p>
        </div>
      ) : null}

      <section aria-labelledby="start-heading" className="card">
        <h2 id="start-heading">Start a practice exam</h2>
        <StartExamForm topics={topics} minQuestions={MIN_EXAM_QUESTIONS} maxQuestions={MAX_EXAM_QUESTIONS} disabled={inProgress !== undefined} />
      </section>

      <section aria-labelledby="assessments-heading">
        <h2 id="assessments-heading">Exams set by your instructors</h2>
        {assessments.length === 0 ? (
          <p className="muted">None of your courses has a published exam.</p>
        ) : (
          <ul className="attempt-list">
            {assessments.map((assessment) => (
              <li key={assessment.id} className="card">
                <h3>{assessment.title}</h3>
                <p className="muted">
                  {assessment.courseTitle}. Time limit {assessment.timeLimitMinutes} min
                  {assessment.extraMinutes > 0 ? ` plus ${assessment.extraMinutes} min extra for you` : ""}. Sittings used{" "}
                  {assessment.attemptsUsed} of {assessment.maxAttempts}.
                  {assessment.opensAt ? ` Opens ${formatUtc(assessment.opensAt)}.` : ""}
                  {assessment.closesAt ? ` Closes ${formatUtc(assessment.closesAt)}.` : ""}
                </p>
                {assessment.blockedReason ? (
                  <p>{assessment.blockedReason}</p>
                ) : (
                  <StartAssessmentButton assessmentId={assessment.id} title={assessment.title} disabled={inProgress !== undefined} />
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="past-heading">
        <h2 id="past-heading">Your exams</h2>
        {exams.length === 0 ? (
          <p className="muted">No exams yet.</p>
        ) : (
          <div style={{ overflowX: "auto" }}>
            <table className={styles.scoreTable}>
              <thead>
                <tr>
                  <th scope="col">Exam</th>
                  <th scope="col">Started</th>
                  <th scope="col">Questions</th>
                  <th scope="col">Score</th>
                </tr>
              </thead>
              <tbody>
                {exams.map((exam) => (
                  <tr key={exam.id}>
                    <td>
                      {exam.status === "finished" ? (
                        <Link href={`/exams/${exam.id}/report`}>{exam.title}</Link>
                      ) : (
                        <Link href={`/exams/${exam.id}`}>{exam.title} (in progress, resume)</Link>
                      )}
                    </td>
                    <td>{formatUtc(exam.startedAt)}</td>
                    <td>{exam.questionCount}</td>
                    <td>{exam.status === "finished" ? formatPercent(exam.score) : "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
