import type { Metadata } from "next";
import Link from "next/link";

import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { isAppError } from "@/lib/http/app-error";
import { getDashboard, parseTopicFilter } from "@/lib/practice";
import type { TopicId } from "@/lib/questions";

import { formatPercent } from "@/app/components/mastery-summary";
import "@/app/components/practice.css";

import { PracticeForm } from "./practice-form";

export const metadata: Metadata = { title: "Practise" };

type TopicFilter = { ok: true; topics: TopicId[] | undefined } | { ok: false; message: string };

function readTopicFilter(raw: string | string[] | undefined): TopicFilter {
  const text = Array.isArray(raw) ? raw.join(",") : raw;
  try {
    return { ok: true, topics: parseTopicFilter(text) };
  } catch (error) {
    if (isAppError(error) && error.code === "invalid_input") return { ok: false, message: error.message };
    throw error;
  }
}

export default async function PracticePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser({ roles: PRACTICE_ROLES, returnTo: "/practice" });
  const query = await searchParams;
  const filter = readTopicFilter(query.topics);
  const overview = await getDashboard({ user });

  if (!filter.ok) {
    return (
      <>
        <h1>Practise</h1>
        <div className="notice error" role="alert">
          <p>{filter.message}</p>
        </div>
        <p>
          <Link href="/practice">Practise all topics</Link> or pick a topic on the <Link href="/topics">topic list</Link>.
        </p>
      </>
    );
  }

  const chosen = filter.topics === undefined ? overview : overview.filter((topic) => filter.topics?.includes(topic.id));
  const due = chosen.filter((topic) => topic.mastery.reviewDue);
  const weakest = chosen
    .filter((topic) => !topic.mastery.mastered && topic.questions.length > 0)
    .sort((a, b) => a.mastery.estimate - b.mastery.estimate)
    .slice(0, 3);

  return (
    <>
      <h1>Practise</h1>
      <p>
        The next question comes from a topic whose review is due, or else from your weakest topic that is not mastered
        yet. A mastered topic comes back for review after 1, 3, 7, 14, 30 and then 60 days, growing each time you answer
        it correctly on the first try.
      </p>
      {filter.topics === undefined ? null : (
        <p>
          Only these topics: <strong>{chosen.map((topic) => topic.title).join(", ")}</strong>.{" "}
          <Link href="/practice">Practise all topics instead</Link>.
        </p>
      )}
      <ul>
        <li>Reviews due: {due.length === 0 ? "none" : due.map((topic) => topic.title).join(", ")}.</li>
        <li>
          Weakest topics:{" "}
          {weakest.length === 0
            ? "none, every topic is mastered"
            : weakest.map((topic) => `${topic.title} (${formatPercent(topic.mastery.estimate)})`).join(", ")}
          .
        </li>
      </ul>
      <PracticeForm topics={filter.topics === undefined ? null : filter.topics.join(",")} />
    </>
  );
}
