import type { Metadata } from "next";
import Link from "next/link";

import { requirePageUser } from "@/lib/auth/session";
import { TEACHING_ROLES } from "@/lib/courses/access";
import { parseStudentListQuery } from "@/lib/analytics/student-pages";
import { getRosterPage } from "@/lib/courses/service";
import { TOPICS } from "@/lib/questions";

import { RegenerateJoinCodeForm, RemoveStudentForm } from "../../forms";
import { formatDate, loadForPage, percent } from "../../guard";
import "../../teaching.css";
import { describeStudentRange, StudentListControls } from "./student-pager";

export const metadata: Metadata = { title: "Course roster" };

export default async function CourseRosterPage({
  params,
  searchParams,
}: {
  params: Promise<{ courseId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { courseId } = await params;
  const listQuery = parseStudentListQuery(await searchParams);
  const user = await requirePageUser({ roles: TEACHING_ROLES, returnTo: `/instructor/courses/${courseId}` });
  const { course, page } = await loadForPage(() => getRosterPage(user, courseId, listQuery));
  const students = page.rows;
  const base = `/instructor/courses/${course.id}`;

  return (
    <>
      <h1>{course.title}</h1>
      <section className="card" aria-labelledby="join-heading">
        <h2 id="join-heading">Join code</h2>
        <p>
          Students sign up with <span className="join-code">{course.joinCode}</span>.
        </p>
        <RegenerateJoinCodeForm courseId={course.id} />
      </section>

      <nav aria-label="Course pages" className="actions">
        <Link href={`${base}/analytics`}>Class analytics</Link>
        <Link href={`${base}/assessments`}>Assessments</Link>
        <Link href="/instructor/templates">Question templates</Link>
        <a href={`/api/courses/${course.id}/export/scores`} download>
          Download scores (CSV)
        </a>
        <a href={`/api/courses/${course.id}/export/submissions`} download>
          Download all submissions (CSV)
        </a>
      </nav>

      <h2 id="roster">Roster</h2>
      {page.total === 0 ? (
        <p>No student has joined yet. Give them the join code above.</p>
      ) : (
        <StudentListControls path={base} position={page} label="Roster" fragment="#roster" />
      )}
      {page.total === 0 ? null : students.length === 0 ? (
        <p>No student matches &quot;{page.search}&quot;. Search for part of a name or email.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption>
              {describeStudentRange(page, students.length)} Mastered topics count topics with an estimate of at least 80% out of {TOPICS.length}.
            </caption>
            <thead>
              <tr>
                <th scope="col">Student</th>
                <th scope="col">Email</th>
                <th scope="col">Enrolled</th>
                <th scope="col">Last active</th>
                <th scope="col">Attempts</th>
                <th scope="col">Mean score</th>
                <th scope="col">Mastered topics</th>
                <th scope="col">Weakest practised topic</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {students.map((student) => {
                const practised = student.mastery.filter((entry) => entry.attempts > 0);
                const weakest = practised.sort((a, b) => a.estimate - b.estimate)[0];
                const weakestTitle = TOPICS.find((topic) => topic.id === weakest?.topic)?.title;
                return (
                  <tr key={student.userId}>
                    <td>
                      <Link href={`${base}/students/${student.userId}`}>{student.name}</Link>
                    </td>
                    <td>{student.email}</td>
                    <td>{formatDate(student.enrolledAt)}</td>
                    <td>{formatDate(student.lastActiveAt)}</td>
                    <td className="number">{student.attempts}</td>
                    <td className="number">{percent(student.meanScore)}</td>
                    <td className="number">{student.masteredTopics}</td>
                    <td>{weakest === undefined ? "—" : `${weakestTitle} (${percent(weakest.estimate)})`}</td>
                    <td>
                      <RemoveStudentForm courseId={course.id} userId={student.userId} name={student.name} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
