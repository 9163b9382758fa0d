import type { Metadata } from "next";
import Link from "next/link";

import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { getDashboard, type TopicOverview } from "@/lib/practice";

export const metadata: Metadata = { title: "Dashboard" };

const DIFFICULTY_LABELS = { 1: "introductory", 2: "intermediate", 3: "challenging" } as const;

function ProgressSummary({ progress }: { progress: TopicOverview["progress"] }) {
  if (progress.gradedAttempts === 0) return <p className="muted">No graded attempts yet.</p>;
  const percent = Math.round((progress.meanScore ?? 0) * 100);
  return (
    <p>
      <label>
        Mean score {percent}% over {progress.gradedAttempts} graded {progress.gradedAttempts === 1 ? "submission" : "submissions"}{" "}
        <progress className="progress-bar" max={100} value={percent}>
          {percent}%
        </progress>
      </label>
      <br />
      <span className="muted">
        {progress.correctAttempts} fully correct; {progress.attempts} {progress.attempts === 1 ? "variant" : "variants"} attempted.
      </span>
    </p>
  );
}

export default async function DashboardPage() {
  const user = await requirePageUser({ roles: PRACTICE_ROLES, returnTo: "/" });
  const topics = await getDashboard({ user });
  const withQuestions = topics.filter((topic) => topic.questions.length > 0);

  return (
    <>
      <h1>Practice by topic</h1>
      <p>
        Signed in as {user.name}. Each question gives you a fresh randomized variant; answers are graded on submit. See{" "}
        <Link href="/help/answers">how to type answers</Link>.
      </p>
      {withQuestions.length === 0 ? <p>No questions are available yet.</p> : null}
      <ul className="topic-list">
        {withQuestions.map((topic) => (
          <li key={topic.id} className="card">
            <h2 id={`topic-${topic.id}`}>{topic.title}</h2>
            <ProgressSummary progress={topic.progress} />
            <ul className="question-list" aria-labelledby={`topic-${topic.id}`}>
              {topic.questions.map((question) => (
                <li key={question.id}>
                  <Link href={`/questions/${encodeURIComponent(question.id)}`}>{question.title}</Link>{" "}
                  <span className="muted">
                    ({DIFFICULTY_LABELS[question.difficulty]}, about {question.expectedMinutes} min)
                  </span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </>
  );
}
