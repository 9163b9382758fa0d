import type { Metadata } from "next";
import Link from "next/link";

import { getClassAnalytics, getParameterBreakdown, PARAMETER_VARIANT_CAP } from "@/lib/analytics/service";
import { parseStudentListQuery } from "@/lib/analytics/student-pages";
import { requirePageUser } from "@/lib/auth/session";
import { TEACHING_ROLES } from "@/lib/courses/access";

import { loadForPage, percent } from "../../../guard";
import "../../../teaching.css";
import { describeStudentRange, StudentListControls } from "../student-pager";
import { FacilityChart } from "./facility-chart";

export const metadata: Metadata = { title: "Class analytics" };

function heatClass(estimate: number): string {
  return `heat-${Math.min(4, Math.floor(estimate * 5))}`;
}

/** The most frequent raw inputs of one misconception, each with how many answers contained it. */
function ExampleAnswers({ examples }: { examples: { rawInput: string; count: number }[] }) {
  if (examples.length === 0) return <>—</>;
  return (
    <>
      {examples.map((example, index) => (
        <span key={example.rawInput}>
          {index > 0 ? ", " : null}
          <code>{example.rawInput}</code> ({example.count}×)
        </span>
      ))}
    </>
  );
}

function seconds(ms: number | null): string {
  return ms === null ? "—" : `${(ms / 1000).toFixed(0)} s`;
}

export default async function AnalyticsPage({
  params,
  searchParams,
}: {
  params: Promise<{ courseId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { courseId } = await params;
  const query = await searchParams;
  const questionParam = typeof query.question === "string" ? query.question : undefined;
  const user = await requirePageUser({ roles: TEACHING_ROLES, returnTo: `/instructor/courses/${courseId}/analytics` });
  const listQuery = parseStudentListQuery(query);
  const data = await loadForPage(() => getClassAnalytics(user, courseId, { students: listQuery }));
  // getClassAnalytics always fills heatmapPage when it is given a student list query.
  const heatmapPage = data.heatmapPage as NonNullable<typeof data.heatmapPage>;
  const breakdown = questionParam === undefined ? null : await loadForPage(() => getParameterBreakdown(user, courseId, questionParam));
  const base = `/instructor/courses/${data.course.id}`;

  return (
    <>
      <h1>Class analytics: {data.course.title}</h1>
      <p>
        {data.studentCount} enrolled students. The figures cover gradable submissions of enrolled students to this course&apos;s
        variants. Facility is the mean score; discrimination is the correlation between a question&apos;s best score and the mean
        best score on the other questions. <Link href={base}>Back to the roster</Link>.
      </p>

      <h2>Questions</h2>
      {data.questions.length === 0 ? (
        <p>No graded submissions yet.</p>
      ) : (
        <>
          <FacilityChart
            tableId="question-table"
            data={data.questions.map((question) => ({
              label: question.title,
              facility: question.facility * 100,
              firstTry: (question.firstTry.rate ?? 0) * 100,
            }))}
          />
          <div className="table-scroll">
            <table className="data-table" id="question-table">
              <caption>Per-question figures. Discrimination is n/a with fewer than 3 students or no spread in scores.</caption>
              <thead>
                <tr>
                  <th scope="col">Question</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Students</th>
                  <th scope="col">Facility</th>
                  <th scope="col">Discrimination</th>
                  <th scope="col">Median time</th>
                  <th scope="col">First-try success</th>
                  <th scope="col">By parameter</th>
                </tr>
              </thead>
              <tbody>
                {data.questions.map((question) => (
                  <tr key={question.questionId}>
                    <th scope="row">
                      {question.title}
                      {question.inRegistry ? null : <span className="muted"> (template)</span>}
                    </th>
                    <td className="number">{question.attempts}</td>
                    <td className="number">{question.students}</td>
                    <td className="number">{percent(question.facility)}</td>
                    <td className="number">
                      {question.discrimination.r === null ? "n/a" : question.discrimination.r.toFixed(2)}
                      <span className="muted"> (n = {question.discrimination.students})</span>
                    </td>
                    <td className="number">{seconds(question.medianTimeMs)}</td>
                    <td className="number">
                      {percent(question.firstTry.rate)} <span className="muted">of {question.firstTry.variants}</span>
                    </td>
                    <td>
                      {question.inRegistry ? (
                        <Link href={`?question=${encodeURIComponent(question.questionId)}#parameters`}>
                          Parameters<span className="visually-hidden"> of {question.title}</span>
                        </Link>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      {breakdown === null ? null : (
        <section id="parameters" aria-labelledby="parameters-heading">
          <h2 id="parameters-heading">Scores by variant parameter: {breakdown.title}</h2>
          {breakdown.report.unavailableReason !== null ? (
            <p>{breakdown.report.unavailableReason}</p>
          ) : (
            <>
              <p>
                Rebuilt {breakdown.report.rebuilt} of {breakdown.report.offered} variants (at most {PARAMETER_VARIANT_CAP} of the newest).
                Each group shows the mean best score of its variants; parameters that move the score most come first.
              </p>
              {breakdown.report.parameters.length === 0 ? <p>The variants share all scalar parameters, so there is nothing to compare.</p> : null}
              {breakdown.report.parameters.map((parameter) => (
                <div className="table-scroll" key={parameter.parameter}>
                  <table className="data-table">
                    <caption>
                      {parameter.parameter}: spread {percent(parameter.spread)}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">Value</th>
                        <th scope="col">Variants</th>
                        <th scope="col">Mean best score</th>
                      </tr>
                    </thead>
                    <tbody>
                      {parameter.groups.map((group) => (
                        <tr key={group.label}>
                          <th scope="row">{group.label}</th>
                          <td className="number">{group.variants}</td>
                          <td className="number">{percent(group.meanBestScore)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ))}
            </>
          )}
        </section>
      )}

      <h2 id="mastery">Mastery by student and topic</h2>
      {heatmapPage.total === 0 ? (
        <p>No student has joined yet.</p>
      ) : (
        <StudentListControls
          path={`${base}/analytics`}
          position={heatmapPage}
          label="Heatmap"
          fragment="#mastery"
          keep={questionParam === undefined ? undefined : { question: questionParam }}
        />
      )}
      {heatmapPage.total === 0 ? null : data.heatmap.length === 0 ? (
        <p>No student matches &quot;{heatmapPage.search}&quot;. Search for part of a name or email.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption>
              Mastery estimate per topic in percent; darker green is higher. Topics without attempts show the prior in grey text.{" "}
              {describeStudentRange(heatmapPage, data.heatmap.length)}
            </caption>
            <thead>
              <tr>
                <th scope="col">Student</th>
                {data.topics.map((topic) => (
                  <th scope="col" key={topic.id}>
                    {topic.title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.heatmap.map((row) => (
                <tr key={row.userId}>
                  <th scope="row">
                    <Link href={`${base}/students/${row.userId}`}>{row.name}</Link>
                  </th>
                  {data.topics.map((topic) => {
                    const cell = row.estimates[topic.id];
                    return cell.attempts === 0 ? (
                      <td key={topic.id} className="number muted">
                        {percent(cell.estimate)}
                      </td>
                    ) : (
                      <td key={topic.id} className={`number ${heatClass(cell.estimate)}`}>
                        {percent(cell.estimate)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>Misconceptions by question</h2>
      {data.misconceptionsByQuestion.length === 0 ? <p>No answer matched a known misconception yet.</p> : null}
      {data.misconceptionsByQuestion.map((entry) => (
        <div className="table-scroll" key={entry.questionId}>
          <table className="data-table">
            <caption>{entry.title}</caption>
            <thead>
              <tr>
                <th scope="col">Misconception</th>
                <th scope="col">Answers</th>
                <th scope="col">Students</th>
                <th scope="col">Example answers</th>
              </tr>
            </thead>
            <tbody>
              {entry.tags.map((tag) => (
                <tr key={tag.tag}>
                  <th scope="row">{tag.tag}</th>
                  <td className="number">{tag.count}</td>
                  <td className="number">{tag.students}</td>
                  <td>
                    <ExampleAnswers examples={tag.examples} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}

      <h2>Misconceptions by topic</h2>
      {data.misconceptionsByTopic.map((entry) => (
        <div className="table-scroll" key={entry.topic}>
          <table className="data-table">
            <caption>{entry.title}</caption>
            <thead>
              <tr>
                <th scope="col">Misconception</th>
                <th scope="col">Question</th>
                <th scope="col">Answers</th>
                <th scope="col">Example answers</th>
              </tr>
            </thead>
            <tbody>
              {entry.tags.map((tag) => (
                <tr key={`${tag.questionId}-${tag.tag}`}>
                  <th scope="row">{tag.tag}</th>
                  <td>{tag.questionTitle}</td>
                  <td className="number">{tag.count}</td>
                  <td>
                    <ExampleAnswers examples={tag.examples} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </>
  );
}
