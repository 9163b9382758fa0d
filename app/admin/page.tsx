import type { Metadata } from "next";
import Link from "next/link";

import { requirePageUser } from "@/lib/auth/session";
import { listUsers } from "@/lib/courses/admin";

import { formatDate } from "../instructor/guard";
import "../instructor/teaching.css";
import { CreateInstructorForm, RoleForm } from "./forms";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser({ roles: ["admin"], returnTo: "/admin" });
  const query = await searchParams;
  const page = typeof query.page === "string" && /^\d{1,6}$/.test(query.page) ? Number(query.page) : 0;
  const { users, total, pageSize } = await listUsers(user, page);
  const lastPage = Math.max(0, Math.ceil(total / pageSize) - 1);

  return (
    <>
      <h1>Admin</h1>
      <p>
        {total} accounts. Courses are listed under <Link href="/instructor">Teaching</Link>.
      </p>
      <CreateInstructorForm />
      <div className="table-scroll">
        <table className="data-table">
          <caption>
            Accounts, page {page + 1} of {lastPage + 1}
          </caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Name</th>
              <th scope="col">Created</th>
              <th scope="col">Last active</th>
              <th scope="col">Role</th>
            </tr>
          </thead>
          <tbody>
            {users.map((account) => (
              <tr key={account.id}>
                <td>{account.email}</td>
                <td>{account.name}</td>
                <td>{formatDate(account.createdAt)}</td>
                <td>{formatDate(account.lastActiveAt)}</td>
                <td>
                  <RoleForm userId={account.id} email={account.email} role={account.role} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Account pages" className="actions">
        {page > 0 ? <Link href={`/admin?page=${page - 1}`}>Previous page</Link> : null}
        {page < lastPage ? <Link href={`/admin?page=${page + 1}`}>Next page</Link> : null}
      </nav>
    </>
  );
}
