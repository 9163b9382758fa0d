import type { Metadata } from "next";
import Link from "next/link";

import { requirePageUser } from "@/lib/auth/session";
import { listCourseAssessments } from "@/lib/exams";

import { AssessmentForm } from "./assessment-form";
import { bankForForm, orForbidden } from "./page-data";

export const metadata: Metadata = { title: "Assessments" };

function describeWindow(opensAt: Date | null, closesAt: Date | null): string {
  const format = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  if (opensAt === null && closesAt === null) return "always open";
  return `${opensAt ? `from ${format(opensAt)}` : ""}${opensAt && closesAt ? " " : ""}${closesAt ? `until ${format(closesAt)}` : ""}`;
}

export default async function AssessmentsPage({ params }: { params: Promise<{ courseId: string }> }) {
  const { courseId } = await params;
  const user = await requirePageUser({ returnTo: `/instructor/courses/${encodeURIComponent(courseId)}/assessments` });
  // Students and instructors of other courses get the 403 page.
  const { course, assessments } = await orForbidden(() => listCourseAssessments({ user, unsafeCourseId: courseId }));
  const bank = bankForForm();

  return (
    <>
      <h1>Assessments: {course.title}</h1>
      <section aria-labelledby="list-heading">
        <h2 id="list-heading">Assessments of this course</h2>
        {assessments.length === 0 ? (
          <p className="muted">None yet.</p>
        ) : (
          <ul className="attempt-list">
            {assessments.map((assessment) => (
              <li key={assessment.id} className="card">
                <h3>
                  <Link href={`/instructor/courses/${course.id}/assessments/${assessment.id}`}>{assessment.title}</Link>
                </h3>
                <p className="muted">
                  {assessment.published ? "Published" : "Draft"}; {assessment.timeLimitMinutes} min;{" "}
                  {describeWindow(assessment.opensAt, assessment.closesAt)}; {assessment.maxAttempts}{" "}
                  {assessment.maxAttempts === 1 ? "sitting" : "sittings"} per student; {assessment.questionSpec.length}{" "}
                  {assessment.questionSpec.length === 1 ? "entry" : "entries"} in the question list.
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="new-heading" className="card">
        <h2 id="new-heading">New assessment</h2>
        <AssessmentForm courseId={course.id} assessmentId={null} initial={null} questions={bank.questions} topics={bank.topics} />
      </section>
    </>
  );
}
