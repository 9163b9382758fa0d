"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import { createCourse, regenerateJoinCode, removeStudent } from "@/lib/courses/service";
import { TEACHING_ROLES } from "@/lib/courses/access";
import { defineAction } from "@/lib/http/server-action";

const courseIdSchema = z.object({ courseId: z.string().min(1, "Missing course id.") });

/** Creates a course taught by the signed-in instructor. */
export const createCourseAction = defineAction(
  { name: "create-course", schema: z.object({ title: z.string().trim().min(1, "Enter a course title.").max(200, "Use at most 200 characters.") }), access: { roles: TEACHING_ROLES } },
  async ({ input, user }) => {
    const course = await createCourse(user, input);
    revalidatePath("/instructor");
    return { status: "success", message: `Created "${course.title}" with join code ${course.joinCode}.` };
  },
);

/** Replaces the course's join code; the old code stops working for new sign-ups. */
export const regenerateJoinCodeAction = defineAction(
  { name: "regenerate-join-code", schema: courseIdSchema, access: { roles: TEACHING_ROLES } },
  async ({ input, user }) => {
    const course = await regenerateJoinCode(user, input.courseId);
    revalidatePath(`/instructor/courses/${course.id}`);
    return { status: "success", message: `The new join code is ${course.joinCode}. The old code no longer works.` };
  },
);

/** Removes a student from the course after the form's confirmation step; submissions are kept. */
export const removeStudentAction = defineAction(
  {
    name: "remove-student",
    schema: courseIdSchema.extend({ userId: z.string().min(1, "Missing student id."), confirm: z.literal("yes", { message: "Confirm the removal first." }) }),
    access: { roles: TEACHING_ROLES },
  },
  async ({ input, user }) => {
    await removeStudent(user, input.courseId, input.userId);
    revalidatePath(`/instructor/courses/${input.courseId}`);
    return { status: "success", message: "The student was removed from the course. Their submissions are kept." };
  },
);
