"use server";

import { redirect } from "next/navigation";

import { signUpSchema } from "@/lib/auth/schemas";
import { signUpStudent } from "@/lib/auth/sign-up";
import { defineAction } from "@/lib/http/server-action";

/** Creates a student account from the sign-up form, then sends the student to sign in. */
export const signUpAction = defineAction({ name: "sign-up", schema: signUpSchema, access: "public" }, async ({ input }) => {
  await signUpStudent(input);
  redirect("/signin?registered=1");
});
