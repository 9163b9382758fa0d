import Link from "next/link";

import type { StudentPage } from "@/lib/analytics/student-pages";

type PagePosition = Omit<StudentPage<unknown>, "rows">;

/** Builds a link to `path` with the student list parameters, plus `keep` (for example `question`) and a fragment. */
function studentListHref(path: string, params: { page: number; search: string; keep?: Record<string, string> }, fragment: string): string {
  const query = new URLSearchParams(params.keep);
  if (params.search !== "") query.set("student", params.search);
  if (params.page > 1) query.set("page", String(params.page));
  const text = query.toString();
  return `${path}${text === "" ? "" : `?${text}`}${fragment}`;
}

/**
 * Search box and Previous/Next links of a paginated student list. The search is a GET form, so
 * it works without JavaScript and every page has its own URL.
 */
export function StudentListControls({
  path,
  position,
  label,
  fragment = "",
  keep,
}: {
  /** Page path without a query string. */
  path: string;
  position: PagePosition;
  /** Name of the list, such as "Roster", used in the accessible names of the controls. */
  label: string;
  /** "#id" of the list's heading, so links and the search return to it. */
  fragment?: string;
  /** Other query parameters of the page to keep in the links. */
  keep?: Record<string, string>;
}) {
  const { page, pageCount, search } = position;
  return (
    <>
      {position.notices.map((notice) => (
        <p className="notice warning" role="status" key={notice}>
          {notice}
        </p>
      ))}
      <form method="get" action={`${path}${fragment}`} className="student-search" role="search" aria-label={`Search the ${label.toLowerCase()}`}>
        {keep === undefined ? null : Object.entries(keep).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
        <label>
          Name or email
          <input type="search" name="student" defaultValue={search} maxLength={100} />
        </label>
        <button type="submit">Search</button>
        {search === "" ? null : <Link href={studentListHref(path, { page: 1, search: "", keep }, fragment)}>Show all students</Link>}
      </form>
      <nav aria-label={`${label} pages`} className="actions">
        {page > 1 ? <Link href={studentListHref(path, { page: page - 1, search, keep }, fragment)}>Previous<span className="visually-hidden"> page</span></Link> : null}
        <span>
          Page {page} of {pageCount}
        </span>
        {page < pageCount ? <Link href={studentListHref(path, { page: page + 1, search, keep }, fragment)}>Next<span className="visually-hidden"> page</span></Link> : null}
      </nav>
    </>
  );
}

/** Sentence for a table caption: which students of how many the table shows. */
export function describeStudentRange(position: PagePosition, rowCount: number): string {
  if (rowCount === 0) return position.search === "" ? "No students." : `No student matches "${position.search}".`;
  const first = (position.page - 1) * position.pageSize + 1;
  const range = `Students ${first} to ${first + rowCount - 1}`;
  return position.search === ""
    ? `${range} of ${position.total}, by name.`
    : `${range} of ${position.matched} matching "${position.search}" (${position.total} enrolled), by name.`;
}
