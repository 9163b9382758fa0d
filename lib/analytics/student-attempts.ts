import type { SessionUser } from "@/lib/auth/session";
import { requireCourseAccess } from "@/lib/courses/access";
import { selectStudentCourseSubmissions, selectStudentEnrollment, type CourseRecord, type StudentCourseSubmission } from "@/lib/db";
import { AppError } from "@/lib/http/app-error";
import { buildVariant, hasQuestion, toStudentView, type StudentVariantView } from "@/lib/questions";

/** Newest attempts shown on a student's drill-down page. */
export const STUDENT_ATTEMPT_LIMIT = 200;

export interface StudentAttempt extends StudentCourseSubmission {
  /** The variant as the student saw it (no keys), or null when it cannot be rebuilt here. */
  view: StudentVariantView | null;
  /** Why the view is missing: a template question, or a question version that changed since. */
  viewUnavailableReason: string | null;
}

/** A student's attempts in the course, newest first, each with the variant as the student saw it. */
export async function getStudentAttempts(
  user: SessionUser,
  unsafeCourseId: string,
  unsafeUserId: string,
): Promise<{ course: CourseRecord; student: { userId: string; email: string; name: string; enrolledAt: Date }; attempts: StudentAttempt[]; limit: number }> {
  const course = await requireCourseAccess(user, unsafeCourseId);
  const student = await selectStudentEnrollment({ courseId: course.id, unsafeUserId });
  if (student === null) throw new AppError("not_found", `No student "${unsafeUserId}" is enrolled in "${course.title}".`);

  const submissions = await selectStudentCourseSubmissions({ courseId: course.id, userId: student.userId, limit: STUDENT_ATTEMPT_LIMIT });
  const views = new Map<string, { view: StudentVariantView | null; reason: string | null }>();
  const attempts = submissions.map((submission) => {
    const { variant } = submission;
    let entry = views.get(variant.id);
    if (entry === undefined) {
      if (!hasQuestion(variant.questionId)) {
        entry = { view: null, reason: "This question was written in the browser; open it from the template pages." };
      } else {
        try {
          const built = buildVariant({ questionId: variant.questionId, seed: variant.seed, version: String(variant.questionVersion) });
          entry = { view: toStudentView(built), reason: null };
        } catch (error) {
          entry = { view: null, reason: `The variant cannot be rebuilt: ${(error as Error).message}` };
        }
      }
      views.set(variant.id, entry);
    }
    return { ...submission, view: entry.view, viewUnavailableReason: entry.reason };
  });
  return { course, student, attempts, limit: STUDENT_ATTEMPT_LIMIT };
}
