import type { Metadata } from "next";
import Link from "next/link";

import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { getDashboard } from "@/lib/practice";
import { MASTERY_PARAMETERS } from "@/lib/practice/mastery";

import { MasterySummary } from "@/app/components/mastery-summary";

export const metadata: Metadata = { title: "Dashboard" };

const DIFFICULTY_LABELS = { 1: "introductory", 2: "intermediate", 3: "challenging" } as const;

export default async function DashboardPage() {
  const user = await requirePageUser({ roles: PRACTICE_ROLES, returnTo: "/" });
  const topics = await getDashboard({ user });
  const dueCount = topics.filter((topic) => topic.mastery.reviewDue).length;
  const masteredCount = topics.filter((topic) => topic.mastery.mastered).length;

  return (
    <>
      <h1>Practice by topic</h1>
      <p>
        Signed in as {user.name}. Each question gives you a fresh randomized variant; answers are graded on submit. See{" "}
        <Link href="/help/answers">how to type answers</Link>.
      </p>
      <div className="card stack">
        <p>
          {masteredCount} of {topics.length} topics mastered
          {dueCount > 0 ? `, ${dueCount} due for review` : ""}. Mastery is estimated from all your graded answers: every
          topic starts at {Math.round(MASTERY_PARAMETERS.prior * 100)}% before its first answer and counts as mastered
          from {Math.round(MASTERY_PARAMETERS.masteryThreshold * 100)}%.
        </p>
        <p className="actions">
          <Link className="button" href="/practice">
            Practise my weakest topics
          </Link>
          <Link href="/progress">See your progress over time</Link>
        </p>
      </div>
      <ul className="topic-list">
        {topics.map((topic) => (
          <li key={topic.id} className="card">
            <h2 id={`topic-${topic.id}`}>
              <Link href={`/topics/${topic.id}`}>{topic.title}</Link>
            </h2>
            <MasterySummary mastery={topic.mastery} headingId={`topic-${topic.id}`} />
            {topic.questions.length === 0 ? (
              <p className="muted">No questions on this topic yet.</p>
            ) : (
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
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
