import type { Metadata } from "next";
import Link from "next/link";

import { requirePageUser } from "@/lib/auth/session";
import { TEACHING_ROLES } from "@/lib/courses/access";
import { listTeachingCourses } from "@/lib/courses/service";

import { CreateCourseForm } from "./forms";
import "./teaching.css";

export const metadata: Metadata = { title: "Teaching" };

export default async function InstructorPage() {
  const user = await requirePageUser({ roles: TEACHING_ROLES, returnTo: "/instructor" });
  const courses = await listTeachingCourses(user);

  return (
    <>
      <h1>Teaching</h1>
      <p>
        {user.role === "admin" ? "As an admin you see every course." : "The courses you teach."} Question templates:{" "}
        <Link href="/instructor/templates">templates</Link>.
      </p>
      {courses.length === 0 ? (
        <p>You teach no course yet. Create one below.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption>Courses</caption>
            <thead>
              <tr>
                <th scope="col">Course</th>
                <th scope="col">Join code</th>
                <th scope="col">Students</th>
              </tr>
            </thead>
            <tbody>
              {courses.map((course) => (
                <tr key={course.id}>
                  <td>
                    <Link href={`/instructor/courses/${course.id}`}>{course.title}</Link>
                  </td>
                  <td className="join-code">{course.joinCode}</td>
                  <td className="number">{course.studentCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CreateCourseForm />
    </>
  );
}
