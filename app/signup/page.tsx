import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { getSessionUser } from "@/lib/auth/session";

import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Sign up" };

export default async function SignUpPage() {
  if ((await getSessionUser()) !== null) redirect("/");

  return (
    <>
      <h1>Create a student account</h1>
      <p>You need the join code of your course; your instructor gives it out.</p>
      <SignUpForm />
      <p>
        Already have an account? <Link href="/signin">Sign in</Link>.
      </p>
    </>
  );
}
