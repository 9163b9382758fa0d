import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { requirePageUser, type SessionUser } from "@/lib/auth/session";
import { isAppError } from "@/lib/http/app-error";
import { getTopicDetail, type TopicDetail } from "@/lib/practice";

import { formatPercent, MasterySummary } from "@/app/components/mastery-summary";
import "@/app/components/practice.css";

export const metadata: Metadata = { title: "Topic" };

const DIFFICULTY_LABELS = { 1: "introductory", 2: "intermediate", 3: "challenging" } as const;

async function loadTopic(user: SessionUser, topic: string): Promise<TopicDetail> {
  try {
    return await getTopicDetail({ user, unsafeTopicId: topic });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function TopicPage({ params }: { params: Promise<{ topic: string }> }) {
  const { topic } = await params;
  const user = await requirePageUser({ roles: PRACTICE_ROLES, returnTo: `/topics/${encodeURIComponent(topic)}` });
  const detail = await loadTopic(user, topic);
  const { mastery } = detail;

  return (
    <>
      <p>
        <Link href="/topics">← All topics</Link>
      </p>
      <h1 id="topic-heading">{mastery.title}</h1>
      <MasterySummary mastery={mastery} headingId="topic-heading" />
      <p className="actions">
        <Link className="button" href={`/practice?topics=${mastery.id}`}>
          Practise this topic
        </Link>
        <Link href={`/attempts?topic=${mastery.id}`}>Review your attempts on this topic</Link>
      </p>

      <h2>Questions</h2>
      {detail.questions.length === 0 ? (
        <p>No questions on this topic yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">Questions on {mastery.title} with your attempts and best score</caption>
            <thead>
              <tr>
                <th scope="col">Question</th>
                <th scope="col">Level</th>
                <th scope="col">Graded attempts</th>
                <th scope="col">Variants tried</th>
                <th scope="col">Best score</th>
              </tr>
            </thead>
            <tbody>
              {detail.questions.map((record) => (
                <tr key={record.question.id}>
                  <th scope="row">
                    <Link href={`/questions/${encodeURIComponent(record.question.id)}`}>{record.question.title}</Link>
                  </th>
                  <td>
                    {DIFFICULTY_LABELS[record.question.difficulty]}, about {record.question.expectedMinutes} min
                  </td>
                  <td className="number">{record.gradedAttempts}</td>
                  <td className="number">{record.variantsAttempted}</td>
                  <td className="number">{record.bestScore === null ? "none yet" : formatPercent(record.bestScore)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
