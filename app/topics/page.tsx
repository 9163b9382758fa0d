import type { Metadata } from "next";
import Link from "next/link";

import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { getDashboard } from "@/lib/practice";

import { formatPercent } from "@/app/components/mastery-summary";
import "@/app/components/practice.css";

export const metadata: Metadata = { title: "Topics" };

function masteryStatus(mastery: { mastered: boolean; reviewDue: boolean }): string {
  if (mastery.reviewDue) return "Review due";
  if (mastery.mastered) return "Mastered";
  return "Not mastered yet";
}

export default async function TopicsPage() {
  const user = await requirePageUser({ roles: PRACTICE_ROLES, returnTo: "/topics" });
  const topics = await getDashboard({ user });

  return (
    <>
      <h1>Topics</h1>
      <p>Open a topic to see its questions, your attempts and your best score on each.</p>
      <div className="table-scroll">
        <table className="data-table">
          <caption className="visually-hidden">Your mastery and graded attempts per topic</caption>
          <thead>
            <tr>
              <th scope="col">Topic</th>
              <th scope="col">Mastery</th>
              <th scope="col">Status</th>
              <th scope="col">Graded attempts</th>
              <th scope="col">Questions</th>
            </tr>
          </thead>
          <tbody>
            {topics.map((topic) => (
              <tr key={topic.id}>
                <th scope="row">
                  <Link href={`/topics/${topic.id}`}>{topic.title}</Link>
                </th>
                <td className="number">{formatPercent(topic.mastery.estimate)}</td>
                <td>{masteryStatus(topic.mastery)}</td>
                <td className="number">{topic.mastery.attempts}</td>
                <td className="number">{topic.questions.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
