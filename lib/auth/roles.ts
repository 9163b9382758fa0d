/** Roles a user can hold; stored on the user row and copied into the session token at sign-in. */
export const ROLES = ["student", "instructor", "admin"] as const;

export type Role = (typeof ROLES)[number];

/** Roles that may practise questions: instructors practise to try their own questions. */
export const PRACTICE_ROLES: readonly Role[] = ["student", "instructor", "admin"];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
