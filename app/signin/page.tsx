import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { safeCallbackPath } from "@/lib/auth/callback-url";
import { getSessionUser } from "@/lib/auth/session";

import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const callbackPath = safeCallbackPath(query.callbackUrl);
  if ((await getSessionUser()) !== null) redirect(callbackPath);

  return (
    <>
      <h1>Sign in</h1>
      {query.registered === "1" ? (
        <p className="notice success" role="status">
          Your account was created. Sign in with your email and password.
        </p>
      ) : null}
      <SignInForm callbackPath={callbackPath} />
      <p>
        New student? <Link href="/signup">Create an account with your course join code</Link>.
      </p>
    </>
  );
}
