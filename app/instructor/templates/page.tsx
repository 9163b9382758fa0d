import type { Metadata } from "next";
import Link from "next/link";

import { requirePageUser } from "@/lib/auth/session";
import { AUTHORING_ROLES, listTeachingCourses, listTemplates } from "@/lib/authoring";

import { NewTemplateForm } from "./new-template-form";
import styles from "./templates.module.css";

export const metadata: Metadata = { title: "Question templates" };

export default async function TemplatesPage() {
  const user = await requirePageUser({ roles: AUTHORING_ROLES, returnTo: "/instructor/templates" });
  const [templates, courses] = await Promise.all([listTemplates(user), listTeachingCourses(user)]);

  return (
    <>
      <h1>Question templates</h1>
      <p>
        Write randomized questions as JSON, preview them seed by seed, test them over many seeds and publish them to the students
        of your course. The editor lists the functions a template may call.
      </p>
      <section className="card" aria-labelledby="templates-heading">
        <h2 id="templates-heading">Your templates</h2>
        {templates.length === 0 ? (
          <p>No templates yet. Create one below.</p>
        ) : (
          <div className={styles.tableWrap}>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">Title</th>
                  <th scope="col">Question id</th>
                  <th scope="col">Course</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {templates.map((template) => (
                  <tr key={template.id}>
                    <td>
                      <Link href={`/instructor/templates/${template.id}`}>{template.title}</Link>
                    </td>
                    <td>
                      <code>{template.questionId}</code>
                    </td>
                    <td>{template.courseTitle}</td>
                    <td>{template.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="new-template-heading">
        <h2 id="new-template-heading">New template</h2>
        {courses.length === 0 ? <p>You teach no course yet, so you cannot create templates.</p> : <NewTemplateForm courses={courses} />}
      </section>
    </>
  );
}
