import { forbidden, notFound } from "next/navigation";

import { isAppError } from "@/lib/http/app-error";

/**
 * Runs a course service for a page and turns its access errors into the 403 and 404 pages, so
 * a page shows the same outcome that the API route returns as JSON.
 */
export async function loadForPage<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isAppError(error) && error.code === "forbidden") forbidden();
    if (isAppError(error) && (error.code === "not_found" || error.code === "invalid_input")) notFound();
    throw error;
  }
}

export function percent(fraction: number | null): string {
  return fraction === null ? "—" : `${(fraction * 100).toFixed(1)}%`;
}

export function formatDate(date: Date | null): string {
  if (date === null) return "never";
  return date.toLocaleString("en-GB", { timeZone: "UTC", dateStyle: "medium", timeStyle: "short" }) + " UTC";
}
