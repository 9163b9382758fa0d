"use server";

import { revalidatePath } from "next/cache";

import { createInstructor, createInstructorSchema, setRoleSchema, setUserRole } from "@/lib/courses/admin";
import { defineAction } from "@/lib/http/server-action";

/** Creates an instructor account with the given password; the instructor signs in with it. */
export const createInstructorAction = defineAction(
  { name: "create-instructor", schema: createInstructorSchema, access: { roles: ["admin"] } },
  async ({ input, user }) => {
    const created = await createInstructor(user, input);
    revalidatePath("/admin");
    return { status: "success", message: `Created the instructor account ${created.email}.` };
  },
);

/** Promotes or demotes a user; the last admin keeps the role. */
export const setRoleAction = defineAction({ name: "set-role", schema: setRoleSchema, access: { roles: ["admin"] } }, async ({ input, user }) => {
  const updated = await setUserRole(user, input);
  revalidatePath("/admin");
  return { status: "success", message: `${updated.email} is now ${updated.role}.` };
});
