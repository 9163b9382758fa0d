import { z } from "zod";

/** Students per page of the roster table and the mastery heatmap. */
export const STUDENTS_PER_PAGE = 50;
/** Longest accepted search text, in characters. */
export const MAX_STUDENT_SEARCH_LENGTH = 100;

/** Raw URL search parameters of a page, as Next.js passes them. */
export type PageSearchParams = Record<string, string | string[] | undefined>;

/** Requested page (1-based) and search text of a student list. Notices explain replaced values. */
export interface StudentListQuery {
  page: number;
  search: string;
  notices: string[];
}

/** One page of a student list and where it sits in the whole list. */
export interface StudentPage<T> {
  rows: T[];
  /** 1-based page shown, which is 1 when nothing matches. */
  page: number;
  /** Pages of the matching students, at least 1. */
  pageCount: number;
  pageSize: number;
  /** Students that match the search (all students without one). */
  matched: number;
  /** All students of the course. */
  total: number;
  search: string;
  /** Messages about parameters that were invalid or out of range and what was shown instead. */
  notices: string[];
}

const pageSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(Number.MAX_SAFE_INTEGER);
const searchSchema = z.string().trim().max(MAX_STUDENT_SEARCH_LENGTH);

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Parses `?page=` and `?student=` of a page URL. Invalid values never raise: they fall back to
 * page 1 or no search, and a notice names the value and the fix.
 */
export function parseStudentListQuery(query: PageSearchParams): StudentListQuery {
  const notices: string[] = [];
  let page = 1;
  const rawPage = firstValue(query.page);
  if (rawPage !== undefined && rawPage !== "") {
    const parsed = /^\d+$/.test(rawPage.trim()) ? pageSchema.safeParse(rawPage.trim()) : null;
    if (parsed?.success) {
      page = parsed.data;
    } else {
      notices.push(`"${rawPage.slice(0, 40)}" is not a page number, so page 1 is shown. Use a whole number of 1 or more.`);
    }
  }

  let search = "";
  const rawSearch = firstValue(query.student);
  if (rawSearch !== undefined) {
    const parsed = searchSchema.safeParse(rawSearch);
    if (parsed.success) {
      search = parsed.data;
    } else {
      notices.push(`The search text is longer than ${MAX_STUDENT_SEARCH_LENGTH} characters, so all students are shown. Search for part of a name or email.`);
    }
  }
  return { page, search, notices };
}

/**
 * Orders students by name, then email, ignoring letter case, so "ada" sits next to "Ada" instead
 * of after "Zoe". Remaining ties fall back to code-unit order, which makes the order total.
 */
export function compareStudents(a: { name: string; email: string }, b: { name: string; email: string }): number {
  const keys: [string, string][] = [
    [a.name.toLowerCase(), b.name.toLowerCase()],
    [a.email.toLowerCase(), b.email.toLowerCase()],
    [a.name, b.name],
    [a.email, b.email],
  ];
  for (const [left, right] of keys) {
    if (left !== right) return left < right ? -1 : 1;
  }
  return 0;
}

/**
 * Returns one page of `students` whose name or email contains `query.search` (ignoring letter
 * case), sorted with `compareStudents`. A page past the end shows the last page with a notice.
 */
export function pageStudents<T extends { name: string; email: string }>(
  students: readonly T[],
  query: StudentListQuery,
  pageSize: number = STUDENTS_PER_PAGE,
): StudentPage<T> {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`pageSize must be a whole number of 1 or more, got ${pageSize}.`);
  const needle = query.search.toLowerCase();
  const matching = students
    .filter((student) => needle === "" || student.name.toLowerCase().includes(needle) || student.email.toLowerCase().includes(needle))
    .sort(compareStudents);
  const pageCount = Math.max(1, Math.ceil(matching.length / pageSize));
  const notices = [...query.notices];
  let page = query.page;
  if (page > pageCount) {
    notices.push(`Page ${page} does not exist, so page ${pageCount}, the last one, is shown.`);
    page = pageCount;
  }
  const start = (page - 1) * pageSize;
  return {
    rows: matching.slice(start, start + pageSize),
    page,
    pageCount,
    pageSize,
    matched: matching.length,
    total: students.length,
    search: query.search,
    notices,
  };
}
