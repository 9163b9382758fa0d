/**
 * Keeps a post-sign-in destination on this site: only a path starting with a single "/" is
 * accepted, so a crafted link cannot send the user to another host after signing in.
 */
export function safeCallbackPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) {
    return fallback;
  }
  return value;
}
