import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";

import { AppError } from "@/lib/http/app-error";
import { selectUserById } from "@/lib/db";

import { getAuthOptions } from "./options";
import { isRole, type Role } from "./roles";

/** next-auth 4's session cookie names over http and https; a large token is split into `<name>.0`, `<name>.1`. */
const SESSION_COOKIE_NAMES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

/** The signed-in user as the server sees it after checking the session against the database. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/**
 * Returns the signed-in user, or null without a valid session. The role is read from the user
 * row, not from the token, so a role change or a deleted account takes effect on the next request.
 * Cached per request, so the layout and the page share one lookup.
 */
export const getSessionUser = cache(async function getSessionUser(): Promise<SessionUser | null> {
  // Without a session cookie there is nothing to decode. Reading cookies first also marks the page
  // as dynamic before the auth options (and the environment) are loaded during `next build`.
  const cookieStore = await cookies();
  const hasSessionCookie = cookieStore
    .getAll()
    .some(({ name }) => SESSION_COOKIE_NAMES.some((sessionName) => name === sessionName || name.startsWith(`${sessionName}.`)));
  if (!hasSessionCookie) return null;

  const session = await getServerSession(getAuthOptions());
  const userId = session?.user?.id;
  if (userId === undefined) return null;

  const user = await selectUserById({ userId });
  if (user === null || !isRole(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});

/**
 * Returns the signed-in user or throws AppError "unauthenticated" (no session) or "forbidden"
 * (role not in `roles`). For route handlers and server actions; pages use requirePageUser.
 */
export async function requireUser({ roles }: { roles?: readonly Role[] } = {}): Promise<SessionUser> {
  const user = await getSessionUser();
  if (user === null) throw new AppError("unauthenticated", "Sign in to continue.");
  if (roles !== undefined && !roles.includes(user.role)) {
    throw new AppError("forbidden", `This needs one of the roles: ${roles.join(", ")}.`);
  }
  return user;
}

/**
 * Page variant of requireUser: redirects to /signin (returning to `returnTo` afterwards) without a
 * session and renders the 403 page for a wrong role.
 */
export async function requirePageUser({ roles, returnTo }: { roles?: readonly Role[]; returnTo: string }): Promise<SessionUser> {
  const user = await getSessionUser();
  if (user === null) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (roles !== undefined && !roles.includes(user.role)) forbidden();
  return user;
}
