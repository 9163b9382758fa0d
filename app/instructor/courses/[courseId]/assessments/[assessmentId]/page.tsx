import type { Metadata } from "next";
import Link from "next/link";

import { requirePageUser } from "@/lib/auth/session";
import { getCourseAssessment } from "@/lib/exams";

import { AssessmentForm, ExtensionForm } from "../assessment-form";
import { bankForForm, orForbidden } from "../page-data";

export const metadata: Metadata = { title: "Edit assessment" };

export default async function AssessmentPage({ params }: { params: Promise<{ courseId: string; assessmentId: string }> }) {
  const { courseId, assessmentId } = await params;
  const user = await requirePageUser({
    returnTo: `/instructor/courses/${encodeURIComponent(courseId)}/assessments/${encodeURIComponent(assessmentId)}`,
  });
  const { course, assessment, extensions } = await orForbidden(() =>
    getCourseAssessment({ user, unsafeCourseId: courseId, unsafeAssessmentId: assessmentId }),
  );
  const bank = bankForForm();

  return (
    <>
      <p>
        <Link href={`/instructor/courses/${course.id}/assessments`}>← Assessments of {course.title}</Link>
      </p>
      <h1>{assessment.title}</h1>
      <section aria-labelledby="edit-heading" className="card">
        <h2 id="edit-heading">Settings and questions</h2>
        <AssessmentForm
          courseId={course.id}
          assessmentId={assessment.id}
          initial={{
            title: assessment.title,
            questionSpec: assessment.questionSpec,
            timeLimitMinutes: assessment.timeLimitMinutes,
            opensAt: assessment.opensAt?.toISOString() ?? null,
            closesAt: assessment.closesAt?.toISOString() ?? null,
            maxAttempts: assessment.maxAttempts,
            published: assessment.published,
          }}
          questions={bank.questions}
          topics={bank.topics}
        />
      </section>
      <section aria-labelledby="extensions-heading" className="card">
        <h2 id="extensions-heading">Extra time</h2>
        <p className="muted">
          A student&apos;s deadline is the start time plus the time limit plus their extra minutes, but never after the closing
          time. It applies to sittings started after it is set.
        </p>
        {extensions.length === 0 ? (
          <p className="muted">No student has extra time.</p>
        ) : (
          <ul>
            {extensions.map((extension) => (
              <li key={extension.userId}>
                {extension.name} ({extension.email}): {extension.extraMinutes} extra minutes
              </li>
            ))}
          </ul>
        )}
        <ExtensionForm courseId={course.id} assessmentId={assessment.id} />
      </section>
    </>
  );
}
