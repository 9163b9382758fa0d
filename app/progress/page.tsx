import type { Metadata } from "next";
import Link from "next/link";

import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { getMasteryTimeline } from "@/lib/practice";

import "@/app/components/practice.css";

import { MasteryChart, type ChartRow } from "./mastery-chart";

export const metadata: Metadata = { title: "Progress" };

function percent(value: number): number {
  return Math.round(value * 100);
}

export default async function ProgressPage() {
  const user = await requirePageUser({ roles: PRACTICE_ROLES, returnTo: "/progress" });
  const timeline = await getMasteryTimeline({ user });

  // Only topics that changed from the prior are charted; the others would be flat lines at it.
  const charted = timeline.topics.filter((topic) => timeline.points.some((point) => point.estimates[topic.id] !== timeline.prior));
  const rows: ChartRow[] = timeline.points.map((point) => ({
    day: point.day,
    ...Object.fromEntries(charted.map((topic) => [topic.id, percent(point.estimates[topic.id])])),
  }));
  const title = "Mastery per topic over time";
  const description =
    charted.length === 0
      ? "No graded attempts yet."
      : `Mastery in percent at the end of each day with attempts, from ${timeline.points[0]?.day} to ${timeline.points.at(-1)?.day}, for ${charted.length} topics. The table below lists the same values.`;

  return (
    <>
      <h1>Your progress</h1>
      <p>
        Mastery is replayed over your graded answers in time order, one point per day on which you answered (days in UTC).
        Every topic starts at {percent(timeline.prior)}% and counts as mastered from {percent(timeline.masteryThreshold)}%.
      </p>
      {timeline.truncated ? (
        <p className="notice warning">Only your oldest graded answers are included: the history is longer than the server reads at once.</p>
      ) : null}

      {charted.length === 0 ? (
        <p>
          No graded answers yet. <Link href="/practice">Start practising</Link> and your progress appears here.
        </p>
      ) : (
        <>
          <figure aria-labelledby="chart-caption" className="stack">
            <figcaption id="chart-caption">
              <h2>{title}</h2>
              <p className="muted">{description}</p>
            </figcaption>
            <MasteryChart
              rows={rows}
              series={charted.map((topic) => ({ topic: topic.id, title: topic.title }))}
              title={title}
              description={description}
              thresholdPercent={percent(timeline.masteryThreshold)}
            />
          </figure>

          <h2 id="table-heading">Mastery per day, in percent</h2>
          <div className="table-scroll" tabIndex={0} aria-labelledby="table-heading" role="region">
            <table className="data-table">
              <caption className="visually-hidden">Mastery per topic at the end of each day, in percent</caption>
              <thead>
                <tr>
                  <th scope="col">Day (UTC)</th>
                  <th scope="col">Answers that day</th>
                  {charted.map((topic) => (
                    <th scope="col" key={topic.id}>
                      {topic.title}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {timeline.points.map((point) => (
                  <tr key={point.day}>
                    <th scope="row">{point.day}</th>
                    <td className="number">{point.attemptsThatDay}</td>
                    {charted.map((topic) => (
                      <td className="number" key={topic.id}>
                        {percent(point.estimates[topic.id])}%
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
