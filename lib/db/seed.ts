import { hashPassword } from "@/lib/auth/password";
import { logger } from "@/lib/log";
import { seedDemoAssessment } from "./assessments";
import { isDbError } from "./errors";
import type { Db } from "./index";
import { seedDemoTemplate } from "./templates-seed";
import type { CourseRecord, EnrollmentRole, UserRecord, UserRole } from "./records";

// Demo accounts for trying the platform locally. Their passwords are
// published in the docs, so seed only databases that hold no real students.

export type DemoAccount = {
  email: string;
  name: string;
  password: string;
  role: UserRole;
  courseRole: EnrollmentRole;
};

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    email: "instructor@example.edu",
    name: "Demo Instructor",
    password: "instructor-demo",
    role: "instructor",
    courseRole: "instructor",
  },
  {
    email: "student1@example.edu",
    name: "Demo Student One",
    password: "student-demo",
    role: "student",
    courseRole: "student",
  },
  {
    email: "student2@example.edu",
    name: "Demo Student Two",
    password: "student-demo",
    role: "student",
    courseRole: "student",
  },
];

export const DEMO_COURSE = { title: "Statistical Learning: Neural Networks", joinCode: "NEURAL-2026" } as const;

export type SeedSummary = {
  createdUsers: number;
  createdCourses: number;
  createdEnrollments: number;
};

/**
 * Inserts the demo course and accounts and enrolls them. Idempotent: rows
 * that exist (matched by e-mail and join code) are kept as they are,
 * including changed passwords, so a second run creates nothing.
 */
export async function seedDemoData(db: Db): Promise<SeedSummary> {
  const summary: SeedSummary = { createdUsers: 0, createdCourses: 0, createdEnrollments: 0 };

  const course = await ensureCourse(db, summary);
  for (const account of DEMO_ACCOUNTS) {
    const user = await ensureUser(db, account, summary);
    const { created } = await db.insertEnrollment({ userId: user.id, courseId: course.id, role: account.courseRole });
    if (created) summary.createdEnrollments += 1;
  }

  await seedDemoAssessment(db, { courseId: course.id, instructorEmail: "instructor@example.edu" });
  await seedDemoTemplate(db, { joinCode: DEMO_COURSE.joinCode, authorEmail: DEMO_ACCOUNTS[0]!.email });
  logger.info({ ...summary, joinCode: course.joinCode }, "demo data seeded");
  return summary;
}

async function ensureCourse(db: Db, summary: SeedSummary): Promise<CourseRecord> {
  const existing = await db.selectCourseByJoinCode({ joinCode: DEMO_COURSE.joinCode });
  if (existing !== null) return existing;
  try {
    const course = await db.insertCourse(DEMO_COURSE);
    summary.createdCourses += 1;
    return course;
  } catch (error) {
    // Another process seeded the course between the lookup and the insert.
    const winner = isDbError(error, "conflict") ? await db.selectCourseByJoinCode({ joinCode: DEMO_COURSE.joinCode }) : null;
    if (winner === null) throw error;
    return winner;
  }
}

async function ensureUser(db: Db, account: DemoAccount, summary: SeedSummary): Promise<UserRecord> {
  const existing = await db.selectUserByEmail({ email: account.email });
  if (existing !== null) return existing;

  const passwordHash = await hashPassword(account.password);
  try {
    const user = await db.insertUser({ email: account.email, name: account.name, passwordHash, role: account.role });
    summary.createdUsers += 1;
    return user;
  } catch (error) {
    const winner = isDbError(error, "conflict") ? await db.selectUserByEmail({ email: account.email }) : null;
    if (winner === null) throw error;
    return winner;
  }
}
