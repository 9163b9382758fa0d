import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";

import { PRACTICE_ROLES } from "@/lib/auth/roles";
import { requirePageUser, type SessionUser } from "@/lib/auth/session";
import { isAppError } from "@/lib/http/app-error";
import { getExamForUser, type ExamState } from "@/lib/exams";

import { ExamRunner } from "./exam-runner";

export const metadata: Metadata = { title: "Exam" };

async function loadExam(user: SessionUser, examId: string): Promise<ExamState> {
  try {
    return await getExamForUser({ user, unsafeExamId: examId });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function ExamPage({ params }: { params: Promise<{ examId: string }> }) {
  const { examId } = await params;
  const user = await requirePageUser({ roles: PRACTICE_ROLES, returnTo: `/exams/${encodeURIComponent(examId)}` });
  const exam = await loadExam(user, examId);
  // An ended sitting (graded on this read if its deadline passed) shows its report instead.
  if (exam.status === "finished") redirect(`/exams/${exam.id}/report`);

  return (
    <>
      <p>
        <Link href="/exams">← Exams</Link>
      </p>
      <ExamRunner examId={exam.id} title={exam.title} deadline={exam.deadline} serverNow={exam.serverNow} items={exam.items} />
    </>
  );
}
